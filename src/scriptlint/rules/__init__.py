"""What to flag: rule records, the shipped rule data, and the phrase pattern language."""

from scriptlint.rules.code_rules import CODE_RULES, TEAM_RULE
from scriptlint.rules.patterns import JOINER_NORM, compile_pattern
from scriptlint.rules.registry import builtin_rules, rules_by_code
from scriptlint.rules.rule import Rule, matches_selector, rule_from_dict, validate_selectors

__all__ = [
    "CODE_RULES",
    "JOINER_NORM",
    "TEAM_RULE",
    "Rule",
    "builtin_rules",
    "compile_pattern",
    "matches_selector",
    "rule_from_dict",
    "rules_by_code",
    "validate_selectors",
]
