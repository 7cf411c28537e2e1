"""The report's outcome sections: replies, chased threads per sender, and timelines of the worst chases.

Same rules as `audit.html`: every piece of data goes through `html.escape` (and the `Redactor`), no
scripts, inline SVG only.
"""

from __future__ import annotations

import html
from statistics import median

from scriptlint.audit.aggregate import Aggregates
from scriptlint.audit.charts import reply_chart
from scriptlint.audit.labels import day, pct
from scriptlint.audit.outcome_tables import hours, interval
from scriptlint.audit.redact import Redactor
from scriptlint.audit.replies import Chase, ChaseStats

e = html.escape

OUTCOME_CSS = """
.note{color:var(--muted);font-size:12px;margin:8px 0 0}
.chase{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;margin:0 0 12px}
.chase header{display:flex;gap:10px;flex-wrap:wrap;align-items:baseline;font-size:12px;color:var(--muted)}
.chase .who{color:var(--ink);font-weight:600}
ol.touches{list-style:none;margin:10px 0 0;padding:0;display:flex;gap:8px;flex-wrap:wrap;align-items:stretch}
li.touch{flex:1 1 150px;min-width:0;border:1px solid var(--line);border-top:4px solid var(--green);border-radius:6px;padding:6px 8px;font-size:12px}
li.touch.bad{border-top-color:var(--red)}li.touch.push{border-top-color:var(--accent)}
li.touch .d{color:var(--muted)}li.touch mark{display:inline-block;margin:2px 2px 0 0}
li.end{flex:0 0 110px;border:1px dashed var(--line);border-radius:6px;padding:6px 8px;font-size:12px;color:var(--muted)}
li.end.replied{color:var(--green)}li.end.push{color:var(--accent)}li.end.stopped{color:var(--red)}
.rewrite{margin:8px 0 4px;padding:8px 10px;border-radius:6px;background:#eef2ff;font-size:13px}
.rewrite b{color:var(--accent)}.rewrite .src{color:var(--muted);font-size:11px}
"""

_ENDINGS = {
    "push": "ended with a push",
    "replied": "got a reply at last",
    "stopped": "stopped: no reply, no push",
}


def replies_section(agg: Aggregates) -> str:
    """Bars with Wilson intervals, and the counts behind them."""
    heading = "<h2>Do purposeless messages get fewer replies?</h2>\n"
    replies = agg.outcomes.team_replies
    if replies is None:
        return (
            heading + '<div class="panel" id="replies"><p>No reply figures: without <code>--only-from</code> every '
            "sender counts as the team, so no message can be a reply. Audit the team's sent mail together with "
            "the mail they received and name the team with <code>--only-from</code>.</p></div>"
        )
    rows = []
    for kind, label in (("all", "All"), ("first_touch", "First touches"), ("follow_up", "Follow-ups")):
        for verdict in ("purposeless", "purposeful"):
            rate = replies.rate(kind, verdict)
            rows.append(
                f'<tr class="reply-row"><td>{label}</td><td>{verdict}</td><td class="n">{rate.messages}</td>'
                f'<td class="n">{rate.replied}</td><td class="n">{pct(rate.rate) if rate.messages else "–"}</td>'
                f'<td class="n">{interval(rate)}</td><td class="n">{hours(rate.hours)}</td></tr>'
            )
    return (
        heading + f'<div class="panel" id="replies">{reply_chart(replies)}\n'
        '<table><thead><tr><th>Touch</th><th>Message</th><th class="n">Sent</th><th class="n">Replied</th>'
        '<th class="n">Rate</th><th class="n">95% interval</th><th class="n">Median time to reply</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>\n"
        '<p class="note">A team message is replied when the next message in its thread comes from outside the team '
        "(or a reply names it in In-Reply-To). Whiskers are 95% Wilson intervals: where they overlap, the "
        "difference may be chance. A first touch is the team's first message in a thread.</p></div>"
    )


def chasers_section(agg: Aggregates, redact: Redactor) -> str:
    """Per sender: threads, chased threads, the longest chase, the pace, and how chases ended."""
    outcomes = agg.outcomes
    ranked = sorted(
        ((s, st) for s, st in outcomes.senders.items() if s in agg.senders),
        key=lambda kv: (-kv[1].chased, -kv[1].longest_chase, kv[0]),
    )
    rows = "".join(_chaser_row(agg, sender, stats, redact) for sender, stats in ranked)
    return (
        "<h2>Chased threads by sender</h2>\n"
        f'<div class="panel"><p class="lede" style="margin:0 0 10px">{outcomes.count} threads, '
        f"{outcomes.team.chased} chased ({pct(outcomes.team.chased / outcomes.count) if outcomes.count else '0%'}). "
        "A thread is chased when one sender sends 3 or more messages in a row with no reply in between, at "
        "least 2 of them purposeless.</p>"
        '<table id="chasers"><thead><tr><th>Sender</th><th class="n">Threads</th><th class="n">Chased</th>'
        '<th class="n">Longest chase</th><th class="n">Median days between touches</th>'
        '<th class="n">Ended with a push</th><th class="n">Got a reply</th><th class="n">Stopped</th>'
        '<th class="n">Reply rate purposeless</th><th class="n">Reply rate purposeful</th></tr></thead>'
        f"<tbody>{rows or '<tr><td colspan=10>no threads</td></tr>'}</tbody></table></div>"
    )


def _chaser_row(agg: Aggregates, sender: str, stats: ChaseStats, redact: Redactor) -> str:
    table = agg.outcomes.sender_replies.get(sender)
    rates = []
    for verdict in ("purposeless", "purposeful"):
        rate = table.rate("all", verdict) if table else None
        rates.append(f"{pct(rate.rate)} of {rate.messages}" if rate and rate.messages else "–")
    return (
        f'<tr class="chaser"><td>{e(redact.sender(sender))}</td><td class="n">{stats.threads}</td>'
        f'<td class="n">{stats.chased}</td><td class="n">{stats.longest_chase or "–"}</td>'
        f'<td class="n">{f"{median(stats.gaps):.1f}" if stats.gaps else "–"}</td>'
        f'<td class="n">{stats.ended["push"]}</td><td class="n">{stats.ended["replied"]}</td>'
        f'<td class="n">{stats.ended["stopped"]}</td><td class="n">{rates[0]}</td><td class="n">{rates[1]}</td></tr>'
    )


def chases_section(agg: Aggregates, redact: Redactor) -> str:
    """The longest chases, touch by touch: when, how long after the last, purposeless or not, what was flagged."""
    chases = agg.outcomes.worst
    if not chases:
        return '<h2>The longest chases</h2>\n<div class="panel"><p>No chased threads.</p></div>'
    return "<h2>The longest chases</h2>\n" + "".join(_chase_html(c, redact) for c in chases)


def _chase_html(chase: Chase, redact: Redactor) -> str:
    items = []
    previous = None
    for touch in chase.touches:
        kind = "push" if touch.push else "bad" if touch.purposeless else "good"
        label = "push" if touch.push else "purposeless" if touch.purposeless else "purposeful"
        gap = f" · +{(touch.when - previous) / 86400:.0f} d" if previous is not None and touch.when is not None else ""
        previous = touch.when if touch.when is not None else previous
        marks = "".join(f"<mark>{e(redact.text(p))}</mark>" for p in touch.phrases)
        items.append(
            f'<li class="touch {kind}"><div class="d">{e(day(touch.date))}{gap}</div><div>{label}</div>{marks}</li>'
        )
    items.append(f'<li class="end {chase.ended}">{e(_ENDINGS[chase.ended])}</li>')
    subject = f"“{e(redact.text(chase.subject))}”" if chase.subject else "(no subject)"
    to = f" to {e(redact.text(chase.counterpart))}" if chase.counterpart else ""
    return (
        f'<article class="chase"><header><span class="who">{e(redact.sender(chase.sender))}</span>'
        f"<span>{subject}{to}</span><span>{len(chase.touches)} touches, {chase.purposeless} purposeless</span>"
        f'</header><ol class="touches">{"".join(items)}</ol></article>'
    )
