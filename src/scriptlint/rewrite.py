"""Applying suggestions to a draft: each flagged sentence becomes its top rewrite.

The result is a new text (or a unified diff); the input is never written. Bracketed placeholders
stay in the output on purpose: they mark the value only the salesperson can supply.
"""

from __future__ import annotations

import difflib
import re

from .findings import Result, Suggestion
from .report import sentence_bounds
from .suggest import message_checks

_GREETING = re.compile(r"^\s*(hi|hey|hello|dear|good (morning|afternoon|evening)|hiya|morning)\b", re.I)
_BULLET = re.compile(r"([-*•·–]|\d{1,2}[.)])[ \t]+")
_SIGNOFF = re.compile(
    r"^\s*(best|best regards|kind regards|warm regards|regards|cheers|thanks|thank you|many thanks|sincerely|"
    r"talk soon|all the best|warmly|thanks and regards)\b[^.!?\n]{0,30}[,!.]?\s*$",
    re.I | re.M,
)


_LEADING_NAME = re.compile(r"^((?:(?:Mr|Mrs|Ms|Dr)\.? )?[A-Z][\w'’.-]*), (\w)")


def _without_repeated_name(before: str, new: str) -> str:
    """"Hi Dana,\n\nDana, I'm writing..." reads oddly: drop a leading name the greeting just used."""
    m = _LEADING_NAME.match(new)
    if not m:
        return new
    greeting = before.rstrip().rsplit("\n", 1)[-1]
    if _GREETING.match(greeting) and m.group(1) in greeting:
        return m.group(2).upper() + new[m.end():]
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
        if _GREETING.match(text[start:f.start]):
            cut = text.rfind(",", start, f.start)
            if cut != -1:
                start = cut + 1
        while start < end and text[start].isspace():
            start += 1
        bullet = _BULLET.match(text, start)
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
    return not gap.strip() and gap.count("\n") <= 1 and not _BULLET.match(text, gap_end - len(gap) + len(gap.rstrip(" \t")))


def rewrite(result: Result) -> str:
    """The draft with every flagged sentence replaced by its top suggestion; then each message-level
    gap (no purpose, nothing of value, no dated next step) that the new draft still has is filled
    with its own suggestion: a missing purpose right after the greeting, the rest before the sign-off."""
    text = result.text
    out: list[str] = []
    pos = 0
    replacements = _replacement_ranges(result)
    for start, end, suggestion in replacements:
        before = text[pos:start]
        new = _without_repeated_name(text[:start], suggestion.rewrite)
        if before.endswith(","):
            # "Hey Dave, it's Rick from Summit," + rewrite: end the kept clause as a sentence.
            before = before[:-1] + "."
        out.append(before)
        out.append((" " if before and not before[-1].isspace() else "") + new)
        pos = end
    out.append(text[pos:])
    draft = "".join(out)
    # A replaced sentence often fills a gap already (a stated purpose, a dated step): re-check the
    # new draft and add only what is still missing.
    still_missing = message_checks(draft)
    used = {s.tactic for _, _, s in replacements}
    additions = []
    up_front = []
    for f in result.findings:
        if f.scope != "message" or f.rule not in still_missing:
            continue
        # Prefer a tactic the draft does not use yet: two 'agreed timeline' sentences read as nagging.
        pick = next((s for s in f.suggestions if s.tactic not in used), f.suggestions[0] if f.suggestions else None)
        if pick is not None and pick.rewrite not in draft:
            used.add(pick.tactic)
            (up_front if f.rule == UP_FRONT else additions).append(pick.rewrite)
    if additions:
        draft = _insert_before_signoff(draft, " ".join(additions))
    if up_front:
        draft = _insert_up_front(draft, " ".join(up_front))
    return draft


UP_FRONT = "SL951"
"""The missing purpose goes right after the greeting: the point of stating it is to lead with it."""


def _insert_up_front(draft: str, addition: str) -> str:
    """Insert after a greeting sentence ("Hi Dana," / "Hi Mr. Olsen, this is Jenna."), else first."""
    from .pipeline import sentence_starts

    first = len(draft) - len(draft.lstrip())
    starts = [s for s in sentence_starts(draft) if s > first]
    end = starts[0] if starts else len(draft)
    if _GREETING.match(draft[first:end]) and end < len(draft):
        body = end
        while body < len(draft) and draft[body].isspace():
            body += 1
        gap_start = len(draft[:end].rstrip())
        gap = draft[gap_start:body] or " "
        addition = _without_repeated_name(draft[:body], addition)
        return draft[:body] + addition + (gap if "\n" in gap else " ") + draft[body:]
    return draft[:first] + addition + ("\n\n" if "\n" in draft[first:] else " ") + draft[first:]


def _insert_before_signoff(draft: str, addition: str) -> str:
    """Put `addition` as its own paragraph before the sign-off: the last sign-off line ("Best,")
    before any quoted reply or signature block, else a bare name line there, else that block."""
    from .messages import find_unanalysed

    limit = next((s for s, _, kind in find_unanalysed(draft) if kind in ("quote", "signature")), len(draft))
    signoffs = [m for m in _SIGNOFF.finditer(draft) if m.start() < limit]
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
