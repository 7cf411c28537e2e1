"""The command line: parses options, calls the library, renders. Kept thin on purpose.

Each command lives with its kin (`drafts`: lint and rewrite; `docs`: rules and explain; `audit`;
`training`; `hooks`); importing them registers them on the one Typer app.
"""

from __future__ import annotations

import sys

import typer

from scriptlint.cli import audit, docs, drafts, hooks, server, training  # noqa: F401  (registers the commands)
from scriptlint.cli.app import ExitStatus, app
from scriptlint.errors import ScriptlintError

__all__ = ["app", "main"]


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
