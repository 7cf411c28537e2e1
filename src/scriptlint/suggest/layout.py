"""The shape of a draft a rewrite must respect: subject line, greeting, sign-off, speaker turns.

A rewrite edits sentences in place and never inserts above a `Subject:` line, after the sign-off,
or across a speaker label ("Rep:", "Prospect:"). Units are the author's own sentences, each inside
one line of one speaker's turn; flagged units next to each other in one paragraph or turn form a
run, which one edit replaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from scriptlint.detect.context import SPEAKER_LINE
from scriptlint.findings import Finding
from scriptlint.text.lines import Range
from scriptlint.text.sentences import sentence_starts

# Sign-offs in their common forms: "With best regards,", "Warm regards", "Cheers", "Thx", "-- Dana",
# "– Marco", "Greetings from Rotterdam, Anouk", "All the best,".
SIGN_OFF = re.compile(
    r"^[ \t]*(?:(?:with )?(?:best|kind|warm|warmest|many)?\s*(?:regards|wishes|thanks)|best|cheers|thanks|thank you|"
    r"thx|ty|ta|sincerely|yours(?: truly| sincerely)?|talk soon|speak soon|all the best|warmly|take care|br|rgds|"
    r"greetings from [^\n,]{1,40})\b[^\n.?]{0,40}$"
    r"|^[ \t]*(?:--|–|—)[ \t]*[A-Z][\w.'’ -]{0,40}$"
    r"|^[ \t]*-[ \t]*[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’&-]*){0,2}(?:,[ \t]*[A-Z][\w.'’ &-]{0,40})?[ \t]*$",  # "- Owen, Titan Rack"
    re.I | re.M,
)
_INLINE_SIGN_OFF = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?] ))[ \t]*(?:(?:–|—|-)[ \t]*[A-Z][\w'’-]+|thx!?|thanks!?|cheers!?|greetings from [^\n]{1,60})[ \t]*$",
    re.I,
)
GREETING_HEAD = re.compile(
    r"^(?:(?:hi|hey|hello|dear|hiya|morning|good (?:morning|afternoon|evening))\b[^,!\n]{0,40}?"
    r"(?:,|!|\s[-–—](?=\s)|\s(?=[\U0001F300-\U0001FAFF]))"
    r"[ \t]*(?:[\U0001F300-\U0001FAFF][ \t]*)?)",
    re.I,
)
# "it's Rick from Summit Rentals," / "this is Karl with Hydrotec." after a greeting: a caller's introduction.
_INTRO = re.compile(
    r"^(?:it's|it’s|this is|my name is|i'm|i am)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:from|with|at|here)\b[^,.]*[,.]\s*",
    re.I,
)
SUBJECT_LINE = re.compile(r"^Subject:[ \t]*", re.I)


@dataclass
class Unit:
    """One sentence of the author's own text, inside one line of one turn."""

    start: int
    end: int
    text: str
    line: int
    findings: list[Finding] = field(default_factory=list)
    subject: bool = False

    @property
    def flagged(self) -> bool:
        return bool(self.findings)


@dataclass
class Run:
    """Flagged units next to each other in one paragraph (or one speaker's turn)."""

    units: list[Unit]

    @property
    def start(self) -> int:
        return self.units[0].start

    @property
    def end(self) -> int:
        return self.units[-1].end

    @property
    def findings(self) -> list[Finding]:
        return [f for u in self.units for f in u.findings]


@dataclass
class Layout:
    text: str
    units: list[Unit]
    runs: list[Run]
    # Where the author's closing block starts (sign-off line, else the first quote/signature).
    closing: int
    own_label: str | None = None
    excluded: list[Range] = field(default_factory=list)  # quotes and signatures inside the author's text


def own_ranges(text: str, excluded: list[Range]) -> list[tuple[int, int]]:
    """The author's own stretches: everything but quotes and signatures."""
    out, pos = [], 0
    for s, e, _ in sorted(excluded):
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def closing_start(text: str, excluded: list[Range]) -> int:
    """Offset of the sign-off line (the last one before any quote or signature), else of the
    first quote/signature block, else of an inline sign-off ('... Thx', '... – Marco'), else the end."""
    limit = _trailing_block(text, excluded)
    offs = [
        m.start() for m in SIGN_OFF.finditer(text, 0, limit) if m.start() > 0 and not SUBJECT_LINE.match(m.group(0))
    ]
    body = text[:limit].rstrip()
    if offs:
        at = offs[-1]
        return at + len(text[at:]) - len(text[at:].lstrip(" \t"))
    inline = _INLINE_SIGN_OFF.search(body.rsplit("\n", 1)[-1])
    if inline:
        return (
            len(body)
            - len(body.rsplit("\n", 1)[-1])
            + inline.start()
            + (len(inline.group(0)) - len(inline.group(0).lstrip()))
        )
    return limit


_ATTRIBUTION = re.compile(r"(?:On\b[^\n]{0,200}\bwrote:|-+\s*Original Message\s*-+)", re.I)


def _trailing_block(text: str, excluded: list[Range]) -> int:
    """Where the quotes and signature that end the draft begin. A quote the author answers below
    (an interleaved reply: their "no" quoted, then the author's words) is not the end."""
    limit = len(text)
    for start, end, kind in sorted(excluded, reverse=True):
        if kind not in ("quote", "signature"):
            continue
        between = text[end:limit].strip()
        if between and not _ATTRIBUTION.fullmatch(between):
            break
        limit = start
    return limit


def speaker_label(text: str, start: int) -> tuple[str | None, int]:
    """The speaker label of the line holding `start` and where the line's words begin after it."""
    line_start = text.rfind("\n", 0, start) + 1
    m = SPEAKER_LINE.match(text, line_start)
    if not m or m.group(1).lower() == "subject":
        return None, line_start
    after = text.index(":", line_start) + 1
    while after < len(text) and text[after] in " \t":
        after += 1
    return m.group(1), after


def read_layout(
    text: str, excluded: list[Range], findings: list[Finding], channel: str, hollow: Callable[[str], bool] | None = None
) -> Layout:
    """Units, runs and the closing block of a draft; span findings placed in their units.

    A unit holding a callback number, or only a greeting or the caller's introduction, is never
    edited (a voicemail must keep its number; "Hi Dean, this is Erin" is not the hollow part). A
    unit `hollow` recognises (an empty lead-in the detector let pass, "Circling back on the
    proposal") joins a run of flagged units next to it."""
    closing = closing_start(text, excluded)
    own_label = None
    if channel in ("call-script", "voicemail"):
        labels = [m.group(1) for m in SPEAKER_LINE.finditer(text)]
        repeated = [label for label in labels if labels.count(label) >= 2]
        # The caller's label: the first one used on several lines (a header "Caller: ..." is not a turn).
        own_label = (repeated or labels or [None])[0]
    units = _units(text, excluded, closing, own_label)
    for f in findings:
        if f.scope != "span":
            continue
        hit = [u for u in units if u.start < f.end and f.start < u.end and _editable(text, u)]
        for u in hit[:2]:
            u.findings.append(f)
    if hollow is not None:
        _absorb(text, units, hollow)
    inside = [r for r in excluded if r[0] < closing]
    return Layout(text, units, _runs(text, units), closing, own_label, inside)


_PHONE = re.compile(r"\d[\d .()-]{5,}\d")
_CALL_ME = re.compile(r"\b(?:call (?:me )?back|give me a (?:call|ring))\b", re.I)
_ITEM = re.compile(r"^[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+", re.M)
# A heading line ("Opening", "Better opening (keep)"): a label for what follows, never edited.
_HEADING = re.compile(r"^[^\n.!?]{1,40}$")
_LABEL_FINDING = Finding("", "", "", "span", "info", 0, 0, 0, 0, "", "lead-in", 0.0)


# "Do you have a minute?", "Got a second?": asking leave to talk is how a call starts, not filler.
_PERMISSION = re.compile(
    r"^(?:(?:do|did) you have|have you got|you got|got|is (?:this|now)(?: still)?)\s+(?:a|two|a couple of|an?)?\s*"
    r"(?:minute|minutes|second|sec|moment|good time)\b",
    re.I,
)


def _editable(text: str, unit: Unit) -> bool:
    if unit.subject:
        return True
    if _PERMISSION.match(unit.text):
        return False
    line_start = text.rfind("\n", 0, unit.start) + 1
    line_end = text.find("\n", unit.end)
    whole_line = text[line_start : len(text) if line_end == -1 else line_end].strip() == unit.text
    if (
        whole_line
        and _HEADING.match(unit.text)
        and len(unit.text.split()) <= 6
        and text[unit.end : unit.end + 1] == "\n"
    ):
        return False
    if any(sum(c.isdigit() for c in m.group(0)) >= 7 for m in _PHONE.finditer(unit.text)) and not _CALL_ME.search(
        unit.text
    ):
        return False  # a number is never cut; a call-back request around it is mended (suggest/minimal.py keeps it)
    return editable_start(text, unit) < unit.end and not _INTRO.fullmatch(
        text[editable_start(text, unit) : unit.end] + " "
    )


def _absorb(text: str, units: list[Unit], hollow: Callable[[str], bool]) -> None:
    """Unflagged units that open with an empty lead-in, next to a flagged unit in the same block."""
    for i, u in enumerate(units):
        if u.flagged or u.subject or not _editable(text, u):
            continue
        near = [units[j] for j in (i - 1, i + 1) if 0 <= j < len(units) and units[j].flagged]
        if any(_same_block(text, *sorted((u, n), key=lambda x: x.start)) for n in near) and hollow(
            text[editable_start(text, u) : u.end]
        ):
            u.findings.append(_LABEL_FINDING)


def _units(text: str, excluded: list[Range], closing: int, own_label: str | None) -> list[Unit]:
    cuts = set(sentence_starts(text, excluded))
    # A speaker's turn or a list item always starts a unit, even after a line without a full stop.
    cuts |= {m.start() for m in SPEAKER_LINE.finditer(text)} | {m.start() for m in _ITEM.finditer(text)}
    cuts |= {0, len(text), closing} | {r[0] for r in excluded} | {r[1] for r in excluded}
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    units = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= closing:
            break
        if any(s <= a < e for s, e, _ in excluded):
            continue
        label, words_at = speaker_label(text, a)
        if label is not None and a <= words_at:
            if label != own_label:
                continue
            a = words_at
        elif label is not None and label != own_label:
            continue
        line = text.count("\n", 0, a)
        a, b = _strip(text, a, b)
        if a < b:
            units.append(
                Unit(a, b, text[a:b], line, subject=bool(SUBJECT_LINE.match(text, text.rfind("\n", 0, a) + 1)))
            )
    return units


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _runs(text: str, units: list[Unit]) -> list[Run]:
    runs: list[Run] = []
    prev: Unit | None = None
    for u in units:
        if not u.flagged:
            prev = u
            continue
        if runs and prev is not None and prev is runs[-1].units[-1] and _same_block(text, prev, u):
            runs[-1].units.append(u)
        else:
            runs.append(Run([u]))
        prev = u
    return runs


def _same_block(text: str, a: Unit, b: Unit) -> bool:
    """Two units in one paragraph and one turn: only spaces (at most one line break, no label) between."""
    gap = text[a.end : b.start]
    if a.subject or b.subject or gap.strip():
        return False
    if "\n" in gap and (gap.count("\n") > 1 or SPEAKER_LINE.match(text, b.start - (len(gap) - gap.rfind("\n") - 1))):
        return False
    return "\n" not in gap


def editable_start(text: str, unit: Unit) -> int:
    """Where the words to edit begin: after a list bullet, a greeting or a caller's introduction
    sharing the sentence ("Hi Dee, following up on..." keeps "Hi Dee, ")."""
    start = unit.start
    bullet = _ITEM.match(text, start)
    if bullet and bullet.end() < unit.end and text.rfind("\n", 0, start) + 1 == text.rfind("\n", 0, bullet.start()) + 1:
        start = bullet.end()
    head = GREETING_HEAD.match(text, start)
    if head and head.end() < unit.end:
        start = head.end()
        while start < unit.end and text[start] in " \t":
            start += 1
    intro = _INTRO.match(text[start : unit.end])
    if intro and start + intro.end() < unit.end and head:
        start += intro.end()
    return start
