"""Reading a message: its situation, the message-check cues, and the slots a rewrite template reuses.

Detection uses the cues (message checks SL951-SL953); the suggestion stage uses the situation and slots.

Everything here runs on a blank English tokenizer (no downloaded model) with spaCy Matchers built
once from `cues.toml`, because it runs for every linted message, batch audits included. Only the
author's own text is read: quoted replies and signatures are blanked out first (same length, so
offsets still point into the message).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import tomllib
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from scriptlint.detect.pipeline import tokenizer_host
from scriptlint.text.lines import Range
from scriptlint.text.sentences import sentence_starts

READ_LIMIT = 100_000
"""Only the first this-many characters are read: an email is far shorter, and a bigger file is a
dump of many messages, for which message-level checks make no sense (they are skipped)."""

SITUATION_WEIGHTS = {"strong": 1.0, "weak": 0.4, "patterns": 1.0}
"""How much one distinct cue adds to a situation's strength (capped at 1.0)."""


@lru_cache(maxsize=1)
def cue_data() -> dict[str, Any]:
    return tomllib.loads((resources.files("scriptlint.detect") / "cues.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def nlp() -> Language:
    """Matchers need a vocab and tokens, not a model: borrow the tokenizer the linter already built."""
    return tokenizer_host()


def _fold(text: str) -> str:
    """Curly apostrophes to straight ones (same length: offsets stay valid)."""
    return text.replace("’", "'").replace("‘", "'")


def blank_out(text: str, excluded: Iterable[Range]) -> str:
    """The text with quoted/signature ranges replaced by spaces (newlines kept), offsets unchanged."""
    if not excluded:
        return text
    chars = list(text)
    for start, end, _ in excluded:
        for i in range(max(start, 0), min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


# --- matchers, built once ------------------------------------------------------------------------


class Matchers:
    """Every Matcher/PhraseMatcher the rewrite stage uses, compiled from cues.toml."""

    def __init__(self, data: dict[str, Any]):
        vocab = nlp().vocab
        tok = nlp().tokenizer
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        self.patterns = Matcher(vocab)
        self.cue_weight: dict[str, float] = {}
        self.situations = list(data["situations"])
        for name, spec in data["situations"].items():
            for kind in ("strong", "weak"):
                phrases = sorted({p.lower() for p in spec.get(kind, [])})
                key = f"sit|{name}|{kind}"
                self.phrases.add(key, list(tok.pipe(phrases)))
                self.cue_weight[key] = SITUATION_WEIGHTS[kind]
            if spec.get("patterns"):
                key = f"sit|{name}|patterns"
                self.patterns.add(key, spec["patterns"])
                self.cue_weight[key] = SITUATION_WEIGHTS["patterns"]
        msg = data["message"]
        for key in ("purpose", "empty", "value", "next_step", "backward"):
            self.phrases.add(f"msg|{key}", list(tok.pipe(sorted({p.lower() for p in msg[key]}))))
        self.patterns.add("msg|value", msg["value_patterns"])
        v = data["vocabulary"]
        self.vocab = {k: set(x.lower() for x in vals) for k, vals in v.items()}
        self._add_slot_patterns(v)

    def _add_slot_patterns(self, v: dict[str, list[str]]) -> None:
        add = self.patterns.add
        # Enumerated sets and token shapes instead of REGEX predicates: a set lookup per token is
        # several times cheaper, and this runs on every message of a batch audit.
        ordinals = [
            f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}" for n in range(1, 32)
        ]
        days = [str(n) for n in range(1, 32)] + [f"0{n}" for n in range(1, 10)]
        ordinal = {"LOWER": {"IN": ordinals}}
        day_num = {"LOWER": {"IN": ordinals + days}}
        hours = [str(h) for h in range(1, 13)] + [f"{h}:{m}" for h in range(0, 24) for m in ("00", "15", "30", "45")]
        clock = [f"{h}{ap}" for h in hours for ap in ("am", "pm")]
        slash = [f"{a}/{b}{c}" for a in ("d", "dd") for b in ("d", "dd") for c in ("", "/dd", "/dddd")]
        month = {"LOWER": {"IN": v["months"]}}
        weekday = {"LOWER": {"IN": v["weekdays"]}}
        add("date|weekday", [[weekday]])
        add("date|month-day", [[month, day_num], [day_num, month], [{"LOWER": "the"}, ordinal], [ordinal]])
        add("date|relative", [[{"LOWER": {"IN": v["relative_days"]}}]])
        add(
            "date|period",
            [
                [
                    {"LOWER": "end"},
                    {"LOWER": "of"},
                    {"LOWER": {"IN": ["the", "this", "next"]}, "OP": "?"},
                    {"LOWER": {"IN": v["periods"]}},
                ]
            ],
        )
        add("date|numeric", [[{"SHAPE": {"IN": slash}}]])
        add(
            "date|time",
            [
                [{"LOWER": {"IN": hours}}, {"LOWER": {"IN": ["am", "pm", "a.m.", "p.m."]}}],
                [{"LOWER": {"IN": clock}}],
                [{"SHAPE": {"IN": ["d:dd", "dd:dd"]}}],
            ],
        )
        name = {"IS_TITLE": True, "IS_ALPHA": True, "LOWER": {"NOT_IN": v["not_names"] + v["weekdays"] + v["months"]}}
        honorific = {"LOWER": {"IN": v["honorifics"]}}
        add(
            "slot|greeting",
            [
                [{"LOWER": {"IN": v["greetings"]}}, {"ORTH": ",", "OP": "?"}, name],
                [{"LOWER": {"IN": v["greetings"]}}, honorific, {"ORTH": ".", "OP": "?"}, {"IS_TITLE": True}],
                [{"LOWER": "good"}, {"LOWER": {"IN": ["morning", "afternoon", "evening"]}}, name],
                [{"LOWER": "is"}, {"LOWER": "this"}, honorific, {"ORTH": ".", "OP": "?"}, {"IS_TITLE": True}],
                [{"LOWER": "is"}, {"LOWER": "this"}, name],
            ],
        )
        det = {"LOWER": {"IN": ["our", "the", "last", "yesterday's", "today's", "this"]}}
        add(
            "slot|meeting",
            [
                [
                    det,
                    {"IS_ALPHA": True, "IS_STOP": False, "LOWER": {"NOT_IN": v["meetings"]}, "OP": "?"},
                    {"LOWER": {"IN": v["meetings"]}},
                ],
                [{"LOWER": "we"}, {"LOWER": {"IN": ["met", "spoke", "talked", "chatted"]}}],
            ],
        )
        topic_det = {"LOWER": {"IN": ["the", "your", "my", "our", "this", "that"]}}
        modifier = {
            "IS_PUNCT": False,
            "IS_SPACE": False,
            "IS_STOP": False,
            "LOWER": {"NOT_IN": v["topic_stops"] + v["topics"] + v["weekdays"] + v["months"]},
            "OP": "{0,3}",
        }
        head = {"LOWER": {"IN": v["topics"]}}
        tail = {
            "IS_PUNCT": False,
            "IS_SPACE": False,
            "IS_STOP": False,
            "LOWER": {"NOT_IN": v["topic_stops"]},
            "LIKE_EMAIL": False,
            "OP": "{1,4}",
        }
        add(
            "slot|topic",
            [
                [topic_det, modifier, head],
                [
                    topic_det,
                    modifier,
                    head,
                    {"LOWER": {"IN": v["topic_links"]}},
                    {"LOWER": {"IN": ["the", "your", "our", "a"]}, "OP": "?"},
                    tail,
                ],
            ],
            greedy="LONGEST",
        )
        org = {"IS_TITLE": True, "LOWER": {"NOT_IN": v["weekdays"] + v["months"] + ["i", "the"]}}
        add(
            "slot|company",
            [
                [{"LOWER": {"IN": v["company_before_at"]}}, {"LOWER": "at"}, org, {"IS_TITLE": True, "OP": "?"}],
                [{"LOWER": {"IN": v["company_before_at"]}}, {"LOWER": "at"}, {"IS_UPPER": True, "LENGTH": {">=": 2}}],
            ],
            greedy="LONGEST",
        )


@lru_cache(maxsize=1)
def matchers() -> Matchers:
    return Matchers(cue_data())


# --- reading one message ---------------------------------------------------------------------------


@dataclass
class Reading:
    """What the rewrite stage knows about one message: plain data, no spaCy objects kept."""

    situations: dict[str, float] = field(default_factory=dict)
    slots: dict[str, str] = field(default_factory=dict)
    # Per analysed sentence: (start, end, set of message-cue kinds found in it).
    sentences: list[tuple[int, int, set[str]]] = field(default_factory=list)
    words: int = 0
    # True when the text was longer than READ_LIMIT and only its head was read.
    truncated: bool = False

    @property
    def situation(self) -> str | None:
        """The strongest situation, or None when no cue fired."""
        if not self.situations:
            return None
        # A call script is a channel more than a situation: report the event behind it when there is one.
        events = {k: v for k, v in self.situations.items() if k != "call-script"} or self.situations
        return max(events, key=lambda s: events[s])

    @property
    def is_call(self) -> bool:
        return self.situations.get("call-script", 0.0) >= 1.0


def read(text: str, excluded: Iterable[Range] = (), headers: dict[str, str] | None = None) -> Reading:
    """Situation strengths, slots and per-sentence cues of the author's own text."""
    truncated = len(text) > READ_LIMIT
    if truncated:
        text = text[:READ_LIMIT]
    excluded = [(s, min(e, len(text)), k) for s, e, k in excluded if s < len(text)]
    own = _fold(blank_out(text, excluded))
    doc = nlp().make_doc(own)
    m = matchers()
    reading = Reading(words=sum(1 for t in doc if t.is_alpha), truncated=truncated)
    phrase_hits = [(doc.vocab.strings[i], s, e) for i, s, e in m.phrases(doc)]
    pattern_hits = [(doc.vocab.strings[i], s, e) for i, s, e in m.patterns(doc)]
    hits = phrase_hits + pattern_hits

    # Situations: each distinct cue counts once, and overlapping cues of one situation ("let me know
    # if you need anything": three phrases, one offer) count as their strongest.
    seen: set[tuple[str, str]] = set()
    taken: dict[str, list[tuple[int, int]]] = {}
    raw: dict[str, float] = {}
    situation_hits = [h for h in hits if h[0].startswith("sit|")]
    for key, s, e in sorted(situation_hits, key=lambda h: (-m.cue_weight[h[0]], -(h[2] - h[1]), h[1])):
        cue = (key, doc[s:e].text.lower())
        name = key.split("|")[1]
        if cue in seen or any(s < b and a < e for a, b in taken.get(name, ())):
            continue
        seen.add(cue)
        taken.setdefault(name, []).append((s, e))
        raw[name] = raw.get(name, 0.0) + m.cue_weight[key]
    strength = {k: round(min(v, 1.0), 3) for k, v in raw.items() if v >= 0.4}
    specs = cue_data()["situations"]
    reading.situations = {
        k: v
        for k, v in strength.items()
        if not any(strength.get(other, 0.0) > v for other in specs[k].get("ruled_out_by", ()))
    }
    # Ties at the cap: the situation with more evidence (uncapped) comes first, then the order in
    # cues.toml (max() keeps the first). "I haven't heard back, I'll close the file" beats a lone
    # "went with another".
    reading.situations = dict(
        sorted(reading.situations.items(), key=lambda kv: (-kv[1], -raw[kv[0]], m.situations.index(kv[0])))
    )

    # Sentences and the message cues inside them.
    starts = [s for s in sentence_starts(text, excluded)] + [len(text)]
    bounds = [(a, b) for a, b in zip(starts, starts[1:]) if own[a:b].strip()]
    dates = [(s, e) for key, s, e in pattern_hits if key.startswith("date|")]
    per_sentence: list[set[str]] = [set() for _ in bounds]
    token_starts = [t.idx for t in doc]

    bound_starts = [a for a, _ in bounds]

    def sentence_of(token_i: int) -> int:
        char = token_starts[token_i]
        n = bisect.bisect_right(bound_starts, char) - 1
        return n if n >= 0 and char < bounds[n][1] else -1

    backward = {s for key, s, e in phrase_hits if key == "msg|backward"}
    # A date right after a backward word, a past verb or a meeting noun is history, not a next step:
    # "last Tuesday", "the quote I sent Monday", "our call on Tuesday".
    meeting_ends = {e for key, s, e in pattern_hits if key == "slot|meeting"}
    # ...and so is a date right after a thank-you for a meeting: "great to meet you on Monday".
    meeting_ends |= {e + 1 for key, s, e in phrase_hits if key == "sit|after-meeting|strong"}
    history = {
        s
        for _, s, _ in ((0, d, 0) for d, _ in dates)
        if any(
            doc[j].lower_ in m.vocab["past"] or j in backward or j + 1 in meeting_ends for j in range(max(0, s - 3), s)
        )
    }
    for key, s, e in hits:
        if key.startswith("msg|"):
            n = sentence_of(s)
            if n >= 0:
                per_sentence[n].add(key[4:])
    for s, e in dates:
        n = sentence_of(s)
        if n >= 0 and s not in history and not (e < len(doc) and doc[e].lower_ == "ago"):
            per_sentence[n].add("date")
    reading.sentences = [(a, b, cues) for (a, b), cues in zip(bounds, per_sentence)]
    reading.slots = _slots(doc, pattern_hits, m, headers or {}, history)
    return reading


def _slots(
    doc: Doc, hits: list[tuple[str, int, int]], m: Matchers, headers: dict[str, str], history: set[int]
) -> dict[str, str]:
    v = m.vocab
    slots: dict[str, str] = {}
    spans = {key: [doc[s:e] for k, s, e in hits if k == key] for key in {k for k, _, _ in hits}}

    greeting = [sp for sp in spans.get("slot|greeting", []) if sp.start_char < 200]
    if greeting:
        sp = min(greeting, key=lambda x: x.start)
        words = [t for t in sp if t.lower_ not in v["greetings"] and t.lower_ not in ("good", "is", "this", ",")]
        name = " ".join(t.text for t in words).replace(" .", ".")
        if name and name.lower() not in v["not_names"]:
            slots["first_name"] = name

    dates = sorted(filter_spans([doc[s:e] for k, s, e in hits if k.startswith("date|")]), key=lambda sp: sp.start)

    def date_after(token_i: int, limit: int = 12) -> Span | None:
        for sp in dates:
            if token_i <= sp.start <= token_i + limit:
                return sp
        return None

    def extend_meeting(sp: Span) -> str:
        """'our call' + 'on Tuesday' / 'last week' / 'yesterday' when the text says when."""
        end = sp.end
        if end < len(doc) and doc[end].lower_ in ("yesterday", "today", "earlier", "this", "last", "on"):
            nxt = date_after(end, 3)
            if doc[end].lower_ in ("yesterday", "today"):
                end += 1
            elif nxt is not None and nxt.start <= end + 2:
                end = nxt.end
            elif (
                doc[end].lower_ in ("last", "this", "earlier")
                and end + 1 < len(doc)
                and doc[end + 1].lower_ in ("week", "month", "morning", "afternoon", "today")
            ):
                end += 2
        return doc[sp.start : end].text

    meetings = spans.get("slot|meeting", [])
    for sp in sorted(meetings, key=lambda x: x.start):
        first = sp[0].lower_
        if first == "we":
            nxt = date_after(sp.end, 3)
            noun = "meeting" if sp[1].lower_ == "met" else "conversation"
            when = f" {doc[sp.end : nxt.end].text}" if nxt is not None and nxt.start <= sp.end + 2 else ""
            slots["last_meeting"] = f"our {noun}{when}"
            slots["last_meeting_short"] = f"our {noun}"
            break
        if first in ("this",) or (
            first == "the"
            and sp[-1].lower_ == "call"
            and len(sp) == 2
            and sp.start > 0
            and doc[sp.start - 1].lower_ in ("on", "during")
        ):
            # "this call" is the present one; "on the call" is not a reference to a past one.
            continue
        if sp.start > 0 and doc[sp.start - 1].lower_ == "of" and first != "our":
            continue  # "the purpose of the call"
        slots["last_meeting"] = extend_meeting(sp)
        slots["last_meeting_short"] = sp.text  # "the demo last Thursday" -> "the demo"
        break

    topics = sorted(filter_spans(spans.get("slot|topic", [])), key=lambda x: x.start)
    for sp in topics:
        end = sp.end
        while end > sp.start + 1 and (doc[end - 1].lower_ in v["topic_links"] or doc[end - 1].is_punct):
            end -= 1
        words = doc[sp.start : end].text
        slots["topic"] = (
            words[0].lower() + words[1:] if sp[0].lower_ in ("the", "your", "my", "our", "this", "that") else words
        )
        # The short form a second mention uses: determiner + head noun ("the proposal for the fleet
        # telematics rollout" -> "the proposal", "the compressor quote" -> "the quote").
        head = next((t for t in sp[1:] if t.lower_ in v["topics"]), None)
        if head is not None:
            slots["topic_short"] = f"{sp[0].lower_} {head.text}"
        break

    company = _company_from_headers(headers, v["freemail"])
    if company is None:
        for sp in sorted(spans.get("slot|company", []), key=lambda x: x.start):
            company = doc[sp.start + 2 : sp.end].text
            break
    if company:
        slots["company"] = company

    agreement = v["agreement"]
    for sent_start, sent in _sentences(doc):
        if not any(t.lower_ in agreement for t in sent):
            continue
        cue = next(i for i, t in enumerate(sent) if t.lower_ in agreement)
        for sp in dates:
            if sent_start + cue < sp.start < sent_start + len(sent):
                words = [t for t in sp if t.lower_ not in ("on", "by")]
                slots["agreed_date"] = " ".join(t.text for t in words)
                break
        if "agreed_date" in slots:
            break

    for sp in dates:
        if sp[0].lower_ in v["weekdays"] and sp.start not in history:
            inside_meeting = "last_meeting" in slots and sp.text in slots["last_meeting"]
            if not inside_meeting:
                slots["weekday"] = sp[0].text.capitalize() if sp[0].text.islower() else sp[0].text
                break
    return slots


def _sentences(doc: Doc) -> list[tuple[int, list[Any]]]:
    """Token runs between sentence punctuation/newlines: enough to scope an 'agreed ... date' cue."""
    out: list[tuple[int, list[Any]]] = []
    start = 0
    for t in doc:
        if t.text in (".", "!", "?") or "\n" in t.text:
            if t.i > start:
                out.append((start, list(doc[start : t.i])))
            start = t.i + 1
    if start < len(doc):
        out.append((start, list(doc[start:])))
    return out


_ADDRESS = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_SUFFIXES = {
    "com",
    "co",
    "org",
    "net",
    "io",
    "ai",
    "biz",
    "info",
    "gov",
    "edu",
    "ac",
    "uk",
    "de",
    "fr",
    "nl",
    "es",
    "it",
    "eu",
    "us",
    "ca",
    "au",
    "in",
    "jp",
    "ch",
    "at",
    "be",
    "se",
    "no",
    "dk",
    "fi",
    "pl",
    "ie",
    "nz",
    "br",
    "mx",
    "example",
    "test",
    "local",
    "invalid",
    "localhost",
}


def _company_from_headers(headers: dict[str, str], freemail: set[str]) -> str | None:
    """'dana@acme-corp.co.uk' in To: -> 'Acme Corp' (freemail domains give nothing)."""
    lowered = {k.lower(): val for k, val in headers.items()}
    value = lowered.get("to") or ""
    match = _ADDRESS.search(value)
    if not match:
        return None
    labels = [x for x in match.group(1).lower().split(".") if x]
    while len(labels) > 1 and labels[-1] in _SUFFIXES:
        labels.pop()
    label = labels[-1] if labels else ""
    if not label or label in freemail:
        return None
    return " ".join(part.capitalize() for part in label.split("-"))
