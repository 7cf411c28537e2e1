"""A token Matcher that runs, per Doc, only the keys whose words the Doc holds.

spaCy's Matcher tries every pattern at every token, so its cost grows with the patterns even when
most cannot match: a message without a weekday, a month or "proposal" still pays for the date and
situation patterns. Each pattern here also records, for each of its mandatory tokens that names its
LOWER, ORTH or SHAPE, the values that token accepts; a match needs one of them per such token, so a
key none of whose patterns has all of its words in the Doc is left out. The keys that may match run
in one Matcher built for that set of keys (cached), added in the order they were added here: each
key's matches, in order, and its greedy filtering are the same as a Matcher of every key gives
(only the order between different keys may differ; the cue readers group hits by key). Their IN and
NOT_IN sets run as lexeme flags (detect/flags.py), checked in C.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import LOWER, ORTH, SHAPE
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from scriptlint.detect.flags import flag_patterns

_ATTRS = ("LOWER", "ORTH", "SHAPE")
_MANDATORY = (None, "1")  # a token with another OP ("?", "*", "{0,3}") may be absent from a match
_CACHE_LIMIT = 512
"""Matchers kept for key sets met so far; past this many the cache starts again."""


class CueMatcher:
    """`add(key, patterns, greedy=None)` and `matcher(doc)` as spaCy's Matcher, prefiltered per key."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self._keys: list[tuple[str, list[Any], str | None, list[tuple[int, ...]]]] = []
        self._matchers: dict[tuple[int, ...], Matcher] = {}
        # Every distinct set of accepted word hashes, once: many patterns share one (months, weekdays),
        # so a Doc checks each set once, and a pattern's needs are indexes into this list.
        self._alts: dict[frozenset[int], int] = {}
        self._flagged: list[list[Any]] | None = None

    def add(self, key: str, patterns: list[list[dict[str, Any]]], greedy: str | None = None) -> None:
        if any(k == key for k, *_ in self._keys):
            raise ValueError(f"cue key {key!r} added twice")
        needs = [tuple(self._alts.setdefault(a, len(self._alts)) for a in self._needs(p)) for p in patterns]
        self._keys.append((key, patterns, greedy, needs))
        self._matchers.clear()
        self._flagged = None  # every key's patterns with flags, made on first use

    def _needs(self, pattern: list[dict[str, Any]]) -> list[frozenset[int]]:
        """Per mandatory token with a LOWER/ORTH/SHAPE value or IN list: the hashes it accepts."""
        needs = []
        for token in pattern:
            if token.get("OP") not in _MANDATORY:
                continue
            for attr in _ATTRS:
                value = token.get(attr)
                if isinstance(value, str):
                    values = [value]
                elif isinstance(value, dict) and set(value) == {"IN"}:
                    values = value["IN"]
                else:
                    continue
                if all(isinstance(x, str) for x in values):
                    # Lowercased too: more values only ever let a key run, never skip one it needs.
                    needs.append(frozenset(self.vocab.strings.add(v) for x in values for v in (x, x.lower())))
        return needs

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not len(doc):
            return []
        # One set for the three attributes: a value that is a lower form and a shape at once only
        # lets a key run that could have been skipped, never the reverse.
        present = set(doc.to_array([LOWER, ORTH, SHAPE]).ravel().tolist())
        met = [not alts.isdisjoint(present) for alts in self._alts]
        chosen = tuple(
            i for i, (_, _, _, needs) in enumerate(self._keys) if any(all(met[a] for a in need) for need in needs)
        )
        if not chosen:
            return []
        return self._matcher(chosen)(doc)

    def _matcher(self, chosen: tuple[int, ...]) -> Matcher:
        matcher = self._matchers.get(chosen)
        if matcher is None:
            if len(self._matchers) >= _CACHE_LIMIT:
                self._matchers.clear()
            matcher = self._matchers[chosen] = Matcher(self.vocab, validate=False)
            flagged = self._flagged_patterns()
            for i in chosen:
                key, _, greedy, _ = self._keys[i]
                matcher.add(key, flagged[i], greedy=greedy)
        return matcher

    def _flagged_patterns(self) -> list[list[Any]]:
        """Each key's patterns with their sets as flags: all keys at once, so the vocab's words are
        flagged in one pass (a pass per `add` was a fifth of building the cue matchers)."""
        if self._flagged is None:
            every = flag_patterns(self.vocab, [p for _, patterns, _, _ in self._keys for p in patterns])
            self._flagged = []
            for _, patterns, _, _ in self._keys:
                self._flagged.append(every[: len(patterns)])
                every = every[len(patterns) :]
        return self._flagged
