"""Batch audit: lint many messages in parallel, stream results to JSONL, aggregate from that file.

Shaped like presidio's batch wrapper: a thin layer over the same `engine.lint_message` that `lint`
uses. Workers get batches (the spaCy pipeline is built once per worker process and reused), results
come back in input order through `joblib.Parallel(return_as="generator")` and are written and
flushed as they arrive. Aggregates are computed from the results file alone, so an interrupted and
resumed audit reports on everything it has, and a report can be rebuilt without linting again.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from scriptlint.audit.sources import Item, Source, iter_items
from scriptlint.config import Config
from scriptlint.errors import InputError

BATCH_SIZE = 128
"""Messages per task: large enough that sending work costs little next to linting it."""

TOP = 10
EXAMPLES = 5
BACKENDS = ("loky", "dask")


# --- the worker side ----------------------------------------------------------------------------


def lint_batch(items: list[Item], config: Config, classifier: bool = True) -> list[str]:
    """Lint a batch in a worker; returns finished JSONL lines (serialising here spares the parent)."""
    return [json.dumps(lint_item(item, config, classifier), ensure_ascii=False) for item in items]


_HTML = re.compile(r"<(html|body|div|p|br|table|span)\b[^>]*>", re.I)


def lint_item(item: Item, config: Config, classifier: bool = True) -> dict[str, Any]:
    """One message to its results line: the `lint --format json` result plus id, sender, date, subject."""
    from scriptlint import engine
    from scriptlint.findings import Result
    from scriptlint.text.inputs import message_from_bytes

    sender, when, subject = item.sender, item.date, item.subject
    try:
        if item.kind == "error":
            raise InputError(str(item.data))
        if item.kind in ("email", "file"):
            assert isinstance(item.data, bytes)
            message = message_from_bytes(item.data, item.source, email=item.kind == "email")
            headers = message.headers
            sender = headers.get("From", sender)
            when = headers.get("Date", when)
            subject = message.subject or headers.get("Subject", subject)
        else:
            message = text_message(str(item.data), subject)
        result = engine.lint_message(message, source=item.source, config=config, classifier=classifier)
    except InputError as exc:
        result = Result(source=item.source, text="", error=str(exc))
    except Exception as exc:  # one broken message must not end a long audit
        result = Result(source=item.source, text="", error=f"internal error: {type(exc).__name__}: {exc}")
    record: dict[str, Any] = {
        "id": item.id,
        "sender": normalise_sender(sender),
        "date": parse_date(when),
        "subject": " ".join(subject.split()) if subject else None,
    }
    record.update(result.to_dict())
    record.setdefault("text", result.text)  # always: reports quote from it, offsets point into it
    return record


def text_message(body: str, subject: str | None):
    """A CRM row's body (HTML converted) with its subject in front, as for a real email."""
    from scriptlint.text.mime import assemble, html_to_text

    if _HTML.search(body[:5000]):
        body = html_to_text(body)
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return assemble(body, subject)


def normalise_sender(value: str | None) -> str | None:
    """The address, lowercased, when there is one (names vary, addresses group); else the text."""
    if not value:
        return None
    name, address = parseaddr(value)
    if "@" in address:
        return address.strip().lower()
    text = " ".join(value.split())
    return text or None


_DATE_FORMATS = (
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d",
    "%b %d, %Y",
    "%d %b %Y",
)


def parse_date(value: str | None) -> str | None:
    """ISO 8601 from the date formats mail and CRM exports use (RFC 2822, ISO, US, epoch); else None."""
    if not value:
        return None
    text = value.strip()
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):  # epoch seconds or milliseconds
        number = float(text)
        from datetime import timezone

        return datetime.fromtimestamp(number / 1000 if number > 1e11 else number, tz=timezone.utc).isoformat()
    try:
        return datetime.fromisoformat(text.replace(" UTC", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).isoformat()
        except ValueError:
            continue
    return None


# --- running ------------------------------------------------------------------------------------


@dataclass
class RunStats:
    linted: int = 0
    resumed: int = 0  # already in --out, skipped
    duplicates: int = 0  # same id seen twice (e.g. a Message-ID in two sources)
    errors: int = 0


def read_done(out: Path) -> set[str]:
    """Ids already in a results file; a partially written last line (a killed run) is cut off."""
    done: set[str] = set()
    good_end = 0
    position = 0
    with open(out, "rb+") as stream:
        for number, line in enumerate(stream, start=1):
            position += len(line)
            if not line.endswith(b"\n"):
                if not line.startswith(b"{"):
                    _not_results(out, number)
                break
            good_end = position
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if not (isinstance(record, dict) and isinstance(record.get("id"), str)):
                if line.strip():
                    _not_results(out, number)
                continue
            done.add(record["id"])
        if good_end < position:
            stream.truncate(good_end)
    return done


def _not_results(out: Path, number: int) -> None:
    """Not a line an audit wrote: the wrong file. Resuming would append to it and cut off its end."""
    raise InputError(
        f"{out}: line {number} is not an audit result, so this is not a results file to resume; "
        "check --out (or pass --force to overwrite it)"
    )


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


@contextlib.contextmanager
def _parallel_backend(backend: str, scheduler: str | None, jobs: int) -> Iterator[None]:
    """joblib's own backends: loky processes here, or a Dask cluster (same code, more machines)."""
    import joblib

    if backend == "loky":
        if scheduler:
            raise InputError("--scheduler needs --backend dask")
        yield
        return
    if backend != "dask":
        raise InputError(f"unknown backend {backend!r} (choose {' or '.join(BACKENDS)})")
    try:
        from distributed import Client
    except ImportError:
        raise InputError('--backend dask needs the dask extra: pip install "scriptlint[dask]"') from None
    try:
        client = (
            Client(scheduler, timeout=10) if scheduler else Client(n_workers=jobs if jobs > 0 else None, processes=True)
        )
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot connect to the Dask scheduler {scheduler!r} ({exc})") from None
    try:
        with joblib.parallel_config(backend="dask"):
            yield
    finally:
        client.close()


def run(
    sources: list[Source],
    out: Path,
    *,
    config: Config | None = None,
    classifier: bool = True,
    jobs: int = -1,
    batch_size: int = BATCH_SIZE,
    backend: str = "loky",
    scheduler: str | None = None,
    resume: bool = False,
    force: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> RunStats:
    """Lint every message of `sources` not yet in `out`, appending one JSON line per message.

    `on_progress(linted, skipped)` is called as batches finish (for a progress bar). Results are in
    input order and flushed per batch: a killed run loses at most the batches in flight.
    """
    from joblib import Parallel, delayed

    config = config or Config()
    if backend not in BACKENDS:
        raise InputError(f"unknown backend {backend!r} (choose {' or '.join(BACKENDS)})")
    if scheduler and backend != "dask":
        raise InputError("--scheduler needs --backend dask")
    if batch_size < 1:
        raise InputError("--batch-size must be at least 1")
    if out.is_dir():
        raise InputError(f"{out}: is a directory")
    if out.exists() and not (resume or force):
        raise InputError(f"{out}: already exists; pass --resume to continue that audit or --force to overwrite it")
    if not out.parent.is_dir():
        raise InputError(f"{out.parent}: no such directory for --out")
    done: set[str] = set()
    stats = RunStats()
    seen: set[str] = set()  # ids sent this run: one line per message, even if an id comes twice

    def fresh(items: Iterable[Item]) -> Iterator[Item]:
        skipped = 0
        for item in items:
            if item.id in done:
                stats.resumed += 1
                skipped += 1
                if on_progress and skipped == 256:
                    on_progress(0, skipped)
                    skipped = 0
                continue
            if item.id in seen:
                stats.duplicates += 1
                continue
            seen.add(item.id)
            yield item
        if on_progress and skipped:
            on_progress(0, skipped)

    tasks = (
        delayed(lint_batch)(batch, config, classifier) for batch in _batches(fresh(iter_items(sources)), batch_size)
    )
    # The backend first: a bad --backend or an unreachable scheduler must not touch --out.
    try:
        opened = open(out, "a", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{out}: cannot write the results ({exc.strerror or exc})") from None
    with _parallel_backend(backend, scheduler, jobs), opened as stream:
        _lock(stream, out)  # two audits appending to one file would duplicate lines
        if resume:
            done.update(read_done(out))
        else:
            stream.truncate(0)
        parallel = Parallel(n_jobs=jobs, return_as="generator", batch_size=1, pre_dispatch="2*n_jobs")
        for lines in parallel(tasks):
            stream.write("".join(line + "\n" for line in lines))
            stream.flush()
            stats.linted += len(lines)
            stats.errors += sum(1 for line in lines if '"error":' in line and _is_error(line))
            if on_progress:
                on_progress(len(lines), 0)
    return stats


def _lock(stream: Any, out: Path) -> None:
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, the rest works
        return
    try:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise InputError(f"{out}: another audit is writing to this file; wait for it or stop it first") from None


def _is_error(line: str) -> bool:
    return json.loads(line).get("error") is not None


# --- aggregates ---------------------------------------------------------------------------------


def iter_records(path: Path) -> Iterator[dict[str, Any]]:
    """Result lines of a results file (a partial last line is ignored)."""
    try:
        stream = open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    with stream:
        for line in stream:
            if not line.endswith(b"\n"):
                break
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and "message" in record:
                yield record


def _classifier_codes() -> set[str]:
    from scriptlint.rules import builtin_rules

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
class Example:
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
    filtered: int = 0
    worst: list[Example] = field(default_factory=list)
    best: list[Example] = field(default_factory=list)
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
            "team": self.team.to_dict(names),
            "senders": [{"sender": s, **st.to_dict(names)} for s, st in self.ranked_senders()],
            "trend": [{"period": p, **_trend_dict(st)} for p, st in sorted(self.trend.items())],
            "examples": {"worst": [e.to_dict() for e in self.worst], "best": [e.to_dict() for e in self.best]},
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


def _sender_matches(sender: str | None, only: tuple[str, ...]) -> bool:
    if not only:
        return True
    value = (sender or "").lower()
    return any(value == o or value.endswith("@" + o.lstrip("@")) or value.endswith("." + o.lstrip("@")) for o in only)


def aggregate(
    records: Iterable[dict[str, Any]], *, period: str = "week", only_from: Iterable[str] = (), examples: int = EXAMPLES
) -> Aggregates:
    """Fold result records into per-sender, per-period and team figures in one pass (bounded memory)."""
    if period not in ("week", "month"):
        raise InputError(f"--period must be week or month, not {period!r}")
    from scriptlint.rules import rules_by_code
    from scriptlint.rules.code_rules import TEAM_RULE

    agg = Aggregates(period=period)
    agg.rule_names = {code: rule.name for code, rule in rules_by_code().items()} | {TEAM_RULE.code: TEAM_RULE.name}
    classifier_codes = _classifier_codes()
    only = tuple(o.strip().lower() for o in only_from if o.strip())
    worst: list[tuple[tuple, int, dict[str, Any]]] = []
    best: list[tuple[tuple, int, dict[str, Any]]] = []
    for seq, record in enumerate(records):
        if record.get("error") is not None:
            agg.errors += 1
            continue
        sender = record.get("sender") or "(unknown sender)"
        if not _sender_matches(record.get("sender"), only):
            agg.filtered += 1
            continue
        findings = record.get("findings") or []
        phrases = [
            " ".join(f["text"].lower().split())
            for f in findings
            if f.get("scope") == "span" and f.get("rule") not in classifier_codes and f.get("text")
        ]
        rules = [f["rule"] for f in findings if f.get("rule")]
        agg.team.add(record, phrases, rules)
        agg.senders.setdefault(sender, Stats()).add(record, phrases, rules)
        key = period_key(record.get("date"), period)
        if key is None:
            agg.undated += 1
        else:
            agg.trend.setdefault(key, Stats()).add(record, [], [])
            agg.sender_volume.setdefault(sender, Counter())[key] += 1
            agg.sender_trend.setdefault(sender, Counter())[key] += bool(record["message"].get("purposeless"))
        verdict = record["message"]
        score = verdict.get("score") if isinstance(verdict.get("score"), (int, float)) else 50
        if verdict.get("purposeless") and findings:
            # Worst: lowest purpose score, then most findings.
            _keep(worst, (-score, len(findings)), seq, record, examples)
        elif (
            not verdict.get("purposeless")
            and len(record.get("text") or "") > 80
            and not any(f.get("category") == "purposeless" and f.get("rule") not in classifier_codes for f in findings)
        ):
            # Best: a clear verdict with no phrase rule hit (structure notes like a missing date are allowed).
            _keep(best, (score, -abs(len(record.get("text") or "") - 600)), seq, record, examples)
    agg.worst = _distinct(worst, examples)
    agg.best = _distinct(best, examples)
    return agg


def _distinct(heap: list, k: int) -> list[Example]:
    """The k top candidates, skipping repeats of the same body (templates) where there is a choice."""
    ranked = [example(r) for _, _, r in sorted(heap, key=lambda t: (t[0], t[1]), reverse=True)]
    chosen: list[Example] = []
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


EXCERPT_CHARS = 700


def example(record: dict[str, Any]) -> Example:
    """The author's own text (subject line, quoted reply and signature left out), flagged spans marked."""
    from scriptlint.text.quotes import find_unanalysed

    text: str = record.get("text") or ""
    start = 0
    if text.startswith("Subject: ") and "\n\n" in text:
        start = text.index("\n\n") + 2
    cut = len(text)
    for s, _, kind in find_unanalysed(text[start:]):
        if kind in ("quote", "signature") and s + start > start:
            cut = s + start
            break
    body = text[start:cut].rstrip()
    end = start + len(body)
    spans = sorted(
        (
            f
            for f in record.get("findings") or []
            if f.get("scope") == "span" and start <= f["start"] and f["end"] <= end
        ),
        key=lambda f: (f["start"], -f["end"]),
    )
    window_start = start
    if spans and spans[0]["start"] - start > EXCERPT_CHARS - 200:
        window_start = text.rfind("\n", start, spans[0]["start"] - 100) + 1 or spans[0]["start"] - 100
    window_end = min(end, window_start + EXCERPT_CHARS)
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
    notes = [
        f"{f['rule']}: {f.get('message', '')}" for f in record.get("findings") or [] if f.get("scope") == "message"
    ]
    verdict = record.get("message") or {}
    return Example(
        id=record.get("id") or "",
        sender=record.get("sender"),
        date=record.get("date"),
        subject=record.get("subject"),
        source=record.get("source") or "",
        score=verdict.get("score"),
        purposeless=bool(verdict.get("purposeless")),
        findings=len(record.get("findings") or []),
        segments=[s for s in segments if s[0]],
        notes=notes,
    )


def default_jobs() -> int:
    return os.cpu_count() or 1
