"""Dates against the day a message was written: is a mentioned day history or still ahead, and
which day to propose.

"Today" is the message's `Date:` header when it has one (an `.eml`, a bench draft), else the
caller's `today`, else unknown. With today unknown, a weekday is never resolved to a calendar day
and a proposed day stays the placeholder `[day]`: a plain draft may be sent next week.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from email.utils import parsedate_to_datetime

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# A month name as written in a sentence ("Dec", "Sept.", "December"), for the regexes that read dates in text.
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$", re.I)
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def today_from(headers: dict[str, str] | None, today: date | None = None) -> date | None:
    """The day the message was written: an explicit `today` wins, then the Date header."""
    if today is not None:
        return today
    for key, value in (headers or {}).items():
        if key.lower() == "date" and value:
            return parse_day(value)
    return None


def parse_day(value: str) -> date | None:
    """An RFC 2822 date ('Tue, 10 Feb 2026 08:41:00 -0700') or ISO day ('2026-02-10'); None if neither."""
    iso = _ISO.match(value)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def weekday_index(word: str) -> int | None:
    w = word.lower().rstrip(".,")
    if w in WEEKDAYS:
        return WEEKDAYS.index(w)
    return _WEEKDAY_ABBR.get(w)


def month_index(word: str) -> int | None:
    w = word.lower().rstrip(".,")
    if w in MONTHS:
        return MONTHS.index(w) + 1
    return _MONTH_ABBR.get(w)


def resolve(words: list[str], today: date, *, past: bool = False) -> date | None:
    """The calendar day a date expression names, seen from `today`.

    Handles 'Friday', 'Tue 24th', 'March 24', '24 March', 'the 20th', 'Monday the 2nd',
    'Friday, March 6', 'today', 'tomorrow', 'yesterday'. A month day without a month is the nearest
    such day (this month or a neighbour); a bare weekday is the next one ahead, or the last one
    behind when `past` (the sentence speaks of the past: 'we said Monday', 'since Friday')."""
    low = [w.lower().strip(".,") for w in words if w.strip(".,")]
    if not low:
        return None
    if low[0] in ("today", "tonight", "eod"):
        return today
    if low[0] == "tomorrow":
        return today + timedelta(days=1)
    if low[0] == "yesterday":
        return today - timedelta(days=1)
    month = next((month_index(w) for w in low if month_index(w) is not None), None)
    day = next((int(m.group(1)) for w in low if (m := _ORDINAL.match(w)) and 1 <= int(m.group(1)) <= 31), None)
    wday = next((i for w in low if (i := weekday_index(w)) is not None), None)
    if day is not None:
        return _month_day(today, month, day, wday)
    if wday is not None:
        delta = (wday - today.weekday()) % 7
        if past:
            return today - timedelta(days=(today.weekday() - wday) % 7 or 7)
        return today + timedelta(days=delta)
    return None


def _month_day(today: date, month: int | None, day: int, wday: int | None) -> date | None:
    candidates = []
    if month is not None:
        for year in (today.year - 1, today.year, today.year + 1):
            candidates.append((year, month))
    else:
        for shift in (-1, 0, 1):
            m = today.month + shift
            y = today.year + (m - 1) // 12
            candidates.append((y, (m - 1) % 12 + 1))
    days = []
    for year, m in candidates:
        try:
            days.append(date(year, m, day))
        except ValueError:
            continue
    if wday is not None and any(d.weekday() == wday for d in days):
        days = [d for d in days if d.weekday() == wday]
    return min(days, key=lambda d: abs((d - today).days)) if days else None


def propose(today: date | None, *, after: date | None = None, long: bool = False) -> str | None:
    """A day to suggest for the next step: two working days ahead (or after `after`, if later),
    named by weekday when within the next six days, else (or with `long`) 'Thursday, March 26'.
    None without today."""
    if today is None:
        return None
    start = max(today, after) if after is not None else today
    day, added = start, 0
    while added < 2:
        day += timedelta(days=1)
        if day.weekday() < 5:
            added += 1
    name = WEEKDAYS[day.weekday()].capitalize()
    if (day - today).days <= 6 and not long:
        return name
    return f"{name}, {MONTHS[day.month - 1].capitalize()} {day.day}"


def us_holiday(day: date) -> bool:
    """New Year's Day, Thanksgiving and the day after, Christmas Eve and Day, New Year's Eve: no
    day to propose a call on (the fixed US dates a B2B buyer is most often away)."""
    if (day.month, day.day) in ((1, 1), (12, 24), (12, 25), (12, 31)):
        return True
    if day.month == 11 and day.weekday() in (3, 4):
        thursday = day if day.weekday() == 3 else day - timedelta(days=1)
        return 22 <= thursday.day <= 28  # the fourth Thursday of November, and the Friday after it
    return False


def next_working_days(today: date, count: int = 10) -> list[date]:
    """The next `count` working days after today (no weekends, no us_holiday)."""
    out, day = [], today
    while len(out) < count:
        day += timedelta(days=1)
        if day.weekday() < 5 and not us_holiday(day):
            out.append(day)
    return out


def pick_day(
    today: date, *, before: date | None = None, avoid: set[int] = frozenset(), next_week: bool = False
) -> date | None:
    """A day to propose: two working days ahead (the third when `next_week` and that is earlier than
    next Tuesday), never a weekday the draft already names (`avoid`, weekday indexes) and before the
    draft's deadline `before`; None when no working day fits."""
    days = next_working_days(today, 12)
    if next_week:
        monday = today + timedelta(days=7 - today.weekday())
        days = [d for d in days if d > monday] or days
    elif len(days) > 1:
        days = days[1:] + days[:1]  # two working days ahead first, tomorrow last
    if before is not None:
        days = [d for d in days if d < before]
    fitting = [d for d in days if d.weekday() not in avoid] or days
    return fitting[0] if fitting else None


def long_form(day: date) -> str:
    """'Tuesday, November 17': a weekday always with its date."""
    return f"{WEEKDAYS[day.weekday()].capitalize()}, {MONTHS[day.month - 1].capitalize()} {day.day}"
