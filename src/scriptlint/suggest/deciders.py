"""The body that decides ('the Public Works committee', 'your board') and what it was to choose.

"Any word from the committee?" asks nobody anything they can answer; a coach asks what the body
chose when the draft says what the choice was ("the housing committee would pick between the oak
and the laminate bed frames"), else when it next meets (blind reviews, issue 11).
"""

from __future__ import annotations

import re

_BODY = r"(?P<who>(?:the|your)\s+(?:[\w&-]+\s+){0,3}(?:committee|board|council|leadership team|executive team))"
# "Did you get a chance to share it with the Public Works committee?": the body that decides.
_SHARED_WITH = re.compile(
    r"^(?:did|have|had)\s+you\s+(?:get|got|had|have)\s+(?:a\s+)?chance\s+to\s+(?:share|show|send|forward|run|take|bring)\s+"
    r"(?:it|this|them|that|the \w+)(?:\s+(?:by|past|to|with|before))?\s+" + _BODY + r"\s*\?$",
    re.I,
)
# "Any update from the building committee?": the same question, asked of the body that decides.
_FROM_BOARD = re.compile(
    r"^(?:any (?:update|word|news|feedback)|did you hear (?:back )?|have you heard (?:back )?)\s*from\s+"
    + _BODY
    + r"(?:\s+(?:yet|so far))?\s*\?$",
    re.I,
)
# The choice the draft says it was to make: "would pick between the oak and the laminate bed frames by ...".
_CHOICE = re.compile(
    r"\b(?:would|will|was going to|were going to|planned to|wanted to|had to)\s+(?:pick|choose|decide)\s+between\s+"
    r"(?P<a>[^.;,]{2,50}?)\s+and\s+(?P<b>[^.;,]{2,60}?)(?=\s+(?:by|before|at|on|this|next)\b|\s*[.;,!?]|$)",
    re.I,
)


def board_question(sentence: str, rest: str) -> str | None:
    """'Did the committee pick the oak or the laminate bed frames?' for a chase of the deciding body;
    None when the sentence does not chase one."""
    shared = _SHARED_WITH.match(sentence) or _FROM_BOARD.match(sentence)
    if shared is None:
        return None
    who = shared.group("who")
    choice = _CHOICE.search(rest)
    if choice:
        return f"Did {who} pick {choice.group('a')} or {choice.group('b')}?"
    return f"When does {who} next meet?"
