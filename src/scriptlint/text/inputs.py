"""Paths and streams to Messages: files, folders, stdin, plain text or email."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from scriptlint.errors import InputError
from scriptlint.text.decode import MAX_BYTES, decode, looks_binary, read_bytes, utf16_text
from scriptlint.text.message import Message, message_from_text

TEXT_SUFFIXES = (".txt", ".md", ".eml", ".msg", ".text", ".markdown")


def message_from_bytes(data: bytes, name: str, *, email: bool = False) -> Message:
    """Bytes of one input (file or stdin) to a Message; `email` selects RFC 822 parsing."""
    warnings: list[str] = []
    if (utf16 := utf16_text(data)) is not None:
        data = utf16.encode("utf-8")
        warnings.append(f"{name}: not UTF-8; decoded as UTF-16")
    if email or looks_like_rfc822(data):
        from scriptlint.text.mime import parse_email  # lazy: plain-text lint never needs the email parser

        message = parse_email(data, name)
        message.warnings[:0] = warnings
        return message
    if looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text")
    text, decode_warnings = decode(data, name)
    warnings += decode_warnings
    message = message_from_text(text)
    message.warnings[:0] = warnings
    if not text.strip():
        message.warnings.append(f"{name}: empty input, nothing to lint")
    return message


def read_path(path: Path) -> Message:
    data = read_bytes(path)
    if path.suffix.lower() == ".msg":
        from scriptlint.text.mime import parse_msg  # lazy: Outlook files need an optional extra

        return parse_msg(data, str(path))
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
#
# Line-based on purpose: every rule marks whole lines, so a range never cuts the author's words.
# Tried against mail-parser-reply and email-reply-parser on tests/fixtures/emails/quotes (see
# compare_quote_detectors.py there): both return stripped text rather than ranges, drop inline
# answers between quotes, or miss signatures without a `-- ` line, so the rules live here.
# Errors are biased one way: when unsure, text stays analysed (a missed finding in the author's


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
            files = _text_files(path)
            if not files:
                raise InputError(f"{raw}: folder has no {', '.join(TEXT_SUFFIXES)} files")
            out.extend(files)
        elif path.exists():
            out.append(raw)
        else:
            raise InputError(f"{raw}: no such file or directory")
    return out


def _text_files(folder: Path) -> list[str]:
    """The text files under `folder` (sorted; hidden files and folders skipped). A subfolder that
    cannot be read is an error naming it, not a silent gap."""

    def fail(exc: OSError) -> None:
        raise InputError(f"{exc.filename or folder}: cannot read folder ({exc.strerror})")

    found = []
    for root, dirs, names in os.walk(folder, onerror=fail):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            candidate = Path(root) / name
            if not name.startswith(".") and candidate.suffix.lower() in TEXT_SUFFIXES and candidate.is_file():
                found.append(str(candidate))
    return sorted(found)


def read_input(source: str, stdin: Any = None) -> Message:
    """One expanded input (a path, or `-` for stdin bytes) to a Message."""
    if source == "-":
        if stdin is None and sys.stdin is None:
            raise InputError("stdin: closed, nothing to read")
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"stdin: more than the {MAX_BYTES // 2**20} MB limit")
        return message_from_bytes(data, "stdin")
    return read_path(Path(source))
