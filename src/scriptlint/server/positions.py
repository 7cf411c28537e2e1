"""Character offsets <-> LSP positions.

LSP counts a position's `character` in the negotiated encoding's code units: UTF-16 unless client
and server agree otherwise, so an emoji (one Python character) is two units. Lines end at `\\n`,
`\\r\\n` or `\\r`, as the protocol says.
"""

from __future__ import annotations

import bisect
import re

_BREAK = re.compile(r"\r\n|\r|\n")
ENCODINGS = ("utf-16", "utf-8", "utf-32")


def units(chars: str, encoding: str = "utf-16") -> int:
    """How many code units of `encoding` the string takes."""
    if encoding == "utf-32":
        return len(chars)
    if encoding == "utf-8":
        return len(chars.encode("utf-8", "surrogatepass"))
    return len(chars) + sum(1 for c in chars if ord(c) > 0xFFFF)


class Positions:
    """One text's line starts, to convert offsets and positions both ways."""

    def __init__(self, text: str, encoding: str = "utf-16"):
        self.text = text
        self.encoding = encoding if encoding in ENCODINGS else "utf-16"
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]

    def line_text(self, line: int) -> str:
        """The line's characters without its line break."""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character), both 0-based, for a character offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        # An offset between "\r" and "\n" is not a position: count it as the end of the line.
        column_text = self.text[start:offset].rstrip("\r\n") if offset < len(self.text) else self.text[start:offset]
        return line, units(column_text, self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The character offset of a position; past the end of a line means its end."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        count = 0
        for i, char in enumerate(self.line_text(line)):
            if count >= character:
                return start + i
            count += units(char, self.encoding)
        return start + len(self.line_text(line))

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, max(0, min(offset, len(self.text)))) - 1
