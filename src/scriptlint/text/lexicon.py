"""One lexicon for the line shapes several stages recognise: greetings, sign-offs, bullets, phones.

The variants are deliberate, each tuned to its stage and kept byte-for-byte from where it grew:
the sentence splitter needs a greeting or sign-off that fills a whole line; the rewrite stage
finds where a greeting starts and where a draft's sign-off sits; quote detection knows
valedictions in several languages. Before changing one, check the tests of every stage that uses it.
"""

from __future__ import annotations

import re

# --- sentence splitting (text/sentences.py) ---------------------------------------------------------

GREETING_LINE = re.compile(
    r"^\s*(hi|hey|hello|dear|good (morning|afternoon|evening)|greetings|howdy|hiya|yo)\b[^.!?]{0,60}[,!:]?\s*$", re.I
)
SIGN_OFF_LINE = re.compile(
    r"^\s*(best|best regards|kind regards|warm regards|regards|cheers|thanks|thank you|thanks again|many thanks|"
    r"sincerely|yours( truly| sincerely)?|talk soon|all the best|warmly|br|rgds|thx|ta)\b[^.!?]{0,30}[,!.]?\s*$",
    re.I,
)
BULLET_START = re.compile(r"^\s*([-*•·–]|\d{1,2}[.)]|[a-z][.)])\s+")
TERMINAL = re.compile(r"[.!?:;…)\]]['\"’”)]*\s*$")
SENTENCE_END = re.compile(r"(?<=[.!?…])['\"’”)]*(?=\s+\S)")
ABBREVIATION_END = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|prof|sr|jr|st|vs|etc|inc|ltd|co|corp|no|approx|dept|est|fig|jan|feb|mar|apr|jun|jul|aug|"
    r"sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)|\b(?:e\.g|i\.e|a\.m|p\.m|u\.s|u\.k|cf)|\b[A-Z])\.$",
    re.I,
)


# --- quotes and signatures (text/quotes.py) ---------------------------------------------------------

VALEDICTION = re.compile(
    r"^[ \t]*(?:(?:best|kind|warm|warmest|many|with)?\s*(?:regards|wishes|thanks)|best|cheers|sincerely|"
    r"(?:yours )?(?:sincerely|truly|faithfully)|yours|thanks(?: again| so much| a lot)?|thank you(?: so much)?|"
    r"talk soon|speak soon|all the best|warmly|respectfully|take care|br|thx|ty|"
    r"mit freundlichen grüßen|(?:viele|beste|liebe)? ?grüße|cordialement|bien cordialement|bien à vous|"
    r"(?:un )?saludos?|atentamente|cordiali saluti|met vriendelijke groet(?:en)?|hälsningar|mvh)[ \t]*[,.!]?[ \t]*$",
    re.I,
)
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*•]|\d+[.)])\s")

# --- rewriting drafts (suggest/rewrite.py) ----------------------------------------------------------

GREETING_START = re.compile(r"^\s*(hi|hey|hello|dear|good (morning|afternoon|evening)|hiya|morning)\b", re.I)
BULLET_MARK = re.compile(r"([-*•·–]|\d{1,2}[.)])[ \t]+")
SIGN_OFF_IN_TEXT = re.compile(
    r"^\s*(best|best regards|kind regards|warm regards|regards|cheers|thanks|thank you|many thanks|sincerely|"
    r"talk soon|all the best|warmly|thanks and regards)\b[^.!?\n]{0,30}[,!.]?\s*$",
    re.I | re.M,
)
PHONE_NUMBER = re.compile(r"(?<![\w$€£.,])\+?\(?\d{2,4}\)?(?:[ .-]\d{2,4}){1,3}(?![\w%])")


# --- redaction (audit reports) ----------------------------------------------------------------------

EMAIL_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_LIKE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().\-/]{7,}\d(?![\w])")
