"""Set predicates of token patterns as lexeme flags, which spaCy's Matcher checks in C.

`{"LOWER": {"IN": [...]}}` is a Python call in spaCy's Matcher (`_SetPredicate`, once per token and
set, with a Token made for it): on an email the date and slot patterns' sets were most of the
cue matcher's time. LOWER, ORTH and SHAPE belong to the lexeme (the word type), so "is this word's
value in the set" is a property of the lexeme: one flag bit (`Vocab.add_flag`), set when spaCy first
sees a word, compared in C like IS_ALPHA. `{"LOWER": {"IN": S}}` becomes `{bit: True}` and
`{"LOWER": {"NOT_IN": S}}` `{bit: False}`: the same tokens pass, so the same matches come out.

A flag's getter gets the word's text and applies the vocab's own getter for the attribute, the one
that made the lexeme's value. A Vocab has 45 free flag bits (spaCy's own use 1-18): past them a
set stays a Python predicate (the same matches, only slower). Flags of equal sets are shared.
"""

from __future__ import annotations

from typing import Any, Callable

from spacy.attrs import LOWER, SHAPE
from spacy.vocab import Vocab

_FIRST_BIT, _LAST_BIT = 19, 63  # 1-18: spaCy's flags (IS_ALPHA ... IS_CURRENCY); 13 is a deprecated one of them
_SET_OPS = {"IN": True, "NOT_IN": False}


class SetFlag:
    """A flag getter: is the word's `attr` value (as the vocab computes it) one of `values`?"""

    def __init__(self, attr: str, values: frozenset[str], derive: Callable[[str], str]):
        self.attr, self.values, self.derive = attr, values, derive

    def __call__(self, text: str) -> bool:
        return self.derive(text) in self.values


def _derive(vocab: Vocab, attr: str) -> Callable[[str], str] | None:
    """How the vocab computes `attr` from a word's text (None: not a lexeme attribute we can flag)."""
    if attr == "ORTH":
        return str
    getter = vocab.lex_attr_getters.get({"LOWER": LOWER, "SHAPE": SHAPE}.get(attr, -1))
    return getter if callable(getter) else None


def _flags(vocab: Vocab, wanted: list[tuple[str, frozenset[str]]]) -> dict[tuple[str, frozenset[str]], int]:
    """The flag bit of each wanted (attr, values) in `vocab`, adding those it lacks while bits are free.

    New flags are set on the words the vocab holds in one pass, from each lexeme's own values (what
    `Vocab.add_flag` does, without a pass per flag); words met later get them from the getters."""
    getters = vocab.lex_attr_getters
    bits = {(g.attr, g.values): bit for bit, g in getters.items() if isinstance(g, SetFlag)}
    free = [b for b in range(_FIRST_BIT, _LAST_BIT + 1) if b not in getters]
    new: list[tuple[int, SetFlag]] = []
    for attr, values in dict.fromkeys(wanted):
        derive = _derive(vocab, attr)
        if (attr, values) in bits or derive is None or not free:
            continue
        bits[(attr, values)] = bit = free.pop(0)
        new.append((bit, SetFlag(attr, values, derive)))
    if new:
        words: dict[tuple[str, str], list[Any]] = {}  # (attr, value) -> the lexemes that have it
        for lex in vocab:
            for attr, value in (("ORTH", lex.orth_), ("LOWER", lex.lower_), ("SHAPE", lex.shape_)):
                words.setdefault((attr, value), []).append(lex)
        for bit, flag in new:
            for value in flag.values:
                for lex in words.get((flag.attr, value), ()):
                    lex.set_flag(bit, True)
        getters.update(new)
    return bits


def _set_op(attr: str, value: Any) -> tuple[str, frozenset[str]] | None:
    """(attr, values) of an IN / NOT_IN set over LOWER, ORTH or SHAPE, else None."""
    if attr not in ("LOWER", "ORTH", "SHAPE") or not isinstance(value, dict) or len(value) != 1:
        return None
    ((op, values),) = value.items()
    # "" is left alone: spaCy's empty lexeme has every flag off, but its attribute hashes as "" does
    if op not in _SET_OPS or not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        return None
    return attr, frozenset(values)


def flag_patterns(vocab: Vocab, patterns: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """The patterns with their IN / NOT_IN sets over LOWER, ORTH or SHAPE as flags, where bits are free."""
    wanted = [found for pattern in patterns for spec in pattern for a, v in spec.items() if (found := _set_op(a, v))]
    bits = _flags(vocab, wanted) if wanted else {}
    flagged = []
    for pattern in patterns:
        tokens = []
        for spec in pattern:
            out: dict[Any, Any] = {}
            for attr, value in spec.items():
                found = _set_op(attr, value)
                bit = bits.get(found) if found else None
                if bit is None or bit in out:
                    out[attr] = value
                else:
                    out[bit] = _SET_OPS[next(iter(value))]
            tokens.append(out)
        flagged.append(tokens)
    return flagged
