"""The command line: parses options, calls the library, renders. Kept thin on purpose.

Each command lives with its kin (`drafts`: lint and rewrite; `docs`: rules and explain; `audit`;
`training`; `hooks`); importing them registers them on the one Typer app.
"""

from __future__ import annotations

import os
import sys

import typer

from scriptlint.cli import audit, docs, drafts, hooks, server, training  # noqa: F401  (registers the commands)
from scriptlint.cli.app import ExitStatus, app
from scriptlint.detect.spacy_start import defer_spacy_cli
from scriptlint.errors import ScriptlintError

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry: turns library errors into one line on stderr and exit 2."""
    from typer.exceptions import TyperException  # lazy: only needed once a command has failed

    defer_spacy_cli()  # this process runs no spaCy command: do not load spaCy's CLI with spaCy
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
        typer.echo(f"scriptlint: error: {_usage_line(exc)}", err=True)
        sys.exit(ExitStatus.ERROR)
    except OSError as exc:  # writing the output failed (a full disk, stdout on /dev/full) or an unwrapped read
        _quiet_stdout()
        where = (
            f"{exc.filename}: {exc.strerror}" if exc.filename else f"cannot write the output ({exc.strerror or exc})"
        )
        typer.echo(f"scriptlint: error: {where}", err=True)
        sys.exit(ExitStatus.ERROR)
    except Exception as exc:  # a bug: still one line, never a traceback
        typer.echo(f"scriptlint: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(ExitStatus.ERROR)
    sys.exit(code if isinstance(code, int) else ExitStatus.OK)


def _usage_line(exc: Exception) -> str:
    """One line for a usage error: Click's message and where to read more (Click prints three)."""
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    names, ctx = [], getattr(exc, "ctx", None)
    while ctx is not None and ctx.parent is not None:  # the subcommands, not how Python was called
        names.insert(0, ctx.info_name)
        ctx = ctx.parent
    return f"{message.rstrip('.')} (see `{' '.join(['scriptlint', *names])} --help`)"


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
