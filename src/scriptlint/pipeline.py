"""spaCy components and the one place a Language is built.

Components are registered factories (and `spacy_factories` entry points), so
`nlp.add_pipe("scriptlint_phrases")` works in anyone's blank English pipeline.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

import spacy
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
def _lookups() -> Any:
    """English lookup lemmas from spacy-lookups-data (installed data files, read offline)."""
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"])


def _lemma_table() -> Any:
    return _lookups().get_table("lemma_lookup")


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


def set_norms(doc: Doc) -> None:
    """Write the spelling-tolerant lemma to `token.norm_`, which phrase patterns match on."""
    for token in doc:
        if not token.is_space:
            token.norm_ = normalize_word(token.text)


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
        starts = sentence_starts(text, excluded_ranges(doc))
        # A start offset may point at whitespace: move it to the next non-space character.
        first_chars = set()
        for s in starts:
            while s < len(text) and text[s].isspace():
                s += 1
            first_chars.add(s)
        seen_first = False
        for token in doc:
            if token.is_space:
                token.is_sent_start = False if seen_first else token.i == 0
                continue
            token.is_sent_start = (not seen_first) or token.idx in first_chars
            seen_first = True
        doc[0].is_sent_start = True
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


class PhraseRules:
    def __init__(self, nlp: Language, *, spans_key: str = SPANS_KEY, extra_phrases: Iterable[str] = (), allow: Iterable[str] = ()):
        self.spans_key = spans_key
        self.matcher = Matcher(nlp.vocab)
        self.vetoes = Matcher(nlp.vocab)
        self.rules = {r.code: r for r in rules_mod.builtin_rules() if r.patterns}
        for rule in self.rules.values():
            self._add(rule.code, rule.patterns, rule.exceptions)
        extra = [p for p in extra_phrases if p.strip()]
        if extra:
            self.rules[TEAM_RULE.code] = TEAM_RULE
            self._add(TEAM_RULE.code, extra, ())
        for i, phrase in enumerate(p for p in allow if p.strip()):
            self.vetoes.add(f"ALLOW#{i}", [rules_mod.compile_pattern(phrase, normalize_word)])

    def _add(self, code: str, patterns: Iterable[str], exceptions: Iterable[str]) -> None:
        for i, pattern in enumerate(patterns):
            self.matcher.add(f"{code}#{i}", [rules_mod.compile_pattern(pattern, normalize_word)], greedy="LONGEST")
        for i, pattern in enumerate(exceptions):
            self.vetoes.add(f"{code}!{i}", [rules_mod.compile_pattern(pattern, normalize_word)])

    def __call__(self, doc: Doc) -> Doc:
        set_norms(doc)  # here, not in a separate component, so the phrases work in any pipeline
        strings = doc.vocab.strings
        vetoes: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in self.vetoes(doc) if len(self.vetoes) else ():
            key = strings[match_id]
            owner = "ALLOW" if key.startswith("ALLOW#") else key.split("!")[0]
            vetoes.setdefault(owner, []).append((start, end))
        spans = []
        for match_id, start, end in self.matcher(doc):
            key = strings[match_id]
            code = key.split("#")[0]
            inside = vetoes.get(code, []) + vetoes.get("ALLOW", [])
            if any(vs <= start and end <= ve for vs, ve in inside):
                continue
            span = Span(doc, start, end, label=code, span_id=key)
            if overlaps_excluded(doc, span.start_char, span.end_char):
                continue
            spans.append(span)
        doc.spans[self.spans_key] = sorted(filter_spans(spans), key=lambda s: s.start)
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


def build(
    extra_phrases: Iterable[str] = (), allow: Iterable[str] = (), *, classifier: bool = True, model_dir: str | None = None
) -> Language:
    """The one place a scriptlint Language is made (blank English: no downloaded model)."""
    nlp = spacy.blank("en")
    nlp.max_length = 2_000_000
    nlp.add_pipe("scriptlint_sentences")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("scriptlint_phrases", config={"extra_phrases": list(extra_phrases), "allow": list(allow)})
    if classifier:
        nlp.add_pipe("scriptlint_purpose", config={"model_dir": model_dir})
    # The lookup lemmatizer reads its table from spacy-lookups-data: local files, no network.
    nlp.get_pipe("lemmatizer").initialize(lookups=_lookups())
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
