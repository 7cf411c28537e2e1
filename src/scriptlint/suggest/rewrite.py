"""Applying suggestions to a draft: each flagged sentence becomes its top rewrite.

The result is a new text (or a unified diff); the input is never written. Bracketed placeholders
stay in the output on purpose: they mark the value only the salesperson can supply.
"""

from __future__ import annotations

import difflib
import re

from scriptlint.detect.checks import message_checks
from scriptlint.detect.reading import read
from scriptlint.findings import Result, Suggestion
from scriptlint.suggest.rank import with_probe_dates
from scriptlint.suggest.tactics import catalogue
from scriptlint.text.lexicon import BULLET_MARK, GREETING_START, PHONE_NUMBER, SIGN_OFF_IN_TEXT
from scriptlint.text.message import message_from_text
from scriptlint.text.quotes import find_unanalysed
from scriptlint.text.sentences import sentence_bounds, sentence_starts

# "This is Karl from Hydrotec." / "It's Rick with Summit Rentals.": a caller's self-introduction.
_INTRO = re.compile(
    r"^\s*(?i:this is|it's|it is|my name is|i'm|i am)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?"
    r"\s*(?i:from|with|at|here)\b"
)
# A pleasantry right after the greeting stays first: "Thanks for the demo. <purpose>", not the reverse.
_PLEASANTRY = re.compile(
    r"^\s*(thanks|thank you|many thanks|great to|good to|nice to|it was (great|good|nice)|hope|i hope)\b", re.I
)
_LEADING_NAME = re.compile(r"^((?:(?:Mr|Mrs|Ms|Dr)\.? )?[A-Z][\w'’.-]*), (\w)")


def _without_repeated_name(before: str, new: str) -> str:
    """ "Hi Dana,\n\nDana, I'm writing..." reads oddly: drop a leading name the greeting just used."""
    m = _LEADING_NAME.match(new)
    if not m:
        return new
    greeting = before.rstrip().rsplit("\n", 1)[-1]
    if GREETING_START.match(greeting) and m.group(1) in greeting:
        return m.group(2).upper() + new[m.end() :]
    return new


def _replacement_ranges(result: Result) -> list[tuple[int, int, Suggestion]]:
    """(start, end, suggestion) per flagged sentence, merged when sentences overlap, first finding wins."""
    text = result.text
    ranges: list[tuple[int, int, str]] = []
    for f in sorted(result.findings, key=lambda f: (f.start, f.end)):
        if f.scope != "span" or not f.suggestions:
            continue
        start, end = sentence_bounds(text, f)
        start, end = min(start, f.start), max(end, f.end)
        # Keep a greeting/self-introduction that shares the sentence: "Hey Dave, it's Rick, just calling to ...".
        if GREETING_START.match(text[start : f.start]):
            cut = text.rfind(",", start, f.start)
            if cut != -1:
                start = cut + 1
        while start < end and text[start].isspace():
            start += 1
        bullet = BULLET_MARK.match(text, start)
        if bullet and bullet.end() < end:
            start = bullet.end()  # keep "- " / "1. " so a script's list stays a list
        while end > start and text[end - 1].isspace():
            end -= 1
        # Overlapping sentences, or flagged sentences next to each other in one paragraph, become one
        # rewrite: a run of filler reads better replaced by one purposeful sentence than by several.
        if ranges and (start < ranges[-1][1] or _same_run(text, ranges[-1][1], start)):
            ranges[-1] = (ranges[-1][0], max(end, ranges[-1][1]), ranges[-1][2])
            continue
        ranges.append((start, end, f.suggestions[0]))
    return ranges


def _same_run(text: str, gap_start: int, gap_end: int) -> bool:
    """Only whitespace between two flagged sentences, no paragraph break and no new bullet."""
    gap = text[gap_start:gap_end]
    return (
        not gap.strip()
        and gap.count("\n") <= 1
        and not BULLET_MARK.match(text, gap_end - len(gap) + len(gap.rstrip(" \t")))
    )


def _keep_phone_number(old: str, new: str) -> str:
    """A callback number in a replaced sentence survives the rewrite: a voicemail must leave it."""
    numbers = [m.group(0) for m in PHONE_NUMBER.finditer(old) if sum(c.isdigit() for c in m.group(0)) >= 7]
    missing = [n for n in numbers if n not in new]
    if not missing:
        return new
    return f"{new} My number is {' or '.join(missing)}."


def _apply_replacements(text: str, replacements: list[tuple[int, int, Suggestion]]) -> tuple[str, list[str]]:
    """The text with each range replaced by its suggestion, and the sentences that went in."""
    out: list[str] = []
    inserted: list[str] = []
    pos = 0
    for start, end, suggestion in replacements:
        before = text[pos:start]
        new = _without_repeated_name(text[:start], suggestion.rewrite)
        inserted.append(new)
        new = _keep_phone_number(text[start:end], new)
        if before.endswith(","):
            # "Hey Dave, it's Rick from Summit," + rewrite: end the kept clause as a sentence.
            before = before[:-1] + "."
        out.append(before)
        out.append((" " if before and not before[-1].isspace() else "") + new)
        pos = end
    out.append(text[pos:])
    return "".join(out), inserted


def rewrite(result: Result) -> str:
    """The draft with every flagged sentence replaced by its top suggestion; then each message-level
    gap (no purpose, nothing of value, no dated next step) that the new draft still has is filled
    with its own suggestion: a missing purpose right after the greeting, the rest before the sign-off.
    Once the topic has been named in full, inserted sentences after it use its short form."""

    text = result.text
    reading = read(text, message_from_text(text).excluded)
    replacements = _replacement_ranges(result)
    draft, inserted = _apply_replacements(text, replacements)
    # A replaced sentence often fills a gap already (a stated purpose, a dated step): re-check the
    # new draft and add only what is still missing. Judged at any length (the draft may have got
    # shorter than the checks' minimum), with 'on [day]' counted as the date it will be.
    gaps = {f.rule for f in result.findings if f.scope == "message"}
    still_missing = message_checks(with_probe_dates(draft), any_length=True) & gaps
    used = {s.tactic for _, _, s in replacements}
    if any(catalogue().tactics[t].closes for t in used):
        still_missing = set()  # a closing note (the push) ends there: no new value item or date after it
    additions = []
    up_front = []
    for f in sorted(result.findings, key=lambda f: f.rule):
        if f.scope != "message" or f.rule not in still_missing:
            continue
        if up_front or additions:
            # An added sentence can fill more than its own gap ("...and next we'll meet on [day]").
            so_far = " ".join([draft, *up_front, *additions])
            if f.rule not in message_checks(with_probe_dates(so_far), any_length=True):
                continue
        # Prefer a tactic the draft does not use yet: two 'agreed timeline' sentences read as nagging.
        pick = next((s for s in f.suggestions if s.tactic not in used), f.suggestions[0] if f.suggestions else None)
        if pick is not None and pick.rewrite not in draft:
            used.add(pick.tactic)
            (up_front if f.rule == UP_FRONT else additions).append(pick.rewrite)
    if reading.is_call:
        # Spoken, every added sentence costs the listener: one gap filled, the purpose first.
        additions = [] if up_front else additions[:1]
    if additions:
        if reading.is_call and "\n" not in draft.strip():
            draft = _insert_spoken(draft, " ".join(additions))
        else:
            draft = _insert_before_signoff(draft, " ".join(additions))
        inserted += additions
    if up_front:
        draft, added = _insert_up_front(draft, " ".join(up_front))
        inserted.append(added)
    return _shorten_repeated_topic(draft, inserted, reading.slots)


def _starts(draft: str) -> list[int]:
    """Sentence starts at their first visible character, each once."""

    out = set()
    for s in sentence_starts(draft):
        while s < len(draft) and draft[s].isspace():
            s += 1
        out.add(s)
    return sorted(out)


def _insert_spoken(draft: str, addition: str) -> str:
    """A voicemail is one paragraph, and the callback number is the last thing the listener should
    hear: the addition goes before the sentence that gives the number, else at the end."""
    numbers = [m for m in PHONE_NUMBER.finditer(draft) if sum(c.isdigit() for c in m.group(0)) >= 7]
    if numbers:
        at = max((s for s in _starts(draft) if s <= numbers[-1].start()), default=0)
        if at > 0:
            return draft[:at].rstrip() + " " + addition + " " + draft[at:]
    body = draft.rstrip()
    return body + " " + addition + draft[len(body) :]


SHORT_FORMS = {"topic": "topic_short", "last_meeting": "last_meeting_short"}
"""Slots with a short form for second mentions (found by slots.py: determiner + head noun)."""


def _shorten_repeated_topic(draft: str, inserted: list[str], found: dict[str, str]) -> str:
    """'the proposal for the fleet telematics rollout' three times in one draft reads like a form
    letter: after its first mention, inserted sentences say 'the proposal' (the slot `topic_short`;
    likewise 'the demo last Thursday' -> 'the demo'). The author's own sentences are never changed."""
    ours: list[tuple[int, int]] = []
    for piece in inserted:
        at = draft.find(piece)
        while at != -1:
            ours.append((at, at + len(piece)))
            at = draft.find(piece, at + 1)
    edits: list[tuple[int, int, str]] = []
    for slot, short_slot in SHORT_FORMS.items():
        full, short = found.get(slot), found.get(short_slot)
        if not full or not short or short == full:
            continue
        pattern = re.compile(f"(?i:{re.escape(full[0])}){re.escape(full[1:])}")
        for m in list(pattern.finditer(draft))[1:]:
            if any(a <= m.start() and m.end() <= b for a, b in ours):
                word = short[0].upper() + short[1:] if m.group(0)[0].isupper() else short
                edits.append((m.start(), m.end(), word))
    for start, end, word in sorted(edits, reverse=True):
        draft = draft[:start] + word + draft[end:]
    return draft


UP_FRONT = "SL951"
"""The missing purpose goes right after the greeting: the point of stating it is to lead with it."""


def _insert_up_front(draft: str, addition: str) -> tuple[str, str]:
    """Insert after a greeting sentence ("Hi Dana," / "Hi Mr. Olsen, this is Jenna.") and a caller's
    self-introduction after it ("Is this Mr. Brandt? This is Karl from Hydrotec."), else first.
    Returns the new draft and the text inserted."""
    first = len(draft) - len(draft.lstrip())
    starts = [s for s in _starts(draft) if s > first]
    end = starts[0] if starts else len(draft)
    if GREETING_START.match(draft[first:end]) and end < len(draft):
        for check in (_INTRO, _PLEASANTRY):
            later = [s for s in starts if s > end]
            if later and check.match(draft[end : later[0]]):
                end = later[0]
        body = end
        while body < len(draft) and draft[body].isspace():
            body += 1
        gap_start = len(draft[:end].rstrip())
        gap = draft[gap_start:body] or " "
        addition = _without_repeated_name(draft[:body], addition)
        return draft[:body] + addition + (gap if "\n" in gap else " ") + draft[body:], addition
    return draft[:first] + addition + ("\n\n" if "\n" in draft[first:] else " ") + draft[first:], addition


def _insert_before_signoff(draft: str, addition: str) -> str:
    """Put `addition` as its own paragraph before the sign-off: the last sign-off line ("Best,")
    before any quoted reply or signature block, else a bare name line there, else that block."""

    limit = next((s for s, _, kind in find_unanalysed(draft) if kind in ("quote", "signature")), len(draft))
    signoffs = [m for m in SIGN_OFF_IN_TEXT.finditer(draft) if m.start() < limit]
    if signoffs:
        at = signoffs[-1].start()
    else:
        at = limit
        lines = draft[:limit].rstrip().rsplit("\n", 1)
        if len(lines) == 2 and len(lines[1].split()) <= 3 and not lines[1].rstrip().endswith((".", "?", "!", ":")):
            at = len(lines[0]) + 1  # a bare name ("Sam") closing the author's text
    while at > 0 and draft[at - 1] in "\n \t":
        at -= 1
    rest = draft[at:].lstrip("\n")
    return draft[:at] + "\n\n" + addition + ("\n\n" + rest if rest.strip() else "\n")


def diff(result: Result, rewritten: str) -> str:
    """Unified diff from the analysed text to the rewrite."""
    lines = difflib.unified_diff(
        result.text.splitlines(keepends=True),
        rewritten.splitlines(keepends=True),
        fromfile=result.source,
        tofile=f"{result.source} (rewritten)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
