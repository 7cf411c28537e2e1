"""Readers for mail on disk: mbox, Maildir, folders of .eml/.txt files, single files.

Each reader streams: it holds one message at a time, so a 1 GB mbox costs the memory of its largest
message, not of the file. Parsing the email itself happens in the audit workers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from scriptlint.audit.items import (
    UNREADABLE,
    Fields,
    Item,
    Source,
    email_item,
    error_item,
    guarded,
    header_block,
    open_binary,
    position_id,
    suffix,
)
from scriptlint.errors import InputError
from scriptlint.text.decode import MAX_BYTES

MAILDIR_SUBDIRS = ("cur", "new", "tmp")
FILE_SUFFIXES = (".eml", ".txt", ".md", ".text", ".mbox")
"""What a plain folder contributes (recursively, hidden entries skipped)."""

# An mbox separator: "From " after a blank line, with a time of day in it (the first "From " line of
# the file always counts). The time check keeps an unescaped body line like "From now on, ..." from
# splitting a message.
_FROM_LINE = re.compile(rb"^From \S+.*\d{1,2}:\d\d")
_QUOTED_FROM = re.compile(rb"^>+From ")
_MOZILLA_STATUS = re.compile(rb"^X-Mozilla-Status:[ \t]*([0-9A-Fa-f]{4})", re.M)
_EXPUNGED = 0x0008  # Thunderbird keeps deleted messages in the file until "compact" with this flag


def is_maildir(path: Path) -> bool:
    """cur/, new/ and tmp/; an empty one is often lost in a copy (git, zip), so two of them will do."""
    parts = [(path / sub).is_dir() for sub in MAILDIR_SUBDIRS]
    return (parts[0] or parts[1]) and sum(parts) >= 2


def check_folder(path: Path, label: str) -> None:
    """A plain folder must hold something to audit: an empty one is a usage error, not an empty report."""
    if not any(True for _ in folder_files(path)):
        raise InputError(
            f"{label}: folder has no {', '.join(FILE_SUFFIXES)} files and is not a Maildir "
            "(one has at least two of cur/, new/ and tmp/)"
        )


# --- mbox ---------------------------------------------------------------------------------------


def iter_mbox(source: Source, fields: Fields | None = None) -> Iterator[Item]:
    """Split an mbox on its "From " lines while streaming (never the whole file in memory).

    `>From ` lines are unquoted (mboxrd); otherwise a body line "From x" would come back as ">From x"
    and be taken for a quoted reply. Messages Thunderbird marked deleted are skipped.
    """
    path = source.path
    index = 0
    lines: list[bytes] = []
    size = 0
    started = False
    previous_blank = True

    def finish() -> Item | None:
        if lines and lines[-1] in (b"\n", b"\r\n"):
            lines.pop()  # the blank line before the next "From " belongs to the separator
        return _mbox_item(lines, size, path, index)

    with open_binary(path) as stream:
        for line in stream:
            if line.startswith(b"From ") and (not started or (previous_blank and _FROM_LINE.match(line))):
                if started:
                    item = finish()
                    if item is not None:
                        yield item
                started = True
                index += 1
                lines, size, previous_blank = [], 0, False
                continue
            previous_blank = line in (b"\n", b"\r\n")
            if not started:
                continue
            if line.startswith(b">") and _QUOTED_FROM.match(line):
                line = line[1:]
            size += len(line)
            if size <= MAX_BYTES:
                lines.append(line)
        if started:
            item = finish()
            if item is not None:
                yield item


def _mbox_item(lines: list[bytes], size: int, path: Path, index: int) -> Item | None:
    """One collected mbox message as an item; None when Thunderbird marked it deleted."""
    label = f"{path}#{index}"
    if size > MAX_BYTES:
        return error_item(path, index, label, f"{label}: message is above the {MAX_BYTES // 2**20} MB limit")
    data = b"".join(lines)
    status = _MOZILLA_STATUS.search(header_block(data))
    if status and int(status.group(1), 16) & _EXPUNGED:
        return None
    return email_item(data, path, index, label)


def count_mbox(path: Path) -> int:
    count = 0
    previous_blank = True
    with open_binary(path) as stream:
        for line in stream:
            if line.startswith(b"From ") and (not count or (previous_blank and _FROM_LINE.match(line))):
                count += 1
            previous_blank = line in (b"\n", b"\r\n")
    return count


# --- Maildir and folders ------------------------------------------------------------------------


def iter_maildir(source: Source, fields: Fields | None = None) -> Iterator[Item]:
    """cur/ and new/ in name order; the id falls back to the file's unique name without its flags
    (`:2,S` changes when a message is read, and new/ moves to cur/)."""
    files = sorted((p for p in maildir_files(source.path) if not p.name.startswith(".")), key=lambda p: p.name)
    for path in files:
        unique = path.name.split(":", 1)[0]
        yield _file_item(path, str(path), source.path, f"maildir:{unique}", email=True)


def maildir_files(folder: Path) -> Iterator[Path]:
    for sub in ("new", "cur"):
        if (folder / sub).is_dir():
            yield from (p for p in (folder / sub).iterdir() if p.is_file())


def count_maildir(path: Path) -> int:
    return sum(1 for _ in maildir_files(path))


def folder_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if (
            path.is_file()
            and suffix(path) in FILE_SUFFIXES
            and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        ):
            yield path


def iter_folder(source: Source, fields: Fields | None = None) -> Iterator[Item]:
    for path in folder_files(source.path):
        fmt = "mbox" if suffix(path) == ".mbox" else ("eml" if suffix(path) == ".eml" else "text")
        if fmt == "mbox":
            yield from guarded(iter_mbox(Source(path=path, format="mbox")), path)
        else:
            yield _file_item(path, str(path), path, 0, email=fmt == "eml")


def count_folder(path: Path) -> int:
    return sum(count_mbox(p) if suffix(p) == ".mbox" else 1 for p in folder_files(path))


# --- single files -------------------------------------------------------------------------------


def iter_eml(source: Source, fields: Fields | None = None) -> Iterator[Item]:
    yield _file_item(source.path, str(source.path), source.path, 0, email=True)


def iter_text(source: Source, fields: Fields | None = None) -> Iterator[Item]:
    yield _file_item(source.path, str(source.path), source.path, 0, email=False)


def _file_item(path: Path, label: str, id_path: Path, position: str | int, *, email: bool) -> Item:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return error_item(id_path, position, label, f"{label}: file is above the {MAX_BYTES // 2**20} MB limit")
        with open_binary(path) as stream:
            data = stream.read()
    except UNREADABLE as exc:
        reason = getattr(exc, "strerror", None) or exc
        return error_item(id_path, position, label, f"{label}: cannot read ({reason})")
    if email:
        return email_item(data, id_path, position, label)
    return Item(id=position_id(id_path, position), source=label, kind="file", data=data)
