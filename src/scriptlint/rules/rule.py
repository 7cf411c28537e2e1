"""The Rule record, and loading and validating rule files (`rules/data/*.toml` or a team's own).

A phrase rule is data, never code: its patterns use the language described in `patterns.py`
(and README "Writing rules"); a rule file that does not validate names itself in the error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import tomllib

from scriptlint.errors import RuleError
from scriptlint.findings import SEVERITIES

CODE_RE = re.compile(r"^SL\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
CATEGORIES = ("purposeless", "structure")
_PUNCT_RE = re.compile(r"^[^\w\s]+$")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    message: str
    why: str
    example: str
    better: str
    tactics: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    must_match: tuple[str, ...] = ()
    must_not_match: tuple[str, ...] = ()
    scope: str = "span"
    origin: str = "builtin"

    @property
    def family(self) -> str:
        return self.code[:3]


_REQUIRED = ("code", "name", "category", "severity", "message", "why", "example", "better")
_LISTS = ("tactics", "patterns", "exceptions", "must_match", "must_not_match")
_OPTIONAL = ("scope",)


def rule_from_dict(data: dict[str, Any], origin: str) -> Rule:
    """Validate one `[[rules]]` table; errors name the file and the offending key."""
    where = f"{origin}: rule {data.get('code', '?')}"
    unknown = set(data) - set(_REQUIRED) - set(_LISTS) - set(_OPTIONAL)
    if unknown:
        raise RuleError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    for key in _REQUIRED:
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise RuleError(f"{where}: key {key!r} must be a non-empty string")
    for key in _LISTS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RuleError(f"{where}: key {key!r} must be a list of strings")
    if not CODE_RE.match(data["code"]):
        raise RuleError(f"{where}: key 'code' must look like SL101")
    if not NAME_RE.match(data["name"]):
        raise RuleError(f"{where}: key 'name' must be kebab-case")
    if data["severity"] not in SEVERITIES:
        raise RuleError(f"{where}: key 'severity' must be one of {', '.join(SEVERITIES)}")
    if data["category"] not in CATEGORIES:
        raise RuleError(f"{where}: key 'category' must be one of {', '.join(CATEGORIES)}")
    # Patterns are compiled (and so checked) once, by the phrase component that uses them.
    return Rule(
        **{k: data[k] for k in _REQUIRED},
        **{k: tuple(data.get(k, [])) for k in _LISTS},
        scope=data.get("scope", "span"),
        origin=origin,
    )


def load_rule_file(path: Path | Any, origin: str | None = None) -> list[Rule]:
    origin = origin or getattr(path, "name", str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{origin}: invalid TOML: {exc}") from None
    tables = data.get("rules", [])
    if not isinstance(tables, list):
        raise RuleError(f"{origin}: key 'rules' must be an array of tables ([[rules]])")
    return [rule_from_dict(t, origin) for t in tables]


def matches_selector(code: str, selectors: Iterable[str]) -> bool:
    """ruff-style prefix selection: `SL`, `SL1`, `SL101` all select SL101; `ALL` selects everything."""
    return any(s == "ALL" or code.startswith(s) for s in selectors)


def validate_selectors(selectors: Iterable[str], known: Iterable[str]) -> list[str]:
    """Return the selectors that match no known code (to be reported as errors)."""
    known = list(known)
    return [s for s in selectors if s != "ALL" and not any(c.startswith(s) for c in known)]
