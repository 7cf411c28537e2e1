"""`scriptlint audit`: the command's body (options are declared in cli.py, which stays thin).

Order of work: check every source and option first (bad input -> one line, exit 2, nothing written),
then lint into --out with a progress bar on a terminal, then aggregate from --out and render.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

from scriptlint.errors import InputError


def _progress(total: int | None) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

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


def run_command(
    sources: list[str],
    *,
    out: Path | None,
    resume: bool,
    force: bool,
    jobs: int,
    batch_size: int,
    backend: str,
    scheduler: str | None,
    period: str,
    summary: Path | None,
    report: Path | None,
    redact: bool,
    fields: Any,
    only_from: list[str],
    config: Any,
    classifier: bool,
    echo: Callable[[str], None],
) -> int:
    from scriptlint.audit import run as audit
    from scriptlint.audit.html import Redactor, render_html, render_terminal, write_summary
    from scriptlint.audit.sources import check_sources, count_messages

    if period not in ("week", "month"):
        raise InputError(f"--period must be week or month, not {period!r}")
    if resume and out is None:
        raise InputError("--resume needs --out (the results file to continue)")
    if resume and force:
        raise InputError("--resume and --force contradict each other; pick one")
    if jobs == 0 or jobs < -1:
        raise InputError("--jobs must be a positive number (or -1 for all cores)")
    if summary is not None and summary.suffix.lower() not in (".json", ".csv"):
        raise InputError(f"{summary}: --summary must end in .json or .csv")
    for option, target in (("--summary", summary), ("--report", report)):
        if target is None:
            continue
        if target.is_dir():
            raise InputError(f"{target}: is a directory; {option} needs a file name")
        if not target.parent.is_dir():
            raise InputError(f"{target.parent}: no such directory for {option}")
        if not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
            raise InputError(f"{target}: not writable ({option})")
    checked = check_sources(sources, fields)

    temp = None
    if out is None:  # results still stream to a file (bounded memory), just a temporary one
        temp = tempfile.TemporaryDirectory(prefix="scriptlint-audit-")
        out = Path(temp.name) / "results.jsonl"
    try:
        interactive = sys.stderr.isatty()
        progress = _progress(None) if interactive else None
        try:
            if progress is not None:
                with progress:
                    task = progress.add_task("audit", total=count_messages(checked))

                    def advance(linted: int, skipped: int) -> None:
                        progress.advance(task, linted + skipped)

                    stats = audit.run(
                        checked,
                        out,
                        config=config,
                        classifier=classifier,
                        jobs=jobs,
                        batch_size=batch_size,
                        backend=backend,
                        scheduler=scheduler,
                        resume=resume,
                        force=force,
                        on_progress=advance,
                    )
            else:
                stats = audit.run(
                    checked,
                    out,
                    config=config,
                    classifier=classifier,
                    jobs=jobs,
                    batch_size=batch_size,
                    backend=backend,
                    scheduler=scheduler,
                    resume=resume,
                    force=force,
                )
        except KeyboardInterrupt:
            if temp is None:
                echo(f"scriptlint: interrupted; finished results are in {out}: run again with --resume to continue")
            raise
        parts = [f"{stats.linted} linted"]
        if stats.resumed:
            parts.append(f"{stats.resumed} already in {out}")
        if stats.duplicates:
            parts.append(f"{stats.duplicates} duplicate id(s) skipped")
        if stats.errors:
            parts.append(f"{stats.errors} unreadable")
        echo("audit: " + ", ".join(parts) + (f"; results in {out}" if temp is None else ""))

        agg = audit.aggregate(audit.iter_records(out), period=period, only_from=only_from)
        redactor = Redactor(redact)
        from rich.console import Console

        render_terminal(agg, Console(highlight=False, soft_wrap=False), redactor)
        if summary is not None:
            try:
                write_summary(agg, summary, Redactor(redact))
            except OSError as exc:
                raise InputError(f"{summary}: cannot write the summary ({exc.strerror or exc})") from None
            echo(f"summary: {summary}")
        if report is not None:
            names = [str(s.path) for s in checked]
            try:
                report.write_text(render_html(agg, Redactor(redact), sources=names), encoding="utf-8")
            except OSError as exc:
                raise InputError(f"{report}: cannot write the report ({exc.strerror or exc})") from None
            echo(f"report: {report}")
    finally:
        if temp is not None:
            temp.cleanup()
    return 0
