"""Offers and asks that hold nothing: conditional standing offers and bare meeting asks.

Conditional standing offers: "If [problem] becomes urgent, ping me.", "And if you have questions, I'm easy to reach."

LABELS.md R1 counts standing offers ("let me know if anything changes", "feel free to reach out anytime") as
purposeless. Written as a condition followed by availability, they often carry words that look like content
("If improving developer velocity is a priority this year, I'd love to show you how."), and the classifier
then reads them as purposeful. This rule reads them instead: an "if / should / whenever" clause, then an
offer of availability (happy to, I'm here, feel free, let me know, reply, ping me, call), with nothing
concrete: no figure, day, attachment, named choice ("who / which / why"), ending ("stop", "off my list")
or deliverable ("send", "quote", "contract", "review", "referral"). A question is not one.
Checked on the corpus's train and dev parts before use: 17 of its 18 matches there are labelled purposeless.

Bare meeting asks: "Worth 20 minutes?", "Do you have 15 minutes this week?", "Can we get 20 minutes on the
calendar this week?" ask for a meeting with no time and no agenda (R1). A duration looks like a figure to
the classifier, so it misses many of them. The rule: a yes/no question about a call, chat, demo, meeting
or minutes, with no day, clock time, date or slot, no agenda word after the ask ("to", "about", "on",
"for", "with", ...), and not call etiquette ("Got two minutes?", "Is now a good time?"). Checked on the
corpus's train and dev parts before use: its 27 matches there are all labelled purposeless.
"""

from __future__ import annotations

import re

_CONDITION_THEN_OFFER = re.compile(
    r"^\W*(?:and |but |or )?(?:if|should|whenever|when)\b.{3,160}?(?:,|\u2014|\u2013| - )\s*(?:just |then |please )?"
    r"(?:i'm|i am|i'd be|i'll be|i'd love|we'd love|we're|we'd be|happy|glad|feel free|let me know|let us know|reply|"
    r"ping|call|give me|"
    r"reach out|drop me|shoot me|you know where)",
    re.I,
)
_CONCRETE = re.compile(
    r"\d|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|attached|enclosed|who|which|"
    r"why|what made|chose|choose|went with|picked|another|someone else|stop|off my list|remind\w*|send|sending|quote|"
    r"paperwork|contract|invoice|review|feedback|referral|introduce|intro|target|(?:new|which|what) (?:month|date)|headcount|"
    r"reply with (?:the|a|your))\b",
    re.I,
)

_MEETING = re.compile(
    r"\b(?:call|chat|minutes?|mins?|demo|conversation|meeting|catch[- ]up|coffee|time on (?:the|your) calendar|"
    r"stop by|drop by|hop on|jump on)\b",
    re.I,
)
_WHEN = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|\b\d{1,2}(?:st|nd|rd|th)\b|\btomorrow\b|"
    r"\btoday\b|[\[{]",
    re.I,
)
_AGENDA = re.compile(
    r"\b(?:to|about|regarding|re|on|of|for|with|so|where|whether|if|and|or|through|over)\b"
    r"(?! (?:the|your) calendar\b)(?! (?:a|the) (?:call|chat|quick|brief|short)\b)(?! (?:this|next) week\b)(?! you\b)",
    re.I,
)
_ETIQUETTE = re.compile(
    r"\b(?:two|2|couple of|a few|one) (?:minutes?|mins?)\b|good time|call (?:you )?back|\bnow\b|bad time|"
    r"move our call|reschedule|^\W*(?:what|which|why|who|how|when|where)\b",
    re.I,
)

STANDING_OFFER = {"neutral": 0.05, "purposeful": 0.05, "purposeless": 0.9}
"""The scores of a conditional standing offer (`conditional_offer`)."""
REASON = "a conditional standing offer with nothing concrete in it (LABELS.md R1)"
MEETING_REASON = "a meeting ask with no time and no agenda (LABELS.md R1)"


def conditional_offer(unit: str) -> bool:
    """ "If X, I'm happy to / I'm here / let me know": an offer of availability, nothing the reader can act on."""
    text = unit.strip().replace("\u2019", "'")
    if text.endswith("?") or _CONCRETE.search(text):
        return False
    return bool(_CONDITION_THEN_OFFER.search(text))


def bare_meeting_ask(unit: str) -> bool:
    """ "Worth 20 minutes?": a meeting ask with no day or time and no agenda (R1)."""
    text = unit.strip().replace("\u2019", "'")
    if not text.endswith("?") or len(text.split()) > 30 or not _MEETING.search(text):
        return False
    return not (_WHEN.search(text) or _ETIQUETTE.search(text) or _AGENDA.search(text))


def empty_offer_reason(unit: str) -> str | None:
    """Why this unit is purposeless by rule (a conditional standing offer or a bare meeting ask), else None."""
    if conditional_offer(unit):
        return REASON
    if bare_meeting_ask(unit):
        return MEETING_REASON
    return None
