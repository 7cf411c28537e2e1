"""The audit's plain outputs: Rich tables for the terminal and the `--summary` file (.json or .csv).

Rich is imported where a table is drawn: the summary file and the HTML report do without it.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from scriptlint.audit.aggregate import Aggregates, ExampleMessage
from scriptlint.audit.labels import date_range, day, pct, score_label
from scriptlint.audit.outcome_tables import OUTCOME_COLUMNS, outcome_columns, print_outcomes
from scriptlint.audit.redact import Redactor
from scriptlint.errors import InputError

SUMMARY_COLUMNS = (
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
    *OUTCOME_COLUMNS,
)
"""The CSV summary: one row per sender plus the team, top phrases and rules flattened to text."""


# --- terminal -----------------------------------------------------------------------------------


def render_terminal(agg: Aggregates, console: Any, redact: Redactor | None = None, *, examples: int = 3) -> None:
    """Tables a team lead can read in a terminal (plain text when output is not a terminal)."""
    from rich.text import Text  # lazy: Rich costs start-up time and only output needs it

    redact = redact or Redactor()
    team = agg.team
    if not team.messages:
        console.print(Text(f"No messages to report on ({agg.errors} unreadable).", style="yellow"))
        return
    console.print(
        Text(f"Audit of {team.messages} messages from {len(agg.senders)} senders, {date_range(team)}", style="bold")
    )
    tables = [_overview(agg), _sender_table(agg, redact, console.width), _top_table(agg, redact)]
    if agg.trend:
        tables.append(_trend_table(agg))
    for table in tables:
        console.print(table)
        console.print()
    print_outcomes(agg, console, redact)
    _print_examples(agg.worst[:examples], console, redact)


def _table(title: str | None = None) -> Any:
    """A borderless table, as all of the audit's are; a title sits left and bold above it."""
    from rich.table import Table  # lazy: Rich costs start-up time and only output needs it

    if title is None:
        return Table(box=None, header_style="bold", pad_edge=False)
    return Table(title=title, title_justify="left", title_style="bold", box=None, header_style="bold", pad_edge=False)


def _overview(agg: Aggregates) -> Any:
    team = agg.team
    overview = _table()
    for column in ("Messages", "Purposeless", "Findings/100", "Median score", "Unreadable"):
        overview.add_column(column, justify="right")
    overview.add_row(
        str(team.messages),
        f"{team.purposeless} ({pct(team.share_purposeless)})",
        f"{team.findings_per_100:.1f}",
        score_label(team.median_score),
        str(agg.errors),
    )
    return overview


def _sender_table(agg: Aggregates, redact: Redactor, width: int) -> Any:
    """One row per sender, most purposeless first; the phrases column only where the terminal has room."""
    from rich.text import Text  # lazy: Rich costs start-up time and only output needs it

    senders = _table("By sender (most purposeless first)")
    ranked = agg.ranked_senders()
    sender_w = min(max(len(redact.sender(s)) for s, _ in ranked), 40)
    phrases_w = width - sender_w - 58  # what the number columns leave; narrow terminals drop it
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
            score_label(stats.median_score),
        ]
        if phrases_w >= 16:
            row.append(redact.text(", ".join(p for p, _ in stats.phrases.most_common(3))))
        senders.add_row(*row)
    return senders


def _top_table(agg: Aggregates, redact: Redactor) -> Any:
    """The team's most common phrases and rules, side by side."""
    tops = _table()
    tops.add_column("Top phrases (team)", overflow="ellipsis", no_wrap=True, max_width=36)
    tops.add_column("Count", justify="right")
    tops.add_column("Top rules", overflow="fold")
    tops.add_column("Count", justify="right")
    phrases = agg.team.phrases.most_common(8)
    rules = agg.team.rules.most_common(8)
    for i in range(max(len(phrases), len(rules))):
        p = phrases[i] if i < len(phrases) else ("", "")
        r = rules[i] if i < len(rules) else ("", "")
        rule_label = f"{r[0]} {agg.rule_names.get(r[0], '')}".strip() if r[0] else ""
        tops.add_row(redact.text(p[0]), str(p[1]), rule_label, str(r[1]))
    return tops


def _trend_table(agg: Aggregates) -> Any:
    """The last 26 periods at most: a terminal is no place for a year of weeks."""
    trend = _table(f"Trend by {agg.period}")
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
            score_label(stats.median_score),
        )
    return trend


def _print_examples(worst: list[ExampleMessage], console: Any, redact: Redactor) -> None:
    """The messages to coach on, flagged spans in reverse video."""
    from rich.text import Text  # lazy: Rich costs start-up time and only output needs it

    for ex in worst:
        head = Text(f"{redact.sender(ex.sender)} · {day(ex.date)} · score {score_label(ex.score)}", style="bold")
        if ex.subject:
            head.append(f" · {redact.text(ex.subject)}", style="")
        console.print(head)
        body = Text("  ")
        for text, finding in ex.segments:
            body.append(redact.text(text).replace("\n", "\n  "), style="bold reverse" if finding else "")
        console.print(body)
        if ex.rewrite:
            tip = Text(f"  try instead ({ex.rewrite.get('title') or ex.rewrite.get('tactic')}): ", style="green")
            console.print(tip.append(redact.text(ex.rewrite["rewrite"]), style=""))
        console.print()


# --- summary file -------------------------------------------------------------------------------


def write_summary(agg: Aggregates, path: Path, redact: Redactor | None = None) -> None:
    """`.json`: everything (team, senders, trend, examples); `.csv`: one row per sender plus the team."""
    redact = redact or Redactor()
    suffix = path.suffix.lower()
    data = agg.to_dict()
    outcomes = [outcome_columns(data, None)] + [outcome_columns(data, row["sender"]) for row in data["senders"]]
    if redact.enabled:
        data = _redact_summary(data, redact)
    if suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return
    if suffix != ".csv":
        raise InputError(f"{path}: --summary must end in .json or .csv")
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=SUMMARY_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row, extra in zip([{"sender": "TEAM", **data["team"]}, *data["senders"]], outcomes):
            flat = dict(row) | extra
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
            if ex.get("rewrite"):
                ex["rewrite"] = {k: redact.text(v) if isinstance(v, str) else v for k, v in ex["rewrite"].items()}
    return _redact_outcomes(data, redact)


def _redact_outcomes(data: dict[str, Any], redact: Redactor) -> dict[str, Any]:
    """Senders in `replies` and `threads` get the same masked labels as in the rest of the summary."""
    if data.get("replies"):
        data["replies"]["senders"] = {redact.sender(s): v for s, v in data["replies"]["senders"].items()}
    threads = data["threads"]
    threads["senders"] = {redact.sender(s): v for s, v in threads["senders"].items()}
    for chase in threads["worst_chases"]:
        chase["sender"] = redact.sender(chase["sender"])
        chase["subject"] = redact.text(chase["subject"])
        chase["counterpart"] = redact.text(chase["counterpart"])
        for touch in chase["touches"]:
            touch["id"] = redact.text(touch["id"])
            touch["phrases"] = [redact.text(p) for p in touch["phrases"]]
    return data
