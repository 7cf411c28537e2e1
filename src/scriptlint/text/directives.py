"""Inline directives: `scriptlint: disable=SL101` and `disable-next-line` comments."""

from __future__ import annotations

import re

from scriptlint.text.lines import split_lines

SUPPRESS_RE = re.compile(
    r"scriptlint:\s*(?P<kind>disable-next-line|disable)(?:\s*=\s*(?P<codes>[A-Za-z0-9_, ]+))?", re.I
)


def suppressions(text: str) -> tuple[set[str] | None, dict[int, set[str] | None]]:
    """Inline directives: (`codes disabled for the file`, `{line number: codes disabled on it}`).

    `None` as a code set means every rule. Directives are comments in whatever form survives the
    format: `# scriptlint: disable=SL101` in plain text, `<!-- scriptlint: disable-next-line -->` in Markdown.
    """
    file_codes: set[str] | None = set()
    lines: dict[int, set[str] | None] = {}
    if not SUPPRESS_RE.search(text):  # no directive anywhere (nearly every text): no walk line by line
        return file_codes, lines
    for number, (_, _, line) in enumerate(split_lines(text), start=1):
        for m in SUPPRESS_RE.finditer(line):
            codes = {c.strip().upper() for c in (m.group("codes") or "").split(",") if c.strip()} or None
            if m.group("kind").lower() == "disable":
                if codes is None or file_codes is None:
                    file_codes = None
                else:
                    file_codes |= codes
            else:
                previous = lines.get(number + 1, set())
                lines[number + 1] = None if codes is None or previous is None else previous | codes
    return file_codes, lines
