"""The linting engine: text or Message in, Result out. The library never prints."""

from __future__ import annotations

import bisect
import gc
import os
import signal
import sys
from array import array
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from scriptlint.config import Config
from scriptlint.detect import pipeline
from scriptlint.detect.checks import message_findings
from scriptlint.detect.hybrid import SentenceTally, message_verdict
from scriptlint.detect.reading import READ_LIMIT, read
from scriptlint.detect.spans import SPANS_KEY, SUPPRESSED_KEY, TEXT_KEY, Detection, Sentences, SentenceScore
from scriptlint.findings import Finding, Result
from scriptlint.rules import Rule, rules_by_code
from scriptlint.rules.code_rules import TEAM_RULE
from scriptlint.text.directives import suppressions
from scriptlint.text.lines import Range
from scriptlint.text.message import Message, message_from_text
from scriptlint.text.view import OffsetMap, analysis_view, strip_invisible

CHUNK_CHARS = 100_000
"""Long inputs are analysed in chunks of about this size, cut at blank lines, to bound memory."""
MAX_FINDINGS = 5000
"""Findings reported per input; the rest are counted in a warning (bounds memory on hostile input)."""
SPAN_CAP = 2 * MAX_FINDINGS
"""Spans kept per analysis: room for those config or directives drop."""
SENTENCE_CAP = SPAN_CAP
"""Sentence records kept per analysis; every sentence still counts in `Analysis.tally`."""
MAX_SUGGESTED = 100
"""Span findings that get suggested rewrites, per input."""


def die_with_parent(parent: int | None = None) -> None:
    """End this process when its parent ends (Linux: PR_SET_PDEATHSIG), so a killed `lint`, hook
    or `audit` leaves no worker behind holding its stderr pipe open. `parent`: the pid expected as
    parent; if it is already gone (it died before this call), exit now."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes  # lazy: only worker processes need prctl

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if parent is not None and os.getppid() != parent:
        os._exit(0)


def parallel_backend_args() -> dict:
    """joblib loky backend arguments: workers end with the process that started them."""
    return {"initializer": die_with_parent, "initargs": (os.getpid(),)}


@lru_cache(maxsize=8)
def _load(extra_phrases: tuple[str, ...], allow: tuple[str, ...], classifier: bool) -> Language:
    return pipeline.build(extra_phrases, allow, classifier=classifier)


def load(config: Config | None = None, *, classifier: bool = True) -> Language:
    """The scriptlint spaCy pipeline for this config (cached: built once per process)."""
    config = config or Config()
    return _load(tuple(config.extra_phrases), tuple(config.allow), classifier)


@dataclass
class Analysis:
    """What the pipeline found, in offsets of the whole text (chunks merged)."""

    spans: list[Detection] = field(default_factory=list)
    suppressed: list[Detection] = field(default_factory=list)
    sentences: list[SentenceScore] = field(default_factory=list)  # the first SENTENCE_CAP
    dropped: int = 0  # spans past SPAN_CAP: counted, not kept (bounds memory on hostile input)
    doc: Doc | None = None  # the one chunk's Doc of a text analysed whole, so reading it need not tokenize again
    tally: SentenceTally = field(default_factory=SentenceTally)  # every scored sentence, for the verdict


def analyse(nlp: Language, text: str, excluded: list[Range]) -> Analysis:
    result = Analysis()
    ranges = sorted(excluded, key=lambda r: r[0])
    taken, active = 0, []  # the ranges that reach into the current chunk: each is looked at a bounded number of times
    for offset, chunk in _chunks(text):
        while taken < len(ranges) and ranges[taken][0] < offset + len(chunk):
            active.append(ranges[taken])
            taken += 1
        active = [r for r in active if r[1] > offset]
        doc = _analyse_chunk(nlp, chunk, offset, active, result)
        result.doc = doc if offset == 0 else None
    return result


def _analyse_chunk(nlp: Language, chunk: str, offset: int, excluded: list[Range], result: Analysis) -> Doc:
    doc = nlp.make_doc(chunk)
    doc.user_data[TEXT_KEY] = chunk  # make_doc is lossless: the components need not join the tokens again
    doc._.sl_excluded = [
        (max(s - offset, 0), min(e - offset, len(chunk)), k)
        for s, e, k in excluded
        if s < offset + len(chunk) and e > offset
    ]
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    phrases = nlp.get_pipe("scriptlint_phrases")
    sentences = _sentence_bounds(doc) if doc.spans.get(SPANS_KEY) or doc.spans.get(SUPPRESSED_KEY) else []
    starts = [s for s, _ in sentences]
    for key, target in ((SPANS_KEY, result.spans), (SUPPRESSED_KEY, result.suppressed)):
        group = doc.spans.get(key, [])
        room = max(0, SPAN_CAP - len(target))
        if key == SPANS_KEY:
            result.dropped += max(0, len(group) - room)  # counted, never made into Span objects
        for span in islice(group, room):
            sent_start, sent_end = sentences[bisect.bisect_right(starts, span.start_char) - 1]
            target.append(
                Detection(
                    rule=span.label_,
                    start=span.start_char + offset,
                    end=span.end_char + offset,
                    sentence=(sent_start + offset, sent_end + offset),
                    pattern=phrases.pattern_for(span.id_),
                    confidence=span._.sl_confidence,
                    reason=span._.sl_reason,
                )
            )
    for record in doc._.sl_sentences or []:
        result.tally.add(record)
        if len(result.sentences) < SENTENCE_CAP:
            result.sentences.append(record.shifted(offset) if offset else record)
    return doc


def _sentence_bounds(doc) -> list[tuple[int, int]]:
    """(start, end) of every sentence, in one pass (`Span.sent` rescans the whole doc per call)."""
    return Sentences(doc).bounds()


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    if len(text) <= CHUNK_CHARS:
        yield 0, text
        return
    start = 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        if end < len(text):
            cut = text.rfind("\n\n", start + CHUNK_CHARS // 2, end)
            if cut == -1:
                cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut != -1 else end
        yield start, text[start:end]
        start = end


def analyse_text(text: str, excluded: list[Range], config: Config, classifier: bool) -> Analysis:
    """The pipeline over `text`'s analysis view (invisible characters out, nothing quadratic left);
    every offset in the Analysis points into `text` itself."""
    clean, back = strip_invisible(text)
    if back is not None:
        excluded = back.ranges_forward(excluded)
    view = analysis_view(clean)
    # One process, chunk after chunk: memory stays bounded whatever the size. Workers on all cores
    # (inputs over 2 MB, until this change) were no faster on two cores and held three pipelines.
    analysis = analyse(load(config, classifier=classifier), view, excluded)
    return analysis if back is None else _map_back(analysis, back)


def _map_back(analysis: Analysis, back: OffsetMap) -> Analysis:
    def detection(hit: Detection) -> Detection:
        sentence = (back.start(hit.sentence[0]), back.end(hit.sentence[1]))
        return replace(hit, start=back.start(hit.start), end=back.end(hit.end), sentence=sentence)

    return Analysis(
        spans=[detection(h) for h in analysis.spans],
        suppressed=[detection(h) for h in analysis.suppressed],
        sentences=[replace(r, start=back.start(r.start), end=back.end(r.end)) for r in analysis.sentences],
        dropped=analysis.dropped,
        tally=analysis.tally,
    )


class LineIndex:
    """Offset -> (line, column), both 1-based."""

    def __init__(self, text: str):
        self.newlines = array("q")  # 8 bytes a line, not a list of ints (64 MB of short lines: 75 MB)
        i = text.find("\n")
        while i != -1:
            self.newlines.append(i)
            i = text.find("\n", i + 1)

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.newlines, offset - 1)
        line_start = self.newlines[line - 1] + 1 if line else 0
        return line + 1, offset - line_start + 1


def _finding(rule: Rule, hit: Detection, text: str, where: LineIndex, config: Config) -> Finding:
    line, column = where(hit.start)
    return Finding(
        rule=rule.code,
        name=rule.name,
        category=rule.category,
        scope=rule.scope,
        severity=config.severity.get(rule.code, rule.severity),
        start=hit.start,
        end=hit.end,
        line=line,
        column=column,
        text=text[hit.start : hit.end],
        message=rule.message,
        confidence=float(hit.confidence if hit.confidence is not None else 0.9),
        suppressed=None,
        explanation={k: getattr(hit, k) for k in ("pattern", "reason", "sentence") if getattr(hit, k)},
    )


PAUSE_FROM = 50_000  # characters: below it, a message is linted with the collector on


@contextmanager
def collector_paused(size: int | None = None) -> Iterator[None]:
    """Python's cyclic garbage collector off while one long message (`size` characters, at least
    PAUSE_FROM) is linted. A flagged-line text makes hundreds of thousands of short-lived tuples and
    records, and each full collection walked every object of the loaded pipeline too: a quarter of the
    time on 1 MB (bench/soak.py). Linting leaves almost no cycles (a few hundred objects for 3 MB), so
    nothing piles up. An email-sized message is not paused: the collection postponed to the end of each
    one cost more (about 1 ms per email, bench/lint_bench.py) than it saved."""
    if not gc.isenabled() or (size is not None and size < PAUSE_FROM):  # paused already, or a short message
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def lint_message(
    message: Message,
    *,
    source: str = "<text>",
    config: Config | None = None,
    classifier: bool = True,
    suggest: bool = True,
) -> Result:
    """Analyse one message; the Result follows the JSON contract (see findings.py). `suggest=False`:
    no suggestions (an audit suggests only for the messages its report shows); findings are the same."""
    with collector_paused(len(message.text)):
        return _lint_message(message, source, config or Config(), classifier, suggest)


@lru_cache(maxsize=1)
def _rules() -> dict[str, Rule]:
    """Every rule by code, the team rule too: made once (the built-in rules are loaded once), not per message."""
    return {**rules_by_code(), TEAM_RULE.code: TEAM_RULE}


def _lint_message(message: Message, source: str, config: Config, classifier: bool, suggest: bool) -> Result:
    text = message.text
    analysis = analyse_text(text, message.excluded, config, classifier)
    file_off, line_off = suppressions(text)
    where = LineIndex(text)
    rules = _rules()

    def keep(hit: Detection) -> bool:
        code = hit.rule
        if not config.enables(code):
            return False
        if file_off is None or code in file_off:
            return False
        line_codes = line_off.get(where(hit.start)[0], set())
        return not (line_codes is None or code in line_codes)

    kept = [h for h in analysis.spans if keep(h)]
    findings = [_finding(rules[h.rule], h, text, where, config) for h in kept[:MAX_FINDINGS]]
    suppressed = []
    for hit in analysis.suppressed:
        if keep(hit):
            finding = _finding(rules[hit.rule], hit, text, where, config)
            finding.suppressed = hit.reason or "suppressed"
            suppressed.append(finding)
    result = Result(
        source=source,
        text=text,
        findings=findings,
        suppressed=suppressed,
        extracted=message.extracted,
        warnings=list(message.warnings),
        meta=dict(message.meta),
    )
    if classifier:
        reported = sum(1 for f in findings if f.category == "purposeless")
        result.purposeless, result.score = message_verdict(analysis.tally, reported)
    else:
        result.purposeless = any(f.category == "purposeless" for f in findings)
        result.score = max(0, 100 - 25 * len(findings))
    if len(kept) > MAX_FINDINGS or analysis.dropped:
        total = f"{len(kept) + analysis.dropped}" + (" or so" if analysis.dropped else "")
        result.warnings.append(f"{source}: {total} findings; only the first {MAX_FINDINGS} are reported")
    reading = read(analysis_view(_read_prefix(text)), message.excluded, message.headers, doc=analysis.doc)
    analysis.doc = None  # not kept past this message
    result.findings += message_findings(result, reading, analysis, config)
    if suggest and result.findings:
        _suggest(result, reading)
    result.findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return result


def _read_prefix(text: str) -> str:
    """What `read` looks at (its first READ_LIMIT characters) to the end of that line, so the analysis
    view of it is the view of the whole text cut there, without making a view of all 64 MB."""
    if len(text) <= READ_LIMIT:
        return text
    end = text.find("\n", READ_LIMIT)
    return text if end == -1 else text[: end + 1]


def _suggest(result: Result, reading) -> None:
    """Rewrites for message-level findings and the first MAX_SUGGESTED span findings: past that,
    more suggestions help nobody and their cost grows with findings times text."""
    from scriptlint.suggest.rank import attach_suggestions  # lazy: only a text with findings needs it

    spans = [f for f in result.findings if f.scope == "span"]
    if len(spans) <= MAX_SUGGESTED:
        attach_suggestions(result, reading)
        return
    everything = result.findings
    result.findings = [f for f in everything if f.scope != "span"] + spans[:MAX_SUGGESTED]
    try:
        attach_suggestions(result, reading)
    finally:
        result.findings = result.findings + spans[MAX_SUGGESTED:]
    result.warnings.append(f"{result.source}: rewrites are suggested for the first {MAX_SUGGESTED} findings only")


def lint(text: str, *, config: Config | None = None, source: str = "<text>", classifier: bool = True) -> Result:
    """Lint plain text (quoted replies and signatures are recognised and left alone)."""
    with collector_paused(len(text)):  # message_from_text on a long text makes many short-lived objects too
        return lint_message(message_from_text(text), source=source, config=config, classifier=classifier)
