"""Audit renderers: Rich tables for the terminal, a summary file, and one self-contained HTML report.

The HTML has no scripts and fetches nothing (inline CSS, inline SVG drawn here), so it can be mailed
to a manager or opened offline. Every piece of message text goes through `html.escape`; with
`--redact`, email addresses and phone numbers are hidden before anything is rendered.
"""

from __future__ import annotations

import csv
import html
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from scriptlint.audit.run import Aggregates, Example, Stats
from scriptlint.errors import InputError
from scriptlint.text.lexicon import EMAIL_ADDRESS, PHONE_LIKE


class Redactor:
    """Hides email addresses and phone numbers; senders get a stable masked label (`s•••@acme.com`)."""

    def __init__(self, enabled: bool = False):
        self.enabled = enabled
        self._labels: dict[str, str] = {}
        self._used: set[str] = set()

    def text(self, value: str | None) -> str:
        if not value:
            return value or ""
        if not self.enabled:
            return value
        value = EMAIL_ADDRESS.sub("[email]", value)
        return PHONE_LIKE.sub(
            lambda m: "[phone]" if 9 <= sum(c.isdigit() for c in m.group()) <= 15 else m.group(), value
        )

    def sender(self, value: str | None) -> str:
        value = value or "(unknown sender)"
        if not self.enabled:
            return value
        if value not in self._labels:
            local, at, domain = value.partition("@")
            label = f"{local[:1]}•••@{domain}" if at else f"{value[:1]}•••"
            base, n = label, 2
            while label in self._used:
                label, n = f"{base} ({n})", n + 1
            self._used.add(label)
            self._labels[value] = label
        return self._labels[value]


def pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _date(iso: str | None) -> str:
    return iso[:10] if iso else "undated"


def _top(counter_items: list[dict[str, Any]], key: str, n: int = 3) -> str:
    return ", ".join(f"{item[key]} ({item['count']})" for item in counter_items[:n])


def date_range(stats: Stats) -> str:
    if not stats.first:
        return "no dates"
    return f"{_date(stats.first)} to {_date(stats.last)}"


# --- terminal -----------------------------------------------------------------------------------


def render_terminal(agg: Aggregates, console: Any, redact: Redactor | None = None, *, examples: int = 3) -> None:
    """Tables a team lead can read in a terminal (plain text when output is not a terminal)."""
    from rich.table import Table
    from rich.text import Text

    redact = redact or Redactor()
    team = agg.team
    if not team.messages:
        console.print(Text(f"No messages to report on ({agg.errors} unreadable).", style="yellow"))
        return
    console.print(
        Text(f"Audit of {team.messages} messages from {len(agg.senders)} senders, {date_range(team)}", style="bold")
    )
    names = agg.rule_names
    overview = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("Messages", "Purposeless", "Findings/100", "Median score", "Unreadable"):
        overview.add_column(column, justify="right")
    overview.add_row(
        str(team.messages),
        f"{team.purposeless} ({pct(team.share_purposeless)})",
        f"{team.findings_per_100:.1f}",
        _score(team.median_score),
        str(agg.errors),
    )
    console.print(overview)
    console.print()

    senders = Table(
        title="By sender (most purposeless first)",
        title_justify="left",
        title_style="bold",
        box=None,
        header_style="bold",
        pad_edge=False,
    )
    ranked = agg.ranked_senders()
    sender_w = min(max(len(redact.sender(s)) for s, _ in ranked), 40)
    phrases_w = console.width - sender_w - 58  # what the number columns leave; narrow terminals drop it
    senders.add_column("Sender", no_wrap=True, overflow="ellipsis", max_width=40)
    for column in ("Messages", "Purposeless", "Findings/100", "Median score"):
        senders.add_column(column, justify="right", no_wrap=True)
    if phrases_w >= 16:
        senders.add_column("Top phrases", overflow="ellipsis", no_wrap=True, max_width=min(phrases_w, 60))
    for sender, stats in ranked:
        style = "red" if stats.share_purposeless >= 0.4 else "yellow" if stats.share_purposeless >= 0.2 else None
        row = [
            redact.sender(sender),
            str(stats.messages),
            Text(pct(stats.share_purposeless), style=style or ""),
            f"{stats.findings_per_100:.1f}",
            _score(stats.median_score),
        ]
        if phrases_w >= 16:
            row.append(redact.text(", ".join(p for p, _ in stats.phrases.most_common(3))))
        senders.add_row(*row)
    console.print(senders)
    console.print()

    tops = Table(box=None, header_style="bold", pad_edge=False)
    tops.add_column("Top phrases (team)", overflow="ellipsis", no_wrap=True, max_width=36)
    tops.add_column("Count", justify="right")
    tops.add_column("Top rules", overflow="fold")
    tops.add_column("Count", justify="right")
    phrases = team.phrases.most_common(8)
    rules = team.rules.most_common(8)
    for i in range(max(len(phrases), len(rules))):
        p = phrases[i] if i < len(phrases) else ("", "")
        r = rules[i] if i < len(rules) else ("", "")
        rule_label = f"{r[0]} {names.get(r[0], '')}".strip() if r[0] else ""
        tops.add_row(redact.text(p[0]), str(p[1]), rule_label, str(r[1]))
    console.print(tops)
    console.print()

    if agg.trend:
        trend = Table(
            title=f"Trend by {agg.period}",
            title_justify="left",
            title_style="bold",
            box=None,
            header_style="bold",
            pad_edge=False,
        )
        for column in (agg.period.capitalize(), "Messages", "Purposeless", "Findings/100", "Median score"):
            trend.add_column(column, justify="right" if column != agg.period.capitalize() else "left")
        periods = sorted(agg.trend.items())
        if len(periods) > 26:
            periods = periods[-26:]
            trend.caption = "(last 26 shown; all in --summary and --report)"
        for period, stats in periods:
            trend.add_row(
                period,
                str(stats.messages),
                pct(stats.share_purposeless),
                f"{stats.findings_per_100:.1f}",
                _score(stats.median_score),
            )
        console.print(trend)
        console.print()

    for ex in agg.worst[:examples]:
        head = Text(f"{redact.sender(ex.sender)} · {_date(ex.date)} · score {_score(ex.score)}", style="bold")
        if ex.subject:
            head.append(f" · {redact.text(ex.subject)}", style="")
        console.print(head)
        body = Text("  ")
        for text, finding in ex.segments:
            body.append(redact.text(text).replace("\n", "\n  "), style="bold reverse" if finding else "")
        console.print(body)
        console.print()


# --- summary file -------------------------------------------------------------------------------


def write_summary(agg: Aggregates, path: Path, redact: Redactor | None = None) -> None:
    """`.json`: everything (team, senders, trend, examples); `.csv`: one row per sender plus the team."""
    redact = redact or Redactor()
    suffix = path.suffix.lower()
    data = agg.to_dict()
    if redact.enabled:
        data = _redact_summary(data, redact)
    if suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return
    if suffix != ".csv":
        raise InputError(f"{path}: --summary must end in .json or .csv")
    columns = [
        "sender",
        "messages",
        "purposeless",
        "share_purposeless",
        "findings",
        "findings_per_100",
        "median_score",
        "top_phrases",
        "top_rules",
        "first_date",
        "last_date",
    ]
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in [{"sender": "TEAM", **data["team"]}, *data["senders"]]:
            flat = dict(row)
            flat["top_phrases"] = "; ".join(f"{p['phrase']} ({p['count']})" for p in row["top_phrases"])
            flat["top_rules"] = "; ".join(f"{r['rule']} ({r['count']})" for r in row["top_rules"])
            writer.writerow(flat)


def _redact_summary(data: dict[str, Any], redact: Redactor) -> dict[str, Any]:
    for row in data["senders"]:
        row["sender"] = redact.sender(row["sender"])
        for p in row["top_phrases"]:
            p["phrase"] = redact.text(p["phrase"])
    for p in data["team"]["top_phrases"]:
        p["phrase"] = redact.text(p["phrase"])
    for group in data["examples"].values():
        for ex in group:
            ex["sender"] = redact.sender(ex["sender"])
            for key in ("subject", "excerpt", "id", "source"):
                ex[key] = redact.text(ex[key])
            for h in ex["highlights"]:
                h["text"] = redact.text(h["text"])
    return data


# --- HTML ---------------------------------------------------------------------------------------

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
    points = []
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
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{RED}" stroke-width="2.5" stroke-linejoin="round"/>'
        )
        for x, y, period, stats in points:
            parts.append(
                f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{RED}"><title>{e(period)}: '
                f"{pct(stats.share_purposeless)} purposeless of {stats.messages}</title></circle>"
            )
    parts.append(
        f'<text x="{left}" y="{height - 8}" font-size="11" fill="{RED}">━ share purposeless (left axis)</text>'
    )
    parts.append(
        f'<text x="{width - right}" y="{height - 8}" font-size="11" fill="{MUTED}" text-anchor="end">'
        f"▮ messages per {agg.period} (right axis)</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


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


def _example_html(ex: Example, redact: Redactor, kind: str) -> str:
    body = []
    for text, finding in ex.segments:
        safe = e(redact.text(text))
        if finding:
            tip = e(f"{finding['rule']}: {finding['message']}")
            body.append(f'<mark title="{tip}">{safe}<sup>{e(finding["rule"])}</sup></mark>')
        else:
            body.append(safe)
    notes = "".join(f"<li>{e(redact.text(n))}</li>" for n in ex.notes)
    badge = "bad" if ex.purposeless else "good"
    subject = f'<div class="subject">{e(redact.text(ex.subject))}</div>' if ex.subject else ""
    return (
        f'<article class="example {kind}"><header><span class="who">{e(redact.sender(ex.sender))}</span>'
        f'<span class="when">{e(_date(ex.date))}</span><span class="score {badge}">score {e(_score(ex.score))}</span>'
        f'<span class="count">{ex.findings} finding{"s" * (ex.findings != 1)}</span></header>{subject}'
        f'<pre class="body">{"".join(body)}</pre>'
        + (f'<ul class="notes">{notes}</ul>' if notes else "")
        + f"<footer>{e(redact.text(ex.source))}</footer></article>"
    )


CSS = """
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f8fafc;--card:#fff;--red:#c2410c;--amber:#d97706;--green:#15803d;--accent:#4f46e5}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:32px 28px 48px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:36px 0 12px}
.lede{color:var(--muted);margin:0 0 24px}
.kpis{display:grid;grid-template-columns:repeat(5,1fr);gap:12px}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.kpi .v{font-size:26px;font-weight:650}.kpi .l{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.kpi.warn .v{color:var(--red)}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px}
.grid2{display:grid;grid-template-columns:2fr 1fr;gap:16px}
table{width:100%;border-collapse:collapse;font-size:13px}
th{text-align:left;color:var(--muted);font-weight:600;font-size:12px;border-bottom:1px solid var(--line);padding:6px 8px}
td{border-bottom:1px solid var(--line);padding:7px 8px;vertical-align:middle}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tr:last-child td{border-bottom:0}
.pill{display:inline-block;min-width:44px;text-align:center;border-radius:999px;padding:1px 8px;font-weight:600;color:#fff}
.pill.r{background:var(--red)}.pill.a{background:var(--amber)}.pill.g{background:var(--green)}
.phr{color:var(--muted)}
.examples{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.example{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--red);border-radius:8px;padding:12px 14px;min-width:0}
.example.best{border-left-color:var(--green)}
.example header{display:flex;gap:10px;flex-wrap:wrap;align-items:baseline;font-size:12px;color:var(--muted)}
.example .who{color:var(--ink);font-weight:600}
.score{border-radius:4px;padding:0 6px;color:#fff}.score.bad{background:var(--red)}.score.good{background:var(--green)}
.subject{font-weight:600;margin:6px 0 2px}
pre.body{white-space:pre-wrap;word-wrap:break-word;font:13px/1.55 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:6px 0;background:#fafafa;border-radius:6px;padding:8px 10px}
mark{background:#fde68a;border-radius:3px;padding:0 2px}mark sup{font-size:9px;color:var(--red);margin-left:2px;font-family:system-ui,sans-serif}
.notes{margin:4px 0 0 18px;padding:0;color:var(--muted);font-size:12px}
.example footer{color:var(--muted);font-size:11px;overflow-wrap:anywhere}
.foot{color:var(--muted);font-size:12px;margin-top:32px}
@media (max-width:800px){.kpis{grid-template-columns:repeat(2,1fr)}.grid2,.examples{grid-template-columns:1fr}}
@media print{body{background:#fff}.panel,.kpi,.example{break-inside:avoid}}
"""


def _pill(share: float) -> str:
    cls = "r" if share >= 0.4 else "a" if share >= 0.2 else "g"
    return f'<span class="pill {cls}">{pct(share)}</span>'


def render_html(
    agg: Aggregates, redact: Redactor | None = None, *, title: str = "Sales email audit", sources: Iterable[str] = ()
) -> str:
    """The whole report as one HTML string: inline CSS and SVG, no scripts, no external resources."""
    redact = redact or Redactor()
    team = agg.team
    names = agg.rule_names
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    kpis = [
        ("Messages", str(team.messages), ""),
        ("Senders", str(len(agg.senders)), ""),
        ("Purposeless", pct(team.share_purposeless), "warn" if team.share_purposeless >= 0.2 else ""),
        ("Findings / 100 msgs", f"{team.findings_per_100:.0f}", ""),
        ("Median purpose score", _score(team.median_score), ""),
    ]
    sender_rows = []
    for sender, stats in agg.ranked_senders():
        top_phrases = ", ".join(p for p, _ in stats.phrases.most_common(3))
        top_rules = ", ".join(f"{r}" for r, _ in stats.rules.most_common(3))
        sender_rows.append(
            f'<tr class="sender"><td>{e(redact.sender(sender))}</td><td class="n">{stats.messages}</td>'
            f'<td class="n">{_pill(stats.share_purposeless)}</td><td class="n">{stats.findings_per_100:.0f}</td>'
            f'<td class="n">{_score(stats.median_score)}</td><td>{sparkline(agg, sender)}</td>'
            f'<td class="phr">{e(redact.text(top_phrases)) or "–"}</td><td class="phr">{e(top_rules) or "–"}</td></tr>'
        )
    phrase_rows = (
        "".join(
            f'<tr class="phrase"><td>“{e(redact.text(p))}”</td><td class="n">{c}</td></tr>'
            for p, c in team.phrases.most_common(10)
        )
        or '<tr><td colspan="2">none</td></tr>'
    )
    rule_rows = (
        "".join(
            f'<tr class="rule"><td>{e(r)}</td><td>{e(names.get(r, ""))}</td><td class="n">{c}</td></tr>'
            for r, c in team.rules.most_common(10)
        )
        or '<tr><td colspan="3">none</td></tr>'
    )
    trend_rows = "".join(
        f'<tr class="period"><td>{e(p)}</td><td class="n">{s.messages}</td><td class="n">{_pill(s.share_purposeless)}</td>'
        f'<td class="n">{s.findings_per_100:.0f}</td><td class="n">{_score(s.median_score)}</td></tr>'
        for p, s in sorted(agg.trend.items())
    )
    worst = "".join(_example_html(x, redact, "worst") for x in agg.worst) or "<p>No purposeless messages. Nice.</p>"
    best = "".join(_example_html(x, redact, "best") for x in agg.best) or "<p>No message without findings yet.</p>"
    notes = []
    if agg.errors:
        notes.append(f"{agg.errors} message(s) could not be read and are not counted.")
    if agg.undated:
        notes.append(f"{agg.undated} message(s) had no readable date and are left out of the trend.")
    if agg.filtered:
        notes.append(f"{agg.filtered} message(s) from other senders were left out (--only-from).")
    source_list = ", ".join(e(redact.text(s)) for s in sources)
    trend_block = (
        f'<div class="panel">{trend_chart(agg)}</div>'
        if agg.trend
        else '<div class="panel"><p>No dated messages: no trend to show.</p></div>'
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{e(title)}</title><style>{CSS}</style></head>
<body><main>
<h1>{e(title)}</h1>
<p class="lede">{team.messages} messages from {len(agg.senders)} senders, {e(date_range(team))}. A message is <b>purposeless</b> when it asks for the reader's attention without a reason or anything of value ("just checking in", "any update?"). The purpose score runs from 0 to 100; higher is better.</p>
<section class="kpis">{"".join(f'<div class="kpi {c}"><div class="v">{e(v)}</div><div class="l">{e(l)}</div></div>' for l, v, c in kpis)}</section>

<h2>Purposeless messages by sender</h2>
<div class="panel">{sender_chart(agg, redact)}</div>

<h2>Trend by {e(agg.period)}</h2>
{trend_block}

<h2>Senders</h2>
<div class="panel"><table id="senders"><thead><tr><th>Sender</th><th class="n">Messages</th><th class="n">Purposeless</th><th class="n">Findings/100</th><th class="n">Median score</th><th>Purposeless by {e(agg.period)}</th><th>Top phrases</th><th>Top rules</th></tr></thead>
<tbody>{"".join(sender_rows)}</tbody></table></div>

<h2>What the team writes instead of a reason</h2>
<div class="grid2">
<div class="panel"><table id="phrases"><thead><tr><th>Phrase</th><th class="n">Count</th></tr></thead><tbody>{phrase_rows}</tbody></table>
<table id="rules" style="margin-top:14px"><thead><tr><th>Rule</th><th>Name</th><th class="n">Count</th></tr></thead><tbody>{rule_rows}</tbody></table></div>
<div class="panel"><b>Purpose scores</b>{score_chart(team)}</div>
</div>

<h2>Messages to coach on</h2>
<section class="examples">{worst}</section>

<h2>Messages to learn from</h2>
<section class="examples">{best}</section>

<h2>Per {e(agg.period)}</h2>
<div class="panel"><table id="trend"><thead><tr><th>{e(agg.period.capitalize())}</th><th class="n">Messages</th><th class="n">Purposeless</th><th class="n">Findings/100</th><th class="n">Median score</th></tr></thead><tbody>{trend_rows or '<tr><td colspan="5">no dated messages</td></tr>'}</tbody></table></div>

<p class="foot">{" ".join(e(n) for n in notes)} Generated by scriptlint audit on {generated}{" from " + source_list if source_list else ""}. Highlighted words are what scriptlint flagged; hover them for the rule.</p>
</main></body></html>
"""
