"""The hybrid decision: phrase hits and per-sentence purpose scores become findings.

A phrase hit inside a sentence the classifier is sure is purposeful is suppressed ("Following up on
your SOC 2 question: the report is attached"); a sentence the classifier calls purposeless with no
phrase hit becomes a finding of its own (SL901). Thresholds were chosen on the dev split.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from typing import Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from scriptlint.detect.breakups import announces_end
from scriptlint.detect.classifier import LABELS, dated_by_slot, load_model, stands_for_content
from scriptlint.detect.offers import STANDING_OFFER, empty_offer_reason
from scriptlint.detect.questions import asks_about_their_situation, names_a_topic
from scriptlint.detect.spans import (
    SPANS_KEY,
    SUPPRESSED_KEY,
    ExcludedIndex,
    Sentences,
    SentenceScore,
    doc_text,
    excluded_ranges,
)
from scriptlint.text.lines import is_label_line, other_speaker_lines

SUPPRESS_AT = 0.80
"""A phrase hit is suppressed when P(purposeful) of its sentence is at least this."""
FLAG_AT = 0.60
"""A sentence with no phrase hit is flagged when P(purposeless) is at least this."""
CLASSIFIER_RULE = "SL901"
CONTENT_SLOT = {"neutral": 0.05, "purposeful": 0.9, "purposeless": 0.05}
"""The scores of a unit that is a template slot standing for content (`stands_for_content`) or a break-up
that says what happens next (`announces_end`) or a question about how the reader works
(`asks_about_their_situation`): all purposeful by rule (LABELS.md R3)."""
TOPIC_LINE = {"neutral": 0.9, "purposeful": 0.05, "purposeless": 0.05}
"""The scores of a line that only names a topic ("Subject: Quick question about timing", `names_a_topic`)."""


@dataclass(frozen=True)
class Thresholds:
    suppress_at: float = SUPPRESS_AT
    flag_at: float = FLAG_AT


@Language.factory(
    "scriptlint_purpose",
    assigns=["doc._.sl_sentences", "doc.spans"],
    requires=["doc.spans"],
    default_config={"spans_key": SPANS_KEY, "model_dir": None},
)
def make_purpose(nlp: Language, name: str, spans_key: str, model_dir: str | None) -> Any:
    """Scores each analysed sentence with the purpose classifier and makes the hybrid decision."""
    return PurposeComponent(spans_key=spans_key, model_dir=model_dir)


class PurposeComponent:
    def __init__(self, *, spans_key: str, model_dir: str | None, thresholds: Thresholds | None = None):
        self.spans_key = spans_key
        self.model_dir = model_dir
        # None: use the thresholds `scriptlint train` chose on dev and stored with the model.
        self.thresholds = thresholds

    @property
    def model(self):
        return load_model(self.model_dir)

    def __call__(self, doc: Doc) -> Doc:
        sents = Sentences(doc)
        text = doc_text(doc)  # once per Doc: it joins every token
        excluded = ExcludedIndex(excluded_ranges(doc))
        theirs = other_speaker_lines(text)  # the prospect's lines of a call script are not the author's
        bounds = [
            (s, e)
            for s, e in sents.bounds()
            if text[s:e].strip() and not excluded.overlaps(s, e) and not _inside(theirs, s)
        ]
        model = self.model
        texts = [unit_text(text, s, e) for s, e in bounds]
        # Each distinct sentence is scored once (a text of one line repeated is one prediction).
        distinct = list(dict.fromkeys(texts))
        columns = [model.classes.index(label) for label in LABELS]
        scores = {}
        for unit, p in zip(distinct, model.predict_proba(distinct) if distinct else []):
            row = p.tolist()
            pd = {label: float(row[c]) for label, c in zip(LABELS, columns)}
            if _purposeful_shape(unit):
                pd = dict(CONTENT_SLOT)
            elif names_a_topic(unit):
                pd = dict(TOPIC_LINE)
            elif empty_offer_reason(unit):
                pd = dict(STANDING_OFFER)
            scores[unit] = (pd, max(pd, key=pd.get))
        records = [SentenceScore(start, end, *scores[unit]) for (start, end), unit in zip(bounds, texts)]
        doc._.sl_sentences = records
        thresholds = self.thresholds or Thresholds(**model.meta.get("thresholds", {}))
        _set_aside_theirs(doc, self.spans_key, theirs)
        flagged = apply_hybrid(doc, self.spans_key, records, thresholds, sents)
        # The constructor, not dataclasses.replace: one record per sentence (66,000 on 1 MB of flagged lines).
        doc._.sl_sentences = [
            SentenceScore(r.start, r.end, r.probs, r.label, True) if (r.start, r.end) in flagged else r for r in records
        ]
        return doc


def _purposeful_shape(unit: str) -> bool:
    """A template slot holding the content or a time, a break-up, a discovery question: purposeful by rule (R3)."""
    return stands_for_content(unit) or dated_by_slot(unit) or announces_end(unit) or asks_about_their_situation(unit)


def _inside(ranges: list[tuple[int, int]], char: int) -> bool:
    # ranges are sorted and disjoint (one per line): a binary search, not a scan per sentence
    i = bisect.bisect_right(ranges, (char, math.inf)) - 1
    return i >= 0 and ranges[i][0] <= char < ranges[i][1]


def _set_aside_theirs(doc: Doc, spans_key: str, theirs: list[tuple[int, int]]) -> None:
    """Phrase hits on a line the script gives to the prospect are not the author's words: set aside."""
    if not theirs:
        return
    spans = list(doc.spans.get(spans_key, []))
    aside = [s for s in spans if _inside(theirs, s.start_char)]
    for span in aside:
        span._.sl_reason = "the other speaker's line in a call script, not the author's words"
    doc.spans[spans_key] = [s for s in spans if not _inside(theirs, s.start_char)]
    doc.spans[SUPPRESSED_KEY] = sorted([*doc.spans.get(SUPPRESSED_KEY, []), *aside], key=lambda s: s.start)


def _label_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return is_label_line(text[start:end], text[line_start : len(text) if line_end == -1 else line_end])


_GREETING_LEAD = re.compile(
    r"^\s*(?:hi|hey|hello|dear|good (?:morning|afternoon|evening))\b[^,.!?\n\u2014]{0,40}(?:,|\s[\u2014\u2013-])\s+",
    re.I,
)
_SLOTS_ONLY = re.compile(r"\{\{?[^{}\n]{1,60}\}\}?|\$\{[^}\n]{1,40}\}|\[[^\[\]\n]{1,80}\]|(?:[^\w\[{$]|_)+")


def _greeting_length(unit: str) -> int:
    """Characters of a greeting that opens the unit ("Hi [Name], I know we spoke..."): not in the span (R6)."""
    m = _GREETING_LEAD.match(unit)
    return m.end() if m and m.end() < len(unit.rstrip()) else 0


def _only_slots(unit: str) -> bool:
    return bool(unit.strip()) and not _SLOTS_ONLY.sub("", unit)


def unit_text(text: str, start: int, end: int) -> str:
    """The text the classifier judges: a subject line keeps its `Subject:` label (an email's label is
    not analysed, but a subject is read as a subject)."""
    line_start = text.rfind("\n", 0, start) + 1
    label = text[line_start:start]
    if label.strip().lower() == "subject:":
        return "Subject: " + text[start:end]
    return text[start:end]


def apply_hybrid(
    doc: Doc, spans_key: str, records: list[SentenceScore], t: Thresholds, sents: Sentences | None = None
) -> set[tuple[int, int]]:
    """Apply the hybrid rule to `doc.spans[spans_key]` in place; suppressed spans move aside.

    Returns the (start, end) of every scored sentence that keeps a purposeless finding."""
    sents = sents or Sentences(doc)
    kept: list[Span] = []
    suppressed: list[Span] = list(doc.spans.get(SUPPRESSED_KEY, []))
    by_sentence = {(r.start, r.end): r for r in records}
    hit_sentences: set[tuple[int, int]] = set()
    for span in doc.spans.get(spans_key, []):
        sent = sents.around(span.start)  # the bounds of span.sent, without a walk per span
        record = by_sentence.get(sent)
        if record is None:
            kept.append(span)
            continue
        hit_sentences.add(sent)
        probs = record.probs
        # The classifier overrules a phrase hit when it is sure the sentence is not contact for
        # its own sake: purposeful ("Following up on your SOC 2 question: report attached") or a
        # pleasantry ("Thanks for checking in last week, it was good to catch up").
        p_other = 1 - probs["purposeless"]
        if p_other >= t.suppress_at:
            reading = "purposeful" if probs["purposeful"] >= probs["neutral"] else "a pleasantry, not an ask"
            span._.sl_reason = f"sentence reads as {reading} (classifier p(purposeless)={probs['purposeless']:.2f})"
            span._.sl_confidence = probs["purposeless"]
            suppressed.append(span)
        else:
            span._.sl_confidence = 0.6 + 0.4 * probs["purposeless"]
            kept.append(span)
    text = doc_text(doc)  # the chunk as made (Doc.text joins every token)
    for record in records:
        key = (record.start, record.end)
        p_purposeless = record.probs["purposeless"]
        if key in hit_sentences or p_purposeless < t.flag_at or _label_line(text, record.start, record.end):
            continue  # a heading, list label or lone merge field labels a part; it asks nothing
        if _only_slots(text[record.start : record.end]):
            continue  # "[Your Phone Number]" after an SMS: a merge field asks nothing, on its own line or not
        start = record.start + _greeting_length(text[record.start : record.end])
        span = doc.char_span(start, record.end, label=CLASSIFIER_RULE, alignment_mode="expand")
        if span is None:
            continue
        span = _trim(span)
        by_rule = empty_offer_reason(text[record.start : record.end])
        span._.sl_reason = by_rule or f"classifier p(purposeless)={p_purposeless:.2f}"
        span._.sl_confidence = p_purposeless
        kept.append(span)
    doc.spans[spans_key] = sorted(kept, key=lambda s: s.start)
    doc.spans[SUPPRESSED_KEY] = sorted(suppressed, key=lambda s: s.start)
    starts = [r.start for r in records]
    flagged = {_record_at(records, starts, span.start_char) for span in kept}
    return {k for k in flagged if k is not None}


def _record_at(records: list[SentenceScore], starts: list[int], char: int) -> tuple[int, int] | None:
    # Records are in text order: a binary search, not a scan per span (that was quadratic).
    i = bisect.bisect_right(starts, char) - 1
    return (records[i].start, records[i].end) if i >= 0 and records[i].start <= char < records[i].end else None


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    while end > start + 1 and (span.doc[end - 1].is_space):
        end -= 1
    return Span(span.doc, start, end, label=span.label_, span_id=span.label_)


VERDICT_AT = 0.6
"""A sentence makes the message purposeful (R8) only when the classifier gives it at least this
p(purposeful), not merely the largest of three. Chosen on the dev split (message F1 0.980 / 0.995 /
1.000 / 1.000 at 0.5 / 0.6 / 0.7 / 0.8): settings within 0.01 are a tie, and the tie goes to the
lowest value, the one that calls the fewest messages purposeless."""
PURPOSEFUL_FLOOR = 50
"""message.score bands: a purposeful verdict scores PURPOSEFUL_FLOOR..100, a purposeless one 0..49."""


class SentenceTally:
    """What the message verdict needs from the scored sentences, kept as running counts and maxima,
    so a huge input need not hold a record per sentence (64 MB of short lines: millions of them)."""

    def __init__(self, records: Iterable[SentenceScore] = ()):
        self.scored = 0
        self.content = 0  # sentences that are not small talk (neutral < 0.5) or carry a finding
        self.hollow = 0  # of those, the flagged or purposeless ones
        self.best_purposeful = None  # the surest purposeful sentence with no finding
        self.nearest = 0.0  # the highest p(purposeful) of any sentence
        for record in records:
            self.add(record)

    def add(self, r: SentenceScore) -> None:
        p_purposeful = r.probs["purposeful"]
        self.nearest = p_purposeful if not self.scored else max(self.nearest, p_purposeful)
        self.scored += 1
        if r.probs["neutral"] < 0.5 or r.flagged:
            self.content += 1
            self.hollow += r.flagged or r.label == "purposeless"
        if r.label == "purposeful" and not r.flagged and p_purposeful >= VERDICT_AT:
            self.best_purposeful = (
                p_purposeful if self.best_purposeful is None else max(self.best_purposeful, p_purposeful)
            )


def message_verdict(records: Iterable[SentenceScore] | SentenceTally, reported_purposeless: int) -> tuple[bool, int]:
    """(message.purposeless, message.score), consistent with the sentences (LABELS.md R8).

    The message is purposeful when at least one analysed sentence reads as purposeful (with
    p(purposeful) >= VERDICT_AT) and carries no purposeless finding; otherwise it is purposeless, however polite or long. The 0-100 score
    (higher = more purpose and value) lies in 50..100 for a purposeful verdict and 0..49 for a
    purposeless one: within a band, the surest purposeful sentence raises it and the share of
    purposeless sentences lowers it. With no analysed sentence, only reported findings decide.
    `records`: the scored sentences, or a SentenceTally of them.
    """
    tally = records if isinstance(records, SentenceTally) else SentenceTally(records)
    if not tally.scored:
        return (reported_purposeless > 0, 25 if reported_purposeless else 100)
    share = tally.hollow / tally.content if tally.content else 0.0
    if tally.best_purposeful is not None:
        sureness = (tally.best_purposeful - 1 / 3) * 1.5  # argmax of three classes: p >= 1/3
        value = 0.7 * sureness + 0.3 * (1 - share)
        return False, max(PURPOSEFUL_FLOOR, min(100, PURPOSEFUL_FLOOR + round(50 * value)))
    value = 0.6 * tally.nearest + 0.4 * (1 - share)
    return True, max(0, min(PURPOSEFUL_FLOOR - 1, round((PURPOSEFUL_FLOOR - 1) * value)))
