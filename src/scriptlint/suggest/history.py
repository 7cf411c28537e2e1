"""What a draft says about the author's history with the reader, as the rewrite reads it.

A no (in the draft or the quoted reply), whether that no is only "not now" or names price, the
author's own earlier messages and meetings (the reader was there: nothing to restate), and the
author counting unanswered touches. The detector's reading (detect/reading.py) scores situations
for ranking tactics; these tables decide single edits, where a wrong guess costs a sentence.
"""

from __future__ import annotations

import re
from datetime import date

from scriptlint.detect.dates import MONTH, resolve

# The prospect declined or paused: "We've decided to stay with Summit", "I understand the decision you shared".
_DECLINED = re.compile(
    r"\b(?:decided (?:to (?:stay|go|stick|move forward|renew|keep|continue) with|not to|against)|"
    r"(?:stay|staying|renew|renewing|stick|sticking) with (?-i:[A-Z])\w+|"
    r"(?:on|you're|you are|we're|we are|they're|are|be) going with (?-i:[A-Z])\w+|not (?:going|able) to move forward|"
    r"(?:went|gone|signed|decided to go) with (?:another|a different|"
    r"(?-i:[A-Z])\w+)|chose (?:another|a different|to stay)|not (?:moving|going) forward|no longer (?:interested|looking)|"
    r"(?:isn't|is not|not) a (?:fit|priority) (?:for us|right now)|pass(?:ing)? on (?:this|it)|"
    r"(?:understand|respect|appreciate) (?:the|your) decision|(?:won't|will not|aren't|are not) (?:be )?(?:moving|going) forward|"
    r"decided to (?:handle|do|keep|bring) [^.]{0,90}\bin-house|"
    r"sorry (?:to hear|it didn't)|didn't work out|(?:put|putting) (?:this|it|things) on hold|"
    r"(?:voted|decided|opted|elected|chose)\b[^.]{0,30}?\bto (?:go|stay|stick) with)\b",
    re.I,
)


def declined(text: str) -> bool:
    """Did the prospect say no (in the draft or the quoted thread)?"""
    return bool(_DECLINED.search(one_line(text)))


def one_line(text: str) -> str:
    """A quoted reply's lines joined, so a phrase broken across '> ' lines reads whole."""
    return re.sub(r"\s*\n[>\s]*", " ", text)


# The author's own earlier contact, which the reader was part of.
OWN_HISTORY = re.compile(
    r"^(?:(?:our|my|your|yesterday's|yesterday’s)\s+(?:\w+\s+)?(?:conversation|call|chat|meeting|talk|visit|demo|e?-?mails?|"
    r"notes?|messages?|letter|voicemail|reply)\b|"
    r"the\s+(?:\w+\s+)?(?:conversation|call|chat|meeting|visit|demo)\s+(?:last\s+\w+|yesterday|earlier|this morning)\b|"
    r"the\s+(?:voicemail|message|e-?mail|note|text)\s+(?:I|we)\s+(?:left|sent)\b)",  # "the voicemail I left last Tuesday"
    re.I,
)

# Three or more unanswered touches, as the author counts them: "my fifth email", "one more time",
# "I've tried you a few times", "my previous emails". "Following up again" or "haven't heard back" alone is
# a second touch; "again" said twice ("following up again ... sorry to bother you again") is not.
NUDGING = re.compile(
    r"\b(?:(?:following up|checking in|reaching out|writing|trying|bumping this|circling back|touching base|pinging you)\s+"
    r"(?:\w+\s+)?(?:one more time|once more)|(?:third|fourth|fifth|sixth|3rd|4th|5th|6th|last|final) "
    r"(?:email|note|message|text|call|voicemail|try|attempt)|still haven't heard|several (?:emails|messages|times)|a few (?:emails|times)|"
    r"(?:my|the|our) (?:previous|earlier|last (?:few|two|three)|other) (?:e-?mails|messages|notes|texts|voicemails))\b",
    re.I,
)
# After a no: is it only 'not now', and does its stated reason name price?
PRICE_REASON = re.compile(
    r"\b(?:price[ds]?|pricing|rates?|cheaper|budget|cost)\b|\bunder (?:yours|ours|us)\b|\$\d", re.I
)
ON_HOLD = re.compile(
    r"\b(?:on hold|pause[ds]?|not (?:right )?now|for now|for the time being|at this time|next (?:year|quarter)|revisit|"
    r"(?:isn't|is not|not) the right time)\b",
    re.I,
)
# A contract that binds them: asking what would have won it is moot until it ends.
TERM_BOUND = re.compile(r"\b(?:lease|contract (?:runs|ends)|runs (?:through|until)|locked in)\b", re.I)
# Someone else was chosen: "decided to renew with Hartwell Mutual", "award the lane to Polar Line".
CHOSE_OTHER = re.compile(
    r"\b(?:go|going|went|gone|renew|renewing|stay|staying|stick|sticking|signed|award\w*|decided on|chose)\b"
    r"[^.]{0,40}?\b(?:with|to|on)\s+(?-i:[A-Z])\w+",
    re.I,
)

# A hollow lead-in around the author's own earlier meeting, which carries facts the draft says nowhere else:
# "I just wanted to touch base after my visit out to Kessler Farms on November 24."
_AFTER_MEETING = re.compile(
    r"\b(?:touch(?:ing)? base|follow(?:ing)? up|circl(?:e|ing) back|check(?:ing)? in|reach(?:ing)? out)\s+"
    r"(?:after|on|about|following|regarding|from)\s+(?P<what>(?:my|our)\s+(?:\w+\s+)?(?:visit|conversation|call|chat|meeting|demo|"
    r"talk|walk-?through|tour)\b[^.!?]*?)\s*[.!?]*$",
    re.I,
)


def thanks_for(sentence: str) -> str:
    """'Thanks again for having me out to Kessler Farms on November 24.': the meeting's facts stay, as the
    thanks they stand for, and the hollow lead-in goes (blind review: a flagged line kept for its facts)."""
    m = _AFTER_MEETING.search(sentence)
    if m is None:
        return ""
    what = re.sub(r"^my\s+(?:site\s+)?visit(?:\s+out)?\s+(?=to\b)", "having me out ", m.group("what"), flags=re.I)
    what = re.sub(r"^my\s+(?:site\s+)?visit\b", "having me over", what, flags=re.I)
    what = re.sub(r"^(?:our|my)\s+", "the ", what, flags=re.I)
    return f"Thanks again for {what}."


# "which I sent over on October 20": the day the author's own unanswered message went out.
_SENT_ON = re.compile(
    r"\b(?:sent|shared|emailed|submitted)\b[^.;!?]{0,40}?\b(?P<when>"
    + MONTH
    + r"\s+\d{1,2}|\d{1,2}\s+"
    + MONTH
    + r")(?!\w)",
    re.I,
)


def stale(own: str, today: date | None) -> bool:
    """'Following up again on the quote I sent on October 20' six weeks on: more touches than the one 'again'
    counts (blind review w07, a fifth nudge that never said so)."""
    m = _SENT_ON.search(own)
    day = resolve(re.findall(r"[A-Za-z]+|\d+", m.group("when")), today, past=True) if m and today else None
    return day is not None and (today - day).days >= 28


# What a "not now" waits for: "our regulatory team wants full control until the notified body audit in Q2 2027".
_UNTIL = re.compile(
    r"\b(?:until|till|after|through)\s+(?P<what>(?:(?:the|our|we)\s[^.;,!?]{3,60}?\b)?(?:Q[1-4]\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|"
    r"aug|sep|oct|nov|dec)[a-z]*\s+\d{4}|next (?:year|quarter)|20\d\d))\b",
    re.I,
)


def hold_until(text: str) -> str:
    """For a no that is only 'not now', what it waits for, in the author's words ('your notified body audit in
    Q2 2027'); ''. The caller has read the no (`declined`)."""
    joined = one_line(text)
    m = _UNTIL.search(joined) if ON_HOLD.search(joined) else None
    return re.sub(r"^(?:our|the)\s", "your ", m.group("what")) if m else ""
