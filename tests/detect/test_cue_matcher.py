"""The prefiltered cue Matcher finds, key by key and in order, what one Matcher of every key finds."""

from __future__ import annotations

from collections import defaultdict

from spacy.matcher import Matcher

from scriptlint.detect import reading
from scriptlint.detect.cue_matcher import CueMatcher
from scriptlint.detect.cue_patterns import add_date_patterns, add_slot_patterns
from scriptlint.training.corpus import default_dir, read_raw


def _add_all(add) -> None:
    data = reading.cue_data()
    for name, spec in data["situations"].items():
        if spec.get("patterns"):
            add(f"sit|{name}|patterns", spec["patterns"])
    add("msg|value", data["message"]["value_patterns"])
    add_date_patterns(add, data["vocabulary"])
    add_slot_patterns(add, data["vocabulary"])


def _by_key(vocab, hits) -> dict[str, list[tuple[int, int]]]:
    grouped: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for key, start, end in hits:
        grouped[vocab.strings[key]].append((start, end))
    return dict(grouped)


def test_same_hits_per_key_as_one_matcher_of_every_key():
    nlp = reading.nlp()
    full = Matcher(nlp.vocab, validate=False)
    _add_all(full.add)
    cues = CueMatcher(nlp.vocab)
    _add_all(cues.add)
    texts = [ex.text for ex in read_raw(default_dir())][:2000]
    texts += ["Hi Mr. Smith, our demo on Friday the 3rd at 4pm: the revised proposal for the rollout.", ""]
    for text in texts:
        doc = nlp.make_doc(reading._fold(text))
        expected = _by_key(nlp.vocab, full(doc))
        assert _by_key(nlp.vocab, cues(doc)) == expected, text[:80]
    assert any(len(keys) < len(cues._keys) for keys in cues._matchers)  # some keys were skipped


def test_a_key_without_its_words_is_not_run():
    nlp = reading.nlp()
    cues = CueMatcher(nlp.vocab)
    cues.add("weekday", [[{"LOWER": {"IN": ["monday", "tuesday"]}}]])
    cues.add("title-again", [[{"IS_TITLE": True}, {"LOWER": "again"}]])
    cues.add("any-title", [[{"IS_TITLE": True, "OP": "?"}, {"IS_TITLE": True}]])  # no word to need: always runs
    doc = nlp.make_doc("Dana again, Monday")
    assert sorted(nlp.vocab.strings[k] for k, _, _ in cues(doc)) == ["any-title", "any-title", "title-again", "weekday"]
    doc = nlp.make_doc("Dana here")
    assert [nlp.vocab.strings[k] for k, _, _ in cues(doc)] == ["any-title"]
    assert list(cues._matchers) == [(0, 1, 2), (2,)]
