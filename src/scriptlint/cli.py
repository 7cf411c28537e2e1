"""The command line: parses options, calls the library, renders. Kept thin on purpose.

Exit codes (fixed contract): 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage or input error (one line on stderr, no traceback).
"""

from __future__ import annotations

import sys
from enum import Enum, IntEnum
from pathlib import Path
from typing import Annotated, List, Optional

import typer

app = typer.Typer(
    name="scriptlint",
    help="Catch 'just checking in' in sales emails and call scripts, and suggest value-adding rewrites.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
hook_app = typer.Typer(help="Pre-send hooks for mail clients and git send-email.", no_args_is_help=True)
app.add_typer(hook_app, name="hook")


def _print_version(value: bool) -> None:
    if value:
        from scriptlint import __version__

        typer.echo(f"scriptlint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Catch 'just checking in' in sales emails and call scripts, and suggest value-adding rewrites."""


class ExitStatus(IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class TableFormat(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class UsageError(Exception):
    """Shown as one line on stderr, exit 2."""


def fail(message: str) -> "typer.Exit":
    typer.echo(f"scriptlint: error: {message}", err=True)
    return typer.Exit(ExitStatus.ERROR)


def _codes(values: Optional[List[str]]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip().upper() for v in value.split(",") if v.strip())
    return tuple(out)


def load_config(config_path: Optional[Path], **overrides):
    from scriptlint.config import load

    return load(config_path).with_overrides(**overrides)


def check_selectors(config) -> None:
    from scriptlint.rules import rules_by_code, validate_selectors
    from scriptlint.rules.code_rules import TEAM_RULE

    known = list(rules_by_code()) + [TEAM_RULE.code]
    where = f" (from {config.path})" if config.path else ""
    for key in ("select", "ignore"):
        unknown = validate_selectors(getattr(config, key), known)
        if unknown:
            raise UsageError(f"--{key}: unknown rule code {unknown[0]!r}{where}; see `scriptlint rules`")
    unknown = [code for code in config.severity if code not in known]
    if unknown:  # exact codes only: a typo or a prefix would otherwise be ignored without a word
        raise UsageError(f"severity: unknown rule code {unknown[0]!r}{where}; use exact codes from `scriptlint rules`")


def exit_code(results, fail_on: str) -> int:
    from scriptlint.findings import severity_rank

    if any(r.error for r in results):
        return ExitStatus.ERROR
    if fail_on == "never":
        return ExitStatus.OK
    floor = severity_rank(fail_on)
    hit = any(severity_rank(f.severity) >= floor for r in results for f in r.findings)
    return ExitStatus.FINDINGS if hit else ExitStatus.OK


@app.command()
def lint(
    paths: List[str] = typer.Argument(
        ...,
        metavar="PATH...",
        help="Files, folders (their .txt/.md/.eml/.msg files), or - for stdin.",
        show_default=False,
    ),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    fail_on: Optional[FailOn] = typer.Option(
        None, "--fail-on", help="Lowest severity that makes the exit code 1 [default: warning]."
    ),
    select: Optional[List[str]] = typer.Option(
        None, "--select", help="Rule codes or prefixes to use (e.g. SL1,SL401)."
    ),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Rule codes or prefixes to skip."),
    config_path: Optional[Path] = typer.Option(
        None,
        "--config",
        help="Config file (default: scriptlint.toml or [tool.scriptlint] in pyproject.toml, found upward).",
    ),
    show_suppressed: bool = typer.Option(
        False, "--show-suppressed", help="Also show phrase hits the classifier judged purposeful, with the reason."
    ),
    no_classifier: bool = typer.Option(False, "--no-classifier", help="Phrase rules only (the keyword baseline)."),
) -> None:
    """Lint drafts, templates and call scripts for contact without purpose."""
    from scriptlint import engine
    from scriptlint.errors import InputError
    from scriptlint.findings import Result
    from scriptlint.text.inputs import expand_paths, read_input

    config = load_config(
        config_path,
        select=_codes(select) or None,
        ignore=_codes(ignore) or None,
        fail_on=fail_on.value if fail_on else None,
    )
    check_selectors(config)
    if paths.count("-") > 1:
        raise UsageError("stdin (-) can be given only once")
    sources = expand_paths(paths)
    results = []
    for source in sources:
        try:
            message = read_input(source)
        except InputError as exc:
            typer.echo(f"scriptlint: error: {exc}", err=True)
            results.append(Result(source=source, text="", error=str(exc)))
            continue
        for warning in message.warnings:
            typer.echo(f"scriptlint: warning: {warning}", err=True)
        results.append(engine.lint_message(message, source=source, config=config, classifier=not no_classifier))
    if format is Format.json:
        from scriptlint.report.formats import to_json

        typer.echo(to_json(results, show_suppressed=show_suppressed))
    elif format is Format.github:
        from scriptlint.report.formats import to_github

        out = to_github(results)
        if out:
            typer.echo(out)
    else:
        from scriptlint.report.formats import render_text

        render_text(results, show_suppressed=show_suppressed)
    raise typer.Exit(exit_code(results, config.fail_on))


@app.command()
def rules(
    format: TableFormat = typer.Option(TableFormat.text, "--format", "-f", help="Output format."),
) -> None:
    """List every rule: code, name, severity and what it flags."""
    from scriptlint.rules import builtin_rules

    all_rules = builtin_rules()
    if format is TableFormat.json:
        import json

        typer.echo(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity,
                        "category": r.category,
                        "scope": r.scope,
                        "message": r.message,
                        "patterns": list(r.patterns),
                        "tactics": list(r.tactics),
                    }
                    for r in all_rules
                ],
                indent=2,
            )
        )
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("Code", "Name", "Severity", "Patterns", "What it flags"):
        table.add_column(column, overflow="fold")
    for r in all_rules:
        table.add_row(r.code, r.name, r.severity, str(len(r.patterns)) if r.patterns else r.origin, r.message)
    Console(soft_wrap=False).print(table)


@app.command()
def explain(code: str = typer.Argument(..., help="Rule code, e.g. SL101, or its name.")) -> None:
    """Show a rule's documentation: what it flags, why it hurts the sale, an example, a better version."""
    from scriptlint.report.explain import explain as render
    from scriptlint.rules import rules_by_code
    from scriptlint.rules.code_rules import TEAM_RULE

    code = code.strip()
    if not code:
        raise UsageError("explain needs a rule code, e.g. SL101; see `scriptlint rules`")
    known = {**rules_by_code(), TEAM_RULE.code: TEAM_RULE}
    rule = known.get(code.upper()) or next((r for r in known.values() if r.name == code.lower()), None)
    if rule is None:
        raise UsageError(f"unknown rule {code!r}; see `scriptlint rules`")
    text = render(rule)
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        typer.echo(text, nl=False)


@app.command()
def audit(
    sources: List[str] = typer.Argument(
        ...,
        metavar="SOURCE...",
        help="mbox files, Maildir folders, folders of .eml/.txt, CSV or JSONL exports.",
        show_default=False,
    ),
    out: Optional[Path] = typer.Option(
        None, "--out", "-o", help="Results file (JSONL, one line per message, written as it goes)."
    ),
    resume: bool = typer.Option(
        False, "--resume", help="Continue an interrupted audit: skip messages already in --out."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --out."),
    jobs: int = typer.Option(-1, "--jobs", "-j", help="Parallel workers [default: all cores]."),
    batch_size: int = typer.Option(128, "--batch-size", help="Messages per task sent to a worker."),
    backend: str = typer.Option("loky", "--backend", help="loky (this machine) or dask (a Dask cluster)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786."
    ),
    period: str = typer.Option("week", "--period", help="Trend by week or month."),
    summary: Optional[Path] = typer.Option(None, "--summary", help="Write aggregates to a .json or .csv file."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write a self-contained HTML report."),
    redact: bool = typer.Option(
        False, "--redact", help="Hide email addresses and phone numbers in the report and tables."
    ),
    sender_field: Optional[str] = typer.Option(
        None, "--sender-field", help="CSV/JSONL column with the sender [default: from, sender, owner, ...]."
    ),
    date_field: Optional[str] = typer.Option(
        None, "--date-field", help="CSV/JSONL column with the date [default: sent_at, date, ...]."
    ),
    subject_field: Optional[str] = typer.Option(
        None, "--subject-field", help="CSV/JSONL column with the subject [default: subject]."
    ),
    body_field: Optional[str] = typer.Option(
        None, "--body-field", help="CSV/JSONL column with the body [default: body, text, content, ...]."
    ),
    only_from: Optional[List[str]] = typer.Option(
        None, "--only-from", help="Report only on these senders (address or domain; repeatable)."
    ),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Rule codes or prefixes to use."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Rule codes or prefixes to skip."),
    config_path: Optional[Path] = typer.Option(None, "--config", help="Config file."),
    no_classifier: bool = typer.Option(False, "--no-classifier", help="Phrase rules only."),
) -> None:
    """Audit a team's sent mail in bulk: per-sender and team figures, trends, an HTML report. Exits 0 unless input is bad."""
    from scriptlint.audit.command import run_command
    from scriptlint.audit.sources import Fields

    config = load_config(config_path, select=_codes(select) or None, ignore=_codes(ignore) or None)
    check_selectors(config)
    raise typer.Exit(
        run_command(
            sources,
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
            fields=Fields(sender=sender_field, date=date_field, subject=subject_field, body=body_field),
            only_from=only_from or [],
            config=config,
            classifier=not no_classifier,
            echo=lambda line: typer.echo(line, err=True),
        )
    )


@app.command()
def rewrite(
    path: str = typer.Argument(..., metavar="FILE", help="A .txt, .md or .eml draft, or - for stdin."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff instead of the rewritten draft."),
    fail_on: Optional[FailOn] = typer.Option(
        None, "--fail-on", help="Lowest severity that makes the exit code 1 [default: warning]."
    ),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Rule codes or prefixes to use."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Rule codes or prefixes to skip."),
    config_path: Optional[Path] = typer.Option(None, "--config", help="Config file."),
    no_classifier: bool = typer.Option(False, "--no-classifier", help="Phrase rules only."),
) -> None:
    """Print the draft with each flagged sentence replaced by its top suggestion (the file is never changed)."""
    from scriptlint import engine
    from scriptlint.suggest import rewrite as rw
    from scriptlint.text.inputs import expand_paths, read_input

    config = load_config(
        config_path,
        select=_codes(select) or None,
        ignore=_codes(ignore) or None,
        fail_on=fail_on.value if fail_on else None,
    )
    check_selectors(config)
    sources = expand_paths([path])
    if len(sources) != 1:
        raise UsageError(f"{path}: rewrite takes one file, not a folder")
    message = read_input(sources[0])
    for warning in message.warnings:
        typer.echo(f"scriptlint: warning: {warning}", err=True)
    result = engine.lint_message(message, source=sources[0], config=config, classifier=not no_classifier)
    new = rw.rewrite(result)
    typer.echo(rw.diff(result, new) if diff else new, nl=False)
    raise typer.Exit(exit_code([result], config.fail_on))


def _corpus_dir(path: Optional[Path]) -> Path:
    from scriptlint.training.corpus import default_dir

    folder = path or (Path("corpus") if Path("corpus/raw").is_dir() else default_dir())
    if not (folder / "raw").is_dir():
        raise UsageError(f"{folder}: no corpus here (expected {folder}/raw/*.jsonl); pass --corpus")
    return folder


@app.command()
def train(
    corpus_dir: Optional[Path] = typer.Option(
        None, "--corpus", help="Corpus folder [default: ./corpus or the checkout's]."
    ),
    out: Optional[Path] = typer.Option(None, "--out", help="Model folder [default: models/ next to the corpus]."),
    update_split: bool = typer.Option(
        False, "--update-split", help="Give new corpus ids a split first (existing ids never move)."
    ),
) -> None:
    """Rebuild the purpose classifier from the corpus (train split; choices made on dev)."""
    from scriptlint.detect.classifier import default_model_dir
    from scriptlint.training import corpus
    from scriptlint.training.train import train as run

    folder = _corpus_dir(corpus_dir)
    if update_split:
        typer.echo(f"split: {corpus.update_split(folder)} new ids assigned", err=True)
    target = out or folder.resolve().parent / "models"
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: --out must be a folder, not a file")
    try:
        manifest = run(folder, target, log=lambda line: typer.echo(line, err=True))
    except corpus.CorpusError as exc:
        raise UsageError(str(exc)) from None
    typer.echo(f"model written to {target} (sha256 {manifest['model_sha256'][:12]}…)")
    if target.resolve() != default_model_dir().resolve():
        typer.echo("note: scriptlint uses the installed copy; reinstall (pip install .) to ship this model", err=True)


@app.command(name="eval")
def eval_(
    corpus_dir: Optional[Path] = typer.Option(
        None, "--corpus", help="Corpus folder [default: ./corpus or the checkout's]."
    ),
    split: str = typer.Option("test", "--split", help="Which split to score: test (default) or dev."),
    model_dir: Optional[Path] = typer.Option(
        None, "--model-dir", help="Model folder [default: models/ next to the corpus, else the installed model]."
    ),
    format: TableFormat = typer.Option(TableFormat.text, "--format", "-f", help="Output format."),
    write_manifest: bool = typer.Option(
        False, "--write-manifest", help="Record the test metrics in the model's manifest.json."
    ),
) -> None:
    """Precision, recall and F1 on a held-out split for keyword rules, classifier and hybrid."""
    import json

    from scriptlint.detect.classifier import MANIFEST_FILE, default_model_dir
    from scriptlint.detect.pipeline import build
    from scriptlint.training import corpus
    from scriptlint.training.evaluate import evaluate, render_table

    if split not in ("test", "dev"):
        raise UsageError("--split must be test or dev")
    if write_manifest and split != "test":
        raise UsageError("--write-manifest records test metrics: use it with --split test")
    folder = _corpus_dir(corpus_dir)
    try:
        examples = corpus.load(folder, [split])
    except corpus.CorpusError as exc:
        raise UsageError(str(exc)) from None
    if not examples:
        raise UsageError(f"{folder}: no examples in the {split} split; nothing to score")
    if model_dir is None and (folder.resolve().parent / "models" / MANIFEST_FILE).is_file():
        model_dir = folder.resolve().parent / "models"
    manifest_path = (model_dir or default_model_dir()) / MANIFEST_FILE
    if write_manifest and not manifest_path.is_file():
        raise UsageError(f"{manifest_path}: no manifest to record the metrics in (run `scriptlint train` first)")
    nlp = build(model_dir=str(model_dir) if model_dir else None)
    results = evaluate(nlp, examples).to_dict()
    results["split"] = split
    if format is TableFormat.json:
        typer.echo(json.dumps(results, indent=2))
    else:
        typer.echo(f"split: {split}")
        typer.echo(render_table(results))
    if write_manifest:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        manifest.setdefault("metrics", {})["test"] = results
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _hook_options(hold_dir: Optional[Path], fail_closed: bool, fail_on: Optional[FailOn], no_classifier: bool):
    from scriptlint.hook import Options

    return Options(
        hold_dir=hold_dir.expanduser().resolve() if hold_dir else None,
        fail_closed=True if fail_closed else None,
        fail_on=fail_on.value if fail_on else None,
        classifier=not no_classifier,
    )


_HOLD_HELP = "Where blocked messages are kept [default: config hold_dir, else the user state dir's scriptlint/held]."
_CLOSED_HELP = "Block (and hold) the message when scriptlint itself fails, instead of sending anyway."
# Options shared by `hook sendmail` and `hook validate`.
_HoldDir = Annotated[Optional[Path], typer.Option("--hold-dir", help=_HOLD_HELP)]
_FailClosed = Annotated[bool, typer.Option("--fail-closed", help=_CLOSED_HELP)]
_HookFailOn = Annotated[
    Optional[FailOn], typer.Option("--fail-on", help="Lowest severity that blocks the send [default: warning].")
]
_HookConfig = Annotated[Optional[Path], typer.Option("--config", help="Config file (default: found upward from cwd).")]
_NoClassifier = Annotated[bool, typer.Option("--no-classifier", help="Phrase rules only (faster start).")]


@hook_app.command("sendmail", context_settings={"allow_interspersed_args": False, "ignore_unknown_options": True})
def hook_sendmail(
    command: List[str] = typer.Argument(
        ...,
        metavar="-- SENDMAIL [ARGS...]",
        help="The real sendmail-compatible command and its arguments.",
        show_default=False,
    ),
    hold_dir: _HoldDir = None,
    fail_closed: _FailClosed = False,
    fail_on: _HookFailOn = None,
    config_path: _HookConfig = None,
    no_classifier: _NoClassifier = False,
) -> None:
    """Use as $sendmail (mutt, neomutt, aerc) or --sendmail-cmd (git send-email): lint, then send the exact bytes or block and hold a copy."""
    from scriptlint.config import load
    from scriptlint.hook import sendmail_wrapper

    options = _hook_options(hold_dir, fail_closed, fail_on, no_classifier)
    raise typer.Exit(sendmail_wrapper(command, lambda: load(config_path), options))


@hook_app.command("validate")
def hook_validate(
    email_file: Path = typer.Argument(
        ..., metavar="FILE", help="The email file (git passes it as $1); never modified.", show_default=False
    ),
    smtp_headers: Optional[Path] = typer.Argument(
        None,
        metavar="[SMTP_HEADERS]",
        help="Ignored (newer git passes the SMTP headers file as $2).",
        show_default=False,
    ),
    hold_dir: _HoldDir = None,
    fail_closed: _FailClosed = False,
    fail_on: _HookFailOn = None,
    config_path: _HookConfig = None,
    no_classifier: _NoClassifier = False,
) -> None:
    """Check one email file and exit non-zero to stop the send (git's sendemail-validate hook)."""
    from scriptlint.config import load
    from scriptlint.hook import validate_file

    options = _hook_options(hold_dir, fail_closed, fail_on, no_classifier)
    raise typer.Exit(validate_file(email_file, lambda: load(config_path), options))


@hook_app.command("install")
def hook_install(
    target: str = typer.Argument(
        ..., metavar="git", help="What to install the hook into (only `git` for now).", show_default=False
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing sendemail-validate hook."),
) -> None:
    """Install git's sendemail-validate hook in the current repository."""
    from scriptlint.hook import install_git_hook

    if target != "git":
        raise UsageError(
            f"unknown hook target {target!r}; supported: git (for mutt/neomutt/aerc see README: set sendmail)"
        )
    path = install_git_hook(force=force)
    typer.echo(f"installed {path}")


def main() -> None:
    """Console-script entry: turns library errors into one line on stderr and exit 2."""
    from typer.exceptions import TyperException  # lazy: only needed once a command has failed

    try:
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        code = exc.exit_code
    except ScriptlintError as exc:
        typer.echo(f"scriptlint: error: {exc}", err=True)
        sys.exit(ExitStatus.ERROR)
    except typer.Abort:
        typer.echo("scriptlint: aborted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        typer.echo("scriptlint: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(ExitStatus.OK)
    except TyperException as exc:  # usage errors: unknown option, missing argument, ...
        exc.show()
        sys.exit(ExitStatus.ERROR)
    except Exception as exc:  # a bug: still one line, never a traceback
        typer.echo(f"scriptlint: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(ExitStatus.ERROR)
    sys.exit(code if isinstance(code, int) else ExitStatus.OK)
