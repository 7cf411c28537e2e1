"""Email-aware sentence boundaries on plain text (no spaCy): every stage splits sentences the same way."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from scriptlint.findings import Finding
from scriptlint.text.lexicon import ABBREVIATION_END, BULLET_START, GREETING_LINE, SENTENCE_END, SIGN_OFF_LINE, TERMINAL
from scriptlint.text.lines import Range

HARD_WRAP_MIN = 50
LIST_MAX_ITEMS = 12
"""A header line and at most this many bullets below it form one unit (a longer list is a document)."""
_SUBJECT_LINE = re.compile(r"^\s*subject\s*:", re.I)


def sentence_starts(text: str, excluded: Iterable[Range] = ()) -> list[int]:
    """Character offsets where sentences start, email-aware.

    Greetings, sign-offs, bullets, blank lines and lines that end a thought end sentences; a
    hard-wrapped line (long, no closing punctuation) continues into the next one.
    """
    return list(_sentence_starts(text, tuple(excluded)))


@lru_cache(maxsize=4)
def _sentence_starts(text: str, excluded: tuple[Range, ...]) -> tuple[int, ...]:
    """`sentence_starts`, remembered for the last few texts: the pipeline's sentence splitter and the
    message reading split the same text, once each per message."""
    starts: set[int] = {0}
    for s, e, _ in excluded:
        starts.add(s)
        starts.add(e)
    pos = 0
    lines = text.splitlines(keepends=True)
    for i, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        line_start = pos
        pos += len(raw)
        # Sentence ends inside the line.
        for m in SENTENCE_END.finditer(line):
            before = line[max(0, m.start() - 16) : m.start()]  # an abbreviation is short: a window, not the line
            if ABBREVIATION_END.search(before) and line[m.start() - 1] not in "!?":
                continue
            starts.add(line_start + m.end())
        if i + 1 >= len(lines):
            continue
        nxt = lines[i + 1].rstrip("\r\n")
        stripped = line.strip()
        continues = (
            stripped
            and nxt.strip()
            and not TERMINAL.search(line)
            and not GREETING_LINE.match(line)
            and not SIGN_OFF_LINE.match(line)
            and not _SUBJECT_LINE.match(line)
            and not BULLET_START.match(nxt)
            and (len(stripped) >= HARD_WRAP_MIN or nxt.lstrip()[:1].islower())
        )
        if not continues:
            starts.add(pos)
    return tuple(sorted(starts))


def sentence_units(text: str, excluded: Iterable[Range] = ()) -> list[int]:
    """Where the units the detector judges start: sentences, except that a header line ending in
    a colon and the bullet lines right below it are one unit ("I'm free at these times:" is judged
    with the times; "I'm happy to:" with the offers it lists). A subject line is always its own unit."""
    excluded = list(excluded)
    starts = sentence_starts(text, excluded)
    cuts = {s for s, e, _ in excluded} | {e for s, e, _ in excluded}
    drop: set[int] = set()
    for head_start, head_end, first_bullet, end in list_blocks(text):
        unit_start = max((s for s in starts if head_start <= s < head_end), default=head_start)
        inner = {s for s in starts if unit_start < s < end}
        if not inner & cuts and not any(unit_start < c < end for c in cuts):
            drop |= inner
    return [s for s in starts if s not in drop]


def list_blocks(text: str) -> Iterable[tuple[int, int, int, int]]:
    """(header line start, header line end, first bullet start, last bullet end) of each list."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for raw in lines:
        offsets.append(offsets[-1] + len(raw))
    i = 0
    while i < len(lines) - 1:
        header = lines[i].rstrip("\r\n").rstrip()
        if not header.endswith(":") or _SUBJECT_LINE.match(header) or not BULLET_START.match(lines[i + 1]):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and j - i <= LIST_MAX_ITEMS and BULLET_START.match(lines[j]):
            j += 1
        if j < len(lines) and BULLET_START.match(lines[j]):
            i = j  # too long to judge as one unit
            continue
        end = offsets[j - 1] + len(lines[j - 1].rstrip("\r\n"))
        yield offsets[i], offsets[i] + len(header), offsets[i + 1], end
        i = j


def sentence_bounds(text: str, finding: Finding) -> tuple[int, int]:
    """The sentence around a finding (from the pipeline when known, else its line)."""
    sentence = finding.explanation.get("sentence")
    if sentence:
        return sentence
    start = text.rfind("\n", 0, finding.start) + 1
    end = text.find("\n", finding.end)
    return start, len(text) if end == -1 else end
