"""The pre-send hook under bad luck: signals mid-send, concurrent sends, unusable hold folders,
oversize input, a sendmail that dies, a hostile repository. Nothing is truncated or lost.

A bigger randomised soak (random kill moments, more rounds) is `bench/soak.py --hook`.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import scriptlint.hook.spool as spool_module
from scriptlint.config import Config
from scriptlint.hook import BLOCKED, TEMPFAIL, Options, decide, hold, install_git_hook, sendmail_wrapper
from scriptlint.hook.spool import Spool

BAD = b"From: sam@brightline.example\nTo: dana@acme.example\nSubject: Checking in\n\nHi Dana,\n\nJust checking in. Any update?\n\nSam\n"
GOOD = (
    b"From: sam@brightline.example\nTo: dana@acme.example\nSubject: Pilot: 18% fewer mis-picks\n\n"
    b"Hi Dana,\n\nThe pilot cut mis-picks by 18%. Can we review the numbers on Tuesday at 10:00?\n\nSam\n"
)
SCRIPTLINT = [sys.executable, "-m", "scriptlint"]

SLOW_SENDMAIL = """#!{python}
# A sendmail that reads slowly: 4 KB every 10 ms, then files what it read and says it is done.
import os, sys, time
out = sys.argv[1]
open(out + ".started", "w").close()
with open(out + ".tmp", "wb") as f:
    while True:
        block = os.read(0, 4096)
        if not block:
            break
        f.write(block)
        time.sleep(0.01)
os.rename(out + ".tmp", out)
open(out + ".done", "w").close()
"""


def big_message(size: int = 300_000) -> bytes:
    line = b"The pilot cut mis-picks by 18% across the Denver site; numbers attached for Tuesday.\n"
    return GOOD + line * (size // len(line))


@pytest.fixture
def slow_sendmail(tmp_path: Path) -> Path:
    script = tmp_path / "slow-sendmail"
    script.write_text(SLOW_SENDMAIL.format(python=sys.executable))
    script.chmod(0o755)
    return script


def hook_env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "TMPDIR": str(tmp_path / "tmp")}
    env.pop("SCRIPTLINT_SKIP", None)
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return env


def wait_for(predicate, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def alive(pid: int) -> bool:
    """Running (a zombie waiting for a container's init to reap it has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def held(folder: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted(folder.glob("*.eml"))] if folder.exists() else []


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL], ids=["TERM", "HUP", "KILL"])
def test_a_signal_while_sendmail_reads_never_truncates_and_keeps_a_copy(tmp_path, slow_sendmail, sig):
    message, out = big_message(), tmp_path / "sent.eml"
    hook = subprocess.Popen(
        [*SCRIPTLINT, "hook", "sendmail", "--no-classifier", "--hold-dir", str(tmp_path / "held"), "--"]
        + [str(slow_sendmail), str(out)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=hook_env(tmp_path),
    )
    hook.stdin.write(message)
    hook.stdin.close()
    assert wait_for(lambda: Path(f"{out}.started").exists()), hook.stderr.read()
    hook.send_signal(sig)
    err = hook.stderr.read().decode()  # returns once no process holds the pipe: nothing lingers
    assert hook.wait(timeout=10) == (-sig if sig == signal.SIGKILL else 128 + sig)
    assert wait_for(lambda: Path(f"{out}.done").exists(), 20)
    assert out.read_bytes() == message  # sendmail read a complete copy although its feeder died
    assert held(tmp_path / "held") == [message]  # delivery unconfirmed: the copy stays
    if sig != signal.SIGKILL:
        assert f"interrupted by {sig.name} while slow-sendmail was running" in err


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
def test_a_signal_while_linting_sends_nothing_and_keeps_a_copy(tmp_path, slow_sendmail, sig):
    out = tmp_path / "sent.eml"
    hook = subprocess.Popen(
        [*SCRIPTLINT, "hook", "sendmail", "--hold-dir", str(tmp_path / "held"), "--", str(slow_sendmail), str(out)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=hook_env(tmp_path),
    )
    hook.stdin.write(GOOD)
    hook.stdin.close()
    assert wait_for(lambda: bool(held(tmp_path / "held")))  # spooled: linting has started
    hook.send_signal(sig)
    err = hook.stderr.read().decode()  # the lint child must not keep stderr open after its parent died
    hook.wait(timeout=10)
    time.sleep(0.2)
    assert not Path(f"{out}.started").exists()
    assert held(tmp_path / "held") == [GOOD]
    if sig == signal.SIGTERM:
        assert "interrupted by SIGTERM before sending; nothing was sent" in err


def test_six_concurrent_identical_blocked_sends_each_keep_their_copy(tmp_path, slow_sendmail):
    hooks = [
        subprocess.Popen(
            [*SCRIPTLINT, "hook", "sendmail", "--no-classifier", "--hold-dir", str(tmp_path / "held"), "--"]
            + [str(slow_sendmail), str(tmp_path / "sent.eml")],
            stdin=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=hook_env(tmp_path),
        )
        for _ in range(6)
    ]
    results = [hook.communicate(BAD, timeout=120) for hook in hooks]
    assert [hook.returncode for hook in hooks] == [BLOCKED] * 6, results
    assert held(tmp_path / "held") == [BAD] * 6
    assert len(set((tmp_path / "held").iterdir())) == 6


def test_identical_copies_held_in_the_same_second_get_distinct_names(tmp_path):
    paths: list[Path | None] = []
    threads = [threading.Thread(target=lambda: paths.append(hold(BAD, tmp_path)[0])) for _ in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert None not in paths and len(set(paths)) == 24
    assert held(tmp_path) == [BAD] * 24


def test_an_unusable_hold_folder_falls_back_and_says_where(tmp_path, monkeypatch):
    monkeypatch.setattr(spool_module, "default_hold_dir", lambda: tmp_path / "state-held")
    (tmp_path / "a-file").write_text("not a folder")
    verdict = decide(BAD, Config, Options(hold_dir=tmp_path / "a-file" / "held", classifier=False))
    assert (verdict.send, verdict.status) == (False, BLOCKED)
    assert any(
        line.startswith(f"scriptlint: could not keep a copy in {tmp_path / 'a-file' / 'held'}")
        for line in verdict.lines
    )
    assert held(tmp_path / "state-held") == [BAD]
    assert f"a copy of the message is held in {tmp_path / 'state-held'}" in "\n".join(verdict.lines)


def test_a_full_disk_moves_the_copy_on_and_leaves_no_fragment(tmp_path, monkeypatch):
    full, spare = tmp_path / "full", tmp_path / "spare"
    real_write = os.write

    def write(fd, data):  # the first folder takes 64 KB, then reports a full disk
        if Path(os.readlink(f"/proc/self/fd/{fd}")).parent == full and os.fstat(fd).st_size >= 65536:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data[:4096])

    monkeypatch.setattr(spool_module.os, "write", write)
    message = big_message(200_000)
    spool = Spool([full, spare])
    for i in range(0, len(message), 10_000):
        spool.write(message[i : i + 10_000])
    path = spool.finish()
    spool.close()
    assert path.parent == spare and path.read_bytes() == message
    assert list(full.iterdir()) == []  # the partial file is removed
    assert spool.failures == [f"{full} (No space left on device)"]


def test_oversize_input_is_passed_on_byte_for_byte_unlinted(tmp_path, monkeypatch):
    monkeypatch.setattr(spool_module, "LINT_CAP", 1000)
    monkeypatch.setattr("scriptlint.hook.policy.LINT_CAP", 1000)
    sendmail = tmp_path / "sendmail"
    sendmail.write_text(f'#!/bin/sh\ncat > "{tmp_path}/sent.eml"\n')
    sendmail.chmod(0o755)
    message = BAD + b"Just checking in.\n" * 200  # flagged, but over the (lowered) cap
    err = io.StringIO()
    status = sendmail_wrapper(
        [str(sendmail)], Config, Options(hold_dir=tmp_path / "held"), stdin=io.BytesIO(message), stderr=err
    )
    assert status == 0 and (tmp_path / "sent.eml").read_bytes() == message
    assert "not checked: the message is over" in err.getvalue()


def test_an_endless_stdin_is_refused_without_filling_the_disk(tmp_path, monkeypatch):
    monkeypatch.setattr(spool_module, "SPOOL_LIMIT", 3 << 20)
    with open("/dev/zero", "rb") as zero:
        err = io.StringIO()
        status = sendmail_wrapper(["true"], Config, Options(hold_dir=tmp_path / "held"), stdin=zero, stderr=err)
    assert status == TEMPFAIL and "not sent: the message is over 3 MB" in err.getvalue()
    assert list((tmp_path / "held").iterdir()) == []


def test_validate_and_config_read_devices_bounded(run_cli, tmp_path):
    result = run_cli("hook", "validate", "--hold-dir", tmp_path / "held", "/dev/zero")
    assert result.code == 0 and "not checked: the message is over 64 MB" in result.err
    result = run_cli("lint", "--config", "/dev/zero", "-", stdin=b"Hello")
    assert (result.code, result.err.strip()) == (2, "scriptlint: error: /dev/zero: config file is larger than 1 MB")


def test_a_sendmail_killed_by_a_signal_is_named_and_the_copy_kept(tmp_path):
    sendmail = tmp_path / "sendmail"
    sendmail.write_text("#!/bin/sh\ncat > /dev/null\nkill -9 $$\n")
    sendmail.chmod(0o755)
    err = io.StringIO()
    options = Options(hold_dir=tmp_path / "held", classifier=False)
    status = sendmail_wrapper([str(sendmail)], Config, options, stdin=io.BytesIO(GOOD), stderr=err)
    assert status == 128 + 9
    assert "scriptlint: sendmail was killed by SIGKILL; the message may not have been sent" in err.getvalue()
    assert held(tmp_path / "held") == [GOOD]


def test_a_broken_config_that_says_fail_closed_fails_closed(tmp_path):
    from scriptlint.config import load_file

    config = tmp_path / "scriptlint.toml"
    config.write_text('fail_closed = true\nselect = ["SL1"\n')  # unterminated list
    verdict = decide(GOOD, lambda: load_file(config), Options(hold_dir=tmp_path / "held", classifier=False))
    assert (verdict.send, verdict.status) == (False, TEMPFAIL)
    assert "invalid TOML" in verdict.lines[0] and held(tmp_path / "held") == [GOOD]
    config.write_text('select = ["SL1"\n')
    assert decide(GOOD, lambda: load_file(config), Options(hold_dir=tmp_path / "held", classifier=False)).send


def test_a_lint_that_never_ends_fails_open_after_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setattr("scriptlint.hook.child.LINT_SECONDS", 0.5)

    def hang(*args, **kwargs):
        while True:
            pass

    started = time.monotonic()
    verdict = decide(BAD, Config, Options(hold_dir=tmp_path / "held"), lint=hang)
    assert verdict.send and "linting took longer than" in verdict.lines[0]
    assert time.monotonic() - started < 5


def test_a_crash_in_the_lint_process_is_an_internal_error(tmp_path):
    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    verdict = decide(BAD, Config, Options(hold_dir=tmp_path / "held"), lint=die)
    assert verdict.send and "killed by SIGKILL" in verdict.lines[0]


def test_the_git_hook_never_runs_python_files_from_the_repository(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    marker = tmp_path / "ran"
    payload = f"open({str(marker)!r}, 'w').close()\nimport sys\nsys.exit(0)\n"
    (repo / "typer.py").write_text(payload)
    (repo / "scriptlint").mkdir()
    (repo / "scriptlint" / "__init__.py").write_text(payload)
    (repo / "scriptlint" / "__main__.py").write_text(payload)
    hook = install_git_hook(cwd=repo)
    assert " -m scriptlint" not in hook.read_text() or " -I -m scriptlint" in hook.read_text()
    patch = tmp_path / "0001.patch"
    patch.write_bytes(BAD)
    env = {**hook_env(tmp_path), "PYTHONPATH": ""}
    run = subprocess.run([str(hook), str(patch)], cwd=repo, capture_output=True, text=True, env=env)
    assert not marker.exists()
    assert run.returncode == BLOCKED and "message not sent" in run.stderr


def test_workers_end_with_a_killed_parent(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(
        "import os, signal, time\n"
        "from joblib import Parallel, delayed, parallel_config\n"
        "from scriptlint.engine import parallel_backend_args\n"
        "with parallel_config(backend='loky', **parallel_backend_args()):\n"
        "    pids = Parallel(n_jobs=2)(delayed(os.getpid)() for _ in range(8))\n"
        "    print(*sorted(set(pids)), flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    started = time.monotonic()
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert run.returncode == -9
    pids = [int(p) for p in run.stdout.split()]
    assert pids and wait_for(lambda: not any(alive(p) for p in pids), 5)
    assert time.monotonic() - started < 30  # stderr closed soon: no worker kept the pipe open
