"""The phrase-rule component: every rule's patterns in one pass, with exceptions and allow-list vetoes."""

from __future__ import annotations

import bisect
from typing import Any, Iterable

import numpy
from spacy.attrs import IDX, LENGTH, LOWER, NORM
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from scriptlint.detect.normalize import normalize_word, set_norms
from scriptlint.detect.spans import SPANS_KEY, ExcludedIndex, doc_text, excluded_ranges
from scriptlint.errors import RuleError
from scriptlint.rules import TEAM_RULE, builtin_rules, compile_pattern


@Language.factory(
    "scriptlint_phrases",
    assigns=["doc.spans", "token.norm"],
    default_config={"spans_key": SPANS_KEY, "extra_phrases": [], "allow": []},
)
def make_phrases(nlp: Language, name: str, spans_key: str, extra_phrases: list[str], allow: list[str]) -> "PhraseRules":
    """Matches every rule's patterns; `extra_phrases` become rule SL990, `allow` vetoes matches."""
    return PhraseRules(nlp, spans_key=spans_key, extra_phrases=extra_phrases, allow=allow)


_COMMON = frozenset(
    "i you we it he she they me my your our be have do will would can could just any anything some that this "
    "the a an to of on in at for with and or if so not 's 're 'm n't get see let know".split()
)


def _anchor(spec: list[dict[str, Any]]) -> tuple[str, frozenset[str]] | None:
    """The least common required word of a compiled pattern: ("NORM"|"LOWER", values), or None."""
    best: tuple[int, str, frozenset[str]] | None = None
    for token in spec:
        if token.get("OP"):
            continue
        for attr in ("NORM", "LOWER"):
            if attr not in token:
                continue
            value = token[attr]
            values = frozenset(value["IN"]) if isinstance(value, dict) else frozenset([value])
            score = min(0 if v in _COMMON else len(v) for v in values)
            if best is None or score > best[0]:
                best = (score, attr, values)
    return (best[1], best[2]) if best else None


def _required_words(spec: list[dict[str, Any]]) -> list[frozenset[str]]:
    """For each required word token of a compiled pattern, the values (norms or forms) it accepts."""
    out = []
    for token in spec:
        if token.get("OP"):
            continue
        for attr in ("NORM", "LOWER"):
            if attr in token:
                value = token[attr]
                out.append(frozenset(value["IN"]) if isinstance(value, dict) else frozenset([value]))
    return out


SMALL_DOC = 3000
"""Tokens up to which a Doc is matched whole: the window prefilter pays off only on long texts."""


class PhraseRules:
    """Runs every rule's patterns, each only around its anchor word.

    spaCy's Matcher tries every pattern at every token; with 200+ patterns that dominated lint time.
    Each pattern has an anchor (its least common required word) and sits in a small Matcher keyed
    by that word; where the word occurs, only that Matcher runs, on a window around it.
    """

    def __init__(
        self, nlp: Language, *, spans_key: str = SPANS_KEY, extra_phrases: Iterable[str] = (), allow: Iterable[str] = ()
    ):
        self.spans_key = spans_key
        self.vocab = nlp.vocab
        self._by_anchor: dict[tuple[str, frozenset[str]], Matcher] = {}
        # Per Matcher: for each of its patterns, the words it cannot match without (see _matches).
        self._required: dict[int, list[list[frozenset[str]]]] = {}
        self._specs: dict[int, list[tuple[str, list[dict[str, Any]]]]] = {}  # per Matcher: its patterns, in order
        self._subsets: dict[tuple[tuple[int, frozenset[int]], ...], Matcher] = {}  # of some of those patterns
        self.by_norm: dict[str, list[Matcher]] = {}
        self.by_lower: dict[str, list[Matcher]] = {}
        # validate=False: spaCy's per-pattern schema check is a fifth of building these; the patterns come
        # from compile_pattern, and tests/detect/test_pattern_schema.py validates every built-in one.
        self.unanchored = Matcher(nlp.vocab, validate=False)  # patterns with no anchor word run on the whole doc
        # every rule's exceptions and the allow list (for other callers)
        self.vetoes = Matcher(nlp.vocab, validate=False)
        # The same vetoes, one Matcher per owner ("SL101", "ALLOW"): a window runs only its hits' own.
        self.vetoes_by_owner: dict[str, Matcher] = {}
        self._veto_required: dict[str, list[list[frozenset[int]]]] = {}  # per owner, as `_required_ids`
        self.radius = 0
        self.rules = {r.code: r for r in builtin_rules() if r.patterns}
        for rule in self.rules.values():
            self._add(rule.code, rule.patterns, rule.exceptions)
        extra = [p for p in extra_phrases if p.strip()]
        if extra:
            self.rules[TEAM_RULE.code] = TEAM_RULE
            self._add(TEAM_RULE.code, extra, ())
        for i, phrase in enumerate(p for p in allow if p.strip()):
            self._add_veto("ALLOW", f"ALLOW#{i}", self._spec(phrase))
        # Anchor words as hashes, so a Doc's words are read as one array, not token by token.
        self._norm_ids = {get_string_id(k): v for k, v in self.by_norm.items()}
        self._lower_ids = {get_string_id(k): v for k, v in self.by_lower.items()}
        self._required_ids = {
            key: [[frozenset(get_string_id(v) for v in alts) for alts in words] for words in patterns]
            for key, patterns in self._required.items()
        }
        # Per anchored Matcher: its anchor words as hashes (NORM values, LOWER values).
        self._anchor_ids: dict[int, tuple[numpy.ndarray, numpy.ndarray]] = {}
        for table, column in ((self._norm_ids, 0), (self._lower_ids, 1)):
            for value, matchers in table.items():
                for matcher in matchers:
                    ids = self._anchor_ids.setdefault(id(matcher), ([], []))
                    ids[column].append(value)
        self._anchor_ids = {k: (_ids(v[0]), _ids(v[1])) for k, v in self._anchor_ids.items()}

    def _add_veto(self, owner: str, key: str, spec: list[dict[str, Any]]) -> None:
        self.vetoes.add(key, [spec])
        self.vetoes_by_owner.setdefault(owner, Matcher(self.vocab, validate=False)).add(key, [spec])
        words = [frozenset(get_string_id(v) for v in alts) for alts in _required_words(spec)]
        self._veto_required.setdefault(owner, []).append(words)

    def _spec(self, pattern: str) -> list[dict[str, Any]]:
        spec = compile_pattern(pattern, normalize_word)
        # Up to 3 tokens per word (the word, a hyphen, a line break) on each side of the anchor.
        self.radius = max(self.radius, 3 * len(pattern.split()) + 2)
        return spec

    def _add(self, code: str, patterns: Iterable[str], exceptions: Iterable[str]) -> None:
        for i, pattern in enumerate(patterns):
            try:
                spec = self._spec(pattern)
            except ValueError as exc:
                raise RuleError(f"rule {code}: bad pattern {pattern!r}: {exc}") from None
            anchor = _anchor(spec)
            if anchor is None:
                matcher = self.unanchored
            else:
                # One Matcher per anchor set, reachable from each of its words.
                attr, values = anchor
                matcher = self._by_anchor.setdefault(anchor, Matcher(self.vocab, validate=False))
                self._required.setdefault(id(matcher), []).append(_required_words(spec))
                self._specs.setdefault(id(matcher), []).append((f"{code}#{i}", spec))
                table = self.by_norm if attr == "NORM" else self.by_lower
                for value in values:
                    if matcher not in table.setdefault(value, []):
                        table[value].append(matcher)
            matcher.add(f"{code}#{i}", [spec], greedy="LONGEST")
        for i, pattern in enumerate(exceptions):
            self._add_veto(code, f"{code}!{i}", self._spec(pattern))

    def _matches(self, doc: Doc) -> set[tuple[int, int, int]]:
        found: set[tuple[int, int, int]] = set(self.unanchored(doc)) if len(self.unanchored) else set()
        n = len(doc)
        if not n:
            return found
        if n <= SMALL_DOC:
            return found | self._small_matches(doc)
        words = doc.to_array([NORM, LOWER])
        norms, lowers = words[:, 0], words[:, 1]
        seen = set(numpy.unique(words).tolist())
        candidates = {id(m): m for h in seen & self._norm_ids.keys() for m in self._norm_ids[h]}
        candidates.update((id(m), m) for h in seen & self._lower_ids.keys() for m in self._lower_ids[h])
        counts = _WordCounts(norms, lowers)
        # Matchers whose windows come out the same run as one (each pattern keeps its own key, and a
        # key's matches and greedy filtering depend only on its patterns and the tokens it is run on):
        # on a text flagged line after line every anchor's window is the whole Doc, walked once, not once per anchor.
        runs: dict[tuple[tuple[int, int], ...], list[tuple[int, frozenset[int]]]] = {}
        for key in candidates:
            anchor_norms, anchor_lowers = self._anchor_ids[key]
            at = numpy.flatnonzero(numpy.isin(norms, anchor_norms) | numpy.isin(lowers, anchor_lowers))
            windows, passing = self._passing_windows(at, self._required_ids[key], counts, n)
            if windows:  # patterns whose words are nowhere near cannot match: left out
                runs.setdefault(tuple(windows), []).append((key, passing))
        for windows, group in runs.items():
            key, passing = group[0]
            whole = len(group) == 1 and len(passing) == len(self._specs[key])
            matcher = candidates[key] if whole else self._subset(tuple(group))
            for start, end in windows:
                # The Doc itself when a window covers it: iterating a Span makes each Token twice over.
                found.update(
                    (m, start + s, start + e) for m, s, e in matcher(doc if end - start == n else doc[start:end])
                )
        return found

    def _small_matches(self, doc: Doc) -> set[tuple[int, int, int]]:
        """An email's matches: windows around each anchor word, merged per Matcher, each run only when
        it holds every required word of some pattern (Python sets beat array set-up on a short Doc).
        Words are read as hashes from one array: `token.norm_` per token built a Token and looked up
        its string, a fifth of this component's time on an email."""
        found: set[tuple[int, int, int]] = set()
        r, n = self.radius, len(doc)
        words = doc.to_array([NORM, LOWER])
        norms, lowers = words[:, 0].tolist(), words[:, 1].tolist()
        by_norm, by_lower = self._norm_ids, self._lower_ids
        windows: dict[int, list[list[int]]] = {}
        matchers: dict[int, Matcher] = {}
        none: list[Matcher] = []
        for i, (norm, lower) in enumerate(zip(norms, lowers)):
            if norm not in by_norm and lower not in by_lower:
                continue
            for matcher in by_norm.get(norm, none) + by_lower.get(lower, none):
                key = id(matcher)
                matchers[key] = matcher
                start, end = max(0, i - r), min(n, i + r + 1)
                spans = windows.setdefault(key, [])
                if spans and start <= spans[-1][1]:
                    spans[-1][1] = end
                else:
                    spans.append([start, end])
        for key, spans in windows.items():
            matcher, required = matchers[key], self._required_ids[key]
            for start, end in spans:
                present = set(norms[start:end]).union(lowers[start:end])
                if any(all(not alts.isdisjoint(present) for alts in needed) for needed in required):
                    found.update((m, start + s, start + e) for m, s, e in matcher(doc[start:end]))
        return found

    def _subset(self, group: tuple[tuple[int, frozenset[int]], ...]) -> Matcher:
        """A Matcher of some patterns (by index) of one or more anchor Matchers (each pattern keeps its
        own key, so greedy filtering, which is per key, gives what each whole Matcher gives for them)."""
        matcher = self._subsets.get(group)
        if matcher is None:
            if len(self._subsets) > 512:
                self._subsets.clear()
            matcher = self._subsets[group] = Matcher(self.vocab)
            for key, passing in group:
                for i in sorted(passing):
                    name, spec = self._specs[key][i]
                    matcher.add(name, [spec], greedy="LONGEST")
        return matcher

    def _passing_windows(
        self, at: numpy.ndarray, required: list[list[frozenset[int]]], counts: _WordCounts, n: int
    ) -> tuple[list[tuple[int, int]], frozenset[int]]:
        """Windows `radius` around the anchors `at`, keeping only those that hold every required word
        of some pattern (an anchor word alone, "update" or "busy", is common and matches nothing),
        merged where they overlap so clustered anchors are matched once; and which patterns (by
        index) have their words in at least one window."""
        lo, hi = numpy.maximum(at - self.radius, 0), numpy.minimum(at + self.radius + 1, n)
        ok = numpy.zeros(len(at), dtype=bool)
        passing = []
        for index, words in enumerate(required):
            ok_pattern = numpy.ones(len(at), dtype=bool)
            for alts in words:
                ok_pattern &= counts.within(alts, lo, hi) > 0
            if ok_pattern.any():
                passing.append(index)
            ok |= ok_pattern
        windows: list[tuple[int, int]] = []
        for start, end in zip(lo[ok].tolist(), hi[ok].tolist()):
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        return windows, frozenset(passing)

    def _vetoes(self, doc: Doc, matches: Iterable[tuple[int, int, int]]) -> dict[str, list[tuple[int, int]]]:
        """Veto spans by owner (a rule code, or ALLOW). Each window runs the allow list and the
        exceptions of the rules hit inside it, not every rule's exceptions."""
        vetoes: dict[str, list[tuple[int, int]]] = {}
        if not self.vetoes_by_owner:
            return vetoes
        strings, seen = doc.vocab.strings, set()
        codes = {m: strings[m].split("#")[0] for m in {m for m, _, _ in matches}}
        words = doc.to_array([NORM, LOWER]) if len(doc) else numpy.zeros((0, 2), dtype="uint64")
        counts = _WordCounts(words[:, 0], words[:, 1])
        for w_start, w_end, ids in self._windows(matches, len(doc)):
            owners = sorted({codes[m] for m in ids} | {"ALLOW"})
            lo, hi = numpy.array([w_start]), numpy.array([w_end])
            for owner in owners:
                matcher = self.vetoes_by_owner.get(owner)
                # As for the phrases: skip unless the window holds every required word of some veto
                # (worth its cost only on a long text; an email's windows are run as they are).
                required = self._veto_required.get(owner, [])
                if matcher is None or (
                    len(doc) > SMALL_DOC and not any(all(counts.within(a, lo, hi)[0] for a in w) for w in required)
                ):
                    continue
                for match_id, s, e in matcher(doc[w_start:w_end]):
                    key = strings[match_id]
                    who = "ALLOW" if key.startswith("ALLOW#") else key.split("!")[0]
                    if (who, w_start + s, w_start + e) not in seen:
                        seen.add((who, w_start + s, w_start + e))
                        vetoes.setdefault(who, []).append((w_start + s, w_start + e))
        return vetoes

    def _windows(self, matches: Iterable[tuple[int, int, int]], n: int) -> list[tuple[int, int, set[int]]]:
        """Token windows `radius` around each hit, overlapping ones merged, with the match ids inside:
        the veto matchers run once per window, not once per hit (a line-after-line flagged text was a
        matcher call per phrase hit)."""
        r, windows = self.radius, []
        for match_id, start, end in sorted(matches, key=lambda m: m[1]):
            w_start, w_end = max(0, start - r), min(n, end + r)
            if windows and w_start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], w_end), windows[-1][2])
                windows[-1][2].add(match_id)
            else:
                windows.append((w_start, w_end, {match_id}))
        return windows

    def __call__(self, doc: Doc) -> Doc:
        set_norms(doc)  # a no-op after scriptlint_lemmatizer; lets the phrases work in any pipeline
        matches = self._matches(doc)
        hits = self._kept(doc, matches, self._vetoes(doc, matches))
        # Deterministic tie-breaks: on equal spans, the lower rule code wins. Spans are made only for
        # the hits that survive, with hashed labels (a Span per raw hit, made from strings, and its
        # label read back for sorting was most of this component's own time on a flagged-line text).
        hits.sort()
        strings = doc.vocab.strings
        doc.spans[self.spans_key] = [
            Span(doc, start, end, label=strings.add(code), span_id=match_id)
            for start, end, code, _, match_id in sorted(_longest_first(hits), key=lambda h: (h[0], h[1]))
        ]
        return doc

    def _kept(
        self, doc: Doc, matches: set[tuple[int, int, int]], vetoes: dict[str, list[tuple[int, int]]]
    ) -> list[tuple[int, int, str, str, int]]:
        """(start, end, code, key, match id) of every hit no veto, excluded range or quotation drops."""
        strings = doc.vocab.strings
        text = doc_text(doc)  # once per Doc: it joins every token
        kept = []
        excluded = ExcludedIndex(excluded_ranges(doc))
        vetoed = {owner: _Cover(found) for owner, found in vetoes.items()}
        no_veto = _Cover([])
        allowed = vetoed.get("ALLOW", no_veto)
        quoted = any(q in text for q in _OPEN_QUOTES)  # no quotation mark, no mention to look for
        keys: dict[int, tuple[str, str]] = {}
        # Span.start_char and Span.end_char of every token span, read off two flat arrays
        chars = doc.to_array([IDX, LENGTH]).astype("int64") if matches else numpy.zeros((0, 2), dtype="int64")
        token_starts, token_ends = chars[:, 0].tolist(), (chars[:, 0] + chars[:, 1]).tolist()
        for match_id, start, end in matches:
            if match_id not in keys:
                key = strings[match_id]
                keys[match_id] = (key, key.split("#")[0])
            key, code = keys[match_id]
            if vetoed.get(code, no_veto).covers(start, end) or allowed.covers(start, end):
                continue
            start_char, end_char = token_starts[start], token_ends[end - 1]
            if excluded.overlaps(start_char, end_char) or (quoted and is_mention(text, start_char, end_char)):
                continue
            kept.append((start, end, code, key, match_id))
        return kept

    def pattern_for(self, span_id: str) -> str:
        """The pattern text behind a span id like `SL101#2` (for explanations)."""
        code, _, index = span_id.partition("#")
        rule = self.rules.get(code)
        if rule is None:
            return ""
        patterns = rule.patterns
        return patterns[int(index)] if index.isdigit() and int(index) < len(patterns) else ""


def _ids(values: list[int]) -> numpy.ndarray:
    return numpy.array(sorted(values), dtype="uint64")


class _WordCounts:
    """How many tokens in a window have a norm or form among given words: prefix sums per word set,
    made on first use, so each anchor's window is checked in constant time."""

    def __init__(self, norms: numpy.ndarray, lowers: numpy.ndarray):
        self.norms, self.lowers = norms, lowers
        self._sums: dict[frozenset[int], numpy.ndarray] = {}

    def within(self, words: frozenset[int], lo: numpy.ndarray, hi: numpy.ndarray) -> numpy.ndarray:
        sums = self._sums.get(words)
        if sums is None:
            ids = _ids(list(words))
            hit = numpy.isin(self.norms, ids) | numpy.isin(self.lowers, ids)
            sums = self._sums[words] = numpy.concatenate(([0], numpy.cumsum(hit)))
        return sums[hi] - sums[lo]


def _longest_first(hits: list[tuple[int, int, str, str, int]]) -> list[tuple[int, int, str, str, int]]:
    """spacy.util.filter_spans on (start, end, ...) tuples: the longest (then first) of overlapping
    hits wins; the same order of tries, so the same survivors as on Spans."""
    result, seen = [], set()
    for hit in sorted(hits, key=lambda h: (h[1] - h[0], -h[0]), reverse=True):
        start, end = hit[0], hit[1]
        if start not in seen and end - 1 not in seen:
            result.append(hit)
            seen.update(range(start, end))
    return sorted(result, key=lambda h: h[0])


class _Cover:
    """Does some (start, end) of a list contain a given span? A binary search (a scan of every veto
    per hit was quadratic on a text where each line is a vetoed hit)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach = []  # the furthest end among the spans starting at or before each one
        for _, e in spans:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end


_OPEN_QUOTES = "\"“‘'«"
_CLOSE_QUOTES = "\"”’'»"
MENTION_MAX_CHARS = 60


def is_mention(text: str, start: int, end: int) -> bool:
    """A phrase in quotation marks inside a longer sentence is mentioned, not used: 'this isn't
    another "just checking in" email'. The quoted stretch must be short and the hit must fill most of it."""
    left = max(text.rfind(q, max(0, start - MENTION_MAX_CHARS), start + 1) for q in _OPEN_QUOTES)
    if left < 0 or text[left + 1 : start].strip(" ") and len(text[left + 1 : start]) > 12:
        return False
    if "\n" in text[left:start]:
        return False
    window = text[end : end + MENTION_MAX_CHARS]
    rights = [i for i in (window.find(q) for q in _CLOSE_QUOTES) if i >= 0]
    if not rights or min(rights) > 12 or "\n" in window[: min(rights)]:
        return False
    right = end + min(rights)
    if text[left] == "'" and left > 0 and text[left - 1].isalpha():
        return False  # an apostrophe inside a word ("isn't"), not an opening quote
    line_start, line_end = text.rfind("\n", 0, left) + 1, text.find("\n", right)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    outside = len(line.strip()) - (right + 1 - left)
    return outside >= 8
