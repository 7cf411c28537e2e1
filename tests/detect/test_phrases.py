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


def test_long_text_path_finds_what_the_email_path_finds(monkeypatch):
    # The long-text path groups anchor Matchers whose windows coincide into one run ("checking" and
    # "update" on a text flagged line after line); its hits must be the email path's, hit for hit.
    from scriptlint.detect import phrases as module
    from scriptlint.engine import load
    from scriptlint.training.corpus import default_dir, read_raw

    nlp = load(classifier=False)
    component = nlp.get_pipe("scriptlint_phrases")
    texts = ["Just checking in. Any update?\n" * 40, "Any update? Just checking in, following up.\n" * 25]
    texts += [ex.text for ex in read_raw(default_dir()) if ex.kind == "message"][:300]
    for text in texts:
        doc = nlp.make_doc(text)
        for _, proc in nlp.pipeline[:2]:  # sentences and norms, as the phrase component sees them
            doc = proc(doc)
        email_path = component._matches(doc)
        monkeypatch.setattr(module, "SMALL_DOC", 0)
        long_path = component._matches(doc)
        monkeypatch.setattr(module, "SMALL_DOC", 3000)
        assert long_path == email_path, text[:80]
