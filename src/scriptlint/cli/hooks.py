"""`scriptlint hook ...`: the pre-send hooks for mail clients and git send-email."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, List, Optional

import typer

from scriptlint.cli.app import FailOn, NoClassifierOption, UsageError, hook_app
from scriptlint.config import load


def _hook_options(hold_dir: Optional[Path], fail_closed: bool, fail_on: Optional[FailOn], no_classifier: bool):
    from scriptlint.hook import Options  # lazy: the hook stage costs every other command's start-up

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
    no_classifier: NoClassifierOption = False,
) -> None:
    """Use as $sendmail (mutt, neomutt, aerc) or --sendmail-cmd (git send-email): lint, then send the exact bytes or block and hold a copy."""

    options = _hook_options(hold_dir, fail_closed, fail_on, no_classifier)
    from scriptlint.hook import sendmail_wrapper  # lazy: the hook stage costs every other command's start-up

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
    no_classifier: NoClassifierOption = False,
) -> None:
    """Check one email file and exit non-zero to stop the send (git's sendemail-validate hook)."""

    options = _hook_options(hold_dir, fail_closed, fail_on, no_classifier)
    from scriptlint.hook import validate_file  # lazy: the hook stage costs every other command's start-up

    raise typer.Exit(validate_file(email_file, lambda: load(config_path), options))


@hook_app.command("install")
def hook_install(
    target: str = typer.Argument(
        ..., metavar="git", help="What to install the hook into (only `git` for now).", show_default=False
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing sendemail-validate hook."),
) -> None:
    """Install git's sendemail-validate hook in the current repository."""

    if target != "git":
        raise UsageError(
            f"unknown hook target {target!r}; supported: git (for mutt/neomutt/aerc see README: set sendmail)"
        )
    from scriptlint.hook import install_git_hook  # lazy: the hook stage costs every other command's start-up

    path = install_git_hook(force=force)
    typer.echo(f"installed {path}")
