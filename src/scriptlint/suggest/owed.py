"""What the quoted thread shows the author owes the reader: the things the prospect asked for, and by when.

When the prospect asked for something ("I need two things from you: the pump curve ... and two
references ..., so I'd need both by Monday the 30th"), a nudge back asking for their thoughts is the
wrong way round (blind reviews s16, t16): the author's next step is to send what was asked, by the
day asked, or, when that day has passed, by the next working day and in time for whatever the day was
for.
"""

from __future__ import annotations

import re
from datetime import date

from scriptlint.detect.dates import MONTH, long_form, next_working_days
from scriptlint.suggest.history import one_line
from scriptlint.suggest.steps import to_date

_WHEN = (
    r"(?:by|before|no later than)\s+(?P<when>(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri)[a-z]*\.?,?\s+)?(?:the\s+)?"
    r"(?:" + MONTH + r"\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+" + MONTH + r"(?![a-z]))?|"
    r"(?:mon|tues|wednes|thurs|fri)day|tomorrow|end of (?:the )?day)"
)
# "Could you send me the W-9 by Friday?", "Please send us the revised layout before Dec 4."
_ASKED = re.compile(
    r"\b(?:(?:can|could|would) you (?:please )?|please )(?:send|get|share|email)(?: me| us)?(?: over)? "
    rf"(?P<what>[^?.]{{3,100}}?)\s+{_WHEN}",
    re.I,
)
# "Can you send two things by Friday, Dec 4: your most recent SOC 2 report, and the name of a customer ...?"
_ASKED_LIST = re.compile(
    r"\b(?:can|could|would) you (?:please )?(?:send|get|share|email)(?: me| us)?(?: over)? (?:two|three|four|a few|both|"
    rf"these|the following)(?: things| items| documents)? {_WHEN}:\s*(?P<what>[^?]{{3,200}}?)\s*(?:\?|$)",
    re.I,
)
# "I need two things from you by Thursday 3 December: updated pricing for a 3-year term, and confirmation of ...".
_NEEDED_LIST = re.compile(
    r"\b(?:I|we)(?:'d|’d|'ll|’ll| would| will)?\s+need\s+(?:two|three|four|a few|both|these|the following)\s+"
    rf"(?:things|items|documents)(?:\s+from you)?\s+{_WHEN}:\s*(?P<what>[^?.]{{3,200}}?)\s*(?:[.?]|$)",
    re.I,
)
# "I need two things from you: the pump curve ..., and two references ...", "we'll need the COI from you".
_NEEDED = re.compile(
    r"\b(?:(?:I|we)(?:'d|’d|'ll|’ll| would| will)?\s+(?:need|want)|(?:purchasing|procurement|legal|finance|accounting|"
    r"compliance|security|IT|our (?:team|board|counsel|auditors?))\s+(?:needs|wants|requires))\s+"
    r"(?:(?:two|three|a few|some|the following) things? "
    r"from you:\s*|from you\s+)?(?P<what>(?:the|your|an?|two|three|both|\d+)\s[^.?!;]{3,160}?)"
    r"(?:\s+from you)?(?:\s+" + _WHEN + r"|\s*[.;!])",
    re.I,
)
# The day the request gives, in the same sentence or the next: "so I'd need both by Monday the 30th".
_LATER_WHEN = re.compile(
    rf"\b(?:need|want|have|get|send)\s+(?:both|them|it|these|those|all \w+)\s+(?:(?:to|over to)\s+(?:me|us)\s+)?{_WHEN}",
    re.I,
)
_DAY_AHEAD = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri)day,?\s+)?" + MONTH + r"\s+"
    r"\d{1,2}(?:st|nd|rd|th)?\b|\b(?:mon|tues|wednes|thurs|fri)day,?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b",
    re.I,
)


# What a prospect asks a seller to send: a document, a figure, a sample; not "a new supplier by January".
_DELIVERABLE = re.compile(
    r"\b(?:quotes?|quotations?|proposals?|pricing|prices?|curves?|references?|samples?|specs?|specifications?|sheets?|"
    r"documents?|plans?|layouts?|certificates?|COI|W-9|NDA|contracts?|agreements?|reports?|decks?|lists?|case stud\w+|"
    r"drawings?|estimates?|invoices?|proofs?|mock-?ups?|figures|numbers|data|details|breakdowns?|schedules?|timelines?|"
    r"terms|forms?|brochures?|slides?|demos?|trials?|logins?|credentials?|summary|recap|notes)\b",
    re.I,
)


def _ours(what: str) -> str:
    """Their words, said by the author: 'your W-9' -> 'our W-9', 'our CISO' -> 'your CISO'; 'from you' goes."""
    what = re.sub(r"\s+from you\b", "", what.strip().rstrip(","), flags=re.I).replace(", and ", " and ")
    what = re.sub(r"\s*\((?=[^()]*\b(?:we|us|our|I)\b)[^()]*\)", "", what)  # "(we can't store returns outside the UK)"
    swap = {"your": "our", "our": "your", "us": "you"}
    return re.sub(r"\b(?:your|our|us)\b", lambda m: swap[m.group(0).lower()], what, flags=re.I)


def owed(thread: str, today: date) -> str:
    """'I'll send you pricing and a digital proof by Friday, December 4.', or when the day asked has passed,
    'Sorry for the delay: I'll send you ... by Wednesday, December 2; is that still in time for Thursday,
    December 3?'; '' when the thread asks nothing of the author by a day."""
    text = one_line(thread)
    found = (m for m in (p.search(text) for p in (_ASKED_LIST, _NEEDED_LIST, _ASKED, _NEEDED)) if m is not None)
    found = (m for m in found if not re.match(r"(?:two|three|four|a few|both)\s+things\b", m.group("what"), re.I))
    m = next(
        (m for m in found if _DELIVERABLE.search(m.group("what")) or re.search(r"\bfrom you\b", m.group(0), re.I)), None
    )
    if m is None:  # "Can you get both to me by Friday?" names nothing; the sentence before it does
        return ""
    when = m.group("when")
    if when is None:
        later = _LATER_WHEN.search(text, m.end(), m.end() + 200)
        when = later.group("when") if later else None
    day = to_date(when, today) if when else None
    if day is None:
        return ""
    what = _ours(m.group("what"))
    if day >= today:
        return f"I'll send you {what} by {long_form(day)}."
    soon = next_working_days(today, 1)[0]
    event = [d for d in (to_date(x.group(0), today) for x in _DAY_AHEAD.finditer(text)) if d and d > soon]
    tail = f"; is that still in time for {long_form(min(event))}?" if event else "."
    return f"Sorry for the delay: I'll send you {what} by {long_form(soon)}{tail}"
