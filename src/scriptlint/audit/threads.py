"""Threads: which messages belong to one conversation, streamed from the results file.

A message joins a thread through its `In-Reply-To` and `References` headers (union-find over
Message-IDs, so a thread is found whatever order the messages come in). A message without threading
headers (a CRM row, a fresh "Re:" typed by hand) joins by its normalised subject (no `Re:`/`Fwd:`/
`AW:`/`SV:`... prefixes) plus its counterpart: the first recipient outside the team for a team
message, the sender for received mail. A CRM conversation id column, when there is one, joins too.

Memory: one small `Touch` per message (sender, date, verdict, a few flagged phrases), never its text.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterator

from scriptlint.audit.team import sender_matches

_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|fw|aw|wg|sv|vs|tr|rif|antw|ref|rv|res|enc|odp|vl)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*"
    r"|\[[^\]]{1,24}\]\s*)+",
    re.I,
)
PHRASES_KEPT = 3
PHRASE_CHARS = 60


def normalise_subject(subject: str | None) -> str:
    """`Re: AW: [EXT] Pricing  for Q3` -> `pricing for q3`: what a reply keeps of the subject."""
    if not subject:
        return ""
    return " ".join(_PREFIX.sub("", subject).split()).lower()


def epoch(iso: str | None) -> float | None:
    """Seconds since 1970 (a date without a zone is taken as UTC), for ordering and time to reply."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


@dataclass(slots=True)
class Touch:
    """One message as threading sees it: no text, only what replies and chases are made of."""

    seq: int
    id: str
    sender: str
    when: float | None
    team: bool
    purposeless: bool | None  # None: not linted (received mail, or unreadable)
    push: bool
    phrases: tuple[str, ...]
    parent: str | None  # In-Reply-To
    subject: str | None
    counterpart: str | None

    @property
    def date(self) -> str | None:
        """The date in UTC, ISO 8601 (kept as a number: a string per message would cost more)."""
        return datetime.fromtimestamp(self.when, tz=timezone.utc).isoformat() if self.when is not None else None


class ThreadBuilder:
    """Collects touches one record at a time, then yields each thread in date order."""

    def __init__(self, team: tuple[str, ...]):
        self.team = team
        self.touches: list[Touch] = []
        self._index: dict[str, int] = {}  # join key -> node
        self._parent: list[int] = []  # union-find over nodes
        self._node: list[int] = []  # touch -> its node

    def add(self, record: dict[str, Any], *, team: bool, purposeless: bool | None, push: bool, phrases: list[str]):
        seq = len(self.touches)
        sender = sys.intern(record.get("sender") or "(unknown sender)")  # one string per sender, not per message
        counterpart = self._counterpart(record, team)
        counterpart = sys.intern(counterpart) if counterpart else None
        touch = Touch(
            seq=seq,
            id=str(record.get("id") or ""),
            sender=sender,
            when=epoch(record.get("date")),
            team=team,
            purposeless=purposeless,
            push=push,
            phrases=tuple(" ".join(p.split())[:PHRASE_CHARS] for p in phrases[:PHRASES_KEPT]),
            parent=record.get("in_reply_to") or None,
            subject=record.get("subject") if team else None,
            counterpart=counterpart,
        )
        self.touches.append(touch)
        own = self._key(f"m:{touch.id}" if touch.id and not touch.id.startswith("pos:") else f"x:{seq}")
        self._node.append(own)
        links = [f"m:{i}" for i in [touch.parent, *(record.get("references") or [])] if i]
        if record.get("thread"):
            links.append(f"t:{record['thread']}")
        elif not (touch.parent or record.get("references")):
            subject = normalise_subject(record.get("subject"))
            if subject or counterpart:
                links.append(f"s:{subject}\0{counterpart or ''}")
        for link in links:
            self._union(own, self._key(link))

    def _counterpart(self, record: dict[str, Any], team: bool) -> str | None:
        if not team:
            return record.get("sender")
        recipients = [a for a in record.get("to") or [] if isinstance(a, str)]
        outside = [a for a in recipients if not (self.team and sender_matches(a, self.team))]
        return (outside or recipients or [None])[0]

    def _key(self, key: str) -> int:
        node = self._index.get(key)
        if node is None:
            node = self._index[key] = len(self._parent)
            self._parent.append(node)
        return node

    def _find(self, node: int) -> int:
        parent = self._parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def threads(self) -> Iterator[list[Touch]]:
        """Every thread with at least one team message, its touches by date (undated ones last, in input order)."""
        groups: dict[int, list[Touch]] = {}
        for touch, node in zip(self.touches, self._node):
            groups.setdefault(self._find(node), []).append(touch)
        for touches in groups.values():
            if any(t.team for t in touches):
                touches.sort(key=lambda t: (t.when is None, t.when or 0.0, t.seq))
                yield touches
