"""Which editor buffers are linted, and how a buffer becomes the analysed text.

A plain-text or Markdown buffer is analysed as it is, so an offset in a finding is an offset in the
buffer. A mail buffer (mutt's or neomutt's compose file: optional headers, a blank line, the body) is
analysed exactly as `scriptlint lint` analyses an email: `Subject: <subject>`, a blank line, the body,
with quotes and signature left alone. `Prepared.to_buffer` maps offsets of that text back into the
buffer, word by word for a folded subject and one to one for the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote, urlparse

from scriptlint.text.inputs import looks_like_rfc822
from scriptlint.text.message import Message, message_from_text
from scriptlint.text.mime import HEADER_FIELDS, SUBJECT_LABEL, assemble

PLAINTEXT, MARKDOWN, MAIL = "plaintext", "markdown", "mail"
LANGUAGE_IDS = {
    "plaintext": PLAINTEXT,
    "text": PLAINTEXT,
    "txt": PLAINTEXT,
    "markdown": MARKDOWN,
    "md": MARKDOWN,
    "mail": MAIL,
    "email": MAIL,
    "message": MAIL,  # Emacs message-mode, as eglot names it
    "eml": MAIL,
}
SUFFIXES = {".txt": PLAINTEXT, ".text": PLAINTEXT, ".md": MARKDOWN, ".markdown": MARKDOWN, ".eml": MAIL}
DIRECTIVE = {
    PLAINTEXT: "# scriptlint: disable-next-line={code}",
    MARKDOWN: "<!-- scriptlint: disable-next-line={code} -->",
}
"""The "disable this rule for the next line" comment in each file syntax (a mail body has none: it
would be sent to the customer)."""

_HEADER_LINE = re.compile(r"[A-Za-z][A-Za-z0-9-]*:")
_ENCODED = re.compile(r"^\s*(base64|quoted-printable)\s*$", re.I)


def kind_of(language_id: str | None, uri: str) -> str | None:
    """plaintext, markdown or mail for a buffer we lint; None for any other buffer."""
    kind = LANGUAGE_IDS.get((language_id or "").lower())
    if kind:
        return kind
    return SUFFIXES.get(PurePosixPath(urlparse(uri).path).suffix.lower())


def path_of(uri: str) -> str | None:
    """The file system path of a `file:` URI, else None (an unsaved buffer)."""
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else None


@dataclass
class Prepared:
    """A buffer ready for the engine: the message, and how its offsets map back into the buffer."""

    message: Message
    kind: str
    # (analysed start, analysed end, buffer start): stretches that are the same characters in both.
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    body_start: int = 0
    """Where the author's text starts in the analysed text (after a subject line)."""
    error: str | None = None

    def to_buffer(self, offset: int, *, end: bool = False) -> int | None:
        """The buffer offset of an analysed-text offset; None where the buffer has no such character
        (the `Subject: ` label). `end=True` maps an exclusive end (the end of a stretch counts)."""
        for start, stop, buffer_start in self.segments:
            if start <= offset < stop or (end and start < offset <= stop):
                return buffer_start + offset - start
        return None


def prepare(text: str, kind: str) -> Prepared:
    """The Message to lint for a buffer of this kind (mail is recognised in any kind, as `lint` does)."""
    if kind == MAIL or looks_like_rfc822(text[:4096].encode("utf-8", "replace")):
        return _prepare_mail(text)
    return Prepared(message_from_text(text), kind, [(0, len(text), 0)])


def split_headers(text: str) -> tuple[list[tuple[int, int]], int]:
    """Header lines as (start, end) and where the body starts; no headers when the buffer does not
    start with a header block closed by a blank line (a compose buffer without `edit_headers`)."""
    lines = text.splitlines(keepends=True)
    if not lines or not _HEADER_LINE.match(lines[0]):
        return [], 0
    headers: list[tuple[int, int]] = []
    pos = 0
    for line in lines:
        bare = line.rstrip("\r\n")
        if not bare.strip():
            return headers, pos + len(line)
        if _HEADER_LINE.match(bare):
            headers.append((pos, pos + len(bare)))
        elif bare[:1] in (" ", "\t") and headers:
            headers[-1] = (headers[-1][0], pos + len(bare))  # a folded header continues
        else:
            return [], 0
        pos += len(line)
    return headers, len(text)


def _prepare_mail(text: str) -> Prepared:
    header_lines, body_start = split_headers(text)
    headers: dict[str, str] = {}
    raw_subject: tuple[int, str] | None = None
    encoded = None
    for start, end in header_lines:
        name, _, value = text[start:end].partition(":")
        value_start = start + len(name) + 1
        lowered = name.strip().lower()
        if lowered == "subject":
            raw_subject = (value_start, value)
        if lowered == "content-transfer-encoding" and _ENCODED.match(value):
            encoded = value.strip().lower()
        if lowered == "content-type" and value.strip().lower().startswith("multipart/"):
            encoded = "multipart"
        field_name = next((f for f in HEADER_FIELDS if f.lower() == lowered), None)
        if field_name:
            headers[field_name] = " ".join(value.split())
    body = text[body_start:]
    subject = " ".join(raw_subject[1].split()) if raw_subject else None
    message = assemble(body, subject)
    message.headers = headers
    message.meta["headers"] = dict(headers)  # as for an .eml: a rewrite reads dates against Date
    head = message.meta.get("body_start", 0)
    prepared = Prepared(message, MAIL, [(head, head + len(body), body_start)], body_start=head)
    if message.text[head:] != body:
        prepared.segments, prepared.error = [], "the mail body could not be mapped back into the buffer"
    elif encoded:
        prepared.error = f"this email's body is {encoded}-encoded: run `scriptlint lint` on the file instead"
    elif raw_subject and message.subject:
        prepared.segments += _subject_segments(raw_subject, len(SUBJECT_LABEL))
    return prepared


def _subject_segments(raw: tuple[int, str], label: int) -> list[tuple[int, int, int]]:
    """Each word of the analysed subject (whitespace runs folded to one space) to the same word in
    the buffer's header value, which may be folded over several lines."""
    value_start, value = raw
    segments = []
    at = label
    for m in re.finditer(r"\S+", value):
        segments.append((at, at + len(m.group(0)), value_start + m.start()))
        at += len(m.group(0)) + 1
    return segments
