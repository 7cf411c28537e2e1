"""Turning inputs into the text we analyse, and marking what is not the author's own words.

Quoted replies, forwarded blocks, signatures and suppression-comment lines stay in the text (so
offsets point into what the user wrote) but are listed as `excluded` ranges that no stage analyses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_BYTES = 64 * 1024 * 1024
"""Inputs above this are refused: nobody writes a 64 MB email, and it bounds memory."""

TEXT_SUFFIXES = (".txt", ".md", ".eml", ".text", ".markdown")


class InputError(Exception):
    """Input we cannot analyse; its message is the one line shown to the user."""


@dataclass
class Message:
    """The analysed text of one input plus what is known about it."""

    text: str
    excluded: list[tuple[int, int, str]] = field(default_factory=list)
    # True when `text` is not the input's own bytes decoded (e.g. an extracted email body).
    extracted: bool = False
    subject: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    attachments: int = 0
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


# --- decoding ---------------------------------------------------------------------------------


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the head mean this is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def decode(data: bytes, name: str = "input") -> tuple[str, list[str]]:
    """Decode bytes as UTF-8; otherwise the best-guess charset; otherwise UTF-8 with replacement."""
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    guess = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
        if best is not None and best.encoding and best.encoding.lower() not in ("utf_8", "utf-8", "ascii"):
            guess = best.encoding
    except Exception:  # a detector failure must not stop a lint
        guess = None
    if guess:
        try:
            text = data.decode(guess)
            warnings.append(f"{name}: not valid UTF-8 (byte {bad_at}); decoded as {guess}")
            return text, warnings
        except (UnicodeDecodeError, LookupError):
            pass
    warnings.append(f"{name}: not valid UTF-8 (byte {bad_at}); undecodable bytes replaced with U+FFFD")
    return data.decode("utf-8", errors="replace"), warnings


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if size > MAX_BYTES:
        raise InputError(f"{path}: file is {size / 2**20:.0f} MB, above the {MAX_BYTES // 2**20} MB limit")
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def message_from_bytes(data: bytes, name: str, *, email: bool = False) -> Message:
    """Bytes of one input (file or stdin) to a Message; `email` selects RFC 822 parsing."""
    if email or looks_like_rfc822(data):
        from .email_input import parse_email  # imported lazily: plain-text lint does not need it

        return parse_email(data, name)
    if looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text")
    text, warnings = decode(data, name)
    message = message_from_text(text)
    message.warnings[:0] = warnings
    if not text.strip():
        message.warnings.append(f"{name}: empty input, nothing to lint")
    return message


def read_path(path: Path) -> Message:
    data = read_bytes(path)
    return message_from_bytes(data, str(path), email=path.suffix.lower() == ".eml")


_HEADER_RE = re.compile(rb"^(?:From|To|Subject|Date|Message-ID|MIME-Version|Received|Return-Path):", re.I | re.M)


def looks_like_rfc822(data: bytes) -> bool:
    """A stdin stream that starts with mail headers is treated as an email."""
    head = data[:4096]
    first = head.split(b"\n", 1)[0]
    if not re.match(rb"^[A-Za-z][A-Za-z0-9-]*: ", first):
        return False
    header_block = head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    return len(_HEADER_RE.findall(header_block)) >= 2


# --- what is not the author's own text ----------------------------------------------------------

_QUOTE_LINE = re.compile(r"^[ \t]*>")
_ATTRIBUTION = re.compile(
    r"^[ \t]*(On .{3,200}(wrote|schrieb|a écrit|escribió)\s*:|.{0,80}\bwrote:)[ \t]*$", re.I
)
_ORIGINAL = re.compile(
    r"^[ \t]*(-{2,}\s*Original Message\s*-{2,}|-{2,}\s*Forwarded message\s*-{2,}|"
    r"Begin forwarded message:|_{10,})[ \t]*$",
    re.I,
)
_OUTLOOK_HEADER = re.compile(r"^[ \t]*\*?From:\*?\s.+$", re.I)
_SIG_DASHES = re.compile(r"^-- ?$")
_MOBILE_SIG = re.compile(r"^[ \t]*(Sent from my \w+.*|Get Outlook for \w+.*|Sent from Mail for Windows.*)$", re.I)
SUPPRESS_RE = re.compile(
    r"scriptlint:\s*(?P<kind>disable-next-line|disable)(?:\s*=\s*(?P<codes>[A-Za-z0-9_, ]+))?", re.I
)


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end-without-newline, line) for every line."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        out.append((pos, pos + len(stripped), stripped))
        pos += len(line)
    return out


def find_unanalysed(text: str) -> list[tuple[int, int, str]]:
    """Ranges of quoted replies, forwarded/original blocks, signatures and directive lines."""
    ranges: list[tuple[int, int, str]] = []
    lines = _lines(text)
    i = 0
    while i < len(lines):
        start, end, line = lines[i]
        if SUPPRESS_RE.search(line):
            ranges.append((start, end, "directive"))
        elif _ORIGINAL.match(line) or (
            _OUTLOOK_HEADER.match(line) and i + 1 < len(lines) and re.match(r"^\s*\*?(Sent|Date|To):", lines[i + 1][2], re.I)
        ):
            # Everything from an "Original Message"/forward marker on is someone else's text.
            ranges.append((start, len(text), "quote"))
            break
        elif _ATTRIBUTION.match(line) and _quote_follows(lines, i):
            ranges.append((start, end, "quote"))
        elif _QUOTE_LINE.match(line):
            ranges.append((start, end, "quote"))
        elif _SIG_DASHES.match(line) or _MOBILE_SIG.match(line):
            j = i + 1
            while j < len(lines) and not (_QUOTE_LINE.match(lines[j][2]) or _ATTRIBUTION.match(lines[j][2]) or _ORIGINAL.match(lines[j][2])):
                j += 1
            sig_end = lines[j - 1][1]
            ranges.append((start, sig_end, "signature"))
            i = j
            continue
        i += 1
    return merge_ranges(ranges)


def _quote_follows(lines: list[tuple[int, int, str]], i: int) -> bool:
    for _, _, nxt in lines[i + 1 : i + 4]:
        if nxt.strip():
            return bool(_QUOTE_LINE.match(nxt))
    return True


def merge_ranges(ranges: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sort and merge touching ranges of the same kind (a quoted block is one range)."""
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(ranges):
        if merged and merged[-1][2] == kind and start <= merged[-1][1] + 2:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), kind)
        else:
            merged.append((start, end, kind))
    return merged


def message_from_text(text: str) -> Message:
    return Message(text=text, excluded=find_unanalysed(text))


def suppressions(text: str) -> tuple[set[str] | None, dict[int, set[str] | None]]:
    """Inline directives: (`codes disabled for the file`, `{line number: codes disabled on it}`).

    `None` as a code set means every rule. Directives are comments in whatever form survives the
    format: `# scriptlint: disable=SL101` in plain text, `<!-- scriptlint: disable-next-line -->` in Markdown.
    """
    file_codes: set[str] | None = set()
    lines: dict[int, set[str] | None] = {}
    for number, (_, _, line) in enumerate(_lines(text), start=1):
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


def expand_paths(paths: list[str]) -> list[str]:
    """Inputs in the order given; a folder becomes its text files (sorted, recursive); `-` is stdin.

    Raises InputError for a missing path or a folder with no text files: a usage error, found
    before any work starts.
    """
    out: list[str] = []
    for raw in paths:
        if raw == "-":
            out.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                raise InputError(f"{raw}: folder has no {', '.join(TEXT_SUFFIXES)} files")
            out.extend(files)
        elif path.exists():
            out.append(raw)
        else:
            raise InputError(f"{raw}: no such file or directory")
    return out


def read_input(source: str, stdin: Any = None) -> Message:
    """One expanded input (a path, or `-` for stdin bytes) to a Message."""
    if source == "-":
        import sys

        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"stdin: more than the {MAX_BYTES // 2**20} MB limit")
        return message_from_bytes(data, "stdin")
    return read_path(Path(source))
