"""Audit sources: which reader a SOURCE needs, checks before any work, and one stream of messages.

Each reader (`mailbox_readers`: mbox, Maildir, folders, files; `export_readers`: CSV, JSONL) yields
one small `Item` per message and holds at most one message in memory. Parsing the email itself
happens in the audit workers; the readers only find where each message starts and ends, plus its id
(needed in the parent process so `--resume` can skip work before it is sent anywhere).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from scriptlint.audit.export_readers import check_csv, check_jsonl, count_csv, count_jsonl, iter_csv, iter_jsonl
from scriptlint.audit.items import UNREADABLE, Fields, Item, Source, guarded, open_binary, suffix
from scriptlint.audit.mailbox_readers import (
    check_folder,
    count_folder,
    count_maildir,
    count_mbox,
    is_maildir,
    iter_eml,
    iter_folder,
    iter_maildir,
    iter_mbox,
    iter_text,
)
from scriptlint.errors import InputError
from scriptlint.text.inputs import looks_like_rfc822

FORMATS = ("mbox", "maildir", "folder", "csv", "jsonl", "eml", "text")

_READERS: dict[str, Callable[[Source, Fields | None], Iterator[Item]]] = {
    "mbox": iter_mbox,
    "maildir": iter_maildir,
    "folder": iter_folder,
    "csv": iter_csv,
    "jsonl": iter_jsonl,
    "eml": iter_eml,
    "text": iter_text,
}

_COUNTERS: dict[str, Callable[[Path], int]] = {
    "mbox": count_mbox,
    "maildir": count_maildir,
    "folder": count_folder,
    "csv": count_csv,
    "jsonl": count_jsonl,
}
"""A quick count per format, no parsing; a single file is one message."""


def detect(path: Path) -> str:
    """Which reader a SOURCE needs: by suffix, else by its first bytes."""
    if path.is_dir():
        return "maildir" if is_maildir(path) else "folder"
    kind = suffix(path)
    if kind == ".csv":
        return "csv"
    if kind in (".jsonl", ".ndjson"):
        return "jsonl"
    if kind == ".eml":
        return "eml"
    if kind in (".txt", ".md", ".text"):
        return "text"
    try:
        with open_binary(path) as stream:
            head = stream.read(4096)
    except UNREADABLE as exc:  # zlib.error too: a damaged .gz names the file, not "internal error"
        raise InputError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    if head.startswith(b"From "):
        return "mbox"
    if looks_like_rfc822(head):
        return "eml"
    if kind == ".mbox":
        if not head.strip():
            return "mbox"  # an empty mailbox
        raise InputError(f"{path}: not an mbox file (it does not start with a 'From ' line)")
    raise InputError(f"{path}: unrecognised format; use .mbox, .eml, .txt, .csv, .jsonl or a Maildir/folder")


def check_sources(paths: list[str], fields: Fields | None = None) -> list[Source]:
    """Every SOURCE exists and is readable, with the fields it needs: usage errors before any work."""
    fields = fields or Fields()
    sources: list[Source] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: no such file or directory")
        fmt = detect(path)
        source = Source(path=path, format=fmt)
        if fmt == "csv":
            source.fields = check_csv(path, fields)
        elif fmt == "jsonl":
            check_jsonl(path, fields)
            source.keys = fields  # read with these keys later, whoever calls `iter_items`
        elif fmt == "folder":
            check_folder(path, raw)
        sources.append(source)
    return sources


def iter_items(sources: list[Source], fields: Fields | None = None) -> Iterator[Item]:
    """Every message of every source, in order, one at a time (`fields` overrides what each source was checked with)."""
    for source in sources:
        reader = _READERS[source.format]
        yield from guarded(reader(source, fields), source.path)


def count_messages(sources: list[Source]) -> int:
    """How many messages the sources hold (for the progress bar's ETA): a quick pass, no parsing."""
    total = 0
    for source in sources:
        try:
            total += _count(source)
        except (*UNREADABLE, InputError):  # only an estimate: the readers report what cannot be read
            pass
    return total


def _count(source: Source) -> int:
    counter = _COUNTERS.get(source.format)
    return counter(source.path) if counter else 1
