"""Every built-in token pattern passes spaCy's schema check (the Matchers skip it at start-up)."""

from __future__ import annotations

import pytest
from spacy.schemas import validate_token_pattern

from scriptlint.detect.cue_patterns import add_date_patterns, add_slot_patterns
from scriptlint.detect.normalize import normalize_word
from scriptlint.detect.reading import cue_data
from scriptlint.rules import builtin_rules
from scriptlint.rules.patterns import compile_pattern


def _cue_patterns() -> list[tuple[str, list]]:
    found: list[tuple[str, list]] = []

    def add(key: str, patterns: list, **_: object) -> None:
        found.extend((key, p) for p in patterns)

    data = cue_data()
    for name, spec in data["situations"].items():
        add(f"sit|{name}", spec.get("patterns", []))
    add("msg|value", data["message"]["value_patterns"])
    add_date_patterns(add, data["vocabulary"])
    add_slot_patterns(add, data["vocabulary"])
    return found


def test_rule_patterns_are_valid():
    patterns = [(r.code, p) for r in builtin_rules() for p in [*r.patterns, *r.exceptions]]
    assert len(patterns) > 200
    for code, pattern in patterns:
        assert validate_token_pattern(compile_pattern(pattern, normalize_word)) == [], (code, pattern)


def test_cue_patterns_are_valid():
    patterns = _cue_patterns()
    assert len(patterns) > 20
    for key, pattern in patterns:
        assert validate_token_pattern(pattern) == [], key


def test_the_check_catches_a_broken_pattern():
    with pytest.raises(AssertionError):
        assert validate_token_pattern([{"LOWER": {"IN": "not a list"}, "OP": "??"}]) == []
