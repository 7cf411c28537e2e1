"""What every audit reader yields and shares: `Item`, `Source`, `Fields` and message ids.

Kept below the readers and `sources` (which dispatches to them), so a reader never imports a module
that imports it back.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator

from scriptlint.errors import InputError

_MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(?:\r?\n[ \t]+)?(<[^>\r\n]*>|\S+)", re.I | re.M)

UNREADABLE = (OSError, EOFError, zlib.error)
"""What reading a file can raise part-way: a `.gz` cut short or corrupt, a disk error."""


@dataclass(frozen=True)
class Fields:
    """Column (CSV) or key (JSONL; dotted for nested objects) names chosen by the user; None = defaults."""

    sender: str | None = None
    date: str | None = None
    subject: str | None = None
    body: str | None = None
    to: str | None = None  # the recipient: the counterpart of a sent message, for threading without headers
    direction: str | None = None  # "inbound"/"outbound" (CRM exports): inbound rows are received mail


@dataclass
class Item:
    """One message on its way to a worker.

    kind: "email" (RFC 822 bytes), "file" (a text file's bytes), "text" (a body from a CSV/JSONL row,
    with `sender`/`date`/`subject` from its columns), or "error" (`data` is the reason).
    """

    id: str
    source: str
    kind: str
    data: bytes | str
    sender: str | None = None
    date: str | None = None
    subject: str | None = None
    to: str | None = None
    direction: str | None = None
    thread: str | None = None  # a thread/conversation id column of a CRM export


@dataclass
class Source:
    """One SOURCE argument, checked before any work starts."""

    path: Path
    format: str
    fields: dict[str, str | None] = field(default_factory=dict)  # resolved CSV columns
    keys: Fields | None = None  # JSONL: the keys the user named (--sender-field ...), read with the file


def position_id(path: Path, position: str | int) -> str:
    """A stable id for a message without a Message-ID: its source file and position in it."""
    digest = hashlib.sha1(f"{path.resolve()}\0{position}".encode("utf-8", "surrogateescape")).hexdigest()
    return f"pos:{digest[:20]}"


def message_id(head: bytes) -> str | None:
    match = _MESSAGE_ID.search(head)
    if not match:
        return None
    value = match.group(1).decode("ascii", "replace").strip().strip("<>").strip()
    return value or None


def header_block(data: bytes) -> bytes:
    """The header block (bounded, so a message without a blank line costs nothing extra)."""
    head = data[:65536]
    for sep in (b"\n\n", b"\r\n\r\n"):
        cut = head.find(sep)
        if cut != -1:
            return head[:cut]
    return head


def email_item(data: bytes, path: Path, position: str | int, source: str) -> Item:
    return Item(
        id=message_id(header_block(data)) or position_id(path, position), source=source, kind="email", data=data
    )


def suffix(path: Path) -> str:
    """The suffix that names the format: `.mbox` for `team.mbox.gz`."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes as a stream (`.gz` is decompressed on the fly)."""
    try:
        if path.suffix.lower() == ".gz":
            return gzip.open(path, "rb")
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def error_item(id_path: Path, position: str | int, source: str, reason: str) -> Item:
    """A message that cannot be read: one error line in the results instead of a stopped audit."""
    return Item(id=position_id(id_path, position), source=source, kind="error", data=reason)


def guarded(items: Iterator[Item], path: Path) -> Iterator[Item]:
    """A file that cannot be read to its end ends with an error line instead of stopping the audit."""
    try:
        yield from items
    except UNREADABLE as exc:
        reason = getattr(exc, "strerror", None) or exc
        yield error_item(path, "unreadable", str(path), f"{path}: cannot read the rest of the file ({reason})")
