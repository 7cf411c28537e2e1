"""The Doc attributes the detection components share: span keys and the excluded-range extension."""

from __future__ import annotations

from dataclasses import dataclass, replace

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


def excluded_ranges(doc: Doc) -> list[Range]:
    return doc._.sl_excluded or []


def overlaps_excluded(doc: Doc, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e, _ in excluded_ranges(doc))


@dataclass(frozen=True)
class SentenceScore:
    """The purpose classifier's view of one analysed sentence."""

    start: int
    end: int
    probs: dict[str, float]
    label: str
    flagged: bool = False  # the hybrid reported a purposeless finding in this sentence

    def shifted(self, offset: int) -> SentenceScore:
        return replace(self, start=self.start + offset, end=self.end + offset)


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
