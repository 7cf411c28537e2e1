"""Audit aggregates: per-sender, per-period and team figures, and the messages quoted as examples.

Computed from result records alone (the results file, not the run), in one pass with bounded
memory: an interrupted and resumed audit reports on everything it has, and a report can be rebuilt
without linting again. Everything the terminal tables, the summary file and the HTML report show.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Iterable

from scriptlint.audit.push import is_push
from scriptlint.audit.redact import safe_cut
from scriptlint.audit.replies import Outcomes, outcomes
from scriptlint.audit.team import direction_of, is_team, team_of
from scriptlint.audit.threads import ThreadBuilder
from scriptlint.errors import InputError
from scriptlint.rules import builtin_rules, rules_by_code
from scriptlint.rules.code_rules import TEAM_RULE
from scriptlint.text.quotes import find_unanalysed

TOP = 10
EXAMPLES = 5
EXCERPT_CHARS = 700


def _classifier_codes() -> set[str]:
    """The classifier's rules (built in, no patterns): their spans are not stock phrases, so no phrase counts."""
    return {r.code for r in builtin_rules() if not r.patterns and r.origin != "config"}


@dataclass
class Stats:
    """Counts for one sender, one period, or the team; the median comes from a score histogram."""

    messages: int = 0
    purposeless: int = 0
    findings: int = 0
    scores: list[int] = field(default_factory=lambda: [0] * 101)
    phrases: Counter = field(default_factory=Counter)
    rules: Counter = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None

    def add(self, record: dict[str, Any], phrases: list[str], rules: list[str]) -> None:
        self.messages += 1
        verdict = record["message"]
        self.purposeless += bool(verdict.get("purposeless"))
        score = verdict.get("score")
        if isinstance(score, (int, float)):
            self.scores[min(max(int(round(score)), 0), 100)] += 1
        self.findings += len(record.get("findings") or [])
        self.phrases.update(phrases)
        self.rules.update(rules)
        when = record.get("date")
        if when:
            self.first = when if self.first is None or when < self.first else self.first
            self.last = when if self.last is None or when > self.last else self.last

    @property
    def share_purposeless(self) -> float:
        return self.purposeless / self.messages if self.messages else 0.0

    @property
    def findings_per_100(self) -> float:
        return 100 * self.findings / self.messages if self.messages else 0.0

    @property
    def median_score(self) -> float | None:
        total = sum(self.scores)
        if not total:
            return None
        lower, upper = (total - 1) // 2, total // 2
        seen, low, high = 0, None, None
        for score, count in enumerate(self.scores):
            if low is None and seen + count > lower:
                low = score
            if seen + count > upper:
                high = score
                break
            seen += count
        return (low + high) / 2

    def to_dict(self, rule_names: dict[str, str] | None = None) -> dict[str, Any]:
        names = rule_names or {}
        return {
            "messages": self.messages,
            "purposeless": self.purposeless,
            "share_purposeless": round(self.share_purposeless, 4),
            "findings": self.findings,
            "findings_per_100": round(self.findings_per_100, 1),
            "median_score": self.median_score,
            "top_phrases": [{"phrase": p, "count": c} for p, c in self.phrases.most_common(TOP)],
            "top_rules": [{"rule": r, "name": names.get(r, ""), "count": c} for r, c in self.rules.most_common(TOP)],
            "first_date": self.first,
            "last_date": self.last,
        }


def period_key(iso: str | None, period: str) -> str | None:
    """The week (its Monday) or month a message belongs to, in the sender's own calendar."""
    if not iso:
        return None
    try:
        day = datetime.fromisoformat(iso).date()
    except ValueError:
        return None
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return (day - timedelta(days=day.weekday())).isoformat()


@dataclass
class ExampleMessage:
    """A message quoted in the report: its excerpt with the flagged spans marked."""

    id: str
    sender: str | None
    date: str | None
    subject: str | None
    source: str
    score: int | None
    purposeless: bool
    findings: int
    segments: list[tuple[str, dict[str, Any] | None]]
    notes: list[str]  # message-level findings (no span to highlight)
    rewrite: dict[str, Any] | None = None  # the top suggestion for the first flagged span: what to coach towards

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sender": self.sender,
            "date": self.date,
            "subject": self.subject,
            "source": self.source,
            "score": self.score,
            "purposeless": self.purposeless,
            "findings": self.findings,
            "excerpt": "".join(text for text, _ in self.segments),
            "highlights": [
                {"text": text, "rule": f["rule"], "message": f["message"]} for text, f in self.segments if f
            ],
            "notes": self.notes,
            "rewrite": self.rewrite,
        }


@dataclass
class Aggregates:
    """Everything the terminal tables, the summary file and the HTML report show."""

    period: str = "week"
    team: Stats = field(default_factory=Stats)
    senders: dict[str, Stats] = field(default_factory=dict)
    trend: dict[str, Stats] = field(default_factory=dict)
    sender_trend: dict[str, Counter] = field(default_factory=dict)  # sender -> period -> purposeless
    sender_volume: dict[str, Counter] = field(default_factory=dict)  # sender -> period -> messages
    errors: int = 0
    undated: int = 0
    received: int = 0  # messages from outside the team (--only-from): used for replies, never linted
    unlinted: int = 0  # team messages without a verdict (received mail of a run with another --only-from)
    team_given: bool = False
    outcomes: Outcomes = field(default_factory=Outcomes)
    worst: list[ExampleMessage] = field(default_factory=list)
    best: list[ExampleMessage] = field(default_factory=list)
    rule_names: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        names = self.rule_names
        return {
            "version": 1,
            "period": self.period,
            "messages": self.team.messages,
            "errors": self.errors,
            "undated": self.undated,
            "received": self.received,
            "team": self.team.to_dict(names),
            "senders": [{"sender": s, **st.to_dict(names)} for s, st in self.ranked_senders()],
            "trend": [{"period": p, **_trend_dict(st)} for p, st in sorted(self.trend.items())],
            "examples": {"worst": [e.to_dict() for e in self.worst], "best": [e.to_dict() for e in self.best]},
            "replies": self.outcomes.replies_dict(),
            "threads": self.outcomes.threads_dict(),
        }

    def ranked_senders(self) -> list[tuple[str, Stats]]:
        """Most purposeless share first, then volume: the order a manager reads them in."""
        return sorted(self.senders.items(), key=lambda kv: (-kv[1].share_purposeless, -kv[1].messages, kv[0]))


def _trend_dict(stats: Stats) -> dict[str, Any]:
    return {
        "messages": stats.messages,
        "purposeless": stats.purposeless,
        "share_purposeless": round(stats.share_purposeless, 4),
        "findings_per_100": round(stats.findings_per_100, 1),
        "median_score": stats.median_score,
    }


def aggregate(
    records: Iterable[dict[str, Any]], *, period: str = "week", only_from: Iterable[str] = (), examples: int = EXAMPLES
) -> Aggregates:
    """Fold result records into per-sender, per-period and team figures in one pass (bounded memory).

    With `only_from` (the team), other senders' messages are received mail: never reported as a
    sender, used to find replies. Threads and chases are folded from small per-message touches.
    """
    if period not in ("week", "month"):
        raise InputError(f"--period must be week or month, not {period!r}")
    agg = Aggregates(period=period)
    agg.rule_names = {code: rule.name for code, rule in rules_by_code().items()} | {TEAM_RULE.code: TEAM_RULE.name}
    team = team_of(only_from)
    agg.team_given = bool(team)
    folder = _Folder(agg, ThreadBuilder(team), _classifier_codes(), examples)
    for seq, record in enumerate(records):
        if record.get("error") is not None:
            agg.errors += 1
        elif not is_team(record.get("sender"), direction_of(record.get("direction")), team):
            agg.received += 1
            folder.threads.add(record, team=False, purposeless=None, push=False, phrases=[])
        elif not isinstance(record.get("message"), dict):
            agg.unlinted += 1  # received mail of an earlier run with another --only-from: no verdict
            folder.threads.add(record, team=True, purposeless=None, push=False, phrases=[])
        else:
            folder.add(seq, record)
    agg.worst = _distinct(folder.worst, examples)
    agg.best = _distinct(folder.best, examples)
    agg.outcomes = outcomes(folder.threads.threads(), replies=bool(team))
    return agg


@dataclass
class _Folder:
    """The per-record work of `aggregate` for a team message: figures, touches, example candidates."""

    agg: Aggregates
    threads: ThreadBuilder
    classifier_codes: set[str]
    examples: int
    worst: list = field(default_factory=list)
    best: list = field(default_factory=list)

    def add(self, seq: int, record: dict[str, Any]) -> None:
        agg = self.agg
        sender = record.get("sender") or "(unknown sender)"
        findings = record.get("findings") or []
        spans = [f for f in findings if f.get("scope") == "span" and f.get("text")]
        phrases = [" ".join(f["text"].lower().split()) for f in spans if f.get("rule") not in self.classifier_codes]
        rules = [f["rule"] for f in findings if f.get("rule")]
        agg.team.add(record, phrases, rules)
        agg.senders.setdefault(sender, Stats()).add(record, phrases, rules)
        verdict = record["message"]
        key = period_key(record.get("date"), agg.period)
        if key is None:
            agg.undated += 1
        else:
            agg.trend.setdefault(key, Stats()).add(record, [], [])
            agg.sender_volume.setdefault(sender, Counter())[key] += 1
            agg.sender_trend.setdefault(sender, Counter())[key] += bool(verdict.get("purposeless"))
        flagged = phrases + [f["text"] for f in spans if f.get("rule") in self.classifier_codes]
        self.threads.add(
            record,
            team=True,
            purposeless=bool(verdict.get("purposeless")),
            push=is_push(record.get("text")),
            phrases=flagged,
        )
        self._candidate(seq, record, findings)

    def _candidate(self, seq: int, record: dict[str, Any], findings: list[dict[str, Any]]) -> None:
        verdict = record["message"]
        score = verdict.get("score") if isinstance(verdict.get("score"), (int, float)) else 50
        if verdict.get("purposeless") and findings:
            # Worst: lowest purpose score, then most findings.
            _keep(self.worst, (-score, len(findings)), seq, record, self.examples)
        elif (
            not verdict.get("purposeless")
            and len(record.get("text") or "") > 80
            and not any(
                f.get("category") == "purposeless" and f.get("rule") not in self.classifier_codes for f in findings
            )
        ):
            # Best: a clear verdict with no phrase rule hit (structure notes like a missing date are allowed).
            _keep(self.best, (score, -abs(len(record.get("text") or "") - 600)), seq, record, self.examples)


def _distinct(heap: list, k: int) -> list[ExampleMessage]:
    """The k top candidates, skipping repeats of the same body (templates) where there is a choice."""
    ranked = [example(r) for _, _, r in sorted(heap, key=lambda t: (t[0], t[1]), reverse=True)]
    chosen: list[ExampleMessage] = []
    bodies: set[str] = set()
    for ex in ranked:
        body = "".join(text for text, _ in ex.segments)
        if body not in bodies:
            chosen.append(ex)
            bodies.add(body)
    chosen += [ex for ex in ranked if ex not in chosen][: k - len(chosen)]
    return chosen[:k]


def _keep(heap: list, key: tuple, seq: int, record: dict[str, Any], k: int) -> None:
    # Only the fields an excerpt needs are kept, and only for the k best candidates.
    slim = {
        name: record.get(name) for name in ("id", "sender", "date", "subject", "source", "message", "findings", "text")
    }
    entry = (key, -seq, slim)  # on equal keys the earlier message wins
    if len(heap) < 4 * k:  # spare candidates, so repeated templates can be skipped
        heapq.heappush(heap, entry)
    elif entry[:2] > heap[0][:2]:
        heapq.heapreplace(heap, entry)


def example(record: dict[str, Any]) -> ExampleMessage:
    """The author's own text (subject line, quoted reply and signature left out), flagged spans marked."""
    text: str = record.get("text") or ""
    start, end = _own_text(text)
    spans = sorted(
        (
            f
            for f in record.get("findings") or []
            if f.get("scope") == "span" and start <= f["start"] and f["end"] <= end
        ),
        key=lambda f: (f["start"], -f["end"]),
    )
    notes = [
        f"{f['rule']}: {f.get('message', '')}" for f in record.get("findings") or [] if f.get("scope") == "message"
    ]
    verdict = record.get("message") or {}
    return ExampleMessage(
        id=record.get("id") or "",
        sender=record.get("sender"),
        date=record.get("date"),
        subject=record.get("subject"),
        source=record.get("source") or "",
        score=verdict.get("score"),
        purposeless=bool(verdict.get("purposeless")),
        findings=len(record.get("findings") or []),
        segments=_segments(text, spans, start, end),
        notes=notes,
        rewrite=top_rewrite([*spans, *(record.get("findings") or [])]),
    )


def top_rewrite(findings: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first finding's best-ranked suggestion (tactic, title, rewrite, source), if any has one."""
    for finding in findings:
        for suggestion in finding.get("suggestions") or []:
            if isinstance(suggestion, dict) and suggestion.get("rewrite"):
                keys = ("tactic", "title", "rewrite", "source")
                return {k: suggestion.get(k) for k in keys} | {"rule": finding.get("rule"), "text": finding.get("text")}
    return None


def _own_text(text: str) -> tuple[int, int]:
    """Where the author's words are: after the subject line, before a quoted reply or signature."""
    start = 0
    if text.startswith("Subject: ") and "\n\n" in text:
        start = text.index("\n\n") + 2
    cut = len(text)
    for s, _, kind in find_unanalysed(text[start:]):
        if kind in ("quote", "signature") and s + start > start:
            cut = s + start
            break
    body = text[start:cut].rstrip()
    return start, start + len(body)


def _segments(text: str, spans: list[dict[str, Any]], start: int, end: int) -> list[tuple[str, dict[str, Any] | None]]:
    """At most EXCERPT_CHARS of text[start:end] as (text, finding or None) pieces.

    The window starts near the first flagged span when that is far in, so the excerpt shows a finding.
    """
    window_start = start
    if spans and spans[0]["start"] - start > EXCERPT_CHARS - 200:
        window_start = text.rfind("\n", start, spans[0]["start"] - 100) + 1 or spans[0]["start"] - 100
    window_end = min(end, window_start + EXCERPT_CHARS)
    window_start, window_end = safe_cut(text, window_start), safe_cut(text, window_end)  # never split an address
    segments: list[tuple[str, dict[str, Any] | None]] = []
    if window_start > start:
        segments.append(("…", None))
    position = window_start
    for f in spans:
        if f["start"] < position or f["end"] > window_end:
            continue  # overlapping or outside the window
        if f["start"] > position:
            segments.append((text[position : f["start"]], None))
        segments.append((text[f["start"] : f["end"]], {"rule": f["rule"], "message": f.get("message", "")}))
        position = f["end"]
    segments.append((text[position:window_end], None))
    if window_end < end:
        segments.append(("…", None))
    return [s for s in segments if s[0]]
