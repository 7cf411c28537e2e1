"""What surrounds the author's words: the channel, how many times they have already written, and
what the quoted thread says (the homework a reply should use).

Plain regular expressions over the text: this runs once per message, after the cue matchers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from scriptlint.text.lines import Range

CHANNELS = ("email", "short", "voicemail", "call-script")
"""`short` is an SMS, chat or LinkedIn message: no subject, no greeting line of its own, few words."""

SPEAKER_LINE = re.compile(r"^[ \t]*(?:[-*•][ \t]*)?([A-Z][A-Za-z]{0,15}(?: [A-Z][A-Za-z]{0,15})?)[ \t]*:[ \t]+\S", re.M)
_GREETING_ALONE = re.compile(
    r"^\s*(hi|hey|hello|dear|good (morning|afternoon|evening)|greetings)\b[^!?\n]{0,50}[,!:]?\s*$", re.I | re.M
)
_CALL_ME = re.compile(
    r"\b(call me|give me a (call|ring|shout)|ring me|reach me|my (number|cell|mobile)|call you back)\b", re.I
)
_PHONE = re.compile(r"(?<![\w$€£.,])\+?\(?\d{2,4}\)?(?:[ .-]\d{2,4}){1,3}(?![\w%])")
_SHORT_WORDS = 80

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "couple": 2, "few": 3, "several": 3, "many": 4, "multiple": 3,
}  # fmt: skip
_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7,
}  # fmt: skip
_TOUCH = r"(?:e-?mails?|messages?|msgs?|notes?|texts?|voicemails?|vms?|calls?|attempts?|tries|follow-?ups?|nudges?|reminders?|mails?|inmails?)"
_COUNTED = re.compile(
    rf"\b(?:my|the|i've (?:sent|left)|i have (?:sent|left)|left(?: you)?|sent(?: you)?)\s+(?:last\s+|previous\s+|earlier\s+)?"
    rf"(\d+|{'|'.join(_NUMBER_WORDS)})\s+(?:\w+\s+)?{_TOUCH}\b",
    re.I,
)
_ORDINAL_TOUCH = re.compile(rf"\b({'|'.join(_ORDINALS)})\s+(?:{_TOUCH}|time)\b", re.I)
_TIMES = re.compile(
    r"\b(?:reached out|written|wrote|called|rung|emailed|e-mailed|tried|pinged|followed up|contacted you|messaged|"
    r"texted|left messages)(?: to you| you)?\s+(a few|several|a couple of|many|multiple|two|three|four|five)\s+times\b",
    re.I,
)
_PLURAL_TOUCH = re.compile(
    r"\bmy\s+(?:last\s+|previous\s+|earlier\s+)?(?:few\s+|couple\s+|two\s+)?"
    + _TOUCH
    + r"(?:\s+and\s+"
    + _TOUCH
    + ")?",
    re.I,
)
_AGAIN = re.compile(
    r"\b((?:follow(?:ing)? up|check(?:ing)? in|touch(?:ing)? base|reach(?:ing)? out|writing|calling|e-?mailing|"
    r"bump(?:ing)?|circl(?:e|ing) back|ping(?:ing)?|bother(?:ing)? you|bug(?:ging)? you|trying you) again|"
    r"one more time|once more|haven't heard back|have not heard back|did not hear back|didn't hear back|"
    r"not heard back|haven't heard from you)\b",
    re.I,
)
_ATTRIBUTION = re.compile(r"^On\b.{4,120}?,\s*([^,<\n]+?)\s*(?:<[^>\n]*>)?\s*wrote:\s*$", re.M)


@dataclass
class Thread:
    """What the quoted earlier messages say (never linted, only read)."""

    text: str = ""
    # Names from the "On ..., NAME wrote:" lines, in order.
    authors: list[str] = field(default_factory=list)
    # Earlier messages in the thread by the same sender as this draft.
    own_touches: int = 0


_CHANNEL_TITLE = re.compile(
    r"\A\s*(voice ?mail|vm|sms|text message|linkedin (?:message|dm|inmail|note))\b(?: script| draft| template)?\s*(?:[-:–—]|\n)",
    re.I,
)


def channel_of(text: str, own: str, is_call: bool, words: int) -> str:
    """email, short (SMS/chat/LinkedIn), voicemail or call-script, from the shape of the text."""
    title = _CHANNEL_TITLE.match(own)
    if title:  # "VOICEMAIL SCRIPT - Greg Halvorsen": the author names the channel
        return "voicemail" if title.group(1).lower().startswith(("voice", "vm")) else "short"
    labels = [m.group(1) for m in SPEAKER_LINE.finditer(own)]
    turns = [label for label in labels if label.lower() != "subject" and labels.count(label) >= 2]
    if len(set(turns)) >= 2 or (turns and len(set(labels)) >= 2 and turns[0] == labels[0]):
        return "call-script"  # two speakers taking turns; a header label ("Target: ...") is no speaker
    paragraphs = [p for p in re.split(r"\n\s*\n", own.strip()) if p.strip()]
    repeated = {label for label in labels if labels.count(label) >= 2}
    if len(repeated) == 1 and phone_numbers(own) and (is_call or _CALL_ME.search(own)):
        return "voicemail"  # one speaker, a callback number: a voicemail script ("Rep: ..." on every line)
    if is_call and len(paragraphs) <= 2 and (phone_numbers(own) or _CALL_ME.search(own)):
        return "voicemail"
    if own.lstrip().lower().startswith("subject:") or _GREETING_ALONE.search(own.strip().split("\n\n")[0] + "\n"):
        return "email"
    return "short" if words <= _SHORT_WORDS else "email"


def phone_numbers(text: str) -> list[str]:
    return [m.group(0) for m in _PHONE.finditer(text) if sum(c.isdigit() for c in m.group(0)) >= 7]


def nudge_count(own: str, thread: Thread, references: str = "") -> int:
    """How many times the author has now written without an answer, this message included, as the
    text says it ('my last four emails', 'sorry for the 3rd text', 'a few times', 'again') and the
    thread shows it (earlier messages by the same sender, message ids in References)."""
    counts = [0]
    for m in _COUNTED.finditer(own):
        n = m.group(1).lower()
        counts.append((int(n) if n.isdigit() else _NUMBER_WORDS[n]) + 1)
    counts += [_ORDINALS[m.group(1).lower()] for m in _ORDINAL_TOUCH.finditer(own)]
    counts += [_NUMBER_WORDS.get(m.group(1).lower().split()[-1], 3) + 1 for m in _TIMES.finditer(own)]
    if re.search(r"\ball (?:the|my|these|those) (?:e-?mails|messages|notes|texts|calls|voicemails)\b", own, re.I):
        counts.append(3)  # "sorry for all the emails"
    plural = [m.group(0).lower() for m in _PLURAL_TOUCH.finditer(own)]
    if plural:
        # "my emails" is two touches, "my voicemails and email" three, "my last few messages" three.
        words = re.findall(_TOUCH, " ".join(plural), re.I)
        touches = sum(2 if w.lower().endswith("s") and not w.lower().endswith("ss") else 1 for w in words)
        counts.append(max(touches, 3 if "few" in " ".join(plural).lower() else 0))
    if _AGAIN.search(own):
        counts.append(2 if re.search(r"again\b|one more|once more", own, re.I) else 1)
    from_thread = thread.own_touches + (1 if thread.own_touches else 0)
    refs = len(re.findall(r"<[^<>@\s]+@[^<>\s]+>", references))
    return max(max(counts), from_thread, min(refs, 10))


def read_thread(text: str, excluded: Iterable[Range], sender_words: set[str]) -> Thread:
    """The quoted part of a reply, markers stripped, with who wrote each earlier message."""
    quoted = [text[s:e] for s, e, kind in excluded if kind == "quote"]
    if not quoted:
        return Thread()
    body = "\n".join(quoted)
    authors = [m.group(1).strip() for m in _ATTRIBUTION.finditer(body)]
    plain = "\n".join(
        re.sub(r"^[ \t]*(?:>[ \t]?)+", "", line) for line in body.splitlines() if not _ATTRIBUTION.match(line)
    )
    own = sum(1 for a in authors if sender_words and set(a.lower().split()) & sender_words)
    return Thread(text=plain, authors=authors, own_touches=own)


def sender_words(text: str, excluded: Iterable[Range]) -> set[str]:
    """Lowercased words of the sender's name: the signature block or the last short line before the quote."""
    sigs = [text[s:e] for s, e, kind in excluded if kind == "signature"]
    first_quote = min((s for s, _, kind in excluded if kind == "quote"), default=len(text))
    tail = sigs[0] if sigs else text[:first_quote].rstrip().rsplit("\n", 1)[-1]
    words = re.findall(r"[A-Z][a-z]+", tail)
    return {w.lower() for w in words[:3]}
