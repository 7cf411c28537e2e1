"""What a voicemail or a live call says where an email would ask: the listener cannot answer a
question, so a spoken draft states why the caller rang and when they will try again.

A bare "call me back" gives the listener no reason (blind review; LABELS counts it as hollow): it
becomes "Please call me back before <deadline>" when the draft names one, else "I'll try you again
on <day>", placed before the callback number, which stays the last thing the listener hears.
"""

from __future__ import annotations

import re

from scriptlint.detect.dates import long_form, pick_day
from scriptlint.suggest.deadlines import DATE_WORDS, deadline, named_weekdays
from scriptlint.suggest.edits import Context, Edit
from scriptlint.suggest.history import declined
from scriptlint.suggest.layout import editable_start
from scriptlint.suggest.minimal import Draft
from scriptlint.suggest.steps import has_dated_step
from scriptlint.suggest.tactics import catalogue

_ABOUT = re.compile(
    r"\babout\s+(?P<obj>(?:your|the|a|an|our)\s+[^,.?!]+?)(?:\s+(?:at some point|sometime|soon))?\s*[.!?]*$", re.I
)
PHONE_UNIT = re.compile(r"\d{3}[ .-]\d{4}")


def about(obj: str, channel: str) -> str:
    """A plain statement of what the message is about, for an object no ask can carry."""
    if channel == "voicemail":
        # "I'm calling about X" is an empty frame (LABELS R4); a time to go through it is a reason
        deal = re.search(
            r"\b(?:proposal|quote|quotation|bid|offer|order|contract|agreement|estimate|schedule|plan)\b", obj, re.I
        )
        verb = "go through" if deal and not re.match(r"\w+ing\b", obj) else "talk about"  # "switching your cylinders"
        return f"I'm calling to find a time to {verb} {obj}."
    return f"I'm {'calling' if channel == 'call-script' else 'writing'} about {obj}."


def spoken_close(d: Draft) -> str:
    """A voicemail never asks: the topic of a vague ask becomes a plain statement of why you called."""
    for u in d.ask_units:
        m = _ABOUT.search(d.text[u.start : u.end])
        if m:
            return f"I'd like to talk about {m.group('obj')}."
    return ""


def try_again(ctx: Context, remaining: str, after_no: bool = True) -> str:
    """A voicemail with no day ahead ends with when you will try again (a listener cannot answer a
    question; the catalogue's voicemail close)."""
    today = ctx.reading.today
    if today is None or has_dated_step(remaining, today) or (after_no and declined(ctx.text)):
        return ""  # after a no, calling again in two days only spends the goodwill
    day = pick_day(today, avoid=named_weekdays(remaining))
    return catalogue().compose["voicemail_close"].format(weekday=long_form(day)) if day else ""


def call_back(ctx: Context, d: Draft, remaining: str) -> str:
    """A voicemail's call-back request: tied to the draft's own deadline when it names one ('Please
    call me back before Friday, December 4.'), else the caller says when they will try again (a bare
    'call me back' gives the listener no reason: blind review, and LABELS counts it as hollow)."""
    hook = deadline(remaining, ctx.reading.today)
    if hook:
        return f"Please call me back before {long_form(hook[0])}."
    # with no day to give (a hint for a draft with no date), the close still says when, as a slot for the rep
    return try_again(ctx, remaining, after_no=False) or catalogue().compose["voicemail_close"].format(weekday="[day]")


# The prospect already has a supplier: "We already have a fire company.", "We're happy with our current vendor."
_INCUMBENT = re.compile(
    r"^\s*prospect\s*:.*\b(?:(?:we|i) already (?:have|use|work with|got)|we(?:'re| are) (?:happy|all set|covered) with|"
    r"we (?:use|have) (?:a|our own|someone))\b",
    re.I | re.M,
)


_TOLD_WHEN = re.compile(
    r"^\s*prospect\s*:.*\b(?:until|through|till|renews?|expires?|ends?)\b[^\n]*?\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec|spring|summer|fall|autumn|winter|next year|q[1-4])",
    re.I | re.M,
)


def incumbent_question(d: Draft) -> None:
    """In a live call, the rep's hollow question after 'we already have a supplier' becomes the one
    discovery question that keeps the door open: when that contract comes up (blind review, k11/n11)."""
    said = _INCUMBENT.search(d.text)
    if said is None or _TOLD_WHEN.search(d.text):
        return  # no supplier named, or the prospect already said when it ends ("locked in ... until March")
    for unit in d.layout.units:
        start = editable_start(d.text, unit)
        question = d.text[start : unit.end].rstrip().endswith("?")
        if unit.start < said.end() or not unit.findings or not question or unit in d.ask_units:
            continue
        between = d.text[said.end() : unit.start]
        if any(DATE_WORDS.search(x) for x in re.findall(r"^\s*(?!prospect)\w+\s*:([^\n]*)", between, re.I | re.M)):
            return  # the rep already answered the incumbent with a fact (blind review w13: the crane free on Jan 20)
        d.edits = [e for e in d.edits if e.start != start]
        d.kept.discard(unit.start)
        d.edits.append(Edit(start, unit.end, catalogue().compose["incumbent_question"], "map-decision", "say"))
        return


OPENER = "The reason for my call is a quick question:"  # a discovery question, not the call's one ask
_OPENER = re.compile(r"\b(?:calling|reason for my call|reaching out|the reason I called)\b", re.I)


def opener_question(d: Draft, start: int, end: int, offer: str) -> Edit | None:
    """A live call's hollow opener ('I'm just calling to check in and see how things are going') becomes
    the reason for the call, asked as a question about what the author's side does ('who looks after your
    sprinkler systems today?'), rather than staying because a turn is never left empty (blind review t13)."""
    if d.reading.channel != "call-script" or not offer or not _OPENER.search(d.text[start:end]):
        return None
    thing = re.sub(r"^(?:the|a|an|your|our)\s+", "", offer, flags=re.I)
    return Edit(
        start,
        end,
        f"{OPENER} who looks after your {thing} today?",
        "state-purpose",
        "say",
    )
