"""Readers for CRM exports: CSV and JSONL, one message per row, streamed.

A row carries the body and, in other columns or keys, the sender, date and subject. Which columns
those are is guessed from common names (`DEFAULT_FIELDS`) or given by the user (`Fields`); both are
checked against the header or the first record before any work starts.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any, Iterator

from scriptlint.audit.items import Fields, Item, Source, error_item, open_binary, position_id
from scriptlint.errors import InputError
from scriptlint.text.decode import MAX_BYTES

# Defaults for CRM exports, compared after normalising (lowercase; spaces, dots and hyphens -> "_").
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "sender": (
        "from",
        "sender",
        "from_email",
        "from_address",
        "sender_email",
        "email_from",
        "owner",
        "owner_email",
        "owner_name",
        "user",
        "user_email",
        "author",
        "sales_rep",
        "rep",
        "created_by",
    ),
    "date": (
        "sent_at",
        "date",
        "sent",
        "sent_date",
        "date_sent",
        "sent_on",
        "timestamp",
        "created_at",
        "created",
        "createddate",
        "activity_date",
        "activitydate",
        "time",
    ),
    "subject": ("subject", "email_subject", "title"),
    "body": (
        "body",
        "text",
        "content",
        "message",
        "body_text",
        "text_body",
        "plain_text",
        "email_body",
        "description",
        "body_html",
        "html_body",
        "html",
        "notes",
    ),
    "id": ("message_id", "messageid", "internet_message_id"),
    # For threads and replies (optional): who it went to, which way it went, the CRM's conversation id.
    "to": ("to", "to_email", "to_address", "recipient", "recipients", "recipient_email", "email_to", "contact_email"),
    "direction": ("direction", "email_direction", "inbound_outbound", "in_out"),
    "thread": ("thread_id", "threadid", "conversation_id", "conversationid", "thread"),
}

THREAD_KINDS = ("to", "direction", "thread")

_MISSING = object()


def normalise(name: str) -> str:
    return re.sub(r"[\s.\-]+", "_", name.strip().lower())


def _row_item(path: Path, number: int, values: dict[str, Any], row_id: str | None) -> Item:
    label = f"{path}#{number}"
    body = values.get("body")
    text = "" if body is None else body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    text = _SURROGATE.sub("\ufffd", text)  # half a surrogate pair cannot be written out as UTF-8
    return Item(
        id=row_id.strip().strip("<>").strip() if row_id and row_id.strip() else position_id(path, number),
        source=label,
        kind="text",
        data=text,
        sender=_text(values.get("sender")),
        date=_text(values.get("date")),
        subject=_text(values.get("subject")),
        to=_text(values.get("to")),
        direction=_text(values.get("direction")),
        thread=_text(values.get("thread")),
    )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):  # {"name": ..., "email": ...}
        value = value.get("email") or value.get("address") or value.get("name")
    elif isinstance(value, list):
        value = value[0] if value else None
        return _text(value)
    text = str(value).strip() if value is not None else ""
    if _SURROGATE.search(text):  # JSON may escape half a pair ("\ud800"): not encodable, so replaced
        text = _SURROGATE.sub("\ufffd", text)
    return text or None


_SURROGATE = re.compile("[\ud800-\udfff]")


# --- CSV ----------------------------------------------------------------------------------------


def check_csv(path: Path, fields: Fields) -> dict[str, str | None]:
    """The column for each field (the user's choice, else the first default present); a body is required."""
    columns = _csv_header(path)
    resolved = {
        kind: _pick(columns, getattr(fields, kind, None), kind, path) for kind in ("sender", "date", "subject", "body")
    }
    resolved["id"] = _pick(columns, None, "id", path)
    for kind in THREAD_KINDS:
        resolved[kind] = _pick(columns, getattr(fields, kind, None), kind, path)
    if resolved["body"] is None:
        raise InputError(
            f"{path}: no body column (looked for {', '.join(DEFAULT_FIELDS['body'][:6])}, ...; "
            f"columns: {', '.join(columns)}); pass --body-field"
        )
    return resolved


def _pick(columns: list[str], wanted: str | None, kind: str, path: Path) -> str | None:
    """The column for `kind`: the user's name (must exist) or the first default present."""
    by_norm = {}
    for column in columns:
        by_norm.setdefault(normalise(column), column)
    if wanted is not None:
        if wanted in columns:
            return wanted
        if normalise(wanted) in by_norm:
            return by_norm[normalise(wanted)]
        raise InputError(f"{path}: no column {wanted!r} for --{kind}-field (columns: {', '.join(columns) or 'none'})")
    return next((by_norm[name] for name in DEFAULT_FIELDS[kind] if name in by_norm), None)


def _csv_header(path: Path) -> list[str]:
    with open_binary(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        try:
            header = next(csv.reader(text), None)
        except csv.Error as exc:
            raise InputError(f"{path}: unreadable CSV header ({exc})") from None
    columns = [c.strip() for c in header or [] if c.strip()]
    if not columns:
        raise InputError(f"{path}: unreadable CSV header (empty file or no column names)")
    return columns


def iter_csv(source: Source, fields: Fields | None = None) -> Iterator[Item]:
    columns = source.fields
    csv.field_size_limit(MAX_BYTES)
    with open_binary(source.path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.DictReader(text, strict=True)  # strict: a quote never closed is an error, not rows swallowed
        number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                number += 1
                yield error_item(
                    source.path,
                    number,
                    f"{source.path}#{number}",
                    f"{source.path}: row {number}: unreadable CSV ({exc})",
                )
                continue
            number += 1
            values = {kind: row.get(column) if column else None for kind, column in columns.items()}
            yield _row_item(source.path, number, values, values.get("id"))


def count_csv(path: Path) -> int:
    with open_binary(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        try:
            return max(sum(1 for _ in csv.reader(text)) - 1, 0)
        except csv.Error:
            return 0


# --- JSONL --------------------------------------------------------------------------------------


def check_jsonl(path: Path, fields: Fields) -> None:
    """The keys the user named, and a body, are in the first record (an empty file is fine)."""
    first = _first_json_object(path)
    if first is not None:
        _check_json_fields(first, fields, path)


def _first_json_object(path: Path) -> dict[str, Any] | None:
    with open_binary(path) as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError:
                raise InputError(f"{path}: line {number} is not valid JSON") from None
            if not isinstance(value, dict):
                raise InputError(f"{path}: line {number} is not a JSON object")
            return value
    return None


def _check_json_fields(first: dict[str, Any], fields: Fields, path: Path) -> None:
    for kind in ("sender", "date", "subject", "body", "to", "direction"):
        wanted = getattr(fields, kind)
        if wanted is not None and _lookup(first, wanted) is _MISSING:
            keys = ", ".join(first) or "none"
            raise InputError(f"{path}: no key {wanted!r} for --{kind}-field in the first record (keys: {keys})")
    if fields.body is None and _default_value(first, "body") is _MISSING:
        raise InputError(
            f"{path}: no body key in the first record (looked for {', '.join(DEFAULT_FIELDS['body'][:6])}, ...; "
            f"keys: {', '.join(first) or 'none'}); pass --body-field"
        )


def _lookup(record: dict[str, Any], key: str) -> Any:
    """A key, or a dotted path into nested objects (`from.email`)."""
    if key in record:
        return record[key]
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _default_value(record: dict[str, Any], kind: str) -> Any:
    by_norm = {}
    for key in record:
        by_norm.setdefault(normalise(key), key)
    for name in DEFAULT_FIELDS[kind]:
        if name in by_norm:
            return record[by_norm[name]]
    return _MISSING


def iter_jsonl(source: Source, fields: Fields | None = None) -> Iterator[Item]:
    fields = fields or source.keys or Fields()
    path = source.path
    with open_binary(path) as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if not isinstance(record, dict):
                yield error_item(path, number, f"{path}#{number}", f"{path}: line {number} is not a JSON object")
                continue
            values = {}
            for kind in ("sender", "date", "subject", "body", "id", *THREAD_KINDS):
                wanted = getattr(fields, kind, None)
                value = _lookup(record, wanted) if wanted else _default_value(record, kind)
                values[kind] = None if value is _MISSING else value
            yield _row_item(path, number, values, _text(values.get("id")))


def count_jsonl(path: Path) -> int:
    with open_binary(path) as stream:
        return sum(1 for line in stream if line.strip())
