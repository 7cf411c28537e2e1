"""Real email in: RFC 822/MIME (`.eml`, stdin, pre-send hooks) and Outlook `.msg` (optional extra).

The analysed text is `"Subject: <subject>\\n\\n<body>"`: the subject is words the author chose, so it
is linted too, while the `"Subject: "` label (and a whole `Re:`/`Fwd:` subject, which the author did
not type) is an excluded `"header"` range. Offsets in findings point into this text, which JSON
carries as `"text"`. Quoted replies, forwards and signatures in the body are excluded as for plain
text. Anything odd in the input gives a warning and best-effort text, never a traceback.
"""

from __future__ import annotations

import re
from email import policy
from email.headerregistry import HeaderRegistry
from email.message import EmailMessage
from email.parser import BytesParser
from functools import lru_cache
from typing import Any

from scriptlint.errors import InputError
from scriptlint.text.decode import decode, looks_binary
from scriptlint.text.message import Message
from scriptlint.text.quotes import find_unanalysed

HEADER_FIELDS = ("From", "To", "Cc", "Date", "Subject", "Message-ID")
SUBJECT_LABEL = "Subject: "
# A subject the author did not type: the client copied it from the message being answered/forwarded.
_REPLY_SUBJECT = re.compile(r"^\s*(re|fwd?|aw|wg|sv|vs|tr|rif|antw)\s*(\[\d+\])?\s*:", re.I)
_DEFECT_WARNINGS = {
    "StartBoundaryNotFoundDefect": "MIME boundary not found; read the raw body as text",
    "CloseBoundaryNotFoundDefect": "MIME message is truncated (closing boundary missing)",
    "MultipartInvariantViolationDefect": "MIME boundary not found; read the raw body as text",
    "MissingHeaderBodySeparatorDefect": "no blank line between headers and body",
    "InvalidBase64PaddingDefect": "damaged base64 in the body",
    "InvalidBase64CharactersDefect": "damaged base64 in the body",
    "InvalidBase64LengthDefect": "damaged base64 in the body",
}


class _CachedHeaders(HeaderRegistry):
    """The standard header classes, but a header already seen (same name, same raw value) is not
    parsed again: picking a body reads each part's Content-Type several times, and a mailbox repeats
    its senders, recipients and subjects. Header objects are immutable, so sharing one is safe."""

    def __init__(self) -> None:
        super().__init__()
        self._cached = lru_cache(maxsize=256)(super().__call__)  # parse trees are kept: ~10 kB each

    def __call__(self, name: str, value: str) -> Any:
        return self._cached(name, value) if len(value) <= 2000 else super().__call__(name, value)


EMAIL_POLICY = policy.default.clone(header_factory=_CachedHeaders())
"""`email.policy.default`, with the header cache above (about half the time of parsing a short email)."""


def parse_email(data: bytes, name: str) -> Message:
    """RFC 822 bytes to a Message: the readable body (plain text preferred), subject and headers.

    A message the standard parser cannot take apart (MIME parts nested thousands deep) is an
    InputError for that message alone."""
    try:
        return _parse_email(data, name)
    except RecursionError:
        raise InputError(f"{name}: MIME parts are nested too deeply to read") from None


def _parse_email(data: bytes, name: str) -> Message:
    if not data.strip():
        return Message(text="", extracted=True, warnings=[f"{name}: empty input, nothing to lint"])
    if looks_binary(data) and not _has_headers(data):
        raise InputError(f"{name}: looks like a binary file, not an email")
    msg = BytesParser(policy=EMAIL_POLICY).parsebytes(shrink_encoded_blobs(data))
    warnings: list[str] = []
    if not _has_headers(data):
        # Not an email after all (e.g. a .eml that is plain text): lint it as plain text.
        text, decode_warnings = decode(data, name)
        message = Message(text=text, excluded=find_unanalysed(text), extracted=False)
        message.warnings = decode_warnings + [f"{name}: no email headers found; read as plain text"]
        return message
    headers = {field: value for field in HEADER_FIELDS if (value := _header(msg, field, warnings, name))}
    body_part = _pick_body(msg)
    if body_part is None:
        body = _raw_fallback(msg, name, warnings)
    else:
        body = _part_text(body_part, name, warnings)
        if body_part.get_content_subtype() == "html":
            body = html_body_to_text(body, name, warnings)
            if not _has_plain(msg):
                warnings.append(f"{name}: no text/plain part; converted the HTML body to text")
    for defect in _defects(msg):
        note = _DEFECT_WARNINGS.get(type(defect).__name__)
        if note and f"{name}: {note}" not in warnings:
            warnings.append(f"{name}: {note}")
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    message = assemble(body, headers.get("Subject"))
    message.headers = headers
    message.attachments = count_attachments(msg, body_part)
    message.warnings = warnings
    if not body.strip() and body_part is not None:
        message.warnings.append(f"{name}: the email has no text body")
    message.meta.update({"attachments": message.attachments, "headers": dict(headers)})
    return message


_B64_LINE = re.compile(rb"^[A-Za-z0-9+/=]{40,}\r?\n", re.M)
SHRINK_ABOVE = 1 << 20
KEEP_LINES = 64
SHRINK_MIN_LINES = 1000
_TEXT_PART = re.compile(rb"^content-type:[ \t]*text/", re.I | re.M)


def shrink_encoded_blobs(data: bytes) -> bytes:
    """Cut long runs of base64 lines in attachments to their first lines before parsing.

    The parser keeps every line of every part in memory (a 30 MB attachment costs ~250 MB and
    seconds); attachments are only counted, never decoded, so their bytes do not matter here. A
    text part is never cut: its words are what we analyse. One linear pass over the lines (no
    backtracking on a long base64-alphabet line). The bytes sent or held are always the original ones.
    """
    if len(data) < SHRINK_ABOVE:
        return data
    pieces: list[bytes] = []
    last = 0
    run: list[int] = []  # [start, end, lines, end of the kept lines]
    for m in _B64_LINE.finditer(data):
        if run and m.start() == run[1]:
            run[1], run[2] = m.end(), run[2] + 1
            if run[2] == KEEP_LINES:
                run[3] = m.end()
            continue
        last = _cut_run(data, run, pieces, last)
        run = [m.start(), m.end(), 1, m.end() if KEEP_LINES == 1 else -1]
    last = _cut_run(data, run, pieces, last)
    if not pieces:
        return data
    pieces.append(data[last:])
    return b"".join(pieces)


def _cut_run(data: bytes, run: list[int], pieces: list[bytes], last: int) -> int:
    if not run or run[2] < KEEP_LINES + SHRINK_MIN_LINES or _in_text_part(data, run[0]):
        return last
    pieces.append(data[last : run[3]])
    return run[1]


def _in_text_part(data: bytes, start: int) -> bool:
    """Do the headers of the part this run of lines belongs to say `Content-Type: text/...`?"""
    blank = max(data.rfind(b"\n\n", 0, start), data.rfind(b"\n\r\n", 0, start))
    if blank == -1:
        return False
    boundary = data.rfind(b"\n--", max(0, blank - 8192), blank)
    return bool(_TEXT_PART.search(data, boundary + 1 if boundary != -1 else max(0, blank - 8192), blank + 1))


def assemble(body: str, subject: str | None) -> Message:
    """The analysed text for an email: subject line (label excluded), blank line, body."""
    subject = " ".join((subject or "").split())
    if not subject:
        return Message(text=body, excluded=find_unanalysed(body), extracted=True, meta={"body_start": 0})
    head = f"{SUBJECT_LABEL}{subject}\n\n"
    label_end = len(head) - 2 if _REPLY_SUBJECT.match(subject) else len(SUBJECT_LABEL)
    excluded = [(0, label_end, "header")]
    excluded += [(s + len(head), e + len(head), k) for s, e, k in find_unanalysed(body)]
    return Message(text=head + body, excluded=excluded, extracted=True, subject=subject, meta={"body_start": len(head)})


MAX_HTML_NESTING = 32
"""Deeper nesting of lists, quotes or boxes gets a flat conversion (html2text's output grows with the
square of the depth: 20,000 nested lists would be gigabytes of indentation)."""
_BLOCK_TAG = re.compile(r"<(/?)(?:ul|ol|li|dl|dd|blockquote|div|table|tr|td)\b[^>]*?(/?)>", re.I)


def html_body_to_text(html: str, name: str, warnings: list[str]) -> str:
    """HTML to text, keeping structure unless the nesting is absurd (then flat, with a warning)."""
    if _nesting(html) <= MAX_HTML_NESTING:
        return html_to_text(html)
    warnings.append(f"{name}: HTML nested more than {MAX_HTML_NESTING} levels deep; converted without its layout")
    return flat_html_text(html)


def _nesting(html: str) -> int:
    depth = deepest = 0
    for m in _BLOCK_TAG.finditer(html):
        if m.group(2):
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def flat_html_text(html: str) -> str:
    """The words of an HTML body, one block per line, with no layout (linear time)."""
    from html.parser import HTMLParser  # lazy: only absurdly nested HTML needs it

    parts: list[str] = []

    class Flat(HTMLParser):
        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in ("p", "br", "div", "li", "tr", "blockquote", "h1", "h2", "h3"):
                parts.append("\n")

        def handle_data(self, data: str) -> None:
            parts.append(data)

    parser = Flat(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    text = re.sub(r"[ \t]*\n\s*", "\n", "".join(parts))
    return text.strip("\n") + "\n"


def html_to_text(html: str) -> str:
    """HTML body to plain text; `<blockquote>` becomes `>` lines so replies are still recognised."""
    import html2text  # lazy: only HTML mail needs it

    converter = html2text.HTML2Text()
    converter.body_width = 0  # no re-wrapping: keep the author's lines
    converter.ignore_images = True
    converter.ignore_emphasis = True
    converter.ignore_links = False
    converter.inline_links = False
    converter.links_each_paragraph = False
    return converter.handle(html).strip("\n") + "\n"


def count_attachments(msg: EmailMessage, body_part: EmailMessage | None) -> int:
    """Parts that are files, not the body or its alternative: counted, never decoded (bounds time)."""
    count = 0
    for part in msg.walk():
        if part is body_part or part.is_multipart():
            continue
        disposition = part.get_content_disposition()
        if (
            disposition == "attachment"
            or part.get_filename()
            or part.get_content_maintype() not in ("text", "multipart")
        ):
            count += 1
    return count


def _has_headers(data: bytes) -> bool:
    first = data.lstrip(b"\r\n")[:1000].split(b"\n", 1)[0]
    return bool(re.match(rb"^(From |[A-Za-z][A-Za-z0-9-]*:)", first))


def _header(msg: EmailMessage, field: str, warnings: list[str], name: str) -> str | None:
    try:
        value = msg[field]
    except Exception:  # a header the parser chokes on: keep its raw text, never stop the lint
        warnings.append(f"{name}: malformed {field} header")
        value = next((str(v) for k, v in msg.raw_items() if k.lower() == field.lower()), None)
    return " ".join(str(value).split()) if value is not None else None


def _pick_body(msg: EmailMessage) -> EmailMessage | None:
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
    except Exception:
        return None
    if part is None and not msg.is_multipart() and msg.get_content_maintype() == "text":
        return msg  # e.g. text/enriched: better than nothing
    return part


def _has_plain(msg: EmailMessage) -> bool:
    return any(p.get_content_type() == "text/plain" for p in msg.walk())


def _part_text(part: EmailMessage, name: str, warnings: list[str]) -> str:
    """Decode transfer encoding, then the declared charset; a bad or missing one falls back with a warning."""
    payload = part.get_payload(decode=True)
    if payload is None:
        payload = str(part.get_payload()).encode("utf-8", "surrogateescape")
    charset = part.get_content_charset()
    if charset:
        try:
            return payload.decode(charset)
        except LookupError:
            warnings.append(f"{name}: unknown charset {charset!r}; decoded by best guess")
        except UnicodeDecodeError:
            warnings.append(f"{name}: body is not valid {charset}; decoded by best guess")
    else:
        try:
            return payload.decode("ascii")
        except UnicodeDecodeError:
            pass  # 8-bit text with no declared charset: guess below
    text, decode_warnings = decode(payload, name)
    if not charset:
        warnings.append(f"{name}: no charset declared for 8-bit text; decoded as {_guessed(decode_warnings)}")
    elif decode_warnings:
        warnings.extend(w for w in decode_warnings if "U+FFFD" in w)
    return text


def _guessed(decode_warnings: list[str]) -> str:
    for warning in decode_warnings:
        if "decoded as " in warning:
            return warning.rsplit("decoded as ", 1)[1]
        if "U+FFFD" in warning:
            return "UTF-8 with undecodable bytes replaced"
    return "UTF-8"


def _raw_fallback(msg: EmailMessage, name: str, warnings: list[str]) -> str:
    """No usable text part: a broken multipart's raw body is still the author's text; a lone
    attachment is not."""
    payload: Any = msg.get_payload() if msg.get_content_maintype() in ("multipart", "text") else None
    if isinstance(payload, str) and payload.strip() and not looks_binary(payload[:8192].encode("utf-8", "replace")):
        return payload
    warnings.append(f"{name}: no text part in this email (only attachments?)")
    return ""


def _defects(msg: EmailMessage) -> list[Any]:
    found = []
    for part in msg.walk():
        found.extend(part.defects)
    return found


def parse_msg(data: bytes, name: str) -> Message:
    """An Outlook .msg file (needs the `msg` extra: `pip install scriptlint[msg]`)."""
    try:
        import extract_msg  # lazy: Outlook files need the optional msg extra
    except ImportError:
        raise InputError(
            f"{name}: reading Outlook .msg files needs the msg extra: pip install 'scriptlint[msg]'"
        ) from None
    try:
        msg = extract_msg.openMsg(data)
    except Exception as exc:  # the library raises many types for a damaged file
        raise InputError(f"{name}: not a readable Outlook .msg file ({type(exc).__name__})") from None
    warnings: list[str] = []
    try:
        body = msg.body or ""
        if not body.strip() and getattr(msg, "htmlBody", None):
            html = msg.htmlBody
            body = html_body_to_text(
                html.decode("utf-8", "replace") if isinstance(html, bytes) else html, name, warnings
            )
            warnings.append(f"{name}: no plain-text body; converted the HTML body to text")
        headers = {
            "From": msg.sender,
            "To": msg.to,
            "Cc": msg.cc,
            "Date": str(msg.date) if msg.date else None,
            "Subject": msg.subject,
            "Message-ID": getattr(msg, "messageId", None),
        }
        attachments = len(msg.attachments or [])
    finally:
        msg.close()
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    message = assemble(body, headers.get("Subject"))
    message.headers = {k: str(v).strip() for k, v in headers.items() if v}
    message.attachments = attachments
    message.warnings = warnings + ([f"{name}: the message has no text body"] if not body.strip() else [])
    message.meta.update({"attachments": attachments, "headers": dict(message.headers)})
    return message
