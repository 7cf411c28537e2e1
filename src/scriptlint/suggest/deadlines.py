"""The days a draft names ahead of today, and what they are: a deadline, a price held until a day,
an order due by a day, the weekdays the draft already uses.

A draft's own day is what an ask leans on ("Could you confirm the quote by Friday, December 18,
while the pricing holds?"); a span ("the lease runs through March 31") is no deadline, and a day
the rewrite picks itself never falls on a weekday the draft names.
"""

from __future__ import annotations

import re
from datetime import date

from scriptlint.detect.dates import MONTH, long_form, next_working_days, resolve, weekday_index
from scriptlint.suggest.steps import to_date

DATE_WORDS = re.compile(
    r"\b(?:" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}/\d{1,2}|"
    r"(?:mon|tues|wednes|thurs|fri)day,?\s+(?:the\s+)?(?:" + MONTH + r"\s+)?"
    r"\d{1,2}(?:st|nd|rd|th)?)\b",
    re.I,
)

_DEADLINE = re.compile(
    r"\b(?P<kw>through|thru|until|till|by|before|no later than|not later than|(?:at the )?latest(?: by| on)?|due(?: on| by)?|"
    r"(?:placed|ordered|signed|booked|released) after|"
    r"expires?(?: on)?|releases?(?: on)?|"
    r"valid until|good through)\s+"
    r"(?:(?:noon|midnight|end of day|close of business|\d{1,2}(?::\d\d)?\s?(?:am|pm))\s+(?:on\s+)?)?"  # "until noon this Fri 12/4"
    r"(?:this\s+|next\s+)?(?P<when>(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri)[a-z]*\.?,?\s+)?(?:\d{1,2}/\d{1,2}|"
    + MONTH
    + r"\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*))",
    re.I,
)
_WEEKDAY = re.compile(r"\b(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.I)


def deadline(text: str, today: date | None) -> tuple[date, str] | None:
    """The nearest deadline or hold ahead of today that the draft names, with its words."""
    if today is None:
        return None
    found = []
    for m in _DEADLINE.finditer(text):
        if m.group("kw").lower() in _SPAN_WORDS and not _HOLD.search(text[max(0, m.start() - 60) : m.start()]):
            continue  # "the lease runs through March 31", "install Dec 21 through January 1": a span, not a deadline
        when = m.group("when")
        day = to_date(when, today)
        if day is not None and day > today:
            found.append((day, when.strip()))
    return min(found) if found else None


_SPAN_WORDS = {"through", "thru", "until", "till"}
# Words before "through/until <day>" that make it a hold, not a span: "the quote holds until Friday, March 20".
_HOLD = re.compile(
    r"\b(?:holds?|held|holding|pric\w*|rates?|offer|quote|valid|validity|good|discount|early[- ]bird|reserved?)\b", re.I
)
# A price held until a day (in the sentence that names the day): "we can hold the $0.42 pricing through November 30".
_PRICE_HELD = re.compile(
    r"\b(?:holds?|held|holding|pric\w*|rates?|valid|validity|good (?:through|until)|discount|early[- ]bird|reserved?|"
    r"lock(?:s|ed)? in|keeps? [$€£]\s?\d)",
    re.I,
)
# An order the draft says must be confirmed by a day: "If your team confirm the order before 18 December".
_ORDER_BY = re.compile(
    r"\b(?:confirm|place|sign|approve)\s+(?P<what>(?:the|your|this)\s+(?:\w+\s+)?(?:order|contract|agreement|PO))\b|"
    r"\b(?P<what2>(?:the|your|this)\s+(?:\w+\s+)?(?:order|contract|agreement|PO))\s+(?:must|should|needs? to)\s+(?:be\s+)?confirm",  # "the order must confirm latest 15 December"
    re.I,
)


def named_weekdays(text: str) -> set[int]:
    return {i for m in _WEEKDAY.finditer(text) if (i := weekday_index(m.group(1)[:3])) is not None}


def confirm_day(today: date | None, when: str) -> str:
    """A working day well before an offered day ('the week of Jan 11'), to confirm it by."""
    if today is None:
        return ""
    day = before(to_date(re.sub(r"^(?:the week of|on|by)\s+", "", when), today), today)
    return long_form(day) if day else ""


def before(due: date | None, today: date) -> date | None:
    """The last working day at least two working days before `due` (what a truck or start needs)."""
    if due is None:
        return None
    days = [d for d in next_working_days(today, 15) if d < due]
    return days[-3] if len(days) >= 3 else (days[0] if days else None)


def next_date(text: str, today: date) -> date | None:
    """The nearest day ahead that the draft names as a date (a deadline, a truck, a start)."""
    due = deadline(text, today)
    days = [due[0]] if due else []
    for m in DATE_WORDS.finditer(text):
        day = resolve(re.findall(r"[A-Za-z]+|\d+", m.group(0)), today)
        if day is not None and day > today:
            days.append(day)
    return min(days) if days else None
