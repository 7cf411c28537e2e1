"""Lines and character ranges: the unit every text rule works in."""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from typing import Iterator

Range = tuple[int, int, str]
"""(start, end, kind): a character range of the analysed text and why it is special."""


_LINE = re.compile(
    "[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]*(?:(\r\n|[\n\r])|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])?"
)
"""One line as `str.splitlines(keepends=True)` cuts them; group 1 is a line end that `rstrip("\r\n")` removes."""


class Lines(Sequence):
    """The lines of a text as `split_lines` gives them, kept as two arrays of offsets (16 bytes a line);
    each line's text is cut when asked for. 64 MB of short lines as a list of tuples was 400 MB."""

    def __init__(self, text: str):
        self.text = text
        self.starts, self.ends = array("q"), array("q")
        for m in _LINE.finditer(text):
            start, end = m.span()
            if start == end:
                break  # the empty match at the end of the text
            self.starts.append(start)
            self.ends.append(end - len(m.group(1) or ""))

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        start, end = self.starts[i], self.ends[i]
        return start, end, self.text[start:end]

    def __iter__(self) -> Iterator[Range]:
        text = self.text
        for start, end in zip(self.starts, self.ends):
            yield start, end, text[start:end]


def split_lines(text: str) -> Lines:
    """(start, end-without-newline, line) for every line: the kind slot holds the line itself."""
    return Lines(text)


def merge_ranges(ranges: list[Range]) -> list[Range]:
    """Sort and merge touching ranges of the same kind (a quoted block is one range)."""
    merged: list[Range] = []
    for start, end, kind in sorted(ranges):
        if merged and merged[-1][2] == kind and start <= merged[-1][1] + 2:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), kind)
        else:
            merged.append((start, end, kind))
    return merged


OTHER_SPEAKER = re.compile(
    r"^[ \t]*(?:[-*•>][ \t]*)?(?:\*\*|__|\[)?[ \t]*"
    r"(?:the[ \t]+)?(?:prospect|customer|client|buyer|lead|them|they|contact|gatekeeper|receptionist|assistant|"
    r"decision[- ]maker|objection)"
    r"(?:[ \t]*\d{1,2})?(?:[ \t]*[(\[][^)\]\n]{0,40}[)\]])?[ \t]*(?:\*\*|__|\])?[ \t]*:",
    re.I | re.M,
)
"""A call-script line spoken by the other side ("Prospect: We already use a vendor.", "**Customer
(if busy):** ..."): not the author's words, so never judged (LABELS.md R7: only the author's text)."""


def other_speaker_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line a call script gives to the prospect, customer or gatekeeper."""
    out = []
    for m in OTHER_SPEAKER.finditer(text):
        end = text.find("\n", m.start())
        out.append((m.start(), len(text) if end == -1 else end))
    return out


_SLOT = re.compile(r"\{\{?[^{}\n]{1,60}\}\}?|\$\{[^}\n]{1,40}\}|\[\[?[^\[\]\n]{1,80}\]\]?|<[A-Z][\w ]{0,30}>")
_HEADING = re.compile(r"^\s*(?:#{1,6}\s+\S.*|(?:\*\*|__)[^*_\n]{1,60}(?:\*\*|__):?)\s*$")
_MARKS = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)]|[a-z][.)])\s+|[\s\W_]+")


def is_label_line(unit: str, line: str) -> bool:
    """Is this unit a whole line that labels or holds a place rather than says something?

    A merge field alone ("- {{time_option_2}}", "[Your name]"), a markdown or bold heading
    ("## Next steps", "**Pricing**"), or a short list label or section title ending in a colon
    ("Open items:", "What we agreed:"). A question is never a label."""
    unit, line = unit.strip(), line.strip()
    if not unit or unit != line or unit.endswith("?"):
        return False
    if not re.search(r"[A-Za-z]", _MARKS.sub(" ", _SLOT.sub(" ", unit))):
        return True
    if _HEADING.match(unit):
        return True
    return unit.endswith(":") and len(unit.split()) <= 6
