"""`scriptlint lint` and `scriptlint rewrite`: one or many drafts in, findings or a rewritten draft out."""

from __future__ import annotations

import re
from pathlib import Path
from typing import List

import typer

from scriptlint.cli.app import (
    ConfigOption,
    FailOnOption,
    Format,
    IgnoreOption,
    NoClassifierOption,
    SelectOption,
    UsageError,
    app,
    exit_code,
    load_config,
)
from scriptlint.errors import InputError
from scriptlint.findings import Result
from scriptlint.text.inputs import expand_paths, read_input
from scriptlint.text.message import Message


def _warn(message: Message) -> None:
    for warning in message.warnings:
        typer.echo(f"scriptlint: warning: {warning}", err=True)


def _render(results: list[Result], format: Format, show_suppressed: bool) -> None:
    from scriptlint.report.formats import render_text, to_github, to_json  # lazy: formatting loads Rich

    if format is Format.json:
        typer.echo(to_json(results, show_suppressed=show_suppressed))
    elif format is Format.github:
        out = to_github(results)
        if out:
            typer.echo(out)
    else:
        render_text(results, show_suppressed=show_suppressed)


@app.command()
def lint(
    paths: List[str] = typer.Argument(
        ...,
        metavar="PATH...",
        help="Files, folders (their .txt/.md/.eml/.msg files), or - for stdin.",
        show_default=False,
    ),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config_path: ConfigOption = None,
    show_suppressed: bool = typer.Option(
        False, "--show-suppressed", help="Also show phrase hits the classifier judged purposeful, with the reason."
    ),
    no_classifier: NoClassifierOption = False,
) -> None:
    """Lint drafts, templates and call scripts for contact without purpose."""
    from scriptlint import engine  # lazy: the engine loads spaCy; keep start-up cheap until a message is linted

    config = load_config(config_path, select, ignore, fail_on)
    if paths.count("-") > 1:
        raise UsageError("stdin (-) can be given only once")
    results = []
    for source in expand_paths(paths):
        try:
            message = read_input(source)
        except InputError as exc:
            typer.echo(f"scriptlint: error: {exc}", err=True)
            results.append(Result(source=source, text="", error=str(exc)))
            continue
        _warn(message)
        results.append(engine.lint_message(message, source=source, config=config, classifier=not no_classifier))
    _render(results, format, show_suppressed)
    raise typer.Exit(exit_code(results, config.fail_on))


@app.command()
def rewrite(
    path: str = typer.Argument(..., metavar="FILE", help="A .txt, .md or .eml draft, or - for stdin."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff instead of the rewritten draft."),
    today: str = typer.Option(
        "", "--today", help="The day the draft is sent (YYYY-MM-DD): resolves its dates and the day to propose."
    ),
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config_path: ConfigOption = None,
    no_classifier: NoClassifierOption = False,
) -> None:
    """Print the draft with each flagged sentence replaced by its top suggestion (the file is never changed)."""
    from scriptlint import engine  # lazy: the engine loads spaCy; keep start-up cheap until a message is linted
    from scriptlint.detect.dates import parse_day  # lazy: only `scriptlint rewrite --today` needs it
    from scriptlint.suggest.rewrite import diff as unified_diff  # lazy: only `scriptlint rewrite` needs it
    from scriptlint.suggest.rewrite import rewrite as rewrite_draft  # lazy: only `scriptlint rewrite` needs it

    config = load_config(config_path, select, ignore, fail_on)
    day = parse_day(today) if today else None
    if today and day is None:
        raise UsageError(f"--today {today!r}: expected a date like 2026-03-11")
    sources = expand_paths([path])
    if len(sources) != 1:
        raise UsageError(f"{path}: rewrite takes one file, not a folder")
    message = read_input(sources[0])
    _warn(message)
    result = engine.lint_message(message, source=sources[0], config=config, classifier=not no_classifier)
    new = rewrite_draft(result, today=day)
    typer.echo(unified_diff(result, new) if diff else _with_headers(message, sources[0], new), nl=False)
    raise typer.Exit(exit_code([result], config.fail_on))


def _with_headers(message: Message, source: str, new: str) -> str:
    """A draft typed with header lines ('Date: ...' above its 'Subject:') keeps them above the rewrite:
    nothing the author wrote is dropped. An .eml or .msg file prints its rewritten text only."""
    if not message.extracted or source.lower().endswith((".eml", ".msg")):
        return new
    lines = [f"{field}: {value}" for field, value in message.headers.items() if field.lower() != "subject"]
    raw = _raw_header_lines(source)  # as typed: the parser would print "Tue, 01 Dec" for "Tue, 1 Dec"
    lines = raw if raw is not None and len(raw) == len(lines) else lines
    return "\n".join(lines) + "\n" + new if lines else new


def _raw_header_lines(source: str) -> list[str] | None:
    """The draft's own header lines except its subject (folded lines joined), or None when unreadable."""
    try:
        head = Path(source).read_bytes()[:65536].decode("utf-8", errors="replace").replace("\r\n", "\n")
    except OSError:
        return None
    block = head.split("\n\n", 1)[0]
    fields = re.split(r"\n(?![ \t])", block)
    return [" ".join(f.split("\n")) for f in fields if f.strip() and not re.match(r"subject\s*:", f, re.I)]
