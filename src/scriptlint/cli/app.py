"""The Typer application, its shared options, and the helpers every command uses.

Exit codes (fixed contract): 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage or input error (one line on stderr, no traceback).
"""

from __future__ import annotations

from enum import Enum, IntEnum
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from scriptlint import __version__
from scriptlint.config import Config, load
from scriptlint.errors import ScriptlintError
from scriptlint.findings import Result, severity_rank
from scriptlint.rules import TEAM_RULE, rules_by_code, validate_selectors

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


class UsageError(ScriptlintError):
    """Shown as one line on stderr, exit 2."""


# Options several commands share, declared once.
FailOnOption = Annotated[
    Optional[FailOn], typer.Option("--fail-on", help="Lowest severity that makes the exit code 1 [default: warning].")
]
SelectOption = Annotated[
    Optional[List[str]], typer.Option("--select", help="Rule codes or prefixes to use (e.g. SL1,SL401).")
]
IgnoreOption = Annotated[Optional[List[str]], typer.Option("--ignore", help="Rule codes or prefixes to skip.")]
ConfigOption = Annotated[
    Optional[Path],
    typer.Option(
        "--config", help="Config file (default: scriptlint.toml or [tool.scriptlint] in pyproject.toml, found upward)."
    ),
]
NoClassifierOption = Annotated[
    bool, typer.Option("--no-classifier", help="Phrase rules only (the keyword baseline; faster start).")
]
CorpusOption = Annotated[
    Optional[Path], typer.Option("--corpus", help="Corpus folder [default: ./corpus or the checkout's].")
]


def parse_codes(values: Optional[List[str]]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip().upper() for v in value.split(",") if v.strip())
    return tuple(out)


def load_config(
    config_path: Optional[Path],
    select: Optional[List[str]] = None,
    ignore: Optional[List[str]] = None,
    fail_on: Optional[FailOn] = None,
) -> Config:
    """The config file's settings with the command line's on top, selectors checked."""
    config = load(config_path).with_overrides(
        select=parse_codes(select) or None,
        ignore=parse_codes(ignore) or None,
        fail_on=fail_on.value if fail_on else None,
    )
    check_selectors(config)
    return config


def check_selectors(config: Config) -> None:
    known = list(rules_by_code()) + [TEAM_RULE.code]
    where = f" (from {config.path})" if config.path else ""
    for key in ("select", "ignore"):
        unknown = validate_selectors(getattr(config, key), known)
        if unknown:
            raise UsageError(f"--{key}: unknown rule code {unknown[0]!r}{where}; see `scriptlint rules`")
    unknown = [code for code in config.severity if code not in known]
    if unknown:  # exact codes only: a typo or a prefix would otherwise be ignored without a word
        raise UsageError(f"severity: unknown rule code {unknown[0]!r}{where}; use exact codes from `scriptlint rules`")


def exit_code(results: list[Result], fail_on: str) -> int:
    if any(r.error for r in results):
        return ExitStatus.ERROR
    if fail_on == "never":
        return ExitStatus.OK
    floor = severity_rank(fail_on)
    hit = any(severity_rank(f.severity) >= floor for r in results for f in r.findings)
    return ExitStatus.FINDINGS if hit else ExitStatus.OK
