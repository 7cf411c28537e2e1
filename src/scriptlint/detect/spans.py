"""The Doc attributes the detection components share: span keys and the excluded-range extension."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc, Span

from scriptlint.text.lines import Range

SPANS_KEY = "scriptlint"
SUPPRESSED_KEY = "scriptlint_suppressed"

if not Doc.has_extension("sl_excluded"):
    # (start, end, kind) character ranges no stage analyses: quotes, signatures, directives.
    Doc.set_extension("sl_excluded", default=None)
if not Doc.has_extension("sl_sentences"):
    # Per analysed sentence: a SentenceScore, written by scriptlint_purpose.
    Doc.set_extension("sl_sentences", default=None)
if not Span.has_extension("sl_reason"):
    # Why the hybrid decision suppressed (or created) a span.
    Span.set_extension("sl_reason", default=None)
if not Span.has_extension("sl_confidence"):
    Span.set_extension("sl_confidence", default=None)


TEXT_KEY = "scriptlint.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc: each `doc.text` builds every token again (three components
    asking for it were a quarter of the time on a long text). `make_doc` is lossless, so a caller
    that made the Doc may store its text under TEXT_KEY up front."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def excluded_ranges(doc: Doc) -> list[Range]:
    return doc._.sl_excluded or []


def overlaps_excluded(doc: Doc, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e, _ in excluded_ranges(doc))


class ExcludedIndex:
    """`overlaps_excluded` for many queries on one Doc: a binary search, not a scan of every range
    per query (a text of many quoted lines had as many ranges as sentences: quadratic)."""

    def __init__(self, ranges: list[Range]):
        spans = sorted((s, e) for s, e, _ in ranges if s < e)
        self.starts = [s for s, _ in spans]
        self.max_end = []  # the largest end among the ranges starting at or before each one
        for _, e in spans:
            self.max_end.append(max(e, self.max_end[-1]) if self.max_end else e)
        self.empty = [(s, e) for s, e, _ in ranges if s >= e]  # an empty range overlaps what strictly contains it

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1  # the ranges that start before `end`
        if i >= 0 and self.max_end[i] > start:
            return True
        return any(s < end and start < e for s, e in self.empty)


class Sentences:
    """A Doc's sentences as token starts and character bounds, read from arrays in one pass
    (`doc.sents` and `Span.sent` build a Span per sentence and walk tokens one by one)."""

    def __init__(self, doc: Doc):
        if len(doc):
            values = doc.to_array([SENT_START, IDX, LENGTH]).astype("int64")
            values[0, 0] = 1
        else:
            values = numpy.zeros((0, 3), dtype="int64")
        starts = numpy.flatnonzero(values[:, 0] == 1)
        ends = numpy.append(starts[1:], len(doc)) - 1  # the last token of each sentence
        self.n_tokens = len(doc)
        self.token_starts: list[int] = starts.tolist()
        self.char_starts: list[int] = values[starts, 1].tolist()
        self.char_ends: list[int] = (values[ends, 1] + values[ends, 2]).tolist() if len(doc) else []

    def bounds(self) -> list[tuple[int, int]]:
        """(start_char, end_char) of every sentence, as `doc.sents` gives them."""
        return list(zip(self.char_starts, self.char_ends))

    def around(self, start: int) -> tuple[int, int]:
        """Character bounds of `Span.sent` for a span starting at token `start`: the sentence holding
        that token (a span that crosses a sentence end gets its first sentence, as in spaCy)."""
        i = bisect.bisect_right(self.token_starts, start) - 1
        return self.char_starts[i], self.char_ends[i]


@dataclass(frozen=True)
class SentenceScore:
    """The purpose classifier's view of one analysed sentence."""

    start: int
    end: int
    probs: dict[str, float]
    label: str
    flagged: bool = False  # the hybrid reported a purposeless finding in this sentence

    def shifted(self, offset: int) -> SentenceScore:
        return SentenceScore(self.start + offset, self.end + offset, self.probs, self.label, self.flagged)


@dataclass(frozen=True)
class Detection:
    """One detected (or suppressed) span, in offsets of the whole analysed text."""

    rule: str
    start: int
    end: int
    sentence: tuple[int, int]
    pattern: str | None = None
    confidence: float | None = None
    reason: str | None = None
