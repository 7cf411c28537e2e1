"""The audit report's charts: inline SVG drawn here, so the report needs no script and fetches nothing.

Every label that comes from the data (sender, period) goes through `html.escape`.
"""

from __future__ import annotations

import html

from scriptlint.audit.aggregate import Aggregates, Stats
from scriptlint.audit.labels import pct
from scriptlint.audit.redact import Redactor
from scriptlint.audit.replies import Rate, ReplyTable, wilson

e = html.escape

RED, AMBER, GREEN, INK, MUTED, GRID, ACCENT = (
    "#c2410c",
    "#d97706",
    "#15803d",
    "#1f2937",
    "#6b7280",
    "#e5e7eb",
    "#4f46e5",
)


def _share_colour(share: float) -> str:
    return RED if share >= 0.4 else AMBER if share >= 0.2 else GREEN


def sender_chart(agg: Aggregates, redact: Redactor, limit: int = 25) -> str:
    """Horizontal bars: share of purposeless messages per sender, the team's share as a dashed line."""
    rows = agg.ranked_senders()[:limit]
    label_w, bar_w, right_w, row_h = 230, 520, 150, 26
    width = label_w + bar_w + right_w
    height = 34 + row_h * len(rows) + 10
    scale = max([s.share_purposeless for _, s in rows] + [agg.team.share_purposeless, 0.05])
    scale = min(1.0, (int(scale * 10) + 1) / 10)  # round the axis up to the next 10%
    parts = [
        f'<svg class="chart" role="img" aria-label="Share of purposeless messages per sender" '
        f'viewBox="0 0 {width} {height}" width="100%">'
    ]
    for tick in range(0, 11):
        value = scale * tick / 10
        if tick % 2:
            continue
        x = label_w + bar_w * tick / 10
        parts.append(f'<line x1="{x:.1f}" y1="24" x2="{x:.1f}" y2="{height - 8}" stroke="{GRID}"/>')
        parts.append(f'<text x="{x:.1f}" y="16" font-size="11" fill="{MUTED}" text-anchor="middle">{pct(value)}</text>')
    for i, (sender, stats) in enumerate(rows):
        y = 30 + i * row_h
        w = bar_w * stats.share_purposeless / scale
        name = redact.sender(sender)
        short = name if len(name) <= 32 else name[:31] + "…"
        parts.append(
            f'<text x="{label_w - 10}" y="{y + 15}" font-size="12" fill="{INK}" text-anchor="end">'
            f"<title>{e(name)}</title>{e(short)}</text>"
        )
        parts.append(
            f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{max(w, 1.5):.1f}" height="{row_h - 8}" rx="3" '
            f'fill="{_share_colour(stats.share_purposeless)}"><title>{e(name)}: {pct(stats.share_purposeless)} '
            f"purposeless of {stats.messages} messages</title></rect>"
        )
        parts.append(
            f'<text x="{label_w + w + 6:.1f}" y="{y + 15}" font-size="12" fill="{INK}">{pct(stats.share_purposeless)}</text>'
        )
        parts.append(
            f'<text x="{width - 4}" y="{y + 15}" font-size="11" fill="{MUTED}" text-anchor="end">'
            f"{stats.messages} msgs · {stats.findings_per_100:.0f}/100</text>"
        )
    tx = label_w + bar_w * agg.team.share_purposeless / scale
    parts.append(
        f'<line x1="{tx:.1f}" y1="24" x2="{tx:.1f}" y2="{height - 8}" stroke="{INK}" stroke-dasharray="4 3">'
        f"<title>Team: {pct(agg.team.share_purposeless)}</title></line>"
    )
    parts.append("</svg>")
    return "".join(parts)


def trend_chart(agg: Aggregates) -> str:
    """Share of purposeless messages per period (line) over message volume (grey columns)."""
    periods = sorted(agg.trend.items())
    width, height, left, right, top, bottom = 900, 280, 48, 48, 20, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(periods)
    step = plot_w / max(n, 1)
    top_share = max([s.share_purposeless for _, s in periods] + [0.05])
    scale = min(1.0, (int(top_share * 10) + 1) / 10)
    tick_step = max(1, -(-max([s.messages for _, s in periods] + [1]) // 5))
    most = tick_step * 5  # a whole number of messages per gridline
    parts = [
        f'<svg class="chart" role="img" aria-label="Trend of purposeless messages by {agg.period}" '
        f'viewBox="0 0 {width} {height}" width="100%">'
    ]
    for tick in range(0, 6):
        y = top + plot_h - plot_h * tick / 5
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" fill="{MUTED}" text-anchor="end">{pct(scale * tick / 5)}</text>'
        )
        parts.append(
            f'<text x="{width - right + 6}" y="{y + 4:.1f}" font-size="11" fill="{MUTED}">{tick_step * tick}</text>'
        )
    points: list[tuple[float, float, str, Stats]] = []
    label_every = max(1, -(-n // max(1, int(plot_w // 90))))  # about 90px per date label
    for i, (period, stats) in enumerate(periods):
        cx = left + step * (i + 0.5)
        bh = plot_h * stats.messages / most
        parts.append(
            f'<rect class="volume" x="{cx - step * 0.35:.1f}" y="{top + plot_h - bh:.1f}" width="{step * 0.7:.1f}" '
            f'height="{bh:.1f}" fill="#e0e7ff"><title>{e(period)}: {stats.messages} messages</title></rect>'
        )
        y = top + plot_h - plot_h * stats.share_purposeless / scale
        points.append((cx, y, period, stats))
        if i % label_every == 0:
            parts.append(
                f'<text x="{cx:.1f}" y="{height - bottom + 16}" font-size="11" fill="{MUTED}" text-anchor="middle">{e(period)}</text>'
            )
    parts += _share_line(points)
    parts.append(
        f'<text x="{left}" y="{height - 8}" font-size="11" fill="{RED}">━ share purposeless (left axis)</text>'
    )
    parts.append(
        f'<text x="{width - right}" y="{height - 8}" font-size="11" fill="{MUTED}" text-anchor="end">'
        f"▮ messages per {agg.period} (right axis)</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _share_line(points: list[tuple[float, float, str, Stats]]) -> list[str]:
    """The trend's share line, a dot per period with its figures on hover."""
    if not points:
        return []
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
    parts = [f'<polyline points="{path}" fill="none" stroke="{RED}" stroke-width="2.5" stroke-linejoin="round"/>']
    for x, y, period, stats in points:
        parts.append(
            f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{RED}"><title>{e(period)}: '
            f"{pct(stats.share_purposeless)} purposeless of {stats.messages}</title></circle>"
        )
    return parts


def score_chart(stats: Stats) -> str:
    """How purpose scores are spread: ten columns of 10 points each."""
    buckets = [sum(stats.scores[i * 10 : i * 10 + 10]) for i in range(10)]
    buckets[9] += stats.scores[100]
    width, height, left, bottom = 420, 200, 10, 34
    most = max(buckets + [1])
    bar = (width - 2 * left) / 10
    parts = [
        f'<svg class="chart" role="img" aria-label="Purpose score distribution" viewBox="0 0 {width} {height}" '
        f'width="100%">'
    ]
    for i, count in enumerate(buckets):
        h = (height - bottom - 16) * count / most
        x = left + i * bar
        colour = RED if i < 3 else AMBER if i < 6 else GREEN
        parts.append(
            f'<rect class="bucket" x="{x + 2:.1f}" y="{height - bottom - h:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" '
            f'rx="2" fill="{colour}"><title>score {i * 10}–{i * 10 + 9 if i < 9 else 100}: {count}</title></rect>'
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 14}" font-size="10" fill="{MUTED}" text-anchor="middle">{i * 10}</text>'
        )
    parts.append(
        f'<text x="{width / 2}" y="{height - 4}" font-size="11" fill="{MUTED}" text-anchor="middle">purpose score (higher is better)</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def sparkline(agg: Aggregates, sender: str) -> str:
    """A sender's purposeless share per period, on the team's periods (gaps where they sent nothing)."""
    periods = sorted(agg.trend)
    volume = agg.sender_volume.get(sender, {})
    hits = agg.sender_trend.get(sender, {})
    if len(periods) < 2 or not volume:
        return ""
    width, height = 120, 24
    step = width / (len(periods) - 1)
    segments, current = [], []
    for i, period in enumerate(periods):
        if volume.get(period):
            current.append(f"{i * step:.1f},{height - 2 - (height - 4) * hits.get(period, 0) / volume[period]:.1f}")
        elif current:
            segments.append(current)
            current = []
    if current:
        segments.append(current)
    lines = "".join(
        f'<polyline points="{" ".join(s)}" fill="none" stroke="{ACCENT}" stroke-width="1.5"/>'
        if len(s) > 1
        else f'<circle cx="{s[0].split(",")[0]}" cy="{s[0].split(",")[1]}" r="1.8" fill="{ACCENT}"/>'
        for s in segments
    )
    return (
        f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'><line x1="0" y1="{height - 2}" x2="{width}" y2="{height - 2}" '
        f'stroke="{GRID}"/>{lines}</svg>'
    )


def reply_chart(replies: ReplyTable) -> str:
    """Reply rate of purposeless vs purposeful messages (all, first touches, follow-ups), 95% intervals as whiskers."""
    groups = (("all", "All messages"), ("first_touch", "First touches"), ("follow_up", "Follow-ups"))
    label_w, bar_w, right_w, bar_h, gap = 170, 520, 190, 20, 16
    width = label_w + bar_w + right_w
    height = 30 + len(groups) * (2 * bar_h + gap + 8) + 8
    parts = [
        f'<svg class="chart" role="img" aria-label="Reply rate of purposeless and purposeful messages" '
        f'viewBox="0 0 {width} {height}" width="100%">'
    ]
    for tick in range(0, 11, 2):
        x = label_w + bar_w * tick / 10
        parts.append(f'<line x1="{x:.1f}" y1="22" x2="{x:.1f}" y2="{height - 6}" stroke="{GRID}"/>')
        parts.append(f'<text x="{x:.1f}" y="14" font-size="11" fill="{MUTED}" text-anchor="middle">{tick * 10}%</text>')
    y = 28
    for kind, label in groups:
        parts.append(
            f'<text x="{label_w - 10}" y="{y + bar_h + 4}" font-size="12" fill="{INK}" text-anchor="end">{label}</text>'
        )
        for verdict, colour in (("purposeless", RED), ("purposeful", GREEN)):
            parts += _reply_bar(replies.rate(kind, verdict), verdict, colour, label_w, bar_w, y, bar_h)
            y += bar_h + 4
        y += gap + 4
    parts.append("</svg>")
    return "".join(parts)


def _reply_bar(rate: Rate, verdict: str, colour: str, left: float, scale: float, y: float, h: float) -> list[str]:
    """One bar with its Wilson interval as a whisker; the count on the right."""
    low, high = wilson(rate.replied, rate.messages)
    w = scale * rate.rate
    tip = (
        f"{verdict}: {rate.replied} of {rate.messages} replied ({pct(rate.rate)}; 95% interval {pct(low)}–{pct(high)})"
    )
    mid = y + h / 2
    parts = [
        f'<rect class="reply-bar {verdict}" x="{left}" y="{y:.1f}" width="{max(w, 1.5):.1f}" height="{h}" rx="3" '
        f'fill="{colour}" fill-opacity="0.85"><title>{e(tip)}</title></rect>'
    ]
    if rate.messages:
        x1, x2 = left + scale * low, left + scale * high
        parts.append(
            f'<g class="ci" stroke="{INK}" stroke-width="1.5"><line x1="{x1:.1f}" y1="{mid:.1f}" x2="{x2:.1f}" y2="{mid:.1f}"/>'
            f'<line x1="{x1:.1f}" y1="{mid - 5:.1f}" x2="{x1:.1f}" y2="{mid + 5:.1f}"/>'
            f'<line x1="{x2:.1f}" y1="{mid - 5:.1f}" x2="{x2:.1f}" y2="{mid + 5:.1f}"/></g>'
        )
    parts.append(
        f'<text x="{left + scale + 8}" y="{mid + 4:.1f}" font-size="11" fill="{MUTED}">{verdict}: '
        f"{pct(rate.rate) if rate.messages else '–'} of {rate.messages}</text>"
    )
    return parts
