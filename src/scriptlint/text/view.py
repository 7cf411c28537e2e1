"""The text the analysis stages read: the user's text made safe to analyse, offsets kept.

Two steps, both undone when findings are reported:

1. Invisible characters (zero-width spaces and joiners, soft hyphens, bidi marks, a stray BOM) are
   removed, so `Ju\\u200bst che\\u200bcking in` reads as the phrase it looks like. An `OffsetMap`
   turns offsets in the cleaned text back into offsets of the original.
2. `analysis_view` keeps the length (so offsets stay valid) but takes away what makes the tokenizer
   or the sentence splitter slow on hostile input: a long run of symbols (`=====`, `>>>>`, emoji)
   keeps its first characters and becomes spaces, a very long word is cut into pieces, and in a
   very long line each sentence end becomes a line end. Ordinary text is unchanged.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from scriptlint.text.lexicon import ABBREVIATION_END
from scriptlint.text.lines import Range

INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
SYMBOL_RUN = re.compile(r"[^\w\s]{9,}")
"""Nine or more symbols in a row: no word in them, and spaCy's affix splitting is quadratic on them."""
SYMBOL_KEEP = 3
LONG_WORD = re.compile(r"\S{65,}")
WORD_PIECE = 64
"""A run of non-space characters is cut every WORD_PIECE characters (a URL keeps its first 64)."""
LONG_LINE = 1000
"""Lines longer than this get a line break at each sentence end (the splitter rescans a line per end)."""
_LONG_LINE = re.compile(r"[^\n]{%d,}" % (LONG_LINE + 1))
_SENTENCE_GAP = re.compile(r"(?<=[.!?…])['\"’”)]*([ \t])(?=\S)")


@dataclass
class OffsetMap:
    """Offsets in the cleaned text back to the original (and ranges of the original forward)."""

    removed: list[int] = field(default_factory=list)  # positions in the original, sorted
    _shifted: list[int] = field(default_factory=list)  # the same positions in cleaned-text terms

    def __post_init__(self) -> None:
        self._shifted = [p - i for i, p in enumerate(self.removed)]

    def start(self, offset: int) -> int:
        return offset + bisect.bisect_right(self._shifted, offset)

    def end(self, offset: int) -> int:
        return offset + bisect.bisect_right(self._shifted, offset - 1) if offset > 0 else 0

    def forward(self, offset: int) -> int:
        return offset - bisect.bisect_left(self.removed, offset)

    def ranges_forward(self, ranges: list[Range]) -> list[Range]:
        return [(self.forward(s), self.forward(e), k) for s, e, k in ranges]


def strip_invisible(text: str) -> tuple[str, OffsetMap | None]:
    """The text without invisible characters, and the map back (None when there were none)."""
    removed = [m.start() for m in INVISIBLE.finditer(text)]
    if not removed:
        return text, None
    return INVISIBLE.sub("", text), OffsetMap(removed)


def analysis_view(text: str) -> str:
    """Same length, same offsets, nothing quadratic left for the tokenizer or sentence splitter."""
    if SYMBOL_RUN.search(text):
        text = SYMBOL_RUN.sub(lambda m: m.group()[:SYMBOL_KEEP] + " " * (len(m.group()) - SYMBOL_KEEP), text)
    if LONG_WORD.search(text):
        text = LONG_WORD.sub(_cut_word, text)
    if _LONG_LINE.search(text):
        text = _LONG_LINE.sub(_break_line, text)
    return text


def _cut_word(m: re.Match[str]) -> str:
    word = m.group()  # the first piece keeps WORD_PIECE characters, each later one starts with a space
    return " ".join(word[i + 1 if i else 0 : i + WORD_PIECE] for i in range(0, len(word), WORD_PIECE))


def _break_line(m: re.Match[str]) -> str:
    line = m.group()

    def gap(g: re.Match[str]) -> str:
        if ABBREVIATION_END.search(line[max(0, g.start() - 16) : g.start()]):
            return g.group()  # "Dr. Lee": not a sentence end
        return g.group()[:-1] + "\n"

    return _SENTENCE_GAP.sub(gap, line)
