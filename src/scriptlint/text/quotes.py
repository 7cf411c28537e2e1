"""What is not the author's own text: quoted replies, forwarded blocks, signatures, patches.

Line-based on purpose: every rule marks whole lines, so a range never cuts the author's words.
Tried against mail-parser-reply and email-reply-parser on tests/fixtures/emails/quotes (see
compare_quote_detectors.py there): both return stripped text rather than ranges, drop inline
answers between quotes, or miss signatures without a `-- ` line, so the rules live here.
Errors are biased one way: when unsure, text stays analysed (a missed finding in the author's
own words is worse than linting someone's signature).
"""

from __future__ import annotations

import re

from scriptlint.text.directives import SUPPRESS_RE
from scriptlint.text.lexicon import LIST_ITEM, VALEDICTION
from scriptlint.text.lines import Range, merge_ranges, split_lines

_QUOTE_LINE = re.compile(r"^[ \t]*>")
_WROTE = r"(?:wrote|schrieb|a\s+écrit|escribió|ha\s+scritto|schreef|skrev|napisał|escreveu)"
# "On <date>, <name> wrote:" and its translations; the name may follow the verb (German, Dutch).
_ATTRIBUTION = re.compile(
    rf"^[ \t]*(?:On|Am|Le|El|Il|Op|Den|På|Em|W dniu)\s.{{3,300}}?\b{_WROTE}\b.{{0,150}}:[ \t]*$", re.I
)
_ATTRIBUTION_START = re.compile(r"^[ \t]*(?:On|Am|Le|El|Il|Op|Den|Em)\s.*\d", re.I)
_ATTRIBUTION_END = re.compile(rf"^.{{0,150}}\b{_WROTE}\b.{{0,150}}:[ \t]*$", re.I)
_SHORT_ATTRIBUTION = re.compile(
    rf"^[ \t]*[^\s>].{{0,100}}\b{_WROTE}(?: on [^:]{{0,60}}\d[^:]{{0,30}}(?::\d\d)*)?:[ \t]*$", re.I
)
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
_NAME_WORD = r"(?:[A-ZÀ-Ý][\w'’.-]*|&|and|van|de|von|der|da|di|le|la|del)"
_NAME_LINE = re.compile(rf"^[ \t]*(?:[-–—~][ \t]*)?[A-ZÀ-Ý][\w'’.-]*(?:[ \t]+{_NAME_WORD}){{0,3}}[ \t]*$")
_NOT_NAMES = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|"
    r"August|September|October|November|December|Yes|No|Or|Not|Thanks|Agreed|Done|Sure|Ok|Okay|Perfect|Great|Noted)\b"
)
_NAME_THEN_CONTACT = re.compile(rf"^[ \t]*[A-ZÀ-Ý][\w'’.-]*(?:[ \t]+{_NAME_WORD}){{0,3}}[ \t]*[|,·•][ \t]*\S")
_POSTSCRIPT = re.compile(r"^[ \t]*P\.?P?\.?S\b", re.I)
_TITLE_LINE = re.compile(
    r"^[ \t]*(?:[A-ZÀ-Ý][\w'’.,-]*|of|and|&|for|the|at|\|)(?:[ \t]+(?:[A-ZÀ-Ý][\w'’.,-]*|of|and|&|for|the|at|\|)){0,6}[ \t]*$"
)
_CONTACT = re.compile(
    r"\d{3}|@|https?://|www\.|\.(?:com|example|org|net|io|co)\b|\||^[ \t]*(?:[TMFPE]|Tel|Mob|Mobile|Phone|Fax|Email|Web)\s*:|"
    r"^[ \t]*\d+[A-Za-z]?,?\s+[A-ZÀ-Ý]",  # a street address
    re.I,
)


def find_unanalysed(text: str) -> list[Range]:
    """Ranges of quoted replies, forwarded/original blocks, signatures, patches and directive lines.

    Kinds: "quote" (someone else's words), "signature" (sign-off block, mobile footer,
    disclaimer), "patch" (the diff of a git patch email), "directive" (scriptlint comments).
    """
    lines = split_lines(text)
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


def _tail_start(lines: list[Range]) -> tuple[int, str] | None:
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
            line.rstrip() == "---"
            and any(_DIFFSTAT.match(nxt) or _PATCH_START.match(nxt) for _, _, nxt in lines[i + 1 : i + 4])
        ):
            return i, "patch"
    return None


def _attribution_lines(lines: list[Range], i: int, *, full_only: bool = False) -> int:
    """How many lines (1 or 2, when wrapped) the attribution starting at line i spans; 0 if none."""
    line = lines[i][2]
    if _ATTRIBUTION.match(line):
        return 1
    if (
        i + 1 < len(lines)
        and _ATTRIBUTION_START.match(line)
        and not _ATTRIBUTION_END.match(line)
        and _ATTRIBUTION_END.match(lines[i + 1][2])
    ):
        return 2 if len(line) + len(lines[i + 1][2]) < 400 else 0
    if not full_only and _SHORT_ATTRIBUTION.match(line):
        return 1
    return 0


def _quote_follows(lines: list[Range], i: int) -> bool:
    for _, _, nxt in lines[i + 1 : i + 4]:
        if nxt.strip():
            return bool(_QUOTE_LINE.match(nxt))
    return True


def _mark_sign_offs(lines: list[Range], kinds: list[str | None], end: int) -> None:
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


def _sign_off_in(lines: list[Range], kinds: list[str | None], start: int, stop: int) -> None:
    filled = [k for k in range(start, stop) if lines[k][2].strip()]
    if len(filled) < 2:
        return
    # 1. A sign-off line followed only by signature-like lines (up to a postscript, which is the author's).
    for k in reversed(filled[-10:]):
        if VALEDICTION.match(lines[k][2]):
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
    if not (name_only or name_and_contact) or VALEDICTION.match(first) or _NOT_NAMES.search(first):
        return
    if re.match(r"^[ \t]*[-–—~]", first) and len(para) > 1:
        return  # a dash list, not a "- Sam" sign-off
    if all(_signature_like(lines[m][2]) for m in para[1:]):
        for m in para:
            kinds[m] = "signature"


def _signature_like(line: str) -> bool:
    """Names, titles, companies, phone numbers, addresses, links: short and not a sentence."""
    s = line.strip()
    if not s or len(s) > 100 or s.endswith("?") or LIST_ITEM.match(line) or _POSTSCRIPT.match(s):
        return False
    return bool(_NAME_LINE.match(line) or _TITLE_LINE.match(line) or _CONTACT.search(s))
