"""Lint in a child process with a time limit, so no input can hang or crash the hook.

A catastrophic pattern, a runaway tokenizer or a RecursionError deep in a C library holds the GIL
or kills the process; a thread cannot be stopped then, a child process can. The child is forked
(no second start-up), ends with its parent (`die_with_parent`), and sends back plain JSON.
"""

from __future__ import annotations

import json
import os
import select
import signal
import time
from typing import Any, Callable

LINT_SECONDS = 60.0
"""Time allowed to lint a message, plus PER_MB seconds for each MB: then the hook stops waiting."""
PER_MB = 4.0


class LintFailed(Exception):
    """The child failed, crashed or ran out of time; the message is the one line a user sees."""


def time_limit(size: int) -> float:
    return LINT_SECONDS + PER_MB * size / 2**20


def run_limited(work: Callable[[], Any], seconds: float) -> Any:
    """`work()` in a forked child (its result must be JSON); LintFailed on error, crash or timeout."""
    if not hasattr(os, "fork"):
        return _in_process(work)
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns to the caller
        os.close(read_end)
        _child(work, write_end, parent)
    os.close(write_end)
    try:
        raw = _read_all(read_end, time.monotonic() + seconds, pid, seconds)
    except BaseException:
        _kill(pid)
        raise
    finally:
        os.close(read_end)
    status = os.waitpid(pid, 0)[1]
    if not raw:
        raise LintFailed(f"the linting process ended without an answer ({_describe(status)})")
    kind, value = json.loads(raw)
    if kind == "error":
        raise LintFailed(value)
    return value


def _in_process(work: Callable[[], Any]) -> Any:
    try:
        return work()
    except Exception as exc:
        raise LintFailed(f"{type(exc).__name__}: {exc}") from exc


def _child(work: Callable[[], Any], write_end: int, parent: int) -> None:  # pragma: no cover - in the child
    code = 0
    try:
        from scriptlint.engine import die_with_parent  # lazy: the engine loads spaCy, which the child needs anyway

        die_with_parent(parent)
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(sig, signal.SIG_DFL)
        try:
            payload = ["ok", work()]
        except BaseException as exc:  # everything, RecursionError and MemoryError included, is an answer
            payload = ["error", f"{type(exc).__name__}: {exc}"]
        data = json.dumps(payload).encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view) :]
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _read_all(fd: int, deadline: float, pid: int, seconds: float) -> bytes:
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            _kill(pid)
            raise LintFailed(f"linting took longer than {seconds:.0f} s (stopped)")
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        block = os.read(fd, 1 << 16)
        if not block:
            return b"".join(chunks)
        chunks.append(block)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        return f"killed by {signal.Signals(sig).name}" if sig in signal.Signals._value2member_map_ else f"signal {sig}"
    return f"exit status {os.WEXITSTATUS(status)}"
