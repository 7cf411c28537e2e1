"""Meta-tests over the rule data: no rule can silently never match, and every rule is documented.

This is the commonest complaint about Vale and proselint (rules that quietly never fire), so every
rule carries examples that must match and examples that must not, and they are checked here.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest
import tomllib

from scriptlint.engine import lint
from scriptlint.errors import RuleError
from scriptlint.rules import builtin_rules, rule_from_dict
from scriptlint.rules.patterns import JOINER_NORM, compile_pattern

RULES = builtin_rules()
PHRASE_RULES = [r for r in RULES if r.patterns]
MESSAGE_RULES = [r for r in RULES if r.scope == "message"]


def phrase_codes(text: str) -> set[str]:
    """Codes the phrase rules alone find (no classifier: this tests the data, not the model)."""
    return {f.rule for f in lint(text, classifier=False).findings}


def test_enough_rules_and_patterns():
    assert sum(len(r.patterns) for r in PHRASE_RULES) >= 40
    assert len({r.family for r in PHRASE_RULES}) >= 8
    assert len(PHRASE_RULES) >= 18


def test_codes_and_names_are_unique():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    assert len(rule.why.split()) >= 25, "why must be a real paragraph"
    assert rule.example.strip() and rule.better.strip() and rule.example != rule.better
    assert rule.tactics, "every rule points to at least one rewrite tactic"


@pytest.mark.parametrize("rule", PHRASE_RULES, ids=lambda r: r.code)
def test_phrase_rule_examples_behave(rule):
    assert len(rule.must_match) >= 3 and len(rule.must_not_match) >= 2
    for text in (rule.example, *rule.must_match):
        assert rule.code in phrase_codes(text), f"{rule.code} should match {text!r}"
    for text in rule.must_not_match:
        assert rule.code not in phrase_codes(text), f"{rule.code} should not match {text!r}"


@pytest.mark.parametrize("rule", MESSAGE_RULES, ids=lambda r: r.code)
def test_message_rule_examples_behave(rule):
    from scriptlint.detect.checks import message_checks

    assert rule.must_match and rule.must_not_match
    for text in rule.must_match:
        assert rule.code in message_checks(text), f"{rule.code} should fire on {text!r}"
    for text in rule.must_not_match:
        assert rule.code not in message_checks(text), f"{rule.code} should not fire on {text!r}"


def test_tactics_named_by_rules_exist():
    catalogue = resources.files("scriptlint.suggest") / "tactics.toml"
    if not catalogue.is_file():
        pytest.skip("tactics catalogue not present")
    ids = {t["id"] for t in tomllib.loads(catalogue.read_text(encoding="utf-8"))["tactics"]}
    for rule in RULES:
        assert set(rule.tactics) <= ids, (rule.code, set(rule.tactics) - ids)


def test_a_bad_rule_names_its_file_and_key():
    good = {k: "x" for k in ("name", "category", "severity", "message", "why", "example", "better")}
    good.update(code="SL100", name="demo", category="purposeless", severity="warning")
    rule_from_dict(good, "rules/demo.toml")
    with pytest.raises(RuleError, match=r"rules/demo.toml: rule SL100: key 'severity'"):
        rule_from_dict({**good, "severity": "loud"}, "rules/demo.toml")
    with pytest.raises(RuleError, match=r"unknown key 'pattern'"):
        rule_from_dict({**good, "pattern": ["x"]}, "rules/demo.toml")


def test_pattern_language():
    spec = compile_pattern("just? check|touch in ? *? =news", lambda w: w)
    words = [t for t in spec if t.get("NORM") != JOINER_NORM]
    assert words == [
        {"NORM": "just", "OP": "?"},
        {"NORM": {"IN": ["check", "touch"]}},
        {"NORM": "in"},
        {"ORTH": "?"},
        {"IS_PUNCT": False, "IS_SPACE": False, "OP": "?"},
        {"LOWER": "news"},
    ]
    assert len(spec) == 2 * len(words) - 1, "a joiner between every two tokens"
    with pytest.raises(ValueError):
        compile_pattern("just?", lambda w: w)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("We should touch\nbase on Friday.", "touch\nbase"),
        ("- just checking in\n- and more", "just checking in"),
        ("(Touching base!)", "Touching base"),
        ("I'm circling-back on this.", "circling-back"),
        ("TOUCHIN BASE re: the quote", "TOUCHIN BASE"),
    ],
)
def test_phrases_survive_wrapping_bullets_punctuation_and_spelling(text, fragment):
    texts = {f.text for f in lint(text, classifier=False).findings}
    assert any(fragment in t for t in texts), texts


def test_phrase_split_by_a_quote_marker_is_not_one_phrase():
    # "just checking" on the author's line, "in" on a quoted line: nothing of the author's matches.
    findings = lint("Sure, just checking\n> in with legal about this.", classifier=False).findings
    assert not any(re.search(r"checking\s*>?\s*in", f.text) for f in findings)
