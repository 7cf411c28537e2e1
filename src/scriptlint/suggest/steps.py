"""Is there a dated next step left in the draft? (Then the rewrite adds no ask.)

A sentence counts when it names a day still ahead and a step on it (a question, a plan, a
commitment); a subject counts only when it books a time. History ("thanks for the demo on
Tuesday") and an offer held until a day ("we can hold the price through Friday") do not.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from scriptlint.detect.dates import MONTH, long_form, next_working_days, resolve

_DATED = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri)day|tomorrow|next week|this week|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?\s+\d{1,2}\b|\d{1,2}/\d{1,2}|\d{1,2}(?::\d\d)?\s?(?:am|pm)|the \d{1,2}(?:st|nd|rd|th)\b)",
    re.I,
)

_STEP = re.compile(
    r"\?|\b(?:I'll|I will|we'll|we will|I can|we can|has us down|have you down|(?:you're|you are) down|scheduled|see you|join|"
    r"(?:has|have) (?:an? )?(?:opening|slot)|(?:is|are) (?:free|open|available)|webinar|workshop|open house|info session|"
    r"next steps?:|(?:is )?all (?:I|we) need|please (?:sign|send|return|reply|confirm)|(?:we|you|they|us|(?-i:[A-Z][a-z]+)) (?:meet|meets|send|sends|start|starts|kick off|go live|deliver|install|visit)\b)\b|’ll\b",
    re.I,
)


def has_dated_step(text: str, today: date | None) -> bool:
    """A sentence with a day still ahead and a next step in it (a question, a plan, a commitment);
    a subject line counts ('Thursday 12/3 at 10am CT: agenda')."""
    for sentence in re.split(r"(?<=[.!?])(?<![ap]\.m\.)\s+|\n", text):  # "at 2 p.m. for a call" is one sentence
        event = _EVENT.search(sentence)  # "... how they did it in a webinar on Thursday, December 10"
        booked = _MEETING_SUBJECT.search(sentence) and _TIME_OF_DAY.search(
            sentence
        )  # "I've held Thursday at 2 p.m. for a call"
        if (_TOLD_PAST.search(sentence) and not event) or (_HOLDING.search(sentence) and not booked):
            continue  # history, or an offer held until a day: neither is a next step
        ahead = [
            m
            for m in _DATED.finditer(sentence)
            if _ahead(m.group(0), today)
            and not _DATE_AFTER.match(sentence, m.end())  # "Monday, March 2": the date decides
        ]
        digits = any(re.search(r"\d", m.group(0)) for m in ahead)
        subject = sentence.lower().startswith("subject:") and (
            bool(_TIME_OF_DAY.search(sentence)) or (digits and bool(_MEETING_SUBJECT.search(sentence)))
        )
        if ahead and (_STEP.search(sentence) or subject or booked):
            return True
    return False


_DATE_AFTER = re.compile(r",?\s+(?:the\s+)?(?:" + MONTH + r"\s+)?\d{1,2}\b", re.I)
_EVENT = re.compile(r"\b(?:webinar|workshop|open house|info session|roundtable)\b", re.I)
# A subject that books a time: "Thursday 12/3 at 10am CT: agenda", "Call on Friday".
_TIME_OF_DAY = re.compile(r"\d(?::\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)", re.I)
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


# A vague promise to be in touch: "I'll check back in with you in a few weeks then."
_LATER = re.compile(
    r"^(?P<head>(?:so|ok(?:ay)?|great|then|sure|no problem|no worries|understood|got it|sounds good)[,.!]?\s+)?"
    r"(?:I'll|I will|we'll|we will|I’ll|we’ll|(?:mind if|is it ok if|can|could) I)\s+(?:just\s+)?"
    r"(?:check back(?: in)?|check in(?: again)?|follow up|circle back|touch base|reach out|be in touch|get back to you|"
    r"give you a (?:call|ring|shout)|call you|ping you|try you again)(?:\s+(?:with you|again))*\s+"
    r"(?P<when>in a few weeks|in a couple(?: of)? weeks|in (?:two|2|three|3) weeks|next month|in a (?:month|few months|"
    r"couple of months)|after the (?:holidays|new year)|in the new year|early next year|(?:sometime|some time) soon|soon|"
    r"later|down the road|at some point|(?:sometime|some time) next month)(?:\s+then)?"
    r"(?:\s+to see (?:if|whether|how)\b[^.!?]*)?\s*[.!?]?$",
    re.I,
)
_LATER_DAYS = {"few months": 60, "couple of months": 60, "month": 30, "next month": 30}


def dated_promise(sentence: str, today: date | None, channel: str, after: str = "") -> str | None:
    """'I'll check back in a few weeks.' -> 'I'll call you on Tuesday, December 22.' (a vague promise
    becomes a dated one: 002, hold the timeline), or after a 'not now' that names what it waits for,
    'I'll check back after your notified body audit in Q2 2027.'; None when the sentence is no such promise."""
    m = _LATER.match(sentence.strip())
    if m is None or today is None:
        return None
    if after:
        return f"{m.group('head') or ''}I'll check back after {after}."
    when = m.group("when").lower()
    if "new year" in when or "holidays" in when or "early next year" in when:
        start = date(today.year + (today.month >= 6), 1, 5)
    else:
        days = next((n for k, n in _LATER_DAYS.items() if k in when), 14)
        start = today + timedelta(days=days)
    day = next(d for d in next_working_days(start - timedelta(days=1), 5) if d.weekday() in (1, 2, 3))
    verb = "text" if channel == "short" else "call"
    return f"{m.group('head') or ''}I'll {verb} you on {long_form(day)}."


# An offer of the author's on a day ahead: "We can stage the first 12 tons in the east laydown yard the week of Jan 11".
_OFFER_ON = re.compile(
    r"\b(?:we|I) can\b[^.?!]*?\b(?P<when>(?:the week of|on|by)\s+(?:(?:mon|tues|wednes|thurs|fri)day,?\s+)?"
    r"(?:" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}/\d{1,2}))",
    re.I,
)


def only_offered(text: str, today: date | None) -> str:
    """The day an offer of the author's names ('the week of Jan 11') when that offer is the draft's
    only dated step: the reader still has to say yes to it. '' otherwise."""
    offers = [
        m for m in _OFFER_ON.finditer(text) if _ahead(re.sub(r"^(?:the week of|on|by)\s+", "", m.group("when")), today)
    ]
    if len(offers) != 1:
        return ""
    rest = text[: offers[0].start()] + text[offers[0].end() :]
    return "" if has_dated_step(rest, today) else offers[0].group("when")


# An ask for time: a call, a chat, a demo, some minutes, offered or requested vaguely.
TIME_NOUN = re.compile(
    r"\b(?:call|chat|demo|catch(?:ing)? up|connect|reconnect|conversation|meeting|minutes?|time to (?:talk|connect|meet)|"
    r"(?:any|some) time|"
    r"(?:a|grab|over|for) (?:coffee|lunch))\b",
    re.I,
)
_ASKING = re.compile(
    r"\b(?:would love|'d love|’d love|happy to|open to|let me know if you(?:'d| would)? (?:have|be)|do you have (?:any |some )?time|"
    r"what works|when works|if you're interested|if that's easier|would you be|let's|we should|can we|could we|are you (?:free|available)|"
    r"would be (?:great|good|nice)|it'd be (?:great|good)|worth (?:grabbing|a|finding)|"
    r"(?:see|know) if you(?:'d| would)? (?:have|be)|(?:do|would) you have|any interest in|interested in|up for)\b",
    re.I,
)
INTEREST = re.compile(
    r"^(?:are you (?:still )?(?:interested in|open to)|would you (?:still )?be (?:open|interested) (?:to|in))\s+"
    r"(?:looking at|exploring|talking about|discussing)\s+(?P<obj>.+?)\s*[?.!]*$",
    re.I,
)


def is_time_ask(sentence: str) -> bool:
    """A vague ask for time: a call, a chat, some minutes, offered or requested with no day."""
    return bool(TIME_NOUN.search(sentence) and _ASKING.search(sentence)) or bool(INTEREST.match(sentence.strip()))


# What the draft's content lets the reader do: "With this your QA department can finish the vendor approval."
_ENABLES = re.compile(
    r"\b(?:with (?:this|these|it)|so that|so|this (?:lets|means))\s*,?\s+(?P<who>you|your [\w -]{2,30}?)\s+(?:can|could)\s+(?:now\s+)?"
    r"(?P<do>(?:finish|complete|start|take|present|sign|close|submit|get|move|wrap up|approve)\b[^.;!?]{3,60}?)\s*[.;!]",
    re.I,
)


def enabling_question(own: str) -> str:
    """'Does your QA department need anything else to finish the vendor approval?': the one question a
    draft that delivers something asks, tied to what the delivery is for (blind review u14)."""
    m = _ENABLES.search(own)
    if m is None:
        return ""
    who = m.group("who")
    head = "Do you" if who.lower() == "you" else f"Does {who}"
    return f"{head} need anything else to {m.group('do').strip()}?"
