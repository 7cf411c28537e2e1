"""Outcomes over threads: which team messages got a reply, and who chases dead leads.

*Replied*: a team message is replied when an outside message's `In-Reply-To` names it, or else when
the next message in its thread (by date) comes from outside the team. In "nudge, nudge, reply" only
the second nudge was replied. Rates come with a Wilson 95% interval; time to reply is the median in
hours. A *first touch* is the team's first message in a thread; every later team message is a
*follow-up*.

*Chased*: one sender sends 3 or more messages in a row in a thread (nobody else writes in between)
and at least 2 of them are purposeless. A chase ends with a *push* (its last message is a
respectful closing note, see `audit.push`), with a reply to its last message, or it simply stops.
"""

from __future__ import annotations

import heapq
import math
import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable

from scriptlint.audit.threads import Touch

Z95 = 1.959963984540054
CHASE_MIN = 3
CHASE_PURPOSELESS = 2
WORST_CHASES = 5
VERDICTS = ("purposeless", "purposeful")
TOUCHES = ("first_touch", "follow_up")
ENDINGS = ("push", "replied", "stopped")


def wilson(replied: int, messages: int) -> tuple[float, float]:
    """The Wilson score interval for a proportion (95%): sensible for small counts and for 0 or 1."""
    if not messages:
        return (0.0, 0.0)
    p = replied / messages
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * messages)) / (1 + z2 / messages)
    half = Z95 * math.sqrt(p * (1 - p) / messages + z2 / (4 * messages * messages)) / (1 + z2 / messages)
    return (max(0.0, centre - half), min(1.0, centre + half))


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


@dataclass
class Rate:
    """Replies to one group of messages; `hours` are the times to reply that had both dates."""

    messages: int = 0
    replied: int = 0
    hours: list[float] = field(default_factory=list)

    def add(self, replied: bool, hours: float | None) -> None:
        self.messages += 1
        self.replied += replied
        if replied and hours is not None:
            self.hours.append(hours)

    @property
    def rate(self) -> float:
        return self.replied / self.messages if self.messages else 0.0

    def to_dict(self) -> dict[str, Any]:
        low, high = wilson(self.replied, self.messages)
        return {
            "messages": self.messages,
            "replied": self.replied,
            "rate": round(self.rate, 4),
            "ci95": [round(low, 4), round(high, 4)],
            "median_hours_to_reply": _median(self.hours),
        }


@dataclass
class ReplyTable:
    """Reply rates of one sender or the team: purposeless vs purposeful, overall and per kind of touch."""

    rates: dict[tuple[str, str], Rate] = field(default_factory=dict)

    def add(self, touch_kind: str, verdict: str, replied: bool, hours: float | None) -> None:
        for key in ((touch_kind, verdict), ("all", verdict), (touch_kind, "all"), ("all", "all")):
            self.rates.setdefault(key, Rate()).add(replied, hours)

    def rate(self, touch_kind: str, verdict: str) -> Rate:
        return self.rates.get((touch_kind, verdict)) or Rate()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {v: self.rate("all", v).to_dict() for v in VERDICTS}
        data["all"] = self.rate("all", "all").to_dict()
        for kind in TOUCHES:
            data[kind] = {v: self.rate(kind, v).to_dict() for v in (*VERDICTS, "all")}
        return data


@dataclass
class Chase:
    """One sender's run of unanswered touches in a thread, for the report's timeline."""

    sender: str
    subject: str | None
    counterpart: str | None
    touches: list[Touch]
    ended: str  # one of ENDINGS

    @property
    def purposeless(self) -> int:
        return sum(t.purposeless is True for t in self.touches)

    def gaps(self) -> list[float]:
        """Days between consecutive touches (dated ones only)."""
        dated = [t.when for t in self.touches if t.when is not None]
        return [(b - a) / 86400 for a, b in zip(dated, dated[1:])]

    def rank(self) -> tuple:
        return (len(self.touches), self.purposeless, -self.touches[0].seq)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sender": self.sender,
            "subject": self.subject,
            "counterpart": self.counterpart,
            "length": len(self.touches),
            "purposeless": self.purposeless,
            "ended": self.ended,
            "touches": [
                {"id": t.id, "date": t.date, "purposeless": t.purposeless, "push": t.push, "phrases": list(t.phrases)}
                for t in self.touches
            ],
        }


@dataclass
class ChaseStats:
    """Threads and chases of one sender (or the whole team)."""

    threads: int = 0
    chased: int = 0
    chases: int = 0
    longest_chase: int = 0
    ended: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENDINGS, 0))
    gaps: list[float] = field(default_factory=list)

    def add_chase(self, chase: Chase) -> None:
        self.chases += 1
        self.longest_chase = max(self.longest_chase, len(chase.touches))
        self.ended[chase.ended] += 1
        self.gaps.extend(chase.gaps())

    def to_dict(self) -> dict[str, Any]:
        return {
            "threads": self.threads,
            "chased": self.chased,
            "longest_chase": self.longest_chase,
            "chases": self.chases,
            "ended_with_push": self.ended["push"],
            "ended_with_reply": self.ended["replied"],
            "stopped": self.ended["stopped"],
            "median_days_between_touches": _median(self.gaps),
        }


@dataclass
class Outcomes:
    """Replies (None without a team: every sender is the team, nobody could reply) and chased threads."""

    team_replies: ReplyTable | None = None
    sender_replies: dict[str, ReplyTable] = field(default_factory=dict)
    count: int = 0
    team: ChaseStats = field(default_factory=ChaseStats)
    senders: dict[str, ChaseStats] = field(default_factory=dict)
    worst: list[Chase] = field(default_factory=list)

    def replies_dict(self) -> dict[str, Any] | None:
        if self.team_replies is None:
            return None
        return {
            "team": self.team_replies.to_dict(),
            "senders": {s: table.to_dict() for s, table in sorted(self.sender_replies.items())},
        }

    def threads_dict(self) -> dict[str, Any]:
        team = self.team.to_dict()
        return {
            "count": self.count,
            "chased": self.team.chased,
            **{k: v for k, v in team.items() if k not in ("threads", "chased")},
            "senders": {s: stats.to_dict() for s, stats in sorted(self.senders.items())},
            "worst_chases": [c.to_dict() for c in self.worst],
        }


def outcomes(threads: Iterable[list[Touch]], *, replies: bool, worst: int = WORST_CHASES) -> Outcomes:
    """Fold every thread (touches in date order) into reply rates and chase figures."""
    result = Outcomes(team_replies=ReplyTable() if replies else None)
    heap: list[tuple[tuple, int, Chase]] = []
    for touches in threads:
        result.count += 1
        answered = replied_touches(touches) if replies else {}
        _count_replies(result, touches, answered)
        chased_by: set[str] = set()
        for sender in {t.sender for t in touches if t.team}:
            result.senders.setdefault(sender, ChaseStats()).threads += 1
        for chase in chases(touches, answered):
            chased_by.add(chase.sender)
            result.senders[chase.sender].add_chase(chase)
            result.team.add_chase(chase)
            entry = (chase.rank(), len(heap), chase)
            if len(heap) < worst:
                heapq.heappush(heap, entry)
            elif entry[0] > heap[0][0]:
                heapq.heapreplace(heap, entry)
        for sender in chased_by:
            result.senders[sender].chased += 1
        result.team.chased += bool(chased_by)
    result.team.threads = result.count
    result.worst = [c for _, _, c in sorted(heap, key=lambda e: e[0], reverse=True)]
    return result


def replied_touches(touches: list[Touch]) -> dict[int, float | None]:
    """Index of each replied team message -> hours to its first reply (None when a date is missing)."""
    by_id = {t.id: i for i, t in enumerate(touches) if t.team and t.id}
    answered: dict[int, float | None] = {}
    for i, touch in enumerate(touches):
        if touch.team:
            continue
        target = by_id.get(touch.parent) if touch.parent else None
        if target is None and i > 0 and touches[i - 1].team:
            target = i - 1
        if target is None or target in answered:
            continue
        sent, came = touches[target].when, touch.when
        answered[target] = (came - sent) / 3600 if sent is not None and came is not None and came >= sent else None
    return answered


def _count_replies(result: Outcomes, touches: list[Touch], answered: dict[int, float | None]) -> None:
    if result.team_replies is None:
        return
    first = True
    for i, touch in enumerate(touches):
        if not touch.team:
            continue
        kind = "first_touch" if first else "follow_up"
        first = False
        if touch.purposeless is None:
            continue  # not linted (unreadable): no verdict to compare
        verdict = "purposeless" if touch.purposeless else "purposeful"
        replied = i in answered
        result.team_replies.add(kind, verdict, replied, answered.get(i))
        result.sender_replies.setdefault(touch.sender, ReplyTable()).add(kind, verdict, replied, answered.get(i))


def chases(touches: list[Touch], answered: dict[int, float | None]) -> list[Chase]:
    """Runs of 3+ touches in a row by one team sender, at least 2 purposeless."""
    found: list[Chase] = []
    i = 0
    while i < len(touches):
        if not touches[i].team:
            i += 1
            continue
        j = i
        while j + 1 < len(touches) and touches[j + 1].team and touches[j + 1].sender == touches[i].sender:
            j += 1
        run = touches[i : j + 1]
        if len(run) >= CHASE_MIN and sum(t.purposeless is True for t in run) >= CHASE_PURPOSELESS:
            ended = "push" if run[-1].push else "replied" if j in answered else "stopped"
            subject = next((t.subject for t in run if t.subject), None)
            found.append(Chase(run[0].sender, subject, run[0].counterpart, run, ended))
        i = j + 1
    return found
