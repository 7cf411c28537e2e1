"""Break-ups that say what happens next are purposeful (LABELS.md R3); asking the reader to decide is not."""

from __future__ import annotations

import pytest

from scriptlint.detect.breakups import announces_end
from scriptlint.engine import lint


@pytest.mark.parametrize(
    "unit",
    [
        "Since it has gone quiet, I'll close the file on the racking quote.",
        "I'm going to close out your file for now.",
        "We'll stop emailing about the renewal after today.",
        "This will be my final note on the pallet audit.",
        "Last message from me on this, promise!",
        "Final text - I won't contact you about the gym trial again.",
        "I’ll take you off my list after this one.",
        "You'll no longer be hearing from me about the survey.",
    ],
)
def test_a_break_up_that_says_what_happens_next(unit):
    assert announces_end(unit)


@pytest.mark.parametrize(
    "unit",
    [
        "Should I close your file?",
        "Subject: Closing the loop",
        "Just following up on my last email.",
        "Did you see my last note?",
        "Hoping to close the deal this quarter.",
        "I'll follow up next week.",
        "The store will close at 6pm on Friday.",
    ],
)
def test_questions_subjects_and_nudges_are_not_break_ups(unit):
    assert not announces_end(unit)


def test_a_break_up_makes_the_message_purposeful_and_keeps_other_findings():
    text = "Hi Ana,\n\nJust checking in on the quote.\n\nSince it's gone quiet, I'll close the file on my side today.\n\nBest,\nLeo"
    result = lint(text)
    flagged = [text[f.start : f.end] for f in result.findings if f.scope == "span" and f.category == "purposeless"]
    assert not result.purposeless and result.score >= 50
    assert flagged and all("close the file" not in f for f in flagged)


def test_asking_whether_to_close_is_not_a_break_up_for_the_verdict():
    result = lint("Hi Ana,\n\nJust checking in on the quote.\n\nShould I close your file?\n\nBest,\nLeo")
    assert result.purposeless
