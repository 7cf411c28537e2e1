"""Terminal tables and summary columns for replies and chased threads (the figures of `audit.replies`)."""

from __future__ import annotations

from statistics import median
from typing import Any

from scriptlint.audit.aggregate import Aggregates
from scriptlint.audit.labels import pct
from scriptlint.audit.redact import Redactor
from scriptlint.audit.replies import Rate, wilson

NO_TEAM = (
    "Replies: no reply figures without --only-from (every sender counts as the team, so no message can be "
    "a reply); give the team and your received mail too, see README 'Batch audit'."
)

ENDED = {"push": "ended with a push", "replied": "got a reply at last", "stopped": "stopped without a push"}

OUTCOME_COLUMNS = (
    "purposeless_messages",
    "purposeless_replied",
    "purposeless_reply_rate",
    "purposeful_messages",
    "purposeful_replied",
    "purposeful_reply_rate",
    "threads",
    "chased_threads",
    "longest_chase",
    "chases_ended_with_push",
    "chases_stopped",
    "median_days_between_touches",
)
"""Extra columns of the CSV summary (per sender and TEAM); reply columns stay empty without a team."""


def interval(rate: Rate) -> str:
    low, high = wilson(rate.replied, rate.messages)
    return f"{pct(low)}–{pct(high)}" if rate.messages else "–"


def hours(value: list[float]) -> str:
    if not value:
        return "–"
    h = median(value)
    return f"{h:.0f} h" if h < 48 else f"{h / 24:.1f} d"


def _table(title: str) -> Any:
    from rich.table import Table  # lazy: Rich costs start-up time and only output needs it

    return Table(title=title, title_justify="left", title_style="bold", box=None, header_style="bold", pad_edge=False)


def reply_table(agg: Aggregates) -> Any:
    """Team reply rates: purposeless vs purposeful, overall and for first touches vs follow-ups."""
    table = _table("Replies (team): does a purposeless message get fewer replies?")
    table.add_column("Messages")
    for column in ("Sent", "Replied", "Rate", "95% interval", "Median time to reply"):
        table.add_column(column, justify="right")
    replies = agg.outcomes.team_replies
    assert replies is not None
    for kind, label in (("all", "all"), ("first_touch", "first touches"), ("follow_up", "follow-ups")):
        for verdict in ("purposeless", "purposeful"):
            rate = replies.rate(kind, verdict)
            table.add_row(
                f"{verdict}, {label}",
                str(rate.messages),
                str(rate.replied),
                pct(rate.rate) if rate.messages else "–",
                interval(rate),
                hours(rate.hours),
            )
    return table


def sender_outcomes_table(agg: Aggregates, redact: Redactor) -> Any:
    """Per sender: reply rates of both kinds, threads, chased threads and how the chases ended."""
    table = _table("Replies and chases by sender (most chased first)")
    table.add_column("Sender", no_wrap=True, overflow="ellipsis", max_width=32)
    columns = ("Reply purposeless", "Reply purposeful", "Threads", "Chased", "Longest", "Days apart", "Push/stop")
    for column in columns:
        table.add_column(column, justify="right", no_wrap=True)
    outcomes = agg.outcomes
    ranked = sorted(outcomes.senders.items(), key=lambda kv: (-kv[1].chased, -kv[1].threads, kv[0]))
    for sender, stats in ranked:
        if sender not in agg.senders:
            continue
        replies = outcomes.sender_replies.get(sender)
        cells = []
        for verdict in ("purposeless", "purposeful"):
            rate = replies.rate("all", verdict) if replies else None
            cells.append(f"{pct(rate.rate)} of {rate.messages}" if rate and rate.messages else "–")
        table.add_row(
            redact.sender(sender),
            *cells,
            str(stats.threads),
            str(stats.chased),
            str(stats.longest_chase or "–"),
            f"{median(stats.gaps):.1f}" if stats.gaps else "–",
            f"{stats.ended['push']}/{stats.ended['stopped']}",
        )
    table.caption = (
        "Chased: 3+ touches in a row with no reply, 2+ purposeless. Push/stop: chases that ended with a "
        "respectful closing note vs simply stopped (the rest got a reply)."
    )
    return table


def print_outcomes(agg: Aggregates, console: Any, redact: Redactor) -> None:
    from rich.text import Text  # lazy: Rich costs start-up time and only output needs it

    if agg.outcomes.team_replies is None:
        console.print(Text(NO_TEAM, style="yellow"))
        console.print()
    else:
        console.print(reply_table(agg))
        console.print()
    if agg.outcomes.count:
        console.print(sender_outcomes_table(agg, redact))
        console.print()
    for chase in agg.outcomes.worst[:3]:
        dated = [t.when for t in chase.touches if t.when is not None]
        span = f" over {(dated[-1] - dated[0]) / 86400:.0f} days" if len(dated) > 1 else ""
        console.print(
            Text(
                f"chase: {redact.sender(chase.sender)} · {redact.text(chase.subject or '(no subject)')} · "
                f"{len(chase.touches)} touches ({chase.purposeless} purposeless){span} · {ENDED[chase.ended]}"
            )
        )
    if agg.outcomes.worst:
        console.print()


def outcome_columns(data: dict[str, Any], sender: str | None) -> dict[str, Any]:
    """The OUTCOME_COLUMNS of one sender (None: the team) from the summary's `replies` and `threads`."""
    threads = data["threads"] if sender is None else data["threads"]["senders"].get(sender, {})
    row: dict[str, Any] = {
        "threads": threads.get("count" if sender is None else "threads", 0),
        "chased_threads": threads.get("chased", 0),
        "longest_chase": threads.get("longest_chase", 0),
        "chases_ended_with_push": threads.get("ended_with_push", 0),
        "chases_stopped": threads.get("stopped", 0),
        "median_days_between_touches": threads.get("median_days_between_touches"),
    }
    replies = data["replies"]
    if replies is not None:
        table = replies["team"] if sender is None else replies["senders"].get(sender)
        for verdict in ("purposeless", "purposeful"):
            rate = (table or {}).get(verdict) or {"messages": 0, "replied": 0, "rate": 0.0}
            row[f"{verdict}_messages"] = rate["messages"]
            row[f"{verdict}_replied"] = rate["replied"]
            row[f"{verdict}_reply_rate"] = rate["rate"]
    return row
