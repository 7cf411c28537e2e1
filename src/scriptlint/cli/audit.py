"""`scriptlint audit`: a team's sent mail in bulk (the work is done by `scriptlint.audit.command`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, List, Optional

import typer

from scriptlint.cli.app import ConfigOption, IgnoreOption, NoClassifierOption, SelectOption, app, load_config

_Out = Annotated[
    Optional[Path], typer.Option("--out", "-o", help="Results file (JSONL, one line per message, written as it goes).")
]
_Resume = Annotated[
    bool, typer.Option("--resume", help="Continue an interrupted audit: skip messages already in --out.")
]
_Force = Annotated[bool, typer.Option("--force", help="Overwrite an existing --out.")]
_Jobs = Annotated[int, typer.Option("--jobs", "-j", help="Parallel workers [default: all cores].")]
_BatchSize = Annotated[int, typer.Option("--batch-size", help="Messages per task sent to a worker.")]
_Backend = Annotated[str, typer.Option("--backend", help="loky (this machine) or dask (a Dask cluster).")]
_Scheduler = Annotated[
    Optional[str], typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
]
_SuggestAll = Annotated[
    bool,
    typer.Option(
        "--suggest-all",
        help="Suggest rewrites for every message in --out (slower); by default only the messages the report quotes get them.",
    ),
]
_Period = Annotated[str, typer.Option("--period", help="Trend by week or month.")]
_Summary = Annotated[Optional[Path], typer.Option("--summary", help="Write aggregates to a .json or .csv file.")]
_Report = Annotated[Optional[Path], typer.Option("--report", help="Write a self-contained HTML report.")]
_Redact = Annotated[
    bool, typer.Option("--redact", help="Hide email addresses and phone numbers in the report and tables.")
]
_SenderField = Annotated[
    Optional[str],
    typer.Option("--sender-field", help="CSV/JSONL column with the sender [default: from, sender, owner, ...]."),
]
_DateField = Annotated[
    Optional[str], typer.Option("--date-field", help="CSV/JSONL column with the date [default: sent_at, date, ...].")
]
_SubjectField = Annotated[
    Optional[str], typer.Option("--subject-field", help="CSV/JSONL column with the subject [default: subject].")
]
_BodyField = Annotated[
    Optional[str],
    typer.Option("--body-field", help="CSV/JSONL column with the body [default: body, text, content, ...]."),
]
_ToField = Annotated[
    Optional[str],
    typer.Option("--to-field", help="CSV/JSONL column with the recipient, for threads [default: to, recipient, ...]."),
]
_DirectionField = Annotated[
    Optional[str],
    typer.Option("--direction-field", help="CSV/JSONL column saying inbound/outbound; inbound rows are received mail."),
]
_OnlyFrom = Annotated[
    Optional[List[str]],
    typer.Option(
        "--only-from",
        help="The team (address or domain; repeatable): others' mail is received mail, used for reply rates.",
    ),
]


@app.command()
def audit(
    sources: List[str] = typer.Argument(
        ...,
        metavar="SOURCE...",
        help="mbox files, Maildir folders, folders of .eml/.txt, CSV or JSONL exports.",
        show_default=False,
    ),
    out: _Out = None,
    resume: _Resume = False,
    force: _Force = False,
    jobs: _Jobs = -1,
    batch_size: _BatchSize = 128,
    backend: _Backend = "loky",
    scheduler: _Scheduler = None,
    suggest_all: _SuggestAll = False,
    period: _Period = "week",
    summary: _Summary = None,
    report: _Report = None,
    redact: _Redact = False,
    sender_field: _SenderField = None,
    date_field: _DateField = None,
    subject_field: _SubjectField = None,
    body_field: _BodyField = None,
    to_field: _ToField = None,
    direction_field: _DirectionField = None,
    only_from: _OnlyFrom = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config_path: ConfigOption = None,
    no_classifier: NoClassifierOption = False,
) -> None:
    """Audit a team's sent mail in bulk: per-sender and team figures, trends, an HTML report. Exits 0 unless input is bad."""
    from scriptlint.audit.command import AuditOptions, run_audit  # lazy: only `scriptlint audit` needs the audit stage
    from scriptlint.audit.sources import Fields  # lazy: the readers cost ~50 ms of every other command's start-up

    fields = Fields(sender_field, date_field, subject_field, body_field, to_field, direction_field)
    options = AuditOptions(
        out=out,
        resume=resume,
        force=force,
        jobs=jobs,
        batch_size=batch_size,
        backend=backend,
        scheduler=scheduler,
        period=period,
        summary=summary,
        report=report,
        redact=redact,
        fields=fields,
        only_from=tuple(only_from or ()),
        config=load_config(config_path, select, ignore),
        classifier=not no_classifier,
        suggest_all=suggest_all,
    )
    raise typer.Exit(run_audit(sources, options, echo=lambda line: typer.echo(line, err=True)))
