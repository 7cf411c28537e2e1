"""The decision shared by both hooks: send unchanged, or block and keep the exact bytes."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from scriptlint.config import Config
from scriptlint.findings import Result, severity_rank
from scriptlint.hook.child import LintFailed, run_limited, time_limit
from scriptlint.hook.spool import LINT_CAP, hold, hold_folders

BLOCKED = 1
"""Exit status of a blocked send: scriptlint's "findings" code. mutt/neomutt/aerc keep the draft and
git send-email aborts on any non-zero status alike, so EX_TEMPFAIL (75) would buy nothing here."""
TEMPFAIL = 75
"""EX_TEMPFAIL: fail-closed internal error, "try again later", the message is held, nothing lost."""
NOT_FOUND = 127
SKIP_HEADER = re.compile(rb"^X-Scriptlint:[ \t]*(skip|off|no)[ \t]*\r?$", re.I | re.M)
MAX_SHOWN = 8
SKIP_HINT = "scriptlint: to send it anyway, add the header 'X-Scriptlint: skip' or set SCRIPTLINT_SKIP=1"


@dataclass
class Verdict:
    """What to do with one outgoing message."""

    send: bool
    status: int = 0
    lines: tuple[str, ...] = ()  # for stderr
    hold_dir: Path | None = None  # where a copy goes if sending fails after all
    folders: tuple[Path, ...] = ()  # every folder a copy may go to, best first


@dataclass
class Options:
    """Command-line choices; each overrides the config file when given."""

    hold_dir: Path | None = None
    fail_closed: bool | None = None
    fail_on: str | None = None
    classifier: bool = True


Keep = Callable[[list[Path]], list[str]]
"""Keeps the held copy in one of the folders and returns the lines that say where (or why not)."""


def skip_requested(data: bytes | None) -> bool:
    """`SCRIPTLINT_SKIP=1` or an `X-Scriptlint: skip` header: the user chose to send this one anyway."""
    if os.environ.get("SCRIPTLINT_SKIP", "").strip().lower() in ("1", "true", "yes", "on"):
        return True
    header_block = re.split(rb"\r?\n\r?\n", (data or b"")[:65536], maxsplit=1)[0]
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


def load_config_safely(load_config: Callable[[], Config], options: Options) -> tuple[Config | None, str | None, bool]:
    """(config, problem, fail closed?): a broken config is an internal error, not a crash. A config
    that cannot be parsed but says `fail_closed = true` still fails closed."""
    try:
        config = load_config().with_overrides(fail_on=options.fail_on, fail_closed=options.fail_closed)
    except Exception as exc:
        closed = bool(options.fail_closed) or bool(getattr(exc, "fail_closed", False))
        return None, f"scriptlint: internal error: {type(exc).__name__}: {exc}", closed
    return config, None, config.fail_closed


def folders_for(config: Config | None, options: Options) -> list[Path]:
    return hold_folders(options.hold_dir, config.hold_dir if config else None)


def decide(
    data: bytes | None,
    load_config: Callable[[], Config],
    options: Options,
    lint: Callable[..., Result] = lint_bytes,
    *,
    keep: Keep | None = None,
) -> Verdict:
    """Send, or block and hold. Never raises: an internal error (a broken config file included)
    sends anyway unless fail-closed was asked for. `data` None: over the lint cap, passed on."""
    if skip_requested(data):  # the user's explicit choice wins over everything, even a broken config
        return Verdict(
            True, lines=("scriptlint: not checked: skipped on request (X-Scriptlint: skip or SCRIPTLINT_SKIP=1)",)
        )
    config, problem, closed = load_config_safely(load_config, options)
    folders = folders_for(config, options)
    keep = keep or (lambda where: _hold_lines(data or b"", where))
    if data is None:
        return Verdict(
            True,
            lines=(f"scriptlint: not checked: the message is over {LINT_CAP // 2**20} MB; passed on unchanged",),
            hold_dir=folders[0],
            folders=tuple(folders),
        )
    if problem is None:
        try:
            floor = config.fail_on
            answer = run_limited(
                lambda: _blocking(lint(data, config, classifier=options.classifier), floor), time_limit(len(data))
            )
        except LintFailed as exc:
            problem = f"scriptlint: internal error: {exc}"
    if problem is not None:
        if not closed:
            return Verdict(
                True,
                lines=(
                    problem,
                    "scriptlint: sending anyway (fail-open; use fail_closed = true or --fail-closed to block instead)",
                ),
                hold_dir=folders[0],
                folders=tuple(folders),
            )
        lines = [problem, "scriptlint: message not sent (fail-closed)", *keep(folders), SKIP_HINT]
        return Verdict(False, TEMPFAIL, tuple(lines), folders[0], tuple(folders))
    if not answer["count"]:
        return Verdict(True, hold_dir=folders[0], folders=tuple(folders))
    lines = [*answer["lines"], *keep(folders), SKIP_HINT]
    return Verdict(False, BLOCKED, tuple(lines), folders[0], tuple(folders))


def _blocking(result: Result, floor: str) -> dict[str, Any]:
    """In the child: how many findings block the send, and the lines that show them."""
    blocking = [f for f in result.findings if floor != "never" and severity_rank(f.severity) >= severity_rank(floor)]
    n = len(blocking)
    lines = [f"scriptlint: message not sent: {n} finding{'s' * (n != 1)} at or above {floor}"]
    body_start = int(result.meta.get("body_start", 0) or 0)
    for finding in blocking[:MAX_SHOWN]:
        quoted = "" if finding.scope == "message" else f' "{_short(finding.text)}"'
        lines.append(
            f"  {_where(result.text, finding.start, body_start, finding.scope)}: {finding.rule}{quoted} {finding.message}"
        )
    if n > MAX_SHOWN:
        lines.append(f"  ... and {n - MAX_SHOWN} more")
    return {"count": n, "lines": lines}


def _hold_lines(data: bytes, folders: list[Path]) -> list[str]:
    """Write a held copy (validate, or a test calling `decide`) and say where it went."""
    where, failures = hold(data, folders)
    return held_lines(where, failures, folders)


def held_lines(where: Path | None, failures: list[str], folders: list[Path]) -> list[str]:
    lines = [f"scriptlint: could not keep a copy in {failure}" for failure in failures]
    if where is None:
        lines.append("scriptlint: no held copy could be written anywhere; your mail client still has the draft")
    else:
        lines.append(f"scriptlint: a copy of the message is held in {where}")
    return lines


def _where(text: str, offset: int, body_start: int, scope: str = "span") -> str:
    if scope == "message":
        return "message"
    if offset < body_start:
        return "subject"
    return f"line {text.count(chr(10), body_start, offset) + 1}"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
