"""What one message becomes in an audit: its results line (the worker side of `audit.run`).

A thin layer over the same `engine.lint_message` that `lint` uses, plus the id, sender, date and
subject the aggregates group by. Runs in the workers, so it imports only what linting one item needs.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from functools import lru_cache
from typing import Any

from scriptlint.audit.items import Item, header_block
from scriptlint.audit.team import direction_of, is_team
from scriptlint.config import Config
from scriptlint.errors import InputError
from scriptlint.findings import Result
from scriptlint.text.inputs import message_from_bytes
from scriptlint.text.mime import EMAIL_POLICY

_MSG_IDS = re.compile(r"<([^<>\s]+)>")
_MAX_REFERENCES = 10  # the thread's root and the latest ancestors are enough to join a thread

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


def lint_batch(
    items: list[Item], config: Config, classifier: bool = True, team: tuple[str, ...] = (), suggest: bool = False
) -> list[str]:
    """Lint a batch in a worker; returns finished JSONL lines (serialising here spares the parent)."""
    return [json.dumps(lint_item(item, config, classifier, team, suggest), ensure_ascii=False) for item in items]


def lint_item(
    item: Item, config: Config, classifier: bool = True, team: tuple[str, ...] = (), suggest: bool = False
) -> dict[str, Any]:
    """One message to its results line: the `lint --format json` result plus id, sender, date, subject.

    Without `suggest` the findings carry no `"suggestions"` key (rewrites were not computed, which
    is not the same as none fitting): an audit suggests only for the messages its report shows.

    Mail from outside the `team` (`--only-from`; an inbound CRM row always) is received mail: it gets a
    small line (`"received": true`, sender, date, threading headers) for reply detection, and is never linted.
    """
    head = item_head(item)
    if item.kind != "error" and not is_team(normalise_sender(head["sender"]), head["direction"], team):
        return _record(item, head) | {"source": item.source, "received": True}
    return _linted(item, head, config, classifier, suggest)


def _linted(item: Item, head: dict[str, Any], config: Config, classifier: bool, suggest: bool) -> dict[str, Any]:
    from scriptlint import engine  # lazy: the engine loads spaCy; keep start-up cheap until a message is linted

    sender, when, subject = head["sender"], head["date"], head["subject"]
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
        result = engine.lint_message(message, source=item.source, config=config, classifier=classifier, suggest=suggest)
    except InputError as exc:
        result = Result(source=item.source, text="", error=str(exc))
    except Exception as exc:  # one broken message must not end a long audit
        result = Result(source=item.source, text="", error=f"internal error: {type(exc).__name__}: {exc}")
    record = _record(item, head | {"sender": sender, "date": when, "subject": subject})
    record.update(result.to_dict())
    if not suggest:
        for finding in record["findings"]:
            del finding["suggestions"]
    record.setdefault("text", result.text)  # always: reports quote from it, offsets point into it
    return record


def _record(item: Item, head: dict[str, Any]) -> dict[str, Any]:
    """The fields every results line starts with: who, when, what, and how it joins a thread."""
    subject = head["subject"]
    record: dict[str, Any] = {
        "id": item.id,
        "sender": normalise_sender(head["sender"]),
        "date": parse_date(head["date"]),
        "subject": " ".join(subject.split()) if subject else None,
        "to": head["to"],
        "in_reply_to": head["in_reply_to"],
        "references": head["references"],
    }
    for key in ("direction", "thread"):
        if head.get(key):
            record[key] = head[key]
    return record


def item_head(item: Item) -> dict[str, Any]:
    """Sender, date, subject, recipients and threading headers: from the mail's header block, or a CRM row."""
    head: dict[str, Any] = {
        "sender": item.sender,
        "date": item.date,
        "subject": item.subject,
        "to": addresses(item.to),
        "in_reply_to": None,
        "references": [],
        "direction": direction_of(item.direction),
        "thread": item.thread,
    }
    if item.kind == "email" and isinstance(item.data, bytes):
        fields = _header_fields(item.data)
        head.update(sender=fields.get("from"), date=fields.get("date"), subject=fields.get("subject"))
        head["to"] = addresses(fields.get("to"))
        parents = message_ids(fields.get("in-reply-to"))
        head["in_reply_to"] = parents[0] if parents else None
        refs = message_ids(fields.get("references"))
        head["references"] = refs[:1] + refs[1:][-(_MAX_REFERENCES - 1) :] if refs else []
    return head


def _header_fields(data: bytes) -> dict[str, str]:
    """The few headers threading needs, decoded (RFC 2047); a malformed one is skipped, not fatal."""
    from email.parser import BytesHeaderParser  # lazy: only email items need the header parser

    parsed = BytesHeaderParser(policy=EMAIL_POLICY).parsebytes(header_block(data) + b"\n\n")
    fields: dict[str, str] = {}
    for name in ("from", "to", "date", "subject", "in-reply-to", "references"):
        try:
            value = parsed.get(name)
        except Exception:  # a header the parser cannot decode must not end a long audit
            value = None
        if value is not None:
            fields[name] = " ".join(str(value).split())
    return fields


def message_ids(value: str | None) -> list[str]:
    """`<a@b> <c@d>` to ["a@b", "c@d"] (the form audit ids take); a bare id is kept as it is."""
    if not value:
        return []
    found = _MSG_IDS.findall(value)
    if found:
        return found
    bare = value.strip().strip("<>").strip()
    return [bare] if bare and " " not in bare else []


def addresses(value: str | None) -> list[str]:
    """Recipient addresses, lowercased (`Dana <d@x.com>, e@y.com` -> ["d@x.com", "e@y.com"])."""
    if not value:
        return []
    return [a.strip().lower() for _, a in getaddresses([value]) if "@" in a][:10]


def text_message(body: str, subject: str | None):
    """A CRM row's body (HTML converted) with its subject in front, as for a real email."""
    from scriptlint.text.mime import assemble, html_to_text  # lazy: plain-text input never needs the email parser

    if _HTML.search(body[:5000]):
        body = html_to_text(body)
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return assemble(body, subject)


@lru_cache(maxsize=4096)  # a mailbox repeats its senders; called twice per message
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
