"""The shortcuts speed work added give the same results as the long way round."""

from __future__ import annotations

from dataclasses import asdict

from scriptlint.config import Config
from scriptlint.detect.reading import read
from scriptlint.engine import analyse_text, lint, lint_message, load
from scriptlint.text.message import message_from_text
from scriptlint.text.mime import EMAIL_POLICY, parse_email

DRAFT = (
    "Hi Dana,\n\nJust checking in on the proposal I sent last Tuesday. Any update?\n"
    "Could we talk on Friday at 2pm about the fleet rollout?"
)
EMAIL = (
    b"From: Sam <sam@acme.example>\nTo: dana@client.example\nSubject: Checking in\n"
    b"Date: Mon, 5 Jan 2026 09:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n"
    b"Hi Dana,\n\nJust checking in. Any update?\n\nBest,\nSam\n"
)


def test_reading_with_the_pipeline_doc_equals_reading_alone():
    analysis = analyse_text(DRAFT, [], Config(), True)
    assert analysis.doc is not None and analysis.doc.text == DRAFT
    assert asdict(read(DRAFT, doc=analysis.doc)) == asdict(read(DRAFT))
    # A Doc of other text (here: a curly apostrophe the reading folds) is not used.
    curly = DRAFT.replace("Hi Dana", "Dana’s team")
    other = load().make_doc(curly)
    assert asdict(read(curly, doc=other)) == asdict(read(curly))


def test_findings_without_suggestions_are_the_same_findings():
    full = lint(DRAFT).to_dict()
    lean = lint_message(message_from_text(DRAFT), suggest=False).to_dict()
    assert any(f["suggestions"] for f in full["findings"])
    assert not any(f["suggestions"] for f in lean["findings"])
    for finding in full["findings"]:
        finding["suggestions"] = []
    assert lean == full


def test_cached_email_headers_parse_the_same():
    first, second = parse_email(EMAIL, "a.eml"), parse_email(EMAIL, "a.eml")
    assert asdict(first) == asdict(second) and first.headers["Subject"] == "Checking in"
    made = EMAIL_POLICY.header_factory
    assert made("Content-Type", "text/plain") is made("Content-Type", "text/plain")
    long_value = "x" * 3000
    assert made("Subject", long_value) is not made("Subject", long_value)  # long values are not kept
    assert made("Subject", long_value) == long_value


def test_classifier_columns_equal_looking_up_every_feature_string():
    import math

    import numpy as np

    from scriptlint.detect.classifier import features, load_model

    model = load_model()
    texts = ["Subject: Checking in - {{company}}", DRAFT, "Any update? Any update? 555-0162 on Friday at 2pm", ""]
    for text in texts:
        counts: dict[int, int] = {}
        for f in features(text):
            if (j := model.vocab.get(f)) is not None:
                counts[j] = counts.get(j, 0) + 1
        idx, values = model._compute_vector(text)
        assert idx.tolist() == list(counts)  # the same columns in the same order
        tf = np.array(list(counts.values()), dtype=np.float64)
        expected = (1.0 + np.log(tf)) * model.idf[np.array(list(counts), dtype=np.int64)] if counts else tf
        norm = math.sqrt(float(expected @ expected)) if counts else 0.0
        assert np.array_equal(values, expected / norm if norm else expected)  # bit for bit


def test_overlap_filter_on_tuples_keeps_what_filter_spans_keeps():
    import random

    from spacy.util import filter_spans

    from scriptlint.detect.phrases import _longest_first

    doc = load().make_doc("word " * 60)
    rng = random.Random(16)
    for _ in range(200):
        hits = sorted({(s, s + rng.randint(1, 6), rng.choice("AB")) for s in (rng.randrange(50) for _ in range(15))})
        spans = [doc[s:e] for s, e, _ in hits]
        assert [(h[0], h[1]) for h in _longest_first(hits)] == [(s.start, s.end) for s in filter_spans(spans)]


def test_linting_pauses_the_garbage_collector_and_restores_it():
    import gc

    from scriptlint.engine import collector_paused

    seen = []
    with collector_paused():
        seen.append(gc.isenabled())
        with collector_paused():
            seen.append(gc.isenabled())
        seen.append(gc.isenabled())
    assert seen == [False, False, False] and gc.isenabled()
    try:
        with collector_paused():
            raise KeyError
    except KeyError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        lint(DRAFT)
        assert not gc.isenabled()  # a caller's own choice is left as it was
    finally:
        gc.enable()
    assert lint(DRAFT).findings and gc.isenabled()


def test_only_a_long_message_is_linted_with_the_collector_paused():
    import gc

    from scriptlint.engine import PAUSE_FROM, collector_paused

    with collector_paused(PAUSE_FROM - 1):
        short = gc.isenabled()
    with collector_paused(PAUSE_FROM):
        long = gc.isenabled()
    assert short and not long and gc.isenabled()
