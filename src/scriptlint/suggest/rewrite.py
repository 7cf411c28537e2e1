"""Applying the composer's plan to a draft: the rewrite a salesperson would send.

The result is a new text (or a unified diff); the input is never written. Only the flagged runs
change, in place: the subject stays first, the sign-off and everything below it stay last, speaker
labels stay on their lines. Bracketed placeholders mark what only the salesperson can supply.
"""

from __future__ import annotations

import difflib
from datetime import date

from scriptlint.detect.reading import Reading, read
from scriptlint.findings import Result
from scriptlint.suggest.compose import Edit, plan
from scriptlint.text.message import message_from_text


def reading_for(result: Result, today: date | None = None) -> Reading:
    """The message reading a rewrite uses: its own text, the Date header when the input had one
    (an .eml, or `meta["headers"]`), or the caller's `today`."""
    headers = dict(result.meta.get("headers") or {})
    return read(result.text, message_from_text(result.text).excluded, headers, today=today)


def rewrite_plan(result: Result, *, today: date | None = None) -> list[str]:
    """The tactics the rewrite applies, primary first ('cut' when the hollow lines are deleted)."""
    return plan(result, reading_for(result, today)).tactics


def rewrite(result: Result, *, today: date | None = None) -> str:
    """The draft with every run of flagged sentences edited (see compose.py); unchanged when
    nothing is flagged. `today` resolves dates for a plain draft (an email's Date header does it
    for an .eml); without either, a proposed day stays the placeholder `[day]`."""
    return apply(result.text, plan(result, reading_for(result, today)).edits)


def apply(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits, last first; a deleted sentence takes its spacing with it, and a
    line it leaves empty goes too (never a blank line more than the draft had)."""
    out = text
    for edit in sorted(edits, key=lambda e: (-e.start, -e.end)):
        if edit.new:
            out = out[: edit.start] + edit.new + out[edit.end :]
        else:
            out = _delete(out, edit.start, edit.end)
    return out


def _delete(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before, after = text[line_start:start], text[end:line_end]
    if not before.strip() and not after.strip():
        # The whole line goes; keep at most the blank lines the draft had around it.
        prev_blank = line_start >= 2 and text[line_start - 2] == "\n"
        next_blank = text[line_end : line_end + 2] == "\n\n"
        cut_end = line_end + 1 if line_end < len(text) else line_end
        if prev_blank and next_blank:
            cut_end += 1
        return text[:line_start] + text[cut_end:]
    if not after.strip():
        while start > line_start and text[start - 1] in " \t":
            start -= 1
        return text[:start] + text[end:]
    while end < line_end and text[end] in " \t":
        end += 1
    return text[:start] + text[end:]


def diff(result: Result, rewritten: str) -> str:
    """Unified diff from the analysed text to the rewrite."""
    lines = difflib.unified_diff(
        result.text.splitlines(keepends=True),
        rewritten.splitlines(keepends=True),
        fromfile=result.source,
        tofile=f"{result.source} (rewritten)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
