"""The phrase pattern language, compiled to spaCy Matcher token patterns.

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
from typing import Any, Callable

_PUNCT_RE = re.compile(r"^[^\w\s]+$")


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
