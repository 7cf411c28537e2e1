"""`scriptlint audit`: the command's body (options are declared in the CLI, which stays thin).

Order of work: check every source and option first (bad input -> one line, exit 2, nothing written),
then lint into --out with a progress bar on a terminal, then aggregate from --out and render.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from scriptlint.audit.aggregate import Aggregates, aggregate
from scriptlint.audit.html import render_html
from scriptlint.audit.items import Fields, Source
from scriptlint.audit.redact import Redactor
from scriptlint.audit.run import BATCH_SIZE, RunStats, iter_records, run, suggest_examples
from scriptlint.audit.sources import check_sources, count_messages
from scriptlint.audit.terminal import render_terminal, write_summary
from scriptlint.config import Config
from scriptlint.errors import InputError

Echo = Callable[[str], None]
"""Where status lines go (stderr in the CLI), so the tables on stdout stay clean."""


@dataclass(frozen=True)
class AuditOptions:
    """Everything `scriptlint audit` takes besides its sources; the defaults are the CLI's."""

    out: Path | None = None  # None: results go to a temporary file, removed at the end
    resume: bool = False
    force: bool = False
    jobs: int = -1
    batch_size: int = BATCH_SIZE
    backend: str = "loky"
    scheduler: str | None = None
    period: str = "week"
    summary: Path | None = None
    report: Path | None = None
    redact: bool = False
    fields: Fields = field(default_factory=Fields)
    only_from: Sequence[str] = ()
    config: Config | None = None
    classifier: bool = True
    suggest_all: bool = False  # rewrites for every message in --out, not only those the report quotes


def run_audit(sources: list[str], options: AuditOptions, echo: Echo) -> int:
    """Check, lint, aggregate, write; returns the exit code (bad input raises `InputError` first)."""
    check_options(options)
    checked = check_sources(sources, options.fields)
    with _results_file(options.out) as out:
        stats = _lint(checked, out, options, echo)
        echo(_run_line(stats, out, kept=options.out is not None))
        agg = aggregate(iter_records(out), period=options.period, only_from=options.only_from)
        suggest_examples(
            agg,
            checked,
            config=options.config,
            classifier=options.classifier,
            jobs=options.jobs,
            backend=options.backend,
            scheduler=options.scheduler,
            only_from=options.only_from,
        )
        _write_outputs(agg, checked, options, echo)
    return 0


def run_command(sources: list[str], *, echo: Echo, **options: Any) -> int:
    """`run_audit` with the options as keywords (the fields of `AuditOptions`), as the CLI calls it."""
    return run_audit(sources, AuditOptions(**options), echo)


def check_options(options: AuditOptions) -> None:
    """Usage errors before any work: contradictions, and outputs that could not be written at the end."""
    if options.period not in ("week", "month"):
        raise InputError(f"--period must be week or month, not {options.period!r}")
    if options.resume and options.out is None:
        raise InputError("--resume needs --out (the results file to continue)")
    if options.resume and options.force:
        raise InputError("--resume and --force contradict each other; pick one")
    if options.jobs == 0 or options.jobs < -1:
        raise InputError("--jobs must be a positive number (or -1 for all cores)")
    if options.summary is not None and options.summary.suffix.lower() not in (".json", ".csv"):
        raise InputError(f"{options.summary}: --summary must end in .json or .csv")
    for option, target in (("--summary", options.summary), ("--report", options.report)):
        if target is not None:
            _check_writable(option, target)


def _check_writable(option: str, target: Path) -> None:
    if target.is_dir():
        raise InputError(f"{target}: is a directory; {option} needs a file name")
    if not target.parent.is_dir():
        raise InputError(f"{target.parent}: no such directory for {option}")
    if not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise InputError(f"{target}: not writable ({option})")


@contextlib.contextmanager
def _results_file(out: Path | None) -> Iterator[Path]:
    """--out, or without it a temporary file: results still stream to disk (bounded memory)."""
    if out is not None:
        yield out
        return
    with tempfile.TemporaryDirectory(prefix="scriptlint-audit-") as temp:
        yield Path(temp) / "results.jsonl"


def _lint(checked: list[Source], out: Path, options: AuditOptions, echo: Echo) -> RunStats:
    """Lint into `out`, with a progress bar when stderr is a terminal; an interrupt says how to resume."""
    settings = {
        "config": options.config,
        "classifier": options.classifier,
        "jobs": options.jobs,
        "batch_size": options.batch_size,
        "backend": options.backend,
        "scheduler": options.scheduler,
        "resume": options.resume,
        "force": options.force,
        "only_from": options.only_from,
        "suggest_all": options.suggest_all,
    }
    progress = _progress() if sys.stderr.isatty() else None
    try:
        if progress is None:
            return run(checked, out, **settings)
        with progress:
            task = progress.add_task("audit", total=count_messages(checked))

            def advance(linted: int, skipped: int) -> None:
                progress.advance(task, linted + skipped)

            return run(checked, out, on_progress=advance, **settings)
    except KeyboardInterrupt:
        if options.out is not None:
            echo(f"scriptlint: interrupted; finished results are in {out}: run again with --resume to continue")
        raise


def _progress() -> Any:
    from rich.console import Console  # lazy: Rich costs start-up time and only output needs it
    from rich.progress import (  # lazy: Rich costs start-up time and only output needs it
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text  # lazy: Rich costs start-up time and only output needs it

    class Speed(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed:,.0f} msg/s" if task.speed else "– msg/s", style="cyan")

    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]auditing"),
        BarColumn(),
        MofNCompleteColumn(),
        Speed(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )


def _run_line(stats: RunStats, out: Path, *, kept: bool) -> str:
    """One status line; the results file is named only when it outlives the command."""
    parts = [f"{stats.linted} linted"]
    if stats.resumed:
        parts.append(f"{stats.resumed} already in {out}")
    if stats.duplicates:
        parts.append(f"{stats.duplicates} duplicate id(s) skipped")
    if stats.errors:
        parts.append(f"{stats.errors} unreadable")
    return "audit: " + ", ".join(parts) + (f"; results in {out}" if kept else "")


def _write_outputs(agg: Aggregates, checked: list[Source], options: AuditOptions, echo: Echo) -> None:
    """Tables on the terminal always; the summary file and the HTML report when asked for."""
    from rich.console import Console  # lazy: Rich costs start-up time and only output needs it

    render_terminal(agg, Console(highlight=False, soft_wrap=False), Redactor(options.redact))
    if options.summary is not None:
        _write(options.summary, "summary", lambda path: write_summary(agg, path, Redactor(options.redact)), echo)
    if options.report is not None:
        names = [str(s.path) for s in checked]

        def page(path: Path) -> None:
            path.write_text(render_html(agg, Redactor(options.redact), sources=names), encoding="utf-8")

        _write(options.report, "report", page, echo)


def _write(path: Path, what: str, write: Callable[[Path], Any], echo: Echo) -> None:
    """A file the user asked for; a disk error is one line (exit 2), not a traceback, and leaves no
    partial file: a regular file is written beside the target and renamed over it when complete."""
    regular = not path.exists() or path.is_file()
    target = path.with_name(f".{path.stem}.{os.getpid()}.partial{path.suffix}") if regular else path
    try:
        write(target)
        if regular:
            os.replace(target, path)
    except OSError as exc:
        if regular:
            target.unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write the {what} ({exc.strerror or exc})") from None
    echo(f"{what}: {path}")
