"""The analysed text of one input and what is known about it.

Quoted replies, forwarded blocks, signatures and suppression-comment lines stay in the text (so
offsets point into what the user wrote) but are listed as `excluded` ranges that no stage analyses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scriptlint.text.lines import Range
from scriptlint.text.quotes import find_unanalysed


@dataclass
class Message:
    """The analysed text of one input plus what is known about it."""

    text: str
    excluded: list[Range] = field(default_factory=list)
    # True when `text` is not the input's own bytes decoded (e.g. an extracted email body).
    extracted: bool = False
    subject: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    attachments: int = 0
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def message_from_text(text: str) -> Message:
    return Message(text=text, excluded=find_unanalysed(text))
