"""The shipped rules: every `data/*.toml` file plus the code rules, by code."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from scriptlint.errors import RuleError
from scriptlint.rules.code_rules import CODE_RULES
from scriptlint.rules.rule import Rule, load_rule_file


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    """All shipped rules, sorted by code; codes and names are unique."""
    folder = resources.files("scriptlint.rules") / "data"
    rules: list[Rule] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            rules.extend(load_rule_file(entry, f"rules/{entry.name}"))
    rules.extend(CODE_RULES)
    seen: dict[str, str] = {}
    for rule in rules:
        for key in (rule.code, rule.name):
            if key in seen:
                raise RuleError(f"{rule.origin}: duplicate rule {key!r} (also in {seen[key]})")
            seen[key] = rule.origin
    return tuple(sorted(rules, key=lambda r: r.code))


def rules_by_code() -> dict[str, Rule]:
    return {r.code: r for r in builtin_rules()}
