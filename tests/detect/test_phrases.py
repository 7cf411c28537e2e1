"""Phrase hits: a trigger phrase in quotation marks is mentioned, not used."""

from __future__ import annotations

import pytest

from scriptlint.detect.phrases import is_mention
from scriptlint.engine import lint


def hit(text: str, phrase: str) -> tuple[int, int]:
    at = text.lower().index(phrase)
    return at, at + len(phrase)


@pytest.mark.parametrize(
    "text, phrase",
    [
        ('This isn\'t another "just checking in" email: the audit report is attached.', "just checking in"),
        ("Skip the “touching base” opener and lead with the number.", "touching base"),
    ],
)
def test_quoted_trigger_phrase_is_a_mention(text, phrase):
    assert is_mention(text, *hit(text, phrase))


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Just checking in on the quote.", "just checking in"),
        ('"Just checking in to see if you had any thoughts on my last email."', "just checking in"),
        ("I'm just checking in, don't worry.", "just checking in"),
    ],
)
def test_used_phrase_is_not_a_mention(text, phrase):
    assert not is_mention(text, *hit(text, phrase))


def test_a_mentioned_phrase_is_not_reported_as_a_phrase_hit():
    text = 'This isn\'t another "just checking in" email: the audit report you asked for is attached.'
    assert not [f for f in lint(text, classifier=False).findings if f.scope == "span"]
    assert [f.rule for f in lint("Just checking in on the audit report.", classifier=False).findings][:1] == ["SL101"]
