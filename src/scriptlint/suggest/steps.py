"""Is there a dated next step left in the draft? (Then the rewrite adds no ask.)

A sentence counts when it names a day still ahead and a step on it (a question, a plan, a
commitment); a subject counts only when it books a time. History ("thanks for the demo on
Tuesday") and an offer held until a day ("we can hold the price through Friday") do not.
"""

from __future__ import annotations

import re
from datetime import date

from scriptlint.detect.dates import resolve

_DATED = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri)day|tomorrow|next week|this week|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?\s+\d{1,2}\b|\d{1,2}/\d{1,2}|\d{1,2}(?::\d\d)?\s?(?:am|pm))",
    re.I,
)

_STEP = re.compile(
    r"\?|\b(?:I'll|I will|we'll|we will|I can|we can|has us down|scheduled|see you|join|"
    r"(?:has|have) (?:an? )?(?:opening|slot)|(?:is|are) (?:free|open|available)|webinar|workshop|open house|info session)\b|’ll\b",
    re.I,
)


def has_dated_step(text: str, today: date | None) -> bool:
    """A sentence with a day still ahead and a next step in it (a question, a plan, a commitment);
    a subject line counts ('Thursday 12/3 at 10am CT: agenda')."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        event = _EVENT.search(sentence)  # "... how they did it in a webinar on Thursday, December 10"
        if (_TOLD_PAST.search(sentence) and not event) or _HOLDING.search(sentence):
            continue  # history, or an offer held until a day: neither is a next step
        ahead = [m for m in _DATED.finditer(sentence) if _ahead(m.group(0), today)]
        digits = any(re.search(r"\d", m.group(0)) for m in ahead)
        subject = sentence.lower().startswith("subject:") and (
            bool(_TIME_OF_DAY.search(sentence)) or (digits and bool(_MEETING_SUBJECT.search(sentence)))
        )
        if ahead and (_STEP.search(sentence) or subject):
            return True
    return False


_EVENT = re.compile(r"\b(?:webinar|workshop|open house|info session|roundtable)\b", re.I)
# A subject that books a time: "Thursday 12/3 at 10am CT: agenda", "Call on Friday".
_TIME_OF_DAY = re.compile(r"\d(?::\d\d)?\s?(?:am|pm)\b", re.I)
_MEETING_SUBJECT = re.compile(r"\b(?:call|meeting|agenda|demo|visit|review|session)\b", re.I)
_HOLDING = re.compile(r"\b(?:hold|holding|held|valid|good through|price|pricing)\b", re.I)
_TOLD_PAST = re.compile(
    r"\b(?:great to|good to|nice to|thanks?|thank you|we spoke|we met|we talked|last|ago|was|were|did)\b", re.I
)


def _ahead(words: str, today: date | None) -> bool:
    """Is this day today or later (unknown today: assume so)?"""
    if today is None or re.search(r"\b(?:next|this) week|tomorrow|am|pm\b", words, re.I):
        return True
    day = to_date(words, today)
    return day is None or day >= today


def to_date(when: str, today: date) -> date | None:
    md = re.search(r"(\d{1,2})/(\d{1,2})", when)
    if md:
        try:
            return date(today.year, int(md.group(1)), int(md.group(2)))
        except ValueError:
            return None
    return resolve(re.findall(r"[A-Za-z]+|\d+", when), today)
