"""Bytes to text: UTF-8 first, then UTF-16 and a guessed charset, with a warning for each guess."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from scriptlint.errors import InputError

MAX_BYTES = 64 * 1024 * 1024
"""Inputs above this are refused: nobody writes a 64 MB email, and it bounds memory."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the head mean this is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def utf16_text(data: bytes) -> str | None:
    """The text of a UTF-16 file (Windows "Unicode" text: a BOM, or ASCII-range text with every other
    byte NUL), else None. Checked before `looks_binary`, which would take its NUL bytes for binary."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"
    else:
        head = data[:8192]
        pairs = len(head) // 2
        if pairs < 2 or len(data) % 2:
            return None
        even_nul = head[0 : 2 * pairs : 2].count(0)
        odd_nul = head[1 : 2 * pairs : 2].count(0)
        if odd_nul >= 0.9 * pairs and even_nul == 0:
            encoding = "utf-16-le"
        elif even_nul >= 0.9 * pairs and odd_nul == 0:
            encoding = "utf-16-be"
        else:
            return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    text = text[1:] if text.startswith("\ufeff") else text
    head = text[:4096]
    # Random bytes after a BOM-like start decode too, but to control, private-use and unassigned code points.
    odd = sum(1 for ch in head if unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") and ch not in "\t\n\r\f")
    return text if odd <= 0.02 * len(head) else None


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
        from charset_normalizer import from_bytes  # lazy: only non-UTF-8 input needs a charset guess

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
        with path.open("rb") as stream:  # bounded: a FIFO or a device (/dev/zero) has no size to check first
            data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"{path}: more than the {MAX_BYTES // 2**20} MB limit")
        return data
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
