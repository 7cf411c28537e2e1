"""Pre-send hooks: lint the outgoing email, then send it unchanged or block it and keep a copy.

Two entry points share one decision:
- `sendmail_wrapper`: the `$sendmail` of mutt/neomutt/aerc or `git send-email --sendmail-cmd`.
  The message arrives on stdin; the exact bytes go to the real command, or nowhere.
- `validate_file`: git's `sendemail-validate` hook; the email is a file that is never modified.

A blocked message is never lost: its exact bytes are written to the held folder first. An internal
error sends anyway with a warning (fail-open: a linter must not stop someone's mail) unless the
user asked for fail-closed, which blocks and holds instead.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Callable, TextIO

from scriptlint.config import Config
from scriptlint.errors import InputError
from scriptlint.findings import Result, severity_rank

BLOCKED = 1
"""Exit status of a blocked send: scriptlint's "findings" code. mutt/neomutt/aerc keep the draft and
git send-email aborts on any non-zero status alike, so EX_TEMPFAIL (75) would buy nothing here."""
TEMPFAIL = 75
"""EX_TEMPFAIL: fail-closed internal error, "try again later", the message is held, nothing lost."""
NOT_FOUND = 127
SKIP_HEADER = re.compile(rb"^X-Scriptlint:[ \t]*(skip|off|no)[ \t]*\r?$", re.I | re.M)
MAX_SHOWN = 8


@dataclass
class Verdict:
    """What to do with one outgoing message."""

    send: bool
    status: int = 0
    lines: tuple[str, ...] = ()  # for stderr
    hold_dir: Path | None = None  # where a copy goes if sending fails after all


@dataclass
class Options:
    """Command-line choices; each overrides the config file when given."""

    hold_dir: Path | None = None
    fail_closed: bool | None = None
    fail_on: str | None = None
    classifier: bool = True


def default_hold_dir() -> Path:
    import platformdirs  # lazy: only a blocked send needs the hold folder

    return Path(platformdirs.user_state_dir("scriptlint")) / "held"


def hold(data: bytes, folder: Path) -> Path:
    """Write the exact bytes to a new file in `folder` (private, atomic: a reader never sees half)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    digest = hashlib.sha256(data).hexdigest()[:10]
    target = folder / f"{stamp}-{digest}.eml"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{stamp}-{digest}-{n}.eml"
    tmp = folder / f".{target.name}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, target)
    return target


def skip_requested(data: bytes) -> bool:
    """`SCRIPTLINT_SKIP=1` or an `X-Scriptlint: skip` header: the user chose to send this one anyway."""
    if os.environ.get("SCRIPTLINT_SKIP", "").strip().lower() in ("1", "true", "yes", "on"):
        return True
    header_block = re.split(rb"\r?\n\r?\n", data[:65536], maxsplit=1)[0]
    return bool(SKIP_HEADER.search(header_block))


def lint_bytes(data: bytes, config: Config, *, classifier: bool = True) -> Result:
    """Parse and lint one outgoing email; any exception here is the caller's 'internal error'."""
    from scriptlint.engine import (
        lint_message,  # lazy: the engine loads spaCy; keep start-up cheap until a message is linted
    )
    from scriptlint.text.mime import parse_email  # lazy: plain-text input never needs the email parser

    message = parse_email(data, "message")
    result = lint_message(message, source="message", config=config, classifier=classifier)
    result.meta.setdefault("body_start", message.meta.get("body_start", 0))
    return result


def decide(
    data: bytes, load_config: Callable[[], Config], options: Options, lint: Callable[..., Result] = lint_bytes
) -> Verdict:
    """Send, or block and hold. Never raises: an internal error (a broken config file included)
    sends anyway unless fail-closed was asked for."""
    if skip_requested(data):  # the user's explicit choice wins over everything, even a broken config
        return Verdict(
            True, lines=("scriptlint: not checked: skipped on request (X-Scriptlint: skip or SCRIPTLINT_SKIP=1)",)
        )
    config: Config | None = None
    try:
        config = load_config().with_overrides(fail_on=options.fail_on, fail_closed=options.fail_closed)
        hold_dir = options.hold_dir or (Path(config.hold_dir) if config.hold_dir else default_hold_dir())
        result = lint(data, config, classifier=options.classifier)
        floor = config.fail_on
        blocking = [
            f for f in result.findings if floor != "never" and severity_rank(f.severity) >= severity_rank(floor)
        ]
    except Exception as exc:  # anything unexpected inside scriptlint, including model loading
        problem = f"scriptlint: internal error: {type(exc).__name__}: {exc}"
        closed = options.fail_closed if options.fail_closed is not None else bool(config and config.fail_closed)
        if not closed:
            return Verdict(
                True,
                lines=(
                    problem,
                    "scriptlint: sending anyway (fail-open; use fail_closed = true or --fail-closed to block instead)",
                ),
            )
        hold_dir = options.hold_dir or (Path(config.hold_dir) if config and config.hold_dir else default_hold_dir())
        return _block(data, hold_dir, TEMPFAIL, [problem, "scriptlint: message not sent (fail-closed)"])
    if not blocking:
        return Verdict(True, hold_dir=hold_dir)
    lines = [
        f"scriptlint: message not sent: {len(blocking)} finding{'s' * (len(blocking) != 1)} at or above {config.fail_on}"
    ]
    body_start = int(result.meta.get("body_start", 0) or 0)
    for finding in blocking[:MAX_SHOWN]:
        quoted = "" if finding.scope == "message" else f' "{_short(finding.text)}"'
        lines.append(
            f"  {_where(result.text, finding.start, body_start, finding.scope)}: {finding.rule}{quoted} {finding.message}"
        )
    if len(blocking) > MAX_SHOWN:
        lines.append(f"  ... and {len(blocking) - MAX_SHOWN} more")
    return _block(data, hold_dir, BLOCKED, lines)


def _block(data: bytes, hold_dir: Path, status: int, lines: list[str]) -> Verdict:
    try:
        where = hold(data, hold_dir)
        lines.append(f"scriptlint: a copy of the message is held in {where}")
    except OSError as exc:
        lines.append(
            f"scriptlint: could not write a held copy to {hold_dir} ({exc.strerror}); your mail client still has the draft"
        )
    lines.append("scriptlint: to send it anyway, add the header 'X-Scriptlint: skip' or set SCRIPTLINT_SKIP=1")
    return Verdict(False, status, tuple(lines), hold_dir)


def _where(text: str, offset: int, body_start: int, scope: str = "span") -> str:
    if scope == "message":
        return "message"
    if offset < body_start:
        return "subject"
    return f"line {text.count(chr(10), body_start, offset) + 1}"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sendmail_wrapper(
    command: list[str],
    load_config: Callable[[], Config],
    options: Options,
    *,
    stdin: BinaryIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Read the message, decide, then pass the exact bytes to `command` and return its status."""
    err = stderr or sys.stderr
    if stdin is None and sys.stdin is None:
        raise InputError("stdin is closed: no message to lint or send")
    data = (stdin or sys.stdin.buffer).read()
    verdict = decide(data, load_config, options)
    _say(err, verdict.lines)
    if not verdict.send:
        return verdict.status
    try:
        return subprocess.run(command, input=data).returncode
    except OSError as exc:
        hold_dir = verdict.hold_dir or options.hold_dir or default_hold_dir()
        blocked = _block(data, hold_dir, NOT_FOUND, [f"scriptlint: cannot run {command[0]!r}: {exc.strerror}"])
        _say(err, blocked.lines[:-1])
        return NOT_FOUND


def validate_file(
    path: Path, load_config: Callable[[], Config], options: Options, *, stderr: TextIO | None = None
) -> int:
    """git's sendemail-validate: 0 lets git send, non-zero aborts. The file is only read."""
    err = stderr or sys.stderr
    try:
        data = path.read_bytes()
    except OSError as exc:
        _say(err, [f"scriptlint: cannot read {path}: {exc.strerror}"])
        return 2
    verdict = decide(data, load_config, options)
    _say(err, verdict.lines)
    return 0 if verdict.send else verdict.status


def _say(err: TextIO, lines: tuple[str, ...] | list[str]) -> None:
    for line in lines:
        print(line, file=err)
    err.flush()


GIT_HOOK = """#!/bin/sh
# Installed by `scriptlint hook install git`: lint every email before git send-email sends it.
# $1 is the email file (never modified); a non-zero exit stops the send and holds a copy.
# Send one anyway: SCRIPTLINT_SKIP=1 git send-email ...
exec {python} -m scriptlint hook validate{options} "$1"
"""


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
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(GIT_HOOK.format(python=shlex.quote(sys.executable), options=options), encoding="utf-8")
    target.chmod(0o755)
    return target
