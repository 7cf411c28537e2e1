"""The audit's HTML report: one self-contained page, to be mailed to a manager or opened offline.

No scripts and nothing fetched (inline CSS; the SVG charts come from `audit.charts`). Every piece of
message text goes through `html.escape`; with `--redact`, email addresses and phone numbers are
hidden before anything is rendered. The page is built section by section, in reading order.
"""

from __future__ import annotations

import html
from datetime import datetime, timezone
from typing import Iterable

from scriptlint.audit.aggregate import Aggregates, ExampleMessage
from scriptlint.audit.charts import score_chart, sender_chart, sparkline, trend_chart
from scriptlint.audit.html_outcomes import OUTCOME_CSS, chasers_section, chases_section, replies_section
from scriptlint.audit.labels import date_range, day, pct, score_label
from scriptlint.audit.redact import Redactor

e = html.escape

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


def _example_html(ex: ExampleMessage, redact: Redactor, kind: str) -> str:
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
        f'<span class="when">{e(day(ex.date))}</span><span class="score {badge}">score {e(score_label(ex.score))}</span>'
        f'<span class="count">{ex.findings} finding{"s" * (ex.findings != 1)}</span></header>{subject}'
        f'<pre class="body">{"".join(body)}</pre>'
        + (f'<ul class="notes">{notes}</ul>' if notes else "")
        + (_rewrite_html(ex, redact) if kind == "worst" else "")
        + f"<footer>{e(redact.text(ex.source))}</footer></article>"
    )


def _rewrite_html(ex: ExampleMessage, redact: Redactor) -> str:
    """The top suggested rewrite: what to coach towards, with the tactic and the article it comes from."""
    top = ex.rewrite
    if not top:
        return ""
    return (
        f'<div class="rewrite"><b>Try instead</b> ({e(top.get("title") or top.get("tactic") or "")}): '
        f'{e(redact.text(top["rewrite"]))} <span class="src">{e(top.get("source") or "")}</span></div>'
    )


def render_html(
    agg: Aggregates, redact: Redactor | None = None, *, title: str = "Sales email audit", sources: Iterable[str] = ()
) -> str:
    """The whole report as one HTML string: inline CSS and SVG, no scripts, no external resources."""
    redact = redact or Redactor()
    sections = [
        _head(title) + "\n" + _summary(agg, title),
        f'<h2>Purposeless messages by sender</h2>\n<div class="panel">{sender_chart(agg, redact)}</div>',
        replies_section(agg),
        chasers_section(agg, redact),
        chases_section(agg, redact),
        _trend(agg),
        _senders(agg, redact),
        _phrases(agg, redact),
        _examples("Messages to coach on", agg.worst, redact, "worst", "<p>No purposeless messages. Nice.</p>"),
        _examples("Messages to learn from", agg.best, redact, "best", "<p>No message without findings yet.</p>"),
        _periods(agg),
        _footer(agg, redact, sources),
    ]
    return "\n\n".join(sections) + "\n"


def _head(title: str) -> str:
    """The content policy forbids anything but the inline style and data: images, should text slip through."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{e(title)}</title><style>{CSS}{OUTCOME_CSS}</style></head>\n"
        "<body><main>"
    )


def _summary(agg: Aggregates, title: str) -> str:
    """Title, what the figures mean, and the five numbers a manager looks at first."""
    team = agg.team
    kpis = [
        ("Messages", str(team.messages), ""),
        ("Senders", str(len(agg.senders)), ""),
        ("Purposeless", pct(team.share_purposeless), "warn" if team.share_purposeless >= 0.2 else ""),
        ("Findings / 100 msgs", f"{team.findings_per_100:.0f}", ""),
        ("Median purpose score", score_label(team.median_score), ""),
    ]
    cards = "".join(
        f'<div class="kpi {c}"><div class="v">{e(v)}</div><div class="l">{e(label)}</div></div>' for label, v, c in kpis
    )
    return (
        f"<h1>{e(title)}</h1>\n"
        f'<p class="lede">{team.messages} messages from {len(agg.senders)} senders, {e(date_range(team))}. '
        "A message is <b>purposeless</b> when it asks for the reader's attention without a reason or anything "
        'of value ("just checking in", "any update?"). The purpose score runs from 0 to 100; higher is better.</p>\n'
        f'<section class="kpis">{cards}</section>'
    )


def _trend(agg: Aggregates) -> str:
    block = (
        f'<div class="panel">{trend_chart(agg)}</div>'
        if agg.trend
        else '<div class="panel"><p>No dated messages: no trend to show.</p></div>'
    )
    return f"<h2>Trend by {e(agg.period)}</h2>\n{block}"


def _senders(agg: Aggregates, redact: Redactor) -> str:
    """One row per sender, most purposeless first, with a sparkline of their share over time."""
    rows = []
    for sender, stats in agg.ranked_senders():
        top_phrases = ", ".join(p for p, _ in stats.phrases.most_common(3))
        top_rules = ", ".join(f"{r}" for r, _ in stats.rules.most_common(3))
        rows.append(
            f'<tr class="sender"><td>{e(redact.sender(sender))}</td><td class="n">{stats.messages}</td>'
            f'<td class="n">{_pill(stats.share_purposeless)}</td><td class="n">{stats.findings_per_100:.0f}</td>'
            f'<td class="n">{score_label(stats.median_score)}</td><td>{sparkline(agg, sender)}</td>'
            f'<td class="phr">{e(redact.text(top_phrases)) or "–"}</td><td class="phr">{e(top_rules) or "–"}</td></tr>'
        )
    return (
        "<h2>Senders</h2>\n"
        '<div class="panel"><table id="senders"><thead><tr><th>Sender</th><th class="n">Messages</th>'
        '<th class="n">Purposeless</th><th class="n">Findings/100</th><th class="n">Median score</th>'
        f"<th>Purposeless by {e(agg.period)}</th><th>Top phrases</th><th>Top rules</th></tr></thead>\n"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _phrases(agg: Aggregates, redact: Redactor) -> str:
    """The team's stock phrases and the rules they hit, next to how purpose scores spread."""
    team = agg.team
    phrase_rows = (
        "".join(
            f'<tr class="phrase"><td>“{e(redact.text(p))}”</td><td class="n">{c}</td></tr>'
            for p, c in team.phrases.most_common(10)
        )
        or '<tr><td colspan="2">none</td></tr>'
    )
    rule_rows = (
        "".join(
            f'<tr class="rule"><td>{e(r)}</td><td>{e(agg.rule_names.get(r, ""))}</td><td class="n">{c}</td></tr>'
            for r, c in team.rules.most_common(10)
        )
        or '<tr><td colspan="3">none</td></tr>'
    )
    return (
        "<h2>What the team writes instead of a reason</h2>\n"
        '<div class="grid2">\n'
        '<div class="panel"><table id="phrases"><thead><tr><th>Phrase</th><th class="n">Count</th></tr></thead>'
        f"<tbody>{phrase_rows}</tbody></table>\n"
        '<table id="rules" style="margin-top:14px"><thead><tr><th>Rule</th><th>Name</th><th class="n">Count</th>'
        f"</tr></thead><tbody>{rule_rows}</tbody></table></div>\n"
        f'<div class="panel"><b>Purpose scores</b>{score_chart(team)}</div>\n'
        "</div>"
    )


def _examples(heading: str, examples: list[ExampleMessage], redact: Redactor, kind: str, empty: str) -> str:
    cards = "".join(_example_html(x, redact, kind) for x in examples) or empty
    return f'<h2>{heading}</h2>\n<section class="examples">{cards}</section>'


def _periods(agg: Aggregates) -> str:
    """Every period in a table: the chart above shows the shape, this the numbers."""
    rows = (
        "".join(
            f'<tr class="period"><td>{e(p)}</td><td class="n">{s.messages}</td><td class="n">{_pill(s.share_purposeless)}</td>'
            f'<td class="n">{s.findings_per_100:.0f}</td><td class="n">{score_label(s.median_score)}</td></tr>'
            for p, s in sorted(agg.trend.items())
        )
        or '<tr><td colspan="5">no dated messages</td></tr>'
    )
    return (
        f"<h2>Per {e(agg.period)}</h2>\n"
        f'<div class="panel"><table id="trend"><thead><tr><th>{e(agg.period.capitalize())}</th>'
        '<th class="n">Messages</th><th class="n">Purposeless</th><th class="n">Findings/100</th>'
        '<th class="n">Median score</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _footer(agg: Aggregates, redact: Redactor, sources: Iterable[str]) -> str:
    """What the figures leave out and why, then where they come from."""
    notes = []
    if agg.errors:
        notes.append(f"{agg.errors} message(s) could not be read and are not counted.")
    if agg.undated:
        notes.append(f"{agg.undated} message(s) had no readable date and are left out of the trend.")
    if agg.received:
        notes.append(f"{agg.received} received message(s) from outside the team were used only to find replies.")
    if agg.unlinted:
        notes.append(f"{agg.unlinted} team message(s) were not linted (kept as received mail by an earlier run).")
    source_list = ", ".join(e(redact.text(s)) for s in sources)
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f'<p class="foot">{" ".join(e(n) for n in notes)} Generated by scriptlint audit on {generated}'
        f"{' from ' + source_list if source_list else ''}. "
        "Highlighted words are what scriptlint flagged; hover them for the rule.</p>\n"
        "</main></body></html>"
    )
