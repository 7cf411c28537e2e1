"""Batch audit: lint many messages in parallel, stream results to JSONL, read them back for aggregates.

Shaped like presidio's batch wrapper. Workers get batches (`records.lint_batch`: the spaCy pipeline
is built once per worker process and reused), results come back in input order through
`joblib.Parallel(return_as="generator")` and are written and flushed as they arrive. Aggregates
(`audit.aggregate`) are computed from the results file alone, so an interrupted and resumed audit
reports on everything it has, and a report can be rebuilt without linting again.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

# `Stats`, `aggregate` and `parse_date` are re-exported: callers that knew the whole pipeline as
# `scriptlint.audit.run` (the tests, scripts) still find them here.
from scriptlint.audit.aggregate import Aggregates, Stats, aggregate, example
from scriptlint.audit.items import Item, Source
from scriptlint.audit.records import lint_batch, parse_date
from scriptlint.audit.sources import iter_items
from scriptlint.audit.team import team_of
from scriptlint.config import Config
from scriptlint.errors import InputError

__all__ = [
    "BACKENDS",
    "BATCH_SIZE",
    "RunStats",
    "Stats",
    "aggregate",
    "iter_records",
    "parse_date",
    "read_done",
    "run",
    "suggest_examples",
]

BATCH_SIZE = 128
"""Messages per task: large enough that sending work costs little next to linting it."""

BACKENDS = ("loky", "dask")

OnProgress = Callable[[int, int], None]
"""`on_progress(linted, skipped)`, called as batches finish (for a progress bar)."""


@dataclass
class RunStats:
    """What a run did, for the status line: a resumed or de-duplicated message is not linted again."""

    linted: int = 0
    resumed: int = 0  # already in --out, skipped
    duplicates: int = 0  # same id seen twice (e.g. a Message-ID in two sources)
    errors: int = 0


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
    on_progress: OnProgress | None = None,
    only_from: Iterable[str] = (),
    suggest_all: bool = False,
) -> RunStats:
    """Lint every message of `sources` not yet in `out`, appending one JSON line per message.

    Rewrites are suggested only with `suggest_all`: a report quotes a handful of messages, and
    `suggest_examples` suggests for those after aggregation (suggesting is a fifth of lint time).

    With `only_from` (the team), other senders' mail gets a short `"received"` line and is not linted.

    `on_progress(linted, skipped)` is called as batches finish (for a progress bar). Results are in
    input order and flushed per batch: a killed run loses at most the batches in flight.
    """
    from joblib import Parallel, delayed  # lazy: only parallel runs and training need joblib

    config = config or Config()
    _check_run(out, backend=backend, scheduler=scheduler, batch_size=batch_size, resume=resume, force=force)
    stats = RunStats()
    done: set[str] = set()  # filled once --out is locked; the items are read only after that
    batches = _batches(_fresh(iter_items(sources), done, stats, on_progress), batch_size)
    tasks = (delayed(lint_batch)(batch, config, classifier, team_of(only_from), suggest_all) for batch in batches)
    # The backend first: a bad --backend or an unreachable scheduler must not touch --out.
    opened = _open_results(out)
    with _parallel_backend(backend, scheduler, jobs), opened as stream:
        _lock(stream, out)  # two audits appending to one file would duplicate lines
        try:  # a full disk or a device such as /dev/full: one line naming the file
            if resume:
                done.update(read_done(out))
            else:
                stream.truncate(0)
            parallel = Parallel(n_jobs=jobs, return_as="generator", batch_size=1, pre_dispatch="2*n_jobs")
            for lines in parallel(tasks):
                _write_batch(stream, lines, stats, on_progress)
        except OSError as exc:
            raise InputError(f"{out}: cannot write the results ({exc.strerror or exc})") from None
    return stats


def suggest_examples(
    agg: Aggregates,
    sources: list[Source],
    *,
    config: Config | None = None,
    classifier: bool = True,
    jobs: int = -1,
    backend: str = "loky",
    scheduler: str | None = None,
    only_from: Iterable[str] = (),
) -> int:
    """Rewrites for the example messages `agg` quotes that have none yet (their run did not suggest).

    Each is found again in `sources` by id and linted with suggestions, in the audit's workers (loky
    keeps them: no second start-up); its findings are the same, so only the rewrite is taken.
    Returns how many messages were linted again."""
    from joblib import Parallel, delayed  # lazy: only parallel runs and training need joblib

    shown = [ex for ex in (*agg.worst, *agg.best) if ex.rewrite is None and ex.findings]
    wanted = {ex.id for ex in shown}
    found: dict[str, Item] = {}
    for item in iter_items(sources) if wanted else ():
        if item.id in wanted and item.id not in found:  # the first of an id is the one linted
            found[item.id] = item
            if len(found) == len(wanted):
                break
    if not found:
        return 0
    task = delayed(lint_batch)(list(found.values()), config or Config(), classifier, team_of(only_from), True)
    with _parallel_backend(backend, scheduler, jobs):
        [lines] = Parallel(n_jobs=jobs)([task])
    records = {record["id"]: record for record in map(json.loads, lines) if record.get("error") is None}
    for ex in shown:
        if ex.id in records:
            ex.rewrite = example(records[ex.id]).rewrite
    return len(lines)


def _check_run(out: Path, *, backend: str, scheduler: str | None, batch_size: int, resume: bool, force: bool) -> None:
    """Usage errors before anything is opened, let alone overwritten."""
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


def _fresh(items: Iterable[Item], done: set[str], stats: RunStats, on_progress: OnProgress | None) -> Iterator[Item]:
    """The items still to lint: not in `done` (resumed) and not sent already this run (one line per id)."""
    seen: set[str] = set()
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


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _open_results(out: Path) -> IO[str]:
    try:
        return open(out, "a", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{out}: cannot write the results ({exc.strerror or exc})") from None


def _write_batch(stream: IO[str], lines: list[str], stats: RunStats, on_progress: OnProgress | None) -> None:
    """Write and flush one finished batch, so a killed run keeps it."""
    stream.write("".join(line + "\n" for line in lines))
    stream.flush()
    stats.linted += len(lines)
    stats.errors += sum(1 for line in lines if '"error":' in line and _is_error(line))
    if on_progress:
        on_progress(len(lines), 0)


def _is_error(line: str) -> bool:
    return json.loads(line).get("error") is not None


@contextlib.contextmanager
def _parallel_backend(backend: str, scheduler: str | None, jobs: int) -> Iterator[None]:
    """joblib's own backends: loky processes here, or a Dask cluster (same code, more machines)."""
    import joblib  # lazy: only parallel runs and training need joblib

    if backend == "loky":
        if scheduler:
            raise InputError("--scheduler needs --backend dask")
        # Workers end with the audit. Not engine.parallel_backend_args: importing the engine would load
        # spaCy in this process, which only hands out work (~0.8 s of a 2-core machine's time).
        with joblib.parallel_config(backend="loky", initializer=_worker_start, initargs=(os.getpid(),)):
            yield
        return
    if backend != "dask":
        raise InputError(f"unknown backend {backend!r} (choose {' or '.join(BACKENDS)})")
    try:
        from distributed import Client  # lazy: the optional dask extra
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


def _worker_start(parent: int) -> None:
    """Loky worker initializer: the worker ends when the audit does (`engine.die_with_parent`), and
    loads spaCy without spaCy's own command line (`spacy_start`)."""
    from scriptlint.detect.spacy_start import defer_spacy_cli  # lazy: only a worker loads spaCy
    from scriptlint.engine import die_with_parent  # lazy: only a worker loads the engine (and spaCy)

    defer_spacy_cli()  # before the engine import below loads spaCy
    die_with_parent(parent)


def _lock(stream: Any, out: Path) -> None:
    try:
        import fcntl  # lazy: POSIX only; elsewhere the audit runs without a lock
    except ImportError:  # not POSIX: no lock, the rest works
        return
    try:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise InputError(f"{out}: another audit is writing to this file; wait for it or stop it first") from None


# --- the results file ---------------------------------------------------------------------------


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


def iter_records(path: Path) -> Iterator[dict[str, Any]]:
    """Result lines of a results file, received mail's short lines included (a partial last line is ignored)."""
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
            if isinstance(record, dict) and ("message" in record or record.get("received") is True):
                yield record
