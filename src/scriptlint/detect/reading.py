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
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import tomllib
from spacy.attrs import IDX, IS_ALPHA
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from scriptlint.detect.context import Thread, channel_of, nudge_count, phone_numbers, read_thread, sender_words
from scriptlint.detect.cue_matcher import CueMatcher
from scriptlint.detect.cue_patterns import add_date_patterns, add_slot_patterns
from scriptlint.detect.dates import resolve, today_from
from scriptlint.detect.pipeline import tokenizer_host
from scriptlint.detect.slots import Hit, date_groups, read_slots
from scriptlint.detect.spans import doc_text
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
        # Runs only the keys whose words a Doc holds; tests/detect/test_pattern_schema.py validates the patterns.
        self.patterns = CueMatcher(vocab)
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
        add_date_patterns(self.patterns.add, v)
        add_slot_patterns(self.patterns.add, v)


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
    # The day the message was written (Date header or the caller's `today`); None when unknown.
    today: date | None = None
    # email, short (SMS/chat/LinkedIn), voicemail or call-script (see context.py).
    channel: str = "email"
    # Unanswered touches so far, this message included, from the text and the quoted thread.
    nudges: int = 0
    # Slots read from the quoted thread: used only where the author's own words give none.
    thread_slots: dict[str, str] = field(default_factory=dict)
    thread: Thread = field(default_factory=Thread)
    # Callback numbers in the author's own text, as written (a voicemail says them twice).
    phones: list[str] = field(default_factory=list)
    # The agreed date, resolved against `today`: True when it lies in the past.
    agreed_passed: bool | None = None

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


def read(
    text: str,
    excluded: Iterable[Range] = (),
    headers: dict[str, str] | None = None,
    *,
    today: date | None = None,
    doc: Doc | None = None,
) -> Reading:
    """Situation strengths, slots and per-sentence cues of the author's own text.

    Dates are resolved against `today`, else the Date header, else left unresolved (see dates.py).
    `doc`: the pipeline's Doc of this text, reused instead of tokenizing again when it holds exactly
    the text read here (nothing blanked out or folded, same vocab); the cues use no attribute the
    pipeline's components write (norms, lemmas, sentence starts), so the matches are the same."""
    truncated = len(text) > READ_LIMIT
    if truncated:
        text = text[:READ_LIMIT]
    excluded = [(s, min(e, len(text)), k) for s, e, k in excluded if s < len(text)]
    own = _fold(blank_out(text, excluded))
    if doc is None or doc.vocab is not nlp().vocab or doc_text(doc) != own:
        doc = nlp().make_doc(own)
    m = matchers()
    reading = Reading(words=int(doc.to_array(IS_ALPHA).sum()), truncated=truncated, today=today_from(headers, today))
    phrase_hits = [(doc.vocab.strings[i], s, e) for i, s, e in m.phrases(doc)]
    pattern_hits = [(doc.vocab.strings[i], s, e) for i, s, e in m.patterns(doc)]
    reading.situations = _situations(doc, phrase_hits + pattern_hits, m)
    history = _past_dates(doc, phrase_hits, pattern_hits, m, reading.today)
    reading.sentences = _sentence_cues(text, own, excluded, doc, phrase_hits, pattern_hits, history)
    reading.slots = read_slots(doc, pattern_hits, m.vocab, headers or {}, history)
    own_agreed = reading.slots.get("agreed_date")
    passed = _agreed_in(doc, pattern_hits, history, own_agreed)
    _read_context(reading, text, own, excluded, headers or {})
    if reading.today is not None and own_agreed:
        reading.agreed_passed = passed
    _situation_from_dates(reading)
    return reading


def _agreed_in(doc: Doc, pattern_hits: list[Hit], history: set[int], agreed: str | None) -> bool:
    """Is the agreed date (as read_slots wrote it) one of the dates that lie in the past?"""
    if not agreed:
        return False
    dates = filter_spans([doc[s:e] for key, s, e in pattern_hits if key.startswith("date|")])
    for start, end in date_groups(doc, dates):
        words = " ".join(t.text for t in doc[start:end] if t.lower_ not in ("on", "by")).replace(" ,", ",")
        if words == agreed:
            return start in history
    return False


def _situation_from_dates(reading: Reading) -> None:
    """A passed agreed date makes the situation; one still ahead unmakes it; 3+ touches are the nth nudge."""
    if reading.agreed_passed:
        reading.situations["agreed-date-passed"] = 1.0
    elif reading.agreed_passed is False:
        reading.situations.pop("agreed-date-passed", None)
    if reading.nudges >= PUSH_AFTER:
        reading.situations["nth-nudge"] = 1.0


def _read_context(reading: Reading, text: str, own: str, excluded: list[Range], headers: dict[str, str]) -> None:
    """Channel, nudge count, the quoted thread and whether the agreed date has passed."""
    reading.channel = channel_of(text, own, reading.is_call, reading.words)
    reading.phones = phone_numbers(own)
    reading.thread = read_thread(text, excluded, sender_words(text, excluded))
    refs = next((v for k, v in headers.items() if k.lower() == "references"), "")
    reading.nudges = nudge_count(own, reading.thread, refs)
    if reading.thread.text:
        reading.thread_slots = _thread_slots(reading.thread.text, reading.today)
    if reading.thread.text and "agreed_date" not in reading.slots:
        agreed, passed = reading.thread_slots.pop("agreed_date", None), reading.thread_slots.pop("_passed", "")
        if agreed and reading.today is not None:
            reading.slots["agreed_date"] = agreed
            reading.agreed_passed = passed == "yes"


PUSH_AFTER = 3
"""From this many unanswered touches on, the message counts as the nth nudge whatever its wording."""


_PROMISE = re.compile(
    r"\b(?:I'll|I will|we'll|we will)\s+(?:\w+\s+){0,1}?(?:confirm|share|send|decide on|sign|review|approve|get back to you on|"
    r"come back to you on|check)\s+((?:the|our|your|a|an)\s+[^,.;()\n]+?)(?=\s*(?:\(|,|\.|;|\bwith\b|\bby\b|\bto\b|\bso\b|\bat\b|\bon\b|\bbefore\b|$))",
    re.I,
)


def _thread_slots(quoted: str, today: date | None) -> dict[str, str]:
    """Slots from the quoted earlier messages; a promise there ("I'll confirm ... by Wednesday 4
    March") is the agreed date."""
    doc = nlp().make_doc(_fold(quoted))
    m = matchers()
    phrase_hits = [(doc.vocab.strings[i], s, e) for i, s, e in m.phrases(doc)]
    pattern_hits = [(doc.vocab.strings[i], s, e) for i, s, e in m.patterns(doc)]
    history = _past_dates(doc, phrase_hits, pattern_hits, m, today)
    vocab = dict(m.vocab)
    vocab["agreement"] = m.vocab["agreement"] | {"'ll", "will", "by"}
    slots = read_slots(doc, pattern_hits, vocab, {}, history)
    slots.pop("first_name", None)  # the greeting of a quoted message names the author of this one
    slots.pop("last_meeting", None)  # "our staff meeting" in their words is theirs, not ours
    slots.pop("last_meeting_short", None)
    promise = _PROMISE.search(quoted)
    if promise:
        # What they said they would do is what the reply is about: "I'll confirm the final seat count".
        slots["topic"] = promise.group(1).strip()
        slots.pop("topic_short", None)
    if _agreed_in(doc, pattern_hits, history, slots.get("agreed_date")):
        slots["_passed"] = "yes"
    return slots


def _situations(doc: Doc, hits: list[Hit], m: Matchers) -> dict[str, float]:
    """Each distinct cue counts once, and overlapping cues of one situation ("let me know if you
    need anything": three phrases, one offer) count as their strongest."""
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
    kept = {
        k: v
        for k, v in strength.items()
        if not any(strength.get(other, 0.0) > v for other in specs[k].get("ruled_out_by", ()))
    }
    # Ties at the cap: the situation with more evidence (uncapped) comes first, then the order in
    # cues.toml (max() keeps the first). "I haven't heard back, I'll close the file" beats a lone
    # "went with another".
    return dict(sorted(kept.items(), key=lambda kv: (-kv[1], -raw[kv[0]], m.situations.index(kv[0]))))


def _past_dates(
    doc: Doc, phrase_hits: list[Hit], pattern_hits: list[Hit], m: Matchers, today: date | None = None
) -> set[int]:
    """Token starts of dates that are history, not a next step.

    A date right after a backward word, a past verb or a meeting noun ("last Tuesday", "the quote
    I sent Monday", "our call on Tuesday"), or after a thank-you for a meeting ("great to meet you
    on Monday"); with `today` known, also a date that falls before it ("Friday, March 6" on the
    11th), and a bare weekday in a sentence told in the past ("At the show on Monday you asked")."""
    backward = {s for key, s, e in phrase_hits if key == "msg|backward"}
    meeting_ends = {e for key, s, e in pattern_hits if key == "slot|meeting"}
    meeting_ends |= {e + 1 for key, s, e in phrase_hits if key == "sit|after-meeting|strong"}
    past = m.vocab["past"]
    history = set()
    dates = filter_spans([doc[s:e] for key, s, e in pattern_hits if key.startswith("date|")])
    for start, end in date_groups(doc, dates):
        first = {s for key, s, _ in pattern_hits if key.startswith("date|") and start <= s < end}
        explicit = today is not None and any(t.like_num or t.lower_[:1].isdigit() for t in doc[start:end])
        if not explicit and any(
            doc[j].lower_ in past or j in backward or j + 1 in meeting_ends for j in range(max(0, start - 3), start)
        ):
            history |= first
        elif today is not None and not all(k == "date|time" for k, s, _ in pattern_hits if s in first):
            told_in_past = _told_in_past(doc, start, m.vocab["past"])
            day = resolve([t.text for t in doc[start:end]], today, past=told_in_past)
            if day is not None and day < today:
                history |= first
    return history


_FUTURE_WORDS = {"will", "'ll", "shall", "can", "could", "would", "by", "until", "before", "next", "let's", "please"}


def _told_in_past(doc: Doc, i: int, past: set[str]) -> bool:
    """Does the clause around token i speak of the past (a past verb, no future or request word)?"""
    start, end = i, i
    while start > 0 and doc[start - 1].text not in (".", "!", "?", ";") and "\n" not in doc[start - 1].text:
        start -= 1
    while end < len(doc) and doc[end].text not in (".", "!", "?", ";") and "\n" not in doc[end].text:
        end += 1
    words = [t.lower_ for t in doc[start:end]]
    if any(w in _FUTURE_WORDS for w in words):
        return False
    return any(w in past or (w.endswith("ed") and len(w) > 4 and w not in ("need", "indeed")) for w in words)


def _sentence_cues(
    text: str,
    own: str,
    excluded: list[Range],
    doc: Doc,
    phrase_hits: list[Hit],
    pattern_hits: list[Hit],
    history: set[int],
) -> list[tuple[int, int, set[str]]]:
    """Each analysed sentence with the message cues inside it (purpose, value, next step, date...)."""
    starts = [s for s in sentence_starts(text, excluded)] + [len(text)]
    bounds = [(a, b) for a, b in zip(starts, starts[1:]) if own[a:b].strip()]
    per_sentence: list[set[str]] = [set() for _ in bounds]
    token_starts = doc.to_array(IDX).tolist()
    bound_starts = [a for a, _ in bounds]

    def sentence_of(token_i: int) -> int:
        char = token_starts[token_i]
        n = bisect.bisect_right(bound_starts, char) - 1
        return n if n >= 0 and char < bounds[n][1] else -1

    for key, s, e in phrase_hits + pattern_hits:
        if key.startswith("msg|") and (n := sentence_of(s)) >= 0:
            per_sentence[n].add(key[4:])
    for key, s, e in pattern_hits:
        if not key.startswith("date|") or s in history or (e < len(doc) and doc[e].lower_ == "ago"):
            continue
        if (n := sentence_of(s)) >= 0:
            per_sentence[n].add("date")
    return [(a, b, cues) for (a, b), cues in zip(bounds, per_sentence)]
