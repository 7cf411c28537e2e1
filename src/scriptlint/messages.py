"""Turning inputs into the text we analyse, and marking what is not the author's own words.

Quoted replies, forwarded blocks, signatures and suppression-comment lines stay in the text (so
offsets point into what the user wrote) but are listed as `excluded` ranges that no stage analyses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_BYTES = 64 * 1024 * 1024
"""Inputs above this are refused: nobody writes a 64 MB email, and it bounds memory."""

TEXT_SUFFIXES = (".txt", ".md", ".eml", ".msg", ".text", ".markdown")


class InputError(Exception):
    """Input we cannot analyse; its message is the one line shown to the user."""


@dataclass
class Message:
    """The analysed text of one input plus what is known about it."""

    text: str
    excluded: list[tuple[int, int, str]] = field(default_factory=list)
    # True when `text` is not the input's own bytes decoded (e.g. an extracted email body).
    extracted: bool = False
    subject: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    attachments: int = 0
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


# --- decoding ---------------------------------------------------------------------------------


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


def decode(data: bytes, name: str = "input") -> tuple[str, list[str]]:
    """Decode bytes as UTF-8; otherwise the best-guess charset; otherwise UTF-8 with replacement."""
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    guess = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
        if best is not None and best.encoding and best.encoding.lower() not in ("utf_8", "utf-8", "ascii"):
            guess = best.encoding
    except Exception:  # a detector failure must not stop a lint
        guess = None
    if guess:
        try:
            text = data.decode(guess)
            warnings.append(f"{name}: not valid UTF-8 (byte {bad_at}); decoded as {guess}")
            return text, warnings
        except (UnicodeDecodeError, LookupError):
            pass
    warnings.append(f"{name}: not valid UTF-8 (byte {bad_at}); undecodable bytes replaced with U+FFFD")
    return data.decode("utf-8", errors="replace"), warnings


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


def message_from_bytes(data: bytes, name: str, *, email: bool = False) -> Message:
    """Bytes of one input (file or stdin) to a Message; `email` selects RFC 822 parsing."""
    warnings: list[str] = []
    if (utf16 := utf16_text(data)) is not None:
        data = utf16.encode("utf-8")
        warnings.append(f"{name}: not UTF-8; decoded as UTF-16")
    if email or looks_like_rfc822(data):
        from .email_input import parse_email  # imported lazily: plain-text lint does not need it

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
        from .email_input import parse_msg  # Outlook files: optional extra

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
# own words is worse than linting someone's signature).

_QUOTE_LINE = re.compile(r"^[ \t]*>")
_WROTE = r"(?:wrote|schrieb|a\s+écrit|escribió|ha\s+scritto|schreef|skrev|napisał|escreveu)"
# "On <date>, <name> wrote:" and its translations; the name may follow the verb (German, Dutch).
_ATTRIBUTION = re.compile(
    rf"^[ \t]*(?:On|Am|Le|El|Il|Op|Den|På|Em|W dniu)\s.{{3,300}}?\b{_WROTE}\b.{{0,150}}:[ \t]*$", re.I
)
_ATTRIBUTION_START = re.compile(r"^[ \t]*(?:On|Am|Le|El|Il|Op|Den|Em)\s.*\d", re.I)
_ATTRIBUTION_END = re.compile(rf"^.{{0,150}}\b{_WROTE}\b.{{0,150}}:[ \t]*$", re.I)
_SHORT_ATTRIBUTION = re.compile(rf"^[ \t]*[^\s>].{{0,100}}\b{_WROTE}(?: on [^:]{{0,60}}\d[^:]{{0,30}}(?::\d\d)*)?:[ \t]*$", re.I)
_ORIGINAL = re.compile(
    r"^[ \t]*(?:-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}|"
    r"-{2,}\s*Forwarded message\s*-{2,}|-{2,}\s*On .{3,200}\bwrote\s*-{2,}|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:|"
    r"Début du message réexpédié :|_{10,})[ \t]*$",
    re.I,
)
_HEADER_FROM = re.compile(r"^[ \t]*\*?(?:From|Von|De|Van|Da|Från|Fra|Od)\s*\*?\s*:\s*\*?\s*\S", re.I)
_HEADER_NEXT = re.compile(
    r"^[ \t]*\*?(?:Sent|Date|To|Cc|Subject|Gesendet|Datum|An|Betreff|Envoyé|À|Objet|Enviado|Fecha|Para|Asunto|"
    r"Verzonden|Aan|Onderwerp|Inviato|Oggetto|Skickat|Till|Ämne|Sendt|Til|Emne)\s*\*?\s*:",
    re.I,
)
_PATCH_START = re.compile(r"^(?:diff --git |Index: \S)")
_DIFFSTAT = re.compile(r"^ \S.*\|\s+(?:\d+ ?[+-]*|Bin .*)$|^ \d+ files? changed")
_SIG_DASHES = re.compile(r"^-- ?$")
_MOBILE_SIG = re.compile(
    r"^[ \t]*(?:Sent from my \S.*|Sent from (?:Mail|Outlook|Yahoo Mail|Gmail)\b.*|Get Outlook for \S.*|"
    r"Sent with (?:Proton ?Mail|BlackBerry)\b.*|Sent via \S.*|Von meinem \S.* gesendet|Envoyé de mon \S.*|"
    r"Enviado desde mi \S.*|Inviato da \S.*)$",
    re.I,
)
_DISCLAIMER = re.compile(
    r"^[ \t]*(?:\**(?:CONFIDENTIAL(?:ITY)?(?: NOTICE)?|DISCLAIMER|LEGAL NOTICE|PRIVILEGED (?:AND|&) CONFIDENTIAL)\b|"
    r"This (?:e-?mail|message|communication|transmission)\b.{0,120}\b(?:confidential|privileged|intended (?:solely|only))|"
    r"The (?:information|contents?) (?:contained )?in this (?:e-?mail|message|communication)|"
    r"If you (?:have received this|are not the intended)|Please consider the environment before printing|"
    r"Diese (?:E-?Mail|Nachricht)\b.{0,120}\bvertraulich|Ce (?:message|courriel)\b.{0,120}\bconfidenti)",
    re.I,
)
_VALEDICTION = re.compile(
    r"^[ \t]*(?:(?:best|kind|warm|warmest|many|with)?\s*(?:regards|wishes|thanks)|best|cheers|sincerely|"
    r"(?:yours )?(?:sincerely|truly|faithfully)|yours|thanks(?: again| so much| a lot)?|thank you(?: so much)?|"
    r"talk soon|speak soon|all the best|warmly|respectfully|take care|br|thx|ty|"
    r"mit freundlichen grüßen|(?:viele|beste|liebe)? ?grüße|cordialement|bien cordialement|bien à vous|"
    r"(?:un )?saludos?|atentamente|cordiali saluti|met vriendelijke groet(?:en)?|hälsningar|mvh)[ \t]*[,.!]?[ \t]*$",
    re.I,
)
_NAME_WORD = r"(?:[A-ZÀ-Ý][\w'’.-]*|&|and|van|de|von|der|da|di|le|la|del)"
_NAME_LINE = re.compile(rf"^[ \t]*(?:[-–—~][ \t]*)?[A-ZÀ-Ý][\w'’.-]*(?:[ \t]+{_NAME_WORD}){{0,3}}[ \t]*$")
_NOT_NAMES = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|"
    r"August|September|October|November|December|Yes|No|Or|Not|Thanks|Agreed|Done|Sure|Ok|Okay|Perfect|Great|Noted)\b"
)
_NAME_THEN_CONTACT = re.compile(rf"^[ \t]*[A-ZÀ-Ý][\w'’.-]*(?:[ \t]+{_NAME_WORD}){{0,3}}[ \t]*[|,·•][ \t]*\S")
_POSTSCRIPT = re.compile(r"^[ \t]*P\.?P?\.?S\b", re.I)
_TITLE_LINE = re.compile(r"^[ \t]*(?:[A-ZÀ-Ý][\w'’.,-]*|of|and|&|for|the|at|\|)(?:[ \t]+(?:[A-ZÀ-Ý][\w'’.,-]*|of|and|&|for|the|at|\|)){0,6}[ \t]*$")
_CONTACT = re.compile(
    r"\d{3}|@|https?://|www\.|\.(?:com|example|org|net|io|co)\b|\||^[ \t]*(?:[TMFPE]|Tel|Mob|Mobile|Phone|Fax|Email|Web)\s*:|"
    r"^[ \t]*\d+[A-Za-z]?,?\s+[A-ZÀ-Ý]",  # a street address
    re.I,
)
_BULLET = re.compile(r"^[ \t]*(?:[-*•]|\d+[.)])\s")
SUPPRESS_RE = re.compile(
    r"scriptlint:\s*(?P<kind>disable-next-line|disable)(?:\s*=\s*(?P<codes>[A-Za-z0-9_, ]+))?", re.I
)


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end-without-newline, line) for every line."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        out.append((pos, pos + len(stripped), stripped))
        pos += len(line)
    return out


def find_unanalysed(text: str) -> list[tuple[int, int, str]]:
    """Ranges of quoted replies, forwarded/original blocks, signatures, patches and directive lines.

    Kinds: "quote" (someone else's words), "signature" (sign-off block, mobile footer,
    disclaimer), "patch" (the diff of a git patch email), "directive" (scriptlint comments).
    """
    lines = _lines(text)
    kinds: list[str | None] = [None] * len(lines)
    cut = _tail_start(lines)  # from here on, the rest of the text is an earlier message or a diff
    end = cut[0] if cut else len(lines)
    i = 0
    while i < end:
        line = lines[i][2]
        if SUPPRESS_RE.search(line):
            kinds[i] = "directive"
        elif _QUOTE_LINE.match(line):
            kinds[i] = "quote"
        elif (span := _attribution_lines(lines, i)) and _quote_follows(lines, i + span - 1):
            kinds[i : i + span] = ["quote"] * span
            i += span
            continue
        elif _SIG_DASHES.match(line) or _MOBILE_SIG.match(line) or _DISCLAIMER.match(line):
            j = i + 1
            while j < end and not (_QUOTE_LINE.match(lines[j][2]) or _attribution_lines(lines, j)):
                j += 1
            kinds[i:j] = ["signature"] * (j - i)
            i = j
            continue
        i += 1
    _mark_sign_offs(lines, kinds, end)
    ranges = [(s, e, k) for (s, e, _), k in zip(lines, kinds) if k and e > s]
    if cut:
        ranges.append((lines[cut[0]][0], len(text), cut[1]))
    return merge_ranges(ranges)


def _tail_start(lines: list[tuple[int, int, str]]) -> tuple[int, str] | None:
    """First line where everything below is not the author's: a forward/original marker, an Outlook
    header block, an attribution followed by unquoted text, or the diff of a git patch."""
    for i, (_, _, line) in enumerate(lines):
        if _ORIGINAL.match(line):
            return i, "quote"
        if _HEADER_FROM.match(line) and any(_HEADER_NEXT.match(nxt) for _, _, nxt in lines[i + 1 : i + 3]):
            return i, "quote"
        span = _attribution_lines(lines, i, full_only=True)
        if span and not _quote_follows(lines, i + span - 1):
            return i, "quote"
        if _PATCH_START.match(line) or (
            line.rstrip() == "---" and any(_DIFFSTAT.match(nxt) or _PATCH_START.match(nxt) for _, _, nxt in lines[i + 1 : i + 4])
        ):
            return i, "patch"
    return None


def _attribution_lines(lines: list[tuple[int, int, str]], i: int, *, full_only: bool = False) -> int:
    """How many lines (1 or 2, when wrapped) the attribution starting at line i spans; 0 if none."""
    line = lines[i][2]
    if _ATTRIBUTION.match(line):
        return 1
    if i + 1 < len(lines) and _ATTRIBUTION_START.match(line) and not _ATTRIBUTION_END.match(line) and _ATTRIBUTION_END.match(lines[i + 1][2]):
        return 2 if len(line) + len(lines[i + 1][2]) < 400 else 0
    if not full_only and _SHORT_ATTRIBUTION.match(line):
        return 1
    return 0


def _quote_follows(lines: list[tuple[int, int, str]], i: int) -> bool:
    for _, _, nxt in lines[i + 1 : i + 4]:
        if nxt.strip():
            return bool(_QUOTE_LINE.match(nxt))
    return True


def _mark_sign_offs(lines: list[tuple[int, int, str]], kinds: list[str | None], end: int) -> None:
    """Signatures without a `-- ` line: name/title/contact lines after a sign-off ("Best,"), or a
    lone name closing the author's text. The sign-off itself stays: the author wrote it."""
    i = 0
    while i < end:
        if kinds[i] is not None:
            i += 1
            continue
        seg_start = i
        while i < end and kinds[i] is None:
            i += 1
        _sign_off_in(lines, kinds, seg_start, i)


def _sign_off_in(lines: list[tuple[int, int, str]], kinds: list[str | None], start: int, stop: int) -> None:
    filled = [k for k in range(start, stop) if lines[k][2].strip()]
    if len(filled) < 2:
        return
    # 1. A sign-off line followed only by signature-like lines (up to a postscript, which is the author's).
    for k in reversed(filled[-10:]):
        if _VALEDICTION.match(lines[k][2]):
            after = [m for m in filled if m > k]
            ps = next((n for n, m in enumerate(after) if _POSTSCRIPT.match(lines[m][2])), None)
            after = after if ps is None else after[:ps]
            if after and len(after) <= 8 and all(_signature_like(lines[m][2]) for m in after):
                for m in after:
                    kinds[m] = "signature"
                return
            break
    # 2. A closing paragraph that starts with a name ("Sam", "- Sam", "Ana Lopez" + title/phone lines).
    para: list[int] = []
    for k in reversed(filled):
        para.insert(0, k)
        if k - 1 < start or not lines[k - 1][2].strip() or len(para) > 5:
            break
    if len(para) == len(filled) or len(para) > 5:
        return  # the whole segment: an inline answer such as "Yes", not a signature
    first = lines[para[0]][2]
    name_only = bool(_NAME_LINE.match(first)) and len(first.strip()) <= 40
    name_and_contact = bool(_NAME_THEN_CONTACT.match(first) and _CONTACT.search(first)) and len(first.strip()) <= 80
    if not (name_only or name_and_contact) or _VALEDICTION.match(first) or _NOT_NAMES.search(first):
        return
    if re.match(r"^[ \t]*[-–—~]", first) and len(para) > 1:
        return  # a dash list, not a "- Sam" sign-off
    if all(_signature_like(lines[m][2]) for m in para[1:]):
        for m in para:
            kinds[m] = "signature"


def _signature_like(line: str) -> bool:
    """Names, titles, companies, phone numbers, addresses, links: short and not a sentence."""
    s = line.strip()
    if not s or len(s) > 100 or s.endswith("?") or _BULLET.match(line) or _POSTSCRIPT.match(s):
        return False
    return bool(_NAME_LINE.match(line) or _TITLE_LINE.match(line) or _CONTACT.search(s))


def merge_ranges(ranges: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sort and merge touching ranges of the same kind (a quoted block is one range)."""
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(ranges):
        if merged and merged[-1][2] == kind and start <= merged[-1][1] + 2:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), kind)
        else:
            merged.append((start, end, kind))
    return merged


def message_from_text(text: str) -> Message:
    return Message(text=text, excluded=find_unanalysed(text))


def suppressions(text: str) -> tuple[set[str] | None, dict[int, set[str] | None]]:
    """Inline directives: (`codes disabled for the file`, `{line number: codes disabled on it}`).

    `None` as a code set means every rule. Directives are comments in whatever form survives the
    format: `# scriptlint: disable=SL101` in plain text, `<!-- scriptlint: disable-next-line -->` in Markdown.
    """
    file_codes: set[str] | None = set()
    lines: dict[int, set[str] | None] = {}
    for number, (_, _, line) in enumerate(_lines(text), start=1):
        for m in SUPPRESS_RE.finditer(line):
            codes = {c.strip().upper() for c in (m.group("codes") or "").split(",") if c.strip()} or None
            if m.group("kind").lower() == "disable":
                if codes is None or file_codes is None:
                    file_codes = None
                else:
                    file_codes |= codes
            else:
                previous = lines.get(number + 1, set())
                lines[number + 1] = None if codes is None or previous is None else previous | codes
    return file_codes, lines


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
            files = sorted(
                str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                raise InputError(f"{raw}: folder has no {', '.join(TEXT_SUFFIXES)} files")
            out.extend(files)
        elif path.exists():
            out.append(raw)
        else:
            raise InputError(f"{raw}: no such file or directory")
    return out


def read_input(source: str, stdin: Any = None) -> Message:
    """One expanded input (a path, or `-` for stdin bytes) to a Message."""
    if source == "-":
        import sys

        if stdin is None and sys.stdin is None:
            raise InputError("stdin: closed, nothing to read")
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"stdin: more than the {MAX_BYTES // 2**20} MB limit")
        return message_from_bytes(data, "stdin")
    return read_path(Path(source))
