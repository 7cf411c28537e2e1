"""`scriptlint hook install git`: git's sendemail-validate hook, calling the installed scriptlint.

The hook never runs `python -m scriptlint`: that searches the current directory (the repository)
first, so a `typer.py` or `scriptlint/` folder in the repository would run instead. It calls the
console script installed beside this Python, or this Python in isolated mode (`-I`), which ignores
the current directory, PYTHONPATH and the user's site folder.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from scriptlint.errors import InputError

GIT_HOOK = """#!/bin/sh
# Installed by `scriptlint hook install git`: lint every email before git send-email sends it.
# $1 is the email file (never modified); a non-zero exit stops the send and holds a copy.
# Send one anyway: SCRIPTLINT_SKIP=1 git send-email ...
# Runs the installed scriptlint, never Python files from this repository.
exec {command} hook validate{options} "$1"
"""


def installed_command() -> str:
    """The shell words that run this installation of scriptlint without looking at the cwd."""
    script = Path(sys.executable).with_name("scriptlint")
    if script.is_file() and os.access(script, os.X_OK):
        return shlex.quote(str(script))
    with tempfile.TemporaryDirectory() as empty:  # prove the isolated import works, away from any checkout
        check = subprocess.run([sys.executable, "-I", "-c", "import scriptlint"], cwd=empty, capture_output=True)
    if check.returncode != 0:
        raise InputError(
            f"cannot find an installed scriptlint to call from the hook (no {script}, and "
            f"`{sys.executable} -I -m scriptlint` cannot import it); install it with pip first"
        )
    return f"{shlex.quote(sys.executable)} -I -m scriptlint"


def install_git_hook(*, force: bool = False, cwd: Path | None = None, options: str = "") -> Path:
    """Write an executable `sendemail-validate` into this repository's hooks folder."""

    try:
        out = subprocess.run(["git", "rev-parse", "--git-path", "hooks"], cwd=cwd, capture_output=True, text=True)
    except OSError:
        raise InputError("git is not installed (needed to find the hooks folder)") from None
    if out.returncode != 0:
        raise InputError("not inside a git repository (git rev-parse --git-path hooks failed)")
    folder = (cwd or Path.cwd()) / out.stdout.strip()
    target = folder / "sendemail-validate"
    if target.exists() and not force:
        raise InputError(f"{target} already exists; use --force to replace it")
    command = installed_command()
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(GIT_HOOK.format(command=command, options=options), encoding="utf-8")
    target.chmod(0o755)
    return target
