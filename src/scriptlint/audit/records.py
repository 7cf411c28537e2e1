"""What one message becomes in an audit: its results line (the worker side of `audit.run`).

A thin layer over the same `engine.lint_message` that `lint` uses, plus the id, sender, date and
subject the aggregates group by. Runs in the workers, so it imports only what linting one item needs.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from email.utils import parseaddr, parsedate_to_datetime
from typing import Any

from scriptlint.audit.items import Item
from scriptlint.config import Config
from scriptlint.errors import InputError
from scriptlint.findings import Result
from scriptlint.text.inputs import message_from_bytes

_HTML = re.compile(r"<(html|body|div|p|br|table|span)\b[^>]*>", re.I)

_DATE_FORMATS = (
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d",
    "%b %d, %Y",
    "%d %b %Y",
)


def lint_batch(items: list[Item], config: Config, classifier: bool = True) -> list[str]:
    """Lint a batch in a worker; returns finished JSONL lines (serialising here spares the parent)."""
    return [json.dumps(lint_item(item, config, classifier), ensure_ascii=False) for item in items]


def lint_item(item: Item, config: Config, classifier: bool = True) -> dict[str, Any]:
    """One message to its results line: the `lint --format json` result plus id, sender, date, subject."""
    from scriptlint import engine  # lazy: the engine loads spaCy; keep start-up cheap until a message is linted

    sender, when, subject = item.sender, item.date, item.subject
    try:
        if item.kind == "error":
            raise InputError(str(item.data))
        if item.kind in ("email", "file"):
            assert isinstance(item.data, bytes)
            message = message_from_bytes(item.data, item.source, email=item.kind == "email")
            headers = message.headers
            sender = headers.get("From", sender)
            when = headers.get("Date", when)
            subject = message.subject or headers.get("Subject", subject)
        else:
            message = text_message(str(item.data), subject)
        result = engine.lint_message(message, source=item.source, config=config, classifier=classifier)
    except InputError as exc:
        result = Result(source=item.source, text="", error=str(exc))
    except Exception as exc:  # one broken message must not end a long audit
        result = Result(source=item.source, text="", error=f"internal error: {type(exc).__name__}: {exc}")
    record: dict[str, Any] = {
        "id": item.id,
        "sender": normalise_sender(sender),
        "date": parse_date(when),
        "subject": " ".join(subject.split()) if subject else None,
    }
    record.update(result.to_dict())
    record.setdefault("text", result.text)  # always: reports quote from it, offsets point into it
    return record


def text_message(body: str, subject: str | None):
    """A CRM row's body (HTML converted) with its subject in front, as for a real email."""
    from scriptlint.text.mime import assemble, html_to_text  # lazy: plain-text input never needs the email parser

    if _HTML.search(body[:5000]):
        body = html_to_text(body)
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return assemble(body, subject)


def normalise_sender(value: str | None) -> str | None:
    """The address, lowercased, when there is one (names vary, addresses group); else the text."""
    if not value:
        return None
    name, address = parseaddr(value)
    if "@" in address:
        return address.strip().lower()
    text = " ".join(value.split())
    return text or None


def parse_date(value: str | None) -> str | None:
    """ISO 8601 from the date formats mail and CRM exports use (RFC 2822, ISO, US, epoch); else None."""
    if not value:
        return None
    text = value.strip()
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):  # epoch seconds or milliseconds
        number = float(text)
        return datetime.fromtimestamp(number / 1000 if number > 1e11 else number, tz=timezone.utc).isoformat()
    try:
        return datetime.fromisoformat(text.replace(" UTC", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).isoformat()
        except ValueError:
            continue
    return None
