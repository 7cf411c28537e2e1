"""Bytes to text: UTF-8 first, then UTF-16 and a guessed charset, with a warning for each guess."""

from __future__ import annotations

import codecs
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


COMMON_CHARSETS = frozenset(
    "cp1250 cp1251 cp1253 cp1254 cp1255 cp1256 cp1257 koi8_r koi8_u shift_jis cp932 euc_jp iso2022_jp gb2312 gbk "
    "gb18030 big5 big5hkscs euc_kr cp949 iso8859_2 iso8859_5 iso8859_7 iso8859_8 iso8859_9 tis_620 cp874".split()
)
"""Charsets a detector's guess is trusted for; anything rarer (cp1006, mac_iceland, ...) loses to
Windows Western European, which is what a stray byte in English mail almost always is."""
MOSTLY_ASCII = 0.02
_ASCII = bytes(range(128))
_LATIN1_FALLBACK = "scriptlint-latin1"
codecs.register_error(_LATIN1_FALLBACK, lambda exc: (exc.object[exc.start : exc.end].decode("latin-1"), exc.end))


def decode(data: bytes, name: str = "input") -> tuple[str, list[str]]:
    """Decode bytes as UTF-8; else cp1252 (or Latin-1) unless a detector is sure of a common
    charset for text that is not mostly ASCII; a warning names what was used."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    head = data[:1_000_000]
    high = len(head.translate(None, _ASCII))  # bytes above 127
    guess = _detect(head) if high > max(8, MOSTLY_ASCII * len(head)) else None
    if guess:
        try:
            return data.decode(guess), [f"{name}: not valid UTF-8 (byte {bad_at}); decoded as {guess}"]
        except (UnicodeDecodeError, LookupError):
            pass
    # The five bytes cp1252 leaves undefined read as Latin-1 (U+0081 ...), so nothing is lost.
    return data.decode("cp1252", errors=_LATIN1_FALLBACK), [
        f"{name}: not valid UTF-8 (byte {bad_at}); decoded as cp1252"
    ]


def _detect(head: bytes) -> str | None:
    """charset_normalizer's guess when it is a common charset, else None."""
    try:
        from charset_normalizer import from_bytes  # lazy: only non-UTF-8 input needs a charset guess

        best = from_bytes(head).best()
    except Exception:  # a detector failure must not stop a lint
        return None
    encoding = (best.encoding or "").lower() if best is not None else ""
    return encoding if encoding in COMMON_CHARSETS else None


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
