"""How shares, scores and dates read in every audit output, so the terminal and the report agree."""

from __future__ import annotations

from scriptlint.audit.aggregate import Stats


def pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def score_label(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def day(iso: str | None) -> str:
    return iso[:10] if iso else "undated"


def date_range(stats: Stats) -> str:
    if not stats.first:
        return "no dates"
    return f"{day(stats.first)} to {day(stats.last)}"
