"""A *push*: the respectful closing note that ends a chase by making it easy to say no.

The persistence and dead-lead articles (seeds 004 and 001; tactic `the-push` in
`suggest/tactics.toml`) recommend ending silence with one such message instead of another nudge.
The audit recognises it by a short cue list, matched in the author's own words (quoted replies cut
off): the note closes the loop on the writer's side, or says a "no" is a fine answer. One cue is
enough; the list is deliberately narrow, so a chase that merely says "just checking in again" is
never counted as a push.
"""

from __future__ import annotations

import re

_CLOSING = (
    r"clos(?:e|ing) (?:the|this|our) loop",
    r"clos(?:e|ing) (?:this|it|things|the file|your file|the thread|this thread)(?: out| off| down)? on my (?:side|end)",
    r"clos(?:e|ing) (?:out )?(?:the|your) file",
    r"(?:this is|this will be|this'll be|consider this) my (?:last|final) (?:note|email|e-mail|message|follow-up|try)",
    r"i(?:'ll| will) stop (?:reaching out|following up|emailing|writing|chasing)",
    r"i (?:won't|will not) (?:follow up|reach out|write|email|chase)(?: you)? again",
    r"take (?:it|this|you|[\w ]{1,30}) off my list",
    r"i(?:'ll| will) assume (?:you|that you|it's|it is|this is|the timing)",
    r"(?:went|gone|going|chose to go) (?:another|a different) (?:way|direction|route)",
)
_SAY_NO = (
    r"an? (?:honest |quick |short |simple |one-line )?['\"“]?no['\"”]? is (?:just as )?(?:fine|ok|okay|helpful|useful)",
    r"if (?:it's|it is|the answer is) (?:a )?['\"“]?no['\"”]?\b",
    r"(?:isn't|is not|no longer) a priority",
    r"should i (?:close|stop|step back|leave it)",
    r"(?:the )?timing (?:isn't|is not|wasn't) right",
    r"(?:a|the) ['\"“]?not now['\"”]?",
)
PUSH_CUES = re.compile("|".join(f"(?:{p})" for p in _CLOSING + _SAY_NO), re.I)
_QUOTE_START = re.compile(
    r"^(?:>|-{2,} ?original message|-{2,} ?forwarded message|from: .+|on .{6,120} wrote:\s*$)", re.I | re.M
)
READ_CHARS = 4000
_HINTS = ("clos", "last", "final", "stop", "won't", "will not", "off my list", "assum", "another", "different")
_HINTS += ("no is", "no' is", 'no" is', "no” is", "if it", "answer is", "priority", "should i", "timing", "not now")
"""Every cue contains one of these: most messages are ruled out without running the patterns."""


def own_words(text: str) -> str:
    """The message before a quoted reply or forwarded block (the subject line left out)."""
    if text.startswith("Subject: ") and "\n\n" in text:
        text = text[text.index("\n\n") + 2 :]
    text = text[:READ_CHARS]
    cut = _QUOTE_START.search(text)
    return text[: cut.start()] if cut else text


def is_push(text: str | None) -> bool:
    """True when the author's own words close the loop or invite a no (see the module's cue list)."""
    if not text:
        return False
    head = text[:READ_CHARS].lower().replace("’", "'")
    if not any(hint in head for hint in _HINTS):
        return False
    return PUSH_CUES.search(own_words(text).replace("’", "'")) is not None
