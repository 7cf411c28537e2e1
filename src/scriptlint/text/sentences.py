"""Email-aware sentence boundaries on plain text (no spaCy): every stage splits sentences the same way."""

from __future__ import annotations

from typing import Iterable

from scriptlint.findings import Finding
from scriptlint.text.lexicon import ABBREVIATION_END, BULLET_START, GREETING_LINE, SENTENCE_END, SIGN_OFF_LINE, TERMINAL
from scriptlint.text.lines import Range

HARD_WRAP_MIN = 50


def sentence_starts(text: str, excluded: Iterable[Range] = ()) -> list[int]:
    """Character offsets where sentences start, email-aware.

    Greetings, sign-offs, bullets, blank lines and lines that end a thought end sentences; a
    hard-wrapped line (long, no closing punctuation) continues into the next one.
    """
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
            before = line[: m.start()]
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
            and not BULLET_START.match(nxt)
            and (len(stripped) >= HARD_WRAP_MIN or nxt.lstrip()[:1].islower())
        )
        if not continues:
            starts.add(pos)
    return sorted(starts)


def sentence_bounds(text: str, finding: Finding) -> tuple[int, int]:
    """The sentence around a finding (from the pipeline when known, else its line)."""
    sentence = finding.explanation.get("sentence")
    if sentence:
        return sentence
    start = text.rfind("\n", 0, finding.start) + 1
    end = text.find("\n", finding.end)
    return start, len(text) if end == -1 else end
