"""Set predicates as lexeme flags: the same matches as spaCy's own IN / NOT_IN, checked in C."""

from __future__ import annotations

import spacy
from spacy.matcher import Matcher

from scriptlint.detect.flags import SetFlag, flag_patterns

PATTERNS = [
    [{"LOWER": {"IN": ["monday", "friday"]}}, {"SHAPE": {"IN": ["d:dd", "dd:dd"]}}],
    [{"ORTH": {"IN": ["USD", "$"]}}, {"LOWER": {"NOT_IN": ["zero", "none"]}, "IS_ALPHA": False}],
    [{"LOWER": "the"}, {"LOWER": {"NOT_IN": ["end", "start"]}, "OP": "?"}, {"LOWER": {"IN": ["proposal"]}}],
]
TEXTS = [
    "See you Monday 10:30 or FRIDAY 9:15, not monday 930.",
    "It costs USD 400, $ 12 or $ none; usd 5 is lowercase.",
    "The proposal, the end proposal and the revised proposal.",
    "",
]


def _hits(vocab, patterns, texts):
    matcher = Matcher(vocab, validate=False)
    for i, pattern in enumerate(patterns):
        matcher.add(f"p{i}", [pattern], greedy="LONGEST" if i == 2 else None)
    nlp = spacy.blank("en", vocab=vocab)
    return [sorted(matcher(nlp.make_doc(text))) for text in texts]


def test_flags_match_exactly_what_the_sets_match():
    vocab = spacy.blank("en").vocab
    plain = _hits(vocab, PATTERNS, TEXTS)
    flagged = flag_patterns(vocab, PATTERNS)
    assert all(
        isinstance(k, int) for p in flagged for t in p for k, v in t.items() if isinstance(v, bool) and k != "IS_ALPHA"
    )
    assert _hits(vocab, flagged, TEXTS) == plain
    assert any(hits for hits in plain)  # the texts do match


def test_words_first_seen_after_the_flags_are_made_get_them():
    vocab = spacy.blank("en").vocab
    flagged = flag_patterns(vocab, PATTERNS)  # before any of the texts' words are in the vocab
    texts = ["Zyzzyva Friday 11:45 and Friday 7:05", "$ quux and the brandnew proposal"]
    assert _hits(vocab, flagged, texts) == _hits(vocab, PATTERNS, texts)


def test_equal_sets_share_one_flag_and_no_free_bit_leaves_the_set_as_it_was():
    vocab = spacy.blank("en").vocab
    first = flag_patterns(vocab, [[{"LOWER": {"IN": ["a", "b"]}}]])
    again = flag_patterns(vocab, [[{"LOWER": {"IN": ["b", "a"]}}]])
    assert first == again
    for n in range(60):  # use up every free bit
        flag_patterns(vocab, [[{"LOWER": {"IN": [f"w{n}"]}}]])
    assert sum(isinstance(g, SetFlag) for g in vocab.lex_attr_getters.values()) == 63 - 19 + 1
    late = [[{"LOWER": {"IN": ["late", "later"]}}]]
    assert flag_patterns(vocab, late) == late
    assert _hits(vocab, late, ["Later, not late"]) == _hits(spacy.blank("en").vocab, late, ["Later, not late"])


def test_empty_strings_and_other_attributes_stay_predicates():
    vocab = spacy.blank("en").vocab
    patterns = [[{"LOWER": {"IN": ["", "x"]}}, {"NORM": {"IN": ["a", "b"]}}, {"LENGTH": {">=": 2}}]]
    assert flag_patterns(vocab, patterns) == patterns
