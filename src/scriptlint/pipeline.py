"""spaCy components and the one place a Language is built.

Components are registered factories (and `spacy_factories` entry points), so
`nlp.add_pipe("scriptlint_phrases")` works in anyone's blank English pipeline.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import rules as rules_mod

SPANS_KEY = "scriptlint"
SUPPRESSED_KEY = "scriptlint_suppressed"

if not Doc.has_extension("sl_excluded"):
    # (start, end, kind) character ranges no stage analyses: quotes, signatures, directives.
    Doc.set_extension("sl_excluded", default=None)
if not Doc.has_extension("sl_sentences"):
    # Per analysed sentence: {"start", "end", "probs": {label: p}, "label"} written by scriptlint_purpose.
    Doc.set_extension("sl_sentences", default=None)
if not Span.has_extension("sl_reason"):
    # Why the hybrid decision suppressed (or created) a span.
    Span.set_extension("sl_reason", default=None)
if not Span.has_extension("sl_confidence"):
    Span.set_extension("sl_confidence", default=None)


def excluded_ranges(doc: Doc) -> list[tuple[int, int, str]]:
    return doc._.sl_excluded or []


def overlaps_excluded(doc: Doc, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e, _ in excluded_ranges(doc))


# --- normalisation ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _lemma_table() -> dict[str, str]:
    """English lookup lemmas from spacy-lookups-data, read as a plain dict (installed file, offline).

    spaCy's own Lookups would hash all 41k keys into a Table first, a tenth of a second we would
    pay on every cold `scriptlint lint`.
    """
    import gzip
    import json

    import spacy_lookups_data

    source = spacy_lookups_data.en["lemma_lookup"]  # may be stored gzipped, as spaCy's loader allows
    gz = source.parent / (source.name + ".gz")
    raw = (source if source.is_file() else gz).read_bytes()
    return json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)


_MISSPELLINGS = {
    "checkin": "checking",
    "chekin": "checking",
    "cheking": "checking",
    "touchin": "touching",
    "folowing": "following",
    "followin": "following",
    "circlin": "circling",
    "bumpin": "bumping",
    "reachin": "reaching",
    "pingin": "pinging",
    "touchbase": "touch",
    "followup": "follow",
    "checkup": "check",
    "im": "i",
    "u": "you",
    "ur": "your",
    "pls": "please",
    "plz": "please",
}


@lru_cache(maxsize=65536)
def normalize_word(word: str) -> str:
    """Lowercase, fold curly apostrophes and dropped-g spellings, then lemmatise."""
    w = word.lower().replace("’", "'")
    table = _lemma_table()
    w = _MISSPELLINGS.get(w, w)
    if w.endswith("in") and len(w) > 4 and w + "g" in table:
        w += "g"
    return table.get(w, w)


_JOINER_TEXTS = frozenset(["-", "–", "—", "'", "’"])


def set_norms(doc: Doc) -> None:
    """Write lemmas and the spelling-tolerant lemma (`token.norm_`, which phrase patterns match on)."""
    if doc.user_data.get(_NORMS_SET):
        return
    joiner = rules_mod.JOINER_NORM
    table = _lemma_table()
    for token in doc:
        text = token.text
        if token.is_space:
            if text.count("\n") <= 1:
                token.norm_ = joiner
            continue
        token.lemma_ = table.get(text, text)
        token.norm_ = joiner if text in _JOINER_TEXTS else normalize_word(text)
    doc.user_data[_NORMS_SET] = True


_NORMS_SET = "scriptlint.norms"


@Language.factory("scriptlint_lemmatizer", assigns=["token.lemma", "token.norm"], default_config={})
def make_lemmatizer(nlp: Language, name: str) -> "Lemmatizer":
    """Lookup lemmas from spacy-lookups-data, plus the spelling-tolerant norm the phrase rules use."""
    return Lemmatizer()


class Lemmatizer:
    def __call__(self, doc: Doc) -> Doc:
        set_norms(doc)
        return doc


# --- sentence splitting -----------------------------------------------------------------------------

_GREETING = re.compile(
    r"^\s*(hi|hey|hello|dear|good (morning|afternoon|evening)|greetings|howdy|hiya|yo)\b[^.!?]{0,60}[,!:]?\s*$", re.I
)
_SIGNOFF = re.compile(
    r"^\s*(best|best regards|kind regards|warm regards|regards|cheers|thanks|thank you|thanks again|many thanks|"
    r"sincerely|yours( truly| sincerely)?|talk soon|all the best|warmly|br|rgds|thx|ta)\b[^.!?]{0,30}[,!.]?\s*$",
    re.I,
)
_BULLET = re.compile(r"^\s*([-*•·–]|\d{1,2}[.)]|[a-z][.)])\s+")
_TERMINAL = re.compile(r"[.!?:;…)\]]['\"’”)]*\s*$")
_SENT_END = re.compile(r"(?<=[.!?…])['\"’”)]*(?=\s+\S)")
_ABBREV = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|prof|sr|jr|st|vs|etc|inc|ltd|co|corp|no|approx|dept|est|fig|jan|feb|mar|apr|jun|jul|aug|"
    r"sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)|\b(?:e\.g|i\.e|a\.m|p\.m|u\.s|u\.k|cf)|\b[A-Z])\.$",
    re.I,
)
HARD_WRAP_MIN = 50


def sentence_starts(text: str, excluded: Iterable[tuple[int, int, str]] = ()) -> list[int]:
    """Character offsets where sentences start, email-aware.

    Greetings, sign-offs, bullets, blank lines and lines that end a thought end sentences; a
    hard-wrapped line (long, no closing punctuation) continues into the next one.
    """
    starts: set[int] = {0}
    for s, e, _ in excluded:
        starts.add(s)
        starts.add(e)
    pos = 0
    lines = text.splitlines(keepends=True)
    for i, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        line_start = pos
        pos += len(raw)
        # Sentence ends inside the line.
        for m in _SENT_END.finditer(line):
            before = line[: m.start()]
            if _ABBREV.search(before) and not line[m.start() - 1] in "!?":
                continue
            starts.add(line_start + m.end())
        if i + 1 >= len(lines):
            continue
        nxt = lines[i + 1].rstrip("\r\n")
        stripped = line.strip()
        continues = (
            stripped
            and nxt.strip()
            and not _TERMINAL.search(line)
            and not _GREETING.match(line)
            and not _SIGNOFF.match(line)
            and not _BULLET.match(nxt)
            and (len(stripped) >= HARD_WRAP_MIN or nxt.lstrip()[:1].islower())
        )
        if not continues:
            starts.add(pos)
    return sorted(starts)


@Language.factory("scriptlint_sentences", assigns=["token.is_sent_start"], default_config={})
def make_sentences(nlp: Language, name: str) -> "EmailSentencizer":
    """An email-aware sentence splitter ("Hi Dana," is its own sentence; wrapped lines are not)."""
    return EmailSentencizer()


class EmailSentencizer:
    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        text = doc.text
        # A start offset may point at whitespace: move it to the next non-space character.
        first_chars = set()
        for s in sentence_starts(text, excluded_ranges(doc)):
            while s < len(text) and text[s].isspace():
                s += 1
            first_chars.add(s)
        # One array write: setting token.is_sent_start one by one is quadratic in spaCy.
        values = numpy.full((len(doc), 1), -1, dtype="int64")
        seen_first = False
        for token in doc:
            if token.is_space:
                continue
            if not seen_first or token.idx in first_chars:
                values[token.i, 0] = 1
            seen_first = True
        values[0, 0] = 1
        doc.from_array([SENT_START], values.astype("uint64"))
        return doc


# --- phrase rules -----------------------------------------------------------------------------------


@Language.factory(
    "scriptlint_phrases",
    assigns=["doc.spans", "token.norm"],
    default_config={"spans_key": SPANS_KEY, "extra_phrases": [], "allow": []},
)
def make_phrases(nlp: Language, name: str, spans_key: str, extra_phrases: list[str], allow: list[str]) -> "PhraseRules":
    """Matches every rule's patterns; `extra_phrases` become rule SL990, `allow` vetoes matches."""
    return PhraseRules(nlp, spans_key=spans_key, extra_phrases=extra_phrases, allow=allow)


TEAM_RULE = rules_mod.Rule(
    code="SL990",
    name="team-phrase",
    category="purposeless",
    severity="warning",
    message="Your team's style guide lists this phrase as contact without purpose.",
    why=(
        "Your team added this phrase in its scriptlint configuration (`extra_phrases`): it has seen it "
        "cost replies. Like checking in, it asks for the reader's attention without giving a reason."
    ),
    example="(a phrase from your team's configuration)",
    better="Lead with the reason for the contact and one thing of value to the reader.",
    tactics=("state-purpose", "share-insight"),
    origin="config",
)


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


class PhraseRules:
    """Runs every rule's patterns, each only around its anchor word.

    spaCy's Matcher tries every pattern at every token; with 200+ patterns that dominated lint time.
    Each pattern has an anchor (its least common required word) and sits in a small Matcher keyed
    by that word; where the word occurs, only that Matcher runs, on a window around it.
    """

    def __init__(self, nlp: Language, *, spans_key: str = SPANS_KEY, extra_phrases: Iterable[str] = (), allow: Iterable[str] = ()):
        self.spans_key = spans_key
        self.vocab = nlp.vocab
        self._by_anchor: dict[tuple[str, frozenset[str]], Matcher] = {}
        # Per Matcher: for each of its patterns, the words it cannot match without (see _matches).
        self._required: dict[int, list[list[frozenset[str]]]] = {}
        self.by_norm: dict[str, list[Matcher]] = {}
        self.by_lower: dict[str, list[Matcher]] = {}
        self.unanchored = Matcher(nlp.vocab)  # patterns with no anchor word run on the whole doc
        self.vetoes = Matcher(nlp.vocab)
        self.radius = 0
        self.rules = {r.code: r for r in rules_mod.builtin_rules() if r.patterns}
        for rule in self.rules.values():
            self._add(rule.code, rule.patterns, rule.exceptions)
        extra = [p for p in extra_phrases if p.strip()]
        if extra:
            self.rules[TEAM_RULE.code] = TEAM_RULE
            self._add(TEAM_RULE.code, extra, ())
        for i, phrase in enumerate(p for p in allow if p.strip()):
            self.vetoes.add(f"ALLOW#{i}", [self._spec(phrase)])

    def _spec(self, pattern: str) -> list[dict[str, Any]]:
        spec = rules_mod.compile_pattern(pattern, normalize_word)
        # Up to 3 tokens per word (the word, a hyphen, a line break) on each side of the anchor.
        self.radius = max(self.radius, 3 * len(pattern.split()) + 2)
        return spec

    def _add(self, code: str, patterns: Iterable[str], exceptions: Iterable[str]) -> None:
        for i, pattern in enumerate(patterns):
            try:
                spec = self._spec(pattern)
            except ValueError as exc:
                raise rules_mod.RuleError(f"rule {code}: bad pattern {pattern!r}: {exc}") from None
            anchor = _anchor(spec)
            if anchor is None:
                matcher = self.unanchored
            else:
                # One Matcher per anchor set, reachable from each of its words.
                attr, values = anchor
                matcher = self._by_anchor.setdefault(anchor, Matcher(self.vocab))
                self._required.setdefault(id(matcher), []).append(_required_words(spec))
                table = self.by_norm if attr == "NORM" else self.by_lower
                for value in values:
                    if matcher not in table.setdefault(value, []):
                        table[value].append(matcher)
            matcher.add(f"{code}#{i}", [spec], greedy="LONGEST")
        for i, pattern in enumerate(exceptions):
            self.vetoes.add(f"{code}!{i}", [self._spec(pattern)])

    def _matches(self, doc: Doc) -> set[tuple[int, int, int]]:
        found: set[tuple[int, int, int]] = set(self.unanchored(doc)) if len(self.unanchored) else set()
        r, n = self.radius, len(doc)
        norms = [t.norm_ for t in doc]
        lowers = [t.lower_ for t in doc]
        # Windows around each anchor, merged per Matcher so clustered anchors are matched once.
        windows: dict[int, list[list[int]]] = {}
        matchers: dict[int, Matcher] = {}
        none: list[Matcher] = []
        for i in range(n):
            for matcher in self.by_norm.get(norms[i], none) + self.by_lower.get(lowers[i], none):
                key = id(matcher)
                matchers[key] = matcher
                start, end = max(0, i - r), min(n, i + r + 1)
                spans = windows.setdefault(key, [])
                if spans and start <= spans[-1][1]:
                    spans[-1][1] = end
                else:
                    spans.append([start, end])
        for key, spans in windows.items():
            matcher, required = matchers[key], self._required[key]
            for start, end in spans:
                # Skip the Matcher unless every required word of some pattern is in the window:
                # an anchor word alone ("update", "busy") is common and matches nothing.
                present = set(norms[start:end]).union(lowers[start:end])
                if not any(all(not alts.isdisjoint(present) for alts in words) for words in required):
                    continue
                found.update((m, start + s, start + e) for m, s, e in matcher(doc[start:end]))
        return found

    def _vetoes(self, doc: Doc, matches: Iterable[tuple[int, int, int]]) -> dict[str, list[tuple[int, int]]]:
        vetoes: dict[str, list[tuple[int, int]]] = {}
        if not len(self.vetoes):
            return vetoes
        strings, r, seen = doc.vocab.strings, self.radius, set()
        for _, start, end in sorted(matches, key=lambda m: m[1]):
            w_start, w_end = max(0, start - r), min(len(doc), end + r)
            for match_id, s, e in self.vetoes(doc[w_start:w_end]):
                key = strings[match_id]
                owner = "ALLOW" if key.startswith("ALLOW#") else key.split("!")[0]
                if (owner, w_start + s, w_start + e) not in seen:
                    seen.add((owner, w_start + s, w_start + e))
                    vetoes.setdefault(owner, []).append((w_start + s, w_start + e))
        return vetoes

    def __call__(self, doc: Doc) -> Doc:
        set_norms(doc)  # a no-op after scriptlint_lemmatizer; lets the phrases work in any pipeline
        strings = doc.vocab.strings
        matches = self._matches(doc)
        vetoes = self._vetoes(doc, matches)
        spans = []
        for match_id, start, end in matches:
            key = strings[match_id]
            code = key.split("#")[0]
            inside = vetoes.get(code, []) + vetoes.get("ALLOW", [])
            if any(vs <= start and end <= ve for vs, ve in inside):
                continue
            span = Span(doc, start, end, label=code, span_id=key)
            if overlaps_excluded(doc, span.start_char, span.end_char):
                continue
            spans.append(span)
        # Deterministic tie-breaks: on equal spans, the lower rule code wins.
        spans.sort(key=lambda s: (s.start, s.end, s.label_, s.id_))
        doc.spans[self.spans_key] = sorted(filter_spans(spans), key=lambda s: (s.start, s.end))
        return doc

    def pattern_for(self, span_id: str) -> str:
        """The pattern text behind a span id like `SL101#2` (for explanations)."""
        code, _, index = span_id.partition("#")
        rule = self.rules.get(code)
        if rule is None:
            return ""
        patterns = rule.patterns
        return patterns[int(index)] if index.isdigit() and int(index) < len(patterns) else ""


# --- building the pipeline --------------------------------------------------------------------------


_TOKENIZER_HOST: Language | None = None


def tokenizer_host() -> Language:
    """A Language whose tokenizer and vocab other stages (slot filling) borrow.

    `spacy.blank` costs ~0.1 s, most of it loading tokenizer exceptions, so a second one would be
    a tenth of a cold start. Borrowing only `make_doc` and the vocab leaves the host's pipes alone.
    """
    global _TOKENIZER_HOST
    if _TOKENIZER_HOST is None:
        _TOKENIZER_HOST = spacy.blank("en")
    return _TOKENIZER_HOST


def build(
    extra_phrases: Iterable[str] = (), allow: Iterable[str] = (), *, classifier: bool = True, model_dir: str | None = None
) -> Language:
    """The one place a scriptlint Language is made (blank English: no downloaded model)."""
    global _TOKENIZER_HOST
    nlp = spacy.blank("en")
    if _TOKENIZER_HOST is None:
        _TOKENIZER_HOST = nlp
    nlp.max_length = 2_000_000
    nlp.add_pipe("scriptlint_sentences")
    nlp.add_pipe("scriptlint_lemmatizer")
    nlp.add_pipe("scriptlint_phrases", config={"extra_phrases": list(extra_phrases), "allow": list(allow)})
    if classifier:
        nlp.add_pipe("scriptlint_purpose", config={"model_dir": model_dir})
    return nlp


@Language.factory(
    "scriptlint_purpose",
    assigns=["doc._.sl_sentences", "doc.spans"],
    requires=["doc.spans"],
    default_config={"spans_key": SPANS_KEY, "model_dir": None},
)
def make_purpose(nlp: Language, name: str, spans_key: str, model_dir: str | None) -> Any:
    """Scores each analysed sentence with the purpose classifier and makes the hybrid decision."""
    from .decide import PurposeComponent

    return PurposeComponent(spans_key=spans_key, model_dir=model_dir)
