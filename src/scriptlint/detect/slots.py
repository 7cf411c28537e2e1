"""Slots a rewrite template reuses, read from the author's own words: name, meeting, topic, company, dates.

Read once per message with the cue matchers (`cue_patterns.py`); plain strings come out, so the
suggestion stage never touches spaCy objects.
"""

from __future__ import annotations

import re
from typing import Iterator

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

Hit = tuple[str, int, int]
"""(matcher key, start token, end token)."""
DETERMINERS = ("the", "your", "my", "our", "this", "that")
_TIME_TAIL = {"ago", "days", "weeks", "months", "years", "day", "week", "month", "year", "today", "yesterday", "now"}


def read_slots(
    doc: Doc, hits: list[Hit], vocab: dict[str, set[str]], headers: dict[str, str], history: set[int]
) -> dict[str, str]:
    """Every slot the text gives; `history` holds the token starts of dates that lie in the past."""
    spans = {key: [doc[s:e] for k, s, e in hits if k == key] for key in {k for k, _, _ in hits}}
    dates = sorted(filter_spans([doc[s:e] for k, s, e in hits if k.startswith("date|")]), key=lambda sp: sp.start)
    slots: dict[str, str] = {}
    slots.update(_first_name(spans.get("slot|greeting", []), vocab))
    slots.update(_last_meeting(doc, spans.get("slot|meeting", []), dates))
    slots.update(_topic(doc, spans.get("slot|topic", []), vocab))
    company = _company_from_headers(headers, vocab["freemail"]) or _company_from_text(
        doc, spans.get("slot|company", [])
    )
    if company:
        slots["company"] = company
    agreed = _agreed_date(doc, dates, vocab["agreement"])
    if agreed:
        slots["agreed_date"] = agreed
    weekday = _weekday(dates, vocab, history, slots.get("last_meeting"))
    if weekday:
        slots["weekday"] = weekday
    return slots


def _first_name(greetings: list[Span], v: dict[str, set[str]]) -> dict[str, str]:
    greeting = [sp for sp in greetings if sp.start_char < 200]
    if not greeting:
        return {}
    sp = min(greeting, key=lambda x: x.start)
    words = [t for t in sp if t.lower_ not in v["greetings"] and t.lower_ not in ("good", "is", "this", ",")]
    name = " ".join(t.text for t in words).replace(" .", ".")
    return {"first_name": name} if name and name.lower() not in v["not_names"] else {}


def _date_after(dates: list[Span], token_i: int, limit: int = 12) -> Span | None:
    for sp in dates:
        if token_i <= sp.start <= token_i + limit:
            return sp
    return None


def _extend_meeting(doc: Doc, sp: Span, dates: list[Span]) -> str:
    """'our call' + 'on Tuesday' / 'last week' / 'yesterday' when the text says when."""
    end = sp.end
    if end < len(doc) and doc[end].lower_ in ("yesterday", "today", "earlier", "this", "last", "on"):
        nxt = _date_after(dates, end, 3)
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


def _last_meeting(doc: Doc, meetings: list[Span], dates: list[Span]) -> dict[str, str]:
    for sp in sorted(meetings, key=lambda x: x.start):
        first = sp[0].lower_
        if first == "we":
            nxt = _date_after(dates, sp.end, 3)
            noun = "meeting" if sp[1].lower_ == "met" else "conversation"
            when = f" {doc[sp.end : nxt.end].text}" if nxt is not None and nxt.start <= sp.end + 2 else ""
            return {"last_meeting": f"our {noun}{when}", "last_meeting_short": f"our {noun}"}
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
        # "the demo last Thursday" -> short form "the demo"
        return {"last_meeting": _extend_meeting(doc, sp, dates), "last_meeting_short": sp.text}
    return {}


def _topic(doc: Doc, topics: list[Span], v: dict[str, set[str]]) -> dict[str, str]:
    for sp in sorted(filter_spans(topics), key=lambda x: x.start):
        end = sp.end
        while end > sp.start + 1 and (doc[end - 1].lower_ in v["topic_links"] or doc[end - 1].is_punct):
            end -= 1
        while end > sp.start + 2 and (doc[end - 1].lower_ in _TIME_TAIL or doc[end - 1].like_num):
            end -= 1  # "our offer for the website relaunch 2 weeks (ago)": the time is not the topic
        words = doc[sp.start : end].text
        out = {"topic": words[0].lower() + words[1:] if sp[0].lower_ in DETERMINERS else words}
        # The short form a second mention uses: determiner + head noun ("the proposal for the fleet
        # telematics rollout" -> "the proposal", "the compressor quote" -> "the quote").
        head = next((t for t in sp[1:] if t.lower_ in v["topics"]), None)
        if head is not None:
            out["topic_short"] = f"{sp[0].lower_} {head.text}"
        return out
    return {}


def _company_from_text(doc: Doc, companies: list[Span]) -> str | None:
    for sp in sorted(companies, key=lambda x: x.start):
        return doc[sp.start + 2 : sp.end].text
    return None


def _agreed_date(doc: Doc, dates: list[Span], agreement: set[str]) -> str | None:
    """The first date after an agreement word ("agreed", "promised") in the same sentence."""
    groups = date_groups(doc, dates)
    if not groups:  # no date to agree on: skip splitting the Doc into sentences
        return None
    for _, sent_end, cue in _agreement_cues(doc, agreement):
        for start, end in groups:
            if cue < start < sent_end:
                return " ".join(t.text for t in doc[start:end] if t.lower_ not in ("on", "by")).replace(" ,", ",")
    return None


def _agreement_cues(doc: Doc, agreement: set[str]) -> Iterator[tuple[int, int, int]]:
    """(start, end, first agreement word) of each sentence that has one. Sentences are token runs
    between sentence punctuation and newlines; read from arrays, not Token objects (every message)."""
    words = doc.to_array([ORTH, LOWER]).tolist()
    strings = doc.vocab.strings
    breaks = {o for o in {w[0] for w in words} if strings[o] in (".", "!", "?") or "\n" in strings[o]}
    agreed = {strings[w] for w in agreement}
    start, cue = 0, -1
    for i, (orth, lower) in enumerate(words):
        if orth in breaks:
            if cue != -1:
                yield start, i, cue
            start, cue = i + 1, -1
        elif cue == -1 and lower in agreed:
            cue = i
    if cue != -1:
        yield start, len(words), cue


_JOINERS = {",", "the", "at", "of"}


def date_groups(doc: Doc, dates: list[Span]) -> list[tuple[int, int]]:
    """Adjacent date spans as one expression: 'Friday, March 6', 'Monday the 2nd', 'Tue 24th at 9'."""
    groups: list[tuple[int, int]] = []
    for sp in sorted(dates, key=lambda x: x.start):
        if groups:
            start, end = groups[-1]
            between = [t.lower_ for t in doc[end : sp.start]]
            if sp.start >= end and len(between) <= 2 and all(w in _JOINERS for w in between):
                groups[-1] = (start, max(end, sp.end))
                continue
        groups.append((sp.start, sp.end))
    return groups


def _weekday(dates: list[Span], v: dict[str, set[str]], history: set[int], last_meeting: str | None) -> str | None:
    for sp in dates:
        if sp[0].lower_ in v["weekdays"] and sp.start not in history:
            if not (last_meeting is not None and sp.text in last_meeting):
                return sp[0].text.capitalize() if sp[0].text.islower() else sp[0].text
    return None


_ADDRESS = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_SUFFIXES = frozenset(
    "com co org net io ai biz info gov edu ac uk de fr nl es it eu us ca au in jp ch at be se no dk fi pl ie nz "
    "br mx example test local invalid localhost".split()
)


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
