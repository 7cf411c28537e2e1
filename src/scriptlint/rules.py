"""Rule data: loading and validating `rules/*.toml`, and compiling the phrase pattern language.

A phrase rule is data, never code. The pattern language (documented in README "Writing rules"):

- ``word``      any inflection of the word, case-insensitive (lemma match, dropped-g misspellings folded)
- ``a|b``       any of the alternatives
- ``word?``     optional word (``a|b?`` an optional alternative)
- ``?`` ``!``   a token made only of punctuation is literal
- ``*`` ``*?``  any one word token / an optional one
- ``=word``     the exact lowercase surface form, no lemma
Hyphens, apostrophes and line breaks are allowed between consecutive tokens automatically.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable

from .findings import SEVERITIES

CODE_RE = re.compile(r"^SL\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
CATEGORIES = ("purposeless", "structure")
_PUNCT_RE = re.compile(r"^[^\w\s]+$")


class RuleError(ValueError):
    """A rule file (or config) is malformed; the message names the file and the key."""


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


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    """All shipped rules, sorted by code; codes and names are unique."""
    folder = resources.files("scriptlint") / "rules"
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


def matches_selector(code: str, selectors: Iterable[str]) -> bool:
    """ruff-style prefix selection: `SL`, `SL1`, `SL101` all select SL101; `ALL` selects everything."""
    return any(s == "ALL" or code.startswith(s) for s in selectors)


def validate_selectors(selectors: Iterable[str], known: Iterable[str]) -> list[str]:
    """Return the selectors that match no known code (to be reported as errors)."""
    known = list(known)
    return [s for s in selectors if s != "ALL" and not any(c.startswith(s) for c in known)]


# --- pattern language -------------------------------------------------------------------------

JOINER_NORM = "<joiner>"
"""The norm the phrase component gives hyphens, apostrophes and single line breaks.

Patterns allow any of them between consecutive words ("follow-up", "touch\nbase", "checkin' in");
a quote marker is not one, so "just checking\n> in" stays two pieces, and nor is a blank line.
"""
_JOINERS: list[dict[str, Any]] = [{"NORM": JOINER_NORM, "OP": "*"}]


def _one_of(attr: str, values: list[str]) -> dict[str, Any]:
    """A plain value where possible: spaCy compares those natively, `IN` sets in Python."""
    unique = sorted(set(values))
    return {attr: unique[0]} if len(unique) == 1 else {attr: {"IN": unique}}


def compile_pattern(pattern: str, norm: Callable[[str], str]) -> list[dict[str, Any]]:
    """Turn one pattern string into a spaCy Matcher token pattern over `NORM` (set by our normalizer)."""
    words = pattern.split()
    if not words:
        raise ValueError("empty pattern")
    specs: list[dict[str, Any]] = []
    for i, word in enumerate(words):
        optional = False
        if word.endswith("?") and len(word) > 1 and (word == "*?" or not _PUNCT_RE.match(word)):
            optional, word = True, word[:-1]
        if word == "*":
            spec: dict[str, Any] = {"IS_PUNCT": False, "IS_SPACE": False}
        elif word.startswith("=") and len(word) > 1:
            spec = _one_of("LOWER", word[1:].lower().split("|"))
        elif _PUNCT_RE.match(word):
            spec = {"ORTH": word}
        else:
            alts = [a for a in word.split("|") if a]
            if not alts or any(not re.match(r"^[\w'’.]+$", a) for a in alts):
                raise ValueError(f"bad word {word!r}")
            spec = _one_of("NORM", [norm(a.lower()) for a in alts])
        if optional:
            spec["OP"] = "?"
        if i:
            specs.extend(dict(j) for j in _JOINERS)
        specs.append(spec)
    if all(s.get("OP") == "?" for s in specs):
        raise ValueError("pattern where every token is optional")
    return specs


# --- rules that are not phrase lists ------------------------------------------------------------
# Their docs live here as data too; the mechanism lives in pipeline.py / suggest.py.

CODE_RULES: list[Rule] = [
    Rule(
        code="SL901",
        name="purposeless-sentence",
        category="purposeless",
        severity="warning",
        message="This sentence asks for attention without giving a reason or anything of value.",
        why=(
            "No phrase list can name every way of saying 'nothing new, just here again'. The purpose "
            "classifier reads the whole sentence and flags contact for its own sake even without a "
            "classic keyword ('Anything new on your end?', 'Wanted to pop back into your inbox'). To "
            "the reader these are the same as checking in: an interruption that moves nothing forward."
        ),
        example="Anything new on your end?",
        better="Your Q3 churn review is on Thursday: here are the two retention figures from our pilot you can bring to it.",
        tactics=("state-purpose", "share-insight", "agreed-timeline"),
        scope="span",
        origin="classifier",
    ),
]
