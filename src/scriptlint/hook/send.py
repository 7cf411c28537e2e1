"""The two hook entry points: the sendmail wrapper (stdin, spooled) and git's validate hook (a file).

The wrapper's order: load the config, write stdin to the spool file in full, decide, then run the
real sendmail with the spool file as its stdin. SIGTERM and SIGHUP are caught: before sending,
nothing is sent and the copy stays held; while sendmail runs it is left alone (it reads a complete
file) and the copy stays too, because scriptlint can no longer tell whether it was delivered.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, TextIO

from scriptlint.config import Config
from scriptlint.errors import InputError
from scriptlint.hook.policy import NOT_FOUND, TEMPFAIL, Options, decide, folders_for, held_lines
from scriptlint.hook.spool import LINT_CAP, Spool, SpoolFull, receive


class Interrupted(BaseException):
    """SIGTERM or SIGHUP arrived (a BaseException, so no `except Exception` swallows it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into `Interrupted` for the duration (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    old = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, previous in old.items():
            signal.signal(sig, previous)


class _Once:
    """The config, loaded once; a broken one raises the same error every time it is asked for."""

    def __init__(self, load_config: Callable[[], Config]):
        self.load_config = load_config
        self.value: Config | None = None
        self.error: Exception | None = None
        self.done = False

    def __call__(self) -> Config:
        if not self.done:
            self.done = True
            try:
                self.value = self.load_config()
            except Exception as exc:  # decide() reports it as an internal error
                self.error = exc
        if self.error is not None:
            raise self.error
        return self.value


def sendmail_wrapper(
    command: list[str],
    load_config: Callable[[], Config],
    options: Options,
    *,
    stdin: BinaryIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Spool the message, decide, then let `command` read the complete copy; return its status."""
    err = stderr or sys.stderr
    if stdin is None and sys.stdin is None:
        raise InputError("stdin is closed: no message to lint or send")
    stream = stdin or sys.stdin.buffer
    config = _Once(load_config)
    try:
        loaded = config()
    except Exception:
        loaded = None
    folders = folders_for(loaded, options)
    with signals_raise():
        try:
            spool, data = receive(stream, folders)
        except Interrupted as exc:
            _say(err, [f"scriptlint: interrupted by {exc.name} while reading the message; nothing was sent"])
            return 128 + exc.signum
        except SpoolFull as exc:
            _say(err, [f"scriptlint: not sent: {exc}; nothing kept (your mail client still has the draft)"])
            return TEMPFAIL
        except OSError as exc:
            _say(err, [f"scriptlint: not sent: cannot write the message to disk first ({exc.strerror or exc})"])
            return TEMPFAIL
        try:
            return _decide_and_send(command, spool, data, config, options, err)
        finally:
            spool.close()


def _decide_and_send(
    command: list[str], spool: Spool, data: bytes | None, config: _Once, options: Options, err: TextIO
) -> int:
    kept = held_lines(spool.path, spool.failures, [])
    try:
        verdict = decide(data, config, options, keep=lambda folders: kept)
    except Interrupted as exc:
        _say(err, [f"scriptlint: interrupted by {exc.name} before sending; nothing was sent", kept[-1]])
        return 128 + exc.signum
    _say(err, verdict.lines)
    if not verdict.send:
        return verdict.status
    name = Path(command[0]).name if command else "sendmail"
    try:
        reader = spool.reader()
        try:
            process = subprocess.Popen(command, stdin=reader)
        finally:
            os.close(reader)
    except OSError as exc:
        _say(err, [f"scriptlint: cannot run {command[0]!r}: {exc.strerror or exc}", *kept])
        return NOT_FOUND
    try:
        status = process.wait()
    except Interrupted as exc:
        _say(
            err,
            [
                f"scriptlint: interrupted by {exc.name} while {name} was running; it reads a complete copy "
                "and may still deliver it",
                *kept,
            ],
        )
        return 128 + exc.signum
    if status == 0:
        spool.discard()
        return 0
    if status < 0:
        signame = signal.Signals(-status).name if -status in signal.Signals._value2member_map_ else str(-status)
        _say(err, [f"scriptlint: {name} was killed by {signame}; the message may not have been sent", *kept])
        return 128 + -status
    _say(err, [f"scriptlint: {name} failed (exit status {status}); the message may not have been sent", *kept])
    return status


def validate_file(
    path: Path, load_config: Callable[[], Config], options: Options, *, stderr: TextIO | None = None
) -> int:
    """git's sendemail-validate: 0 lets git send, non-zero aborts. The file is only read (at most
    LINT_CAP bytes: a larger file is let through unchecked, with a warning)."""
    err = stderr or sys.stderr
    try:
        with path.open("rb") as stream:
            data = stream.read(LINT_CAP + 1)
    except OSError as exc:
        _say(err, [f"scriptlint: cannot read {path}: {exc.strerror or exc}"])
        return 2
    with signals_raise():
        try:
            verdict = decide(None if len(data) > LINT_CAP else data, load_config, options)
        except Interrupted as exc:
            _say(err, [f"scriptlint: interrupted by {exc.name}; {path} was not checked"])
            return 128 + exc.signum
    _say(err, verdict.lines)
    return 0 if verdict.send else verdict.status


def _say(err: TextIO, lines: tuple[str, ...] | list[str]) -> None:
    for line in lines:
        print(line, file=err)
    err.flush()
