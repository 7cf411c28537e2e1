"""Lines and character ranges: the unit every text rule works in."""

from __future__ import annotations

Range = tuple[int, int, str]
"""(start, end, kind): a character range of the analysed text and why it is special."""


def split_lines(text: str) -> list[Range]:
    """(start, end-without-newline, line) for every line: the kind slot holds the line itself."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        out.append((pos, pos + len(stripped), stripped))
        pos += len(line)
    return out


def merge_ranges(ranges: list[Range]) -> list[Range]:
    """Sort and merge touching ranges of the same kind (a quoted block is one range)."""
    merged: list[Range] = []
    for start, end, kind in sorted(ranges):
        if merged and merged[-1][2] == kind and start <= merged[-1][1] + 2:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), kind)
        else:
            merged.append((start, end, kind))
    return merged
