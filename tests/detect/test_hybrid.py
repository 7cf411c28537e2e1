"""The message verdict follows the sentences (LABELS.md R8), and its score bands never overlap."""

from __future__ import annotations

import pytest

from scriptlint.detect.hybrid import PURPOSEFUL_FLOOR, VERDICT_AT, message_verdict, unit_text
from scriptlint.detect.spans import SentenceScore
from scriptlint.engine import lint


def score(label: str, p: float, flagged: bool = False) -> SentenceScore:
    rest = (1 - p) / 2
    probs = {"neutral": rest, "purposeful": rest, "purposeless": rest, label: p}
    return SentenceScore(0, 1, probs, label, flagged)


def test_one_purposeful_sentence_makes_the_message_purposeful():
    purposeless, points = message_verdict([score("purposeless", 0.9, True), score("purposeful", 0.7)], 1)
    assert purposeless is False and points >= PURPOSEFUL_FLOOR


def test_only_polite_lines_are_purposeless():
    purposeless, points = message_verdict([score("neutral", 0.9), score("neutral", 0.8)], 0)
    assert purposeless is True and points < PURPOSEFUL_FLOOR


def test_a_flagged_sentence_never_counts_as_purpose():
    purposeless, _ = message_verdict([score("purposeful", 0.5, flagged=True), score("neutral", 0.9)], 1)
    assert purposeless is True


def test_a_barely_purposeful_sentence_does_not_make_the_message_purposeful():
    # argmax "purposeful" at 0.45 is a guess, not a purpose: R8 needs a sentence that is purposeful
    weak = SentenceScore(0, 1, {"neutral": 0.2, "purposeful": 0.45, "purposeless": 0.35}, "purposeful")
    assert message_verdict([weak, score("purposeless", 0.9, True)], 1)[0] is True
    assert message_verdict([score("purposeful", VERDICT_AT), score("purposeless", 0.9, True)], 1)[0] is False


@pytest.mark.parametrize("p", [VERDICT_AT, 0.8, 0.99])
def test_score_bands_do_not_overlap(p):
    _, good = message_verdict([score("purposeful", p)], 0)
    _, bad = message_verdict([score("purposeless", p, True), score("neutral", 0.6)], 1)
    assert PURPOSEFUL_FLOOR <= good <= 100 and 0 <= bad < PURPOSEFUL_FLOOR


def test_verdict_agrees_with_the_findings_end_to_end():
    hollow = lint("Hi Dana,\n\nJust checking in on the quote.\nAny thoughts?\n\nBest,\nSam")
    useful = lint("Hi Dana,\n\nThe revised quote is attached: $4,200, down from $4,900.\n\nBest,\nSam")
    assert hollow.purposeless and hollow.score < PURPOSEFUL_FLOOR
    assert not useful.purposeless and useful.score >= PURPOSEFUL_FLOOR


def test_a_subject_is_judged_as_a_subject():
    text = "Subject: Checking in\n\nHi Dana,"
    assert unit_text(text, 9, 20) == "Subject: Checking in"
    assert unit_text(text, 22, 30) == "Hi Dana,"
