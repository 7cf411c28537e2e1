"""Pre-send hooks: a good message goes out byte for byte, a purposeless one is blocked and held.

The end-to-end tests drive the real tools (mutt, git send-email) through a recording fake sendmail.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from scriptlint.config import Config
from scriptlint.hook import BLOCKED, TEMPFAIL, Options, decide, install_git_hook, sendmail_wrapper

GOOD = (
    b"From: Sam Ortiz <sam@brightline.example>\r\nTo: dana@acme.example\r\nSubject: Pilot: 18% fewer mis-picks\r\n\r\n"
    b"Hi Dana,\r\n\r\nThe pilot cut mis-picks by 18%. Can we review the numbers on Tuesday at 10:00?\r\n\r\nSam\r\n"
)
BAD = b"From: sam@brightline.example\nTo: dana@acme.example\nSubject: Checking in\n\nHi Dana,\n\nJust checking in. Any update?\n\nSam\n"
SCRIPTLINT = [sys.executable, "-m", "scriptlint"]


@pytest.fixture
def fake_sendmail(tmp_path: Path) -> Path:
    """A sendmail that records its stdin (and arguments) instead of sending."""
    script = tmp_path / "fake-sendmail"
    script.write_text(f'#!/bin/sh\ncat > "{tmp_path}/sent.eml"\nprintf "%s\\n" "$@" > "{tmp_path}/args.txt"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def wrap(data: bytes, command: list[str], hold_dir: Path, config: Config | None = None, **options) -> tuple[int, str]:
    err = io.StringIO()
    status = sendmail_wrapper(
        command, lambda: config or Config(), Options(hold_dir=hold_dir, **options), stdin=io.BytesIO(data), stderr=err
    )
    return status, err.getvalue()


def test_a_good_message_reaches_sendmail_byte_for_byte_with_its_arguments(tmp_path, fake_sendmail):
    status, err = wrap(GOOD, [str(fake_sendmail), "-oi", "--", "dana@acme.example"], tmp_path / "held")
    assert (status, err) == (0, "")
    assert (tmp_path / "sent.eml").read_bytes() == GOOD
    assert (tmp_path / "args.txt").read_text().split() == ["-oi", "--", "dana@acme.example"]
    assert list((tmp_path / "held").iterdir()) == []  # the spooled copy is removed once sendmail delivered


def test_a_purposeless_message_is_blocked_and_an_exact_copy_is_held(tmp_path, fake_sendmail):
    status, err = wrap(BAD, [str(fake_sendmail)], tmp_path / "held")
    assert status == BLOCKED
    assert not (tmp_path / "sent.eml").exists()
    [held] = (tmp_path / "held").iterdir()
    assert held.read_bytes() == BAD and held.suffix == ".eml"
    assert f"a copy of the message is held in {held}" in err
    assert 'SL101 "Just checking in"' in err and "line 3" in err
    assert err.startswith("scriptlint: message not sent:")


def test_skip_header_and_environment_send_anyway(tmp_path, fake_sendmail, monkeypatch):
    skipped = BAD.replace(b"Subject:", b"X-Scriptlint: skip\nSubject:")
    assert wrap(skipped, [str(fake_sendmail)], tmp_path / "held")[0] == 0
    assert (tmp_path / "sent.eml").read_bytes() == skipped
    monkeypatch.setenv("SCRIPTLINT_SKIP", "1")
    assert wrap(BAD, [str(fake_sendmail)], tmp_path / "held")[0] == 0
    assert (tmp_path / "sent.eml").read_bytes() == BAD


def test_the_skip_header_must_be_a_header_not_body_text(tmp_path, fake_sendmail):
    in_body = BAD + b"X-Scriptlint: skip\n"
    assert wrap(in_body, [str(fake_sendmail)], tmp_path / "held")[0] == BLOCKED


def explode(*args, **kwargs):
    raise RuntimeError("model file is corrupt")


def test_an_internal_error_sends_anyway_and_warns(tmp_path):
    verdict = decide(BAD, Config, Options(hold_dir=tmp_path / "held"), lint=explode)
    assert verdict.send
    assert verdict.lines[0] == "scriptlint: internal error: RuntimeError: model file is corrupt"
    assert "sending anyway (fail-open" in verdict.lines[1]


def test_fail_closed_blocks_and_holds_on_an_internal_error(tmp_path):
    for config, options in (
        (Config(fail_closed=True), Options(hold_dir=tmp_path / "a")),
        (Config(), Options(hold_dir=tmp_path / "b", fail_closed=True)),
    ):
        verdict = decide(BAD, lambda: config, options, lint=explode)
        assert (verdict.send, verdict.status) == (False, TEMPFAIL)
        assert [p.read_bytes() for p in options.hold_dir.iterdir()] == [BAD]


def test_a_broken_config_file_does_not_stop_mail(tmp_path, fake_sendmail):
    def broken():
        from scriptlint.errors import ConfigError

        raise ConfigError("scriptlint.toml: invalid TOML")

    err = io.StringIO()
    status = sendmail_wrapper(
        [str(fake_sendmail)], broken, Options(hold_dir=tmp_path / "held"), stdin=io.BytesIO(BAD), stderr=err
    )
    assert status == 0 and (tmp_path / "sent.eml").read_bytes() == BAD
    assert "internal error: ConfigError: scriptlint.toml: invalid TOML" in err.getvalue()


def test_config_hold_dir_and_fail_on_are_used(tmp_path, fake_sendmail):
    config = Config(hold_dir=str(tmp_path / "from-config"), fail_on="never")
    assert wrap(BAD, [str(fake_sendmail)], None, config)[0] == 0
    config = Config(hold_dir=str(tmp_path / "from-config"))
    assert wrap(BAD, [str(fake_sendmail)], None, config)[0] == BLOCKED
    assert len(list((tmp_path / "from-config").iterdir())) == 1


def test_a_missing_sendmail_is_reported_and_the_message_held(tmp_path):
    status, err = wrap(GOOD, [str(tmp_path / "no-such-sendmail")], tmp_path / "held")
    assert status == 127 and "cannot run" in err
    assert [p.read_bytes() for p in (tmp_path / "held").iterdir()] == [GOOD]


def test_sendmail_command_line_passes_everything_after_the_dashes(tmp_path, fake_sendmail):
    run = subprocess.run(
        [
            *SCRIPTLINT,
            "hook",
            "sendmail",
            "--hold-dir",
            str(tmp_path / "held"),
            "--",
            str(fake_sendmail),
            "-oi",
            "-t",
            "--",
            "x@y.example",
        ],
        input=GOOD,
        capture_output=True,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "sent.eml").read_bytes() == GOOD
    assert (tmp_path / "args.txt").read_text().split() == ["-oi", "-t", "--", "x@y.example"]


def test_validate_never_modifies_the_file_and_exits_non_zero_on_findings(tmp_path):
    email = tmp_path / "0001.patch"
    email.write_bytes(BAD)
    run = subprocess.run(
        [*SCRIPTLINT, "hook", "validate", "--hold-dir", str(tmp_path / "held"), str(email)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == BLOCKED and "message not sent" in run.stderr
    assert email.read_bytes() == BAD
    email.write_bytes(GOOD)
    ok = subprocess.run(
        [*SCRIPTLINT, "hook", "validate", str(email), "--hold-dir", str(tmp_path / "held")],
        capture_output=True,
        text=True,
    )
    assert (ok.returncode, ok.stderr) == (0, "")


def git(repo: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, **kwargs)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q")
    git(path, "config", "user.name", "Sam Ortiz")
    git(path, "config", "user.email", "sam@brightline.example")
    (path / "parser.py").write_text("def parse(): ...\n")
    git(path, "add", ".")
    git(path, "commit", "-qm", "Initial parser")
    return path


def test_install_git_hook_refuses_to_overwrite_without_force(repo):
    from scriptlint.errors import InputError

    hook = install_git_hook(cwd=repo)
    assert hook == repo / ".git" / "hooks" / "sendemail-validate"
    assert os.access(hook, os.X_OK) and "hook validate" in hook.read_text()
    with pytest.raises(InputError, match="already exists; use --force"):
        install_git_hook(cwd=repo)
    assert install_git_hook(cwd=repo, force=True) == hook


def test_install_outside_a_repository_is_one_clear_error(run_cli, tmp_path):
    result = run_cli("hook", "install", "git", cwd=tmp_path)
    assert result.code == 2
    assert (
        result.err.strip() == "scriptlint: error: not inside a git repository (git rev-parse --git-path hooks failed)"
    )


def send_email_available() -> bool:
    """git-send-email installed, with the Perl module it needs to send (Debian: libmailtools-perl)."""
    if shutil.which("git") is None or shutil.which("perl") is None:
        return False
    exec_path = subprocess.run(["git", "--exec-path"], capture_output=True, text=True).stdout.strip()
    has_mail_address = subprocess.run(["perl", "-MMail::Address", "-e", "1"], capture_output=True).returncode == 0
    return (Path(exec_path) / "git-send-email").exists() and has_mail_address


@pytest.mark.slow
@pytest.mark.skipif(not send_email_available(), reason="git send-email (Debian git-email) is not installed")
@pytest.mark.parametrize(
    "message,sent",
    [
        (
            "parser: accept folded Subject headers\n\nRFC 5322 lets a header continue on the next line; we rejected those\nmessages. Fold them before matching.",
            True,
        ),
        ("Just checking in on the parser change\n\nAny update on this?", False),
    ],
    ids=["good-commit-message", "purposeless-commit-message"],
)
def test_git_send_email_with_the_validate_hook(repo, tmp_path, fake_sendmail, message, sent):
    (repo / "scriptlint.toml").write_text(f'hold_dir = "{tmp_path / "held"}"\n')
    (repo / "parser.py").write_text("def parse(folded=True): ...\n")
    git(repo, "commit", "-qam", message)
    git(repo, "format-patch", "-1", "-o", str(tmp_path / "out"))
    [patch] = (tmp_path / "out").iterdir()
    install_git_hook(cwd=repo)
    env = {**os.environ, "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1"}
    env.pop("SCRIPTLINT_SKIP", None)
    run = subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "send-email",
            "--confirm=never",
            "--to=dana@acme.example",
            f"--sendmail-cmd={fake_sendmail}",
            str(patch),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    if sent:
        assert run.returncode == 0, run.stderr
        body = (tmp_path / "sent.eml").read_bytes().split(b"\n\n", 1)[1]
        assert body == patch.read_bytes().split(b"\n\n", 1)[1]  # the commit message and diff, untouched
        assert not (tmp_path / "held").exists() or not list((tmp_path / "held").iterdir())
    else:
        assert run.returncode != 0
        assert "rejected by sendemail-validate hook" in run.stderr and 'SL101 "Just checking in' in run.stderr
        assert not (tmp_path / "sent.eml").exists()
        assert [p.read_bytes() for p in (tmp_path / "held").iterdir()] == [patch.read_bytes()]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("mutt") is None, reason="mutt is not installed")
@pytest.mark.parametrize(
    "subject,body,sent",
    [
        (
            "Pilot: 18% fewer mis-picks",
            "Hi Dana,\n\nThe pilot cut mis-picks by 18%. Can we review the numbers on Tuesday at 10:00?\n\nSam\n",
            True,
        ),
        ("Checking in", "Hi Dana,\n\nJust checking in. Any update?\n\nSam\n", False),
    ],
    ids=["good", "purposeless"],
)
def test_mutt_sends_through_the_wrapper(tmp_path, fake_sendmail, subject, body, sent):
    wrapper = " ".join(
        [*SCRIPTLINT, "hook", "sendmail", "--hold-dir", str(tmp_path / "held"), "--", str(fake_sendmail), "-oi"]
    )
    (tmp_path / "muttrc").write_text(
        f'set sendmail="{wrapper}"\nset from="Sam Ortiz <sam@brightline.example>"\nset use_from=yes\n'
        'set record=""\nset copy=no\nset sendmail_wait=0\n'
    )
    # A recorder in front of the wrapper shows what mutt produced, to compare with what was sent.
    recorder = tmp_path / "record-then-wrap"
    recorder.write_text(f'#!/bin/sh\ntee "{tmp_path}/from-mutt.eml" | {wrapper} "$@"\n')
    recorder.chmod(0o755)
    (tmp_path / "muttrc").write_text(
        (tmp_path / "muttrc").read_text().replace(f'set sendmail="{wrapper}"', f'set sendmail="{recorder}"')
    )
    env = {**os.environ, "HOME": str(tmp_path)}
    env.pop("SCRIPTLINT_SKIP", None)
    run = subprocess.run(
        ["mutt", "-n", "-F", str(tmp_path / "muttrc"), "-s", subject, "--", "dana@acme.example"],
        input=body,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    from_mutt = (tmp_path / "from-mutt.eml").read_bytes()
    assert f"Subject: {subject}".encode() in from_mutt
    if sent:
        assert run.returncode == 0, run.stderr
        assert (tmp_path / "sent.eml").read_bytes() == from_mutt
        args = (tmp_path / "args.txt").read_text().split()
        assert args[0] == "-oi" and args[-1] == "dana@acme.example"  # mutt's own arguments, passed on
    else:
        assert run.returncode != 0
        assert "scriptlint: message not sent" in run.stderr and "Error sending message, child exited 1" in run.stderr
        assert not (tmp_path / "sent.eml").exists()
        assert [p.read_bytes() for p in (tmp_path / "held").iterdir()] == [from_mutt]


def test_a_crash_inside_the_engine_fails_open_through_the_command_line(run_cli, tmp_path, fake_sendmail, monkeypatch):
    import scriptlint.engine

    def crash(*args, **kwargs):
        raise MemoryError("spaCy pipeline could not be built")

    monkeypatch.setattr(scriptlint.engine, "lint_message", crash)
    result = run_cli("hook", "sendmail", "--hold-dir", tmp_path / "held", "--", fake_sendmail, stdin=BAD)
    assert result.code == 0
    assert (tmp_path / "sent.eml").read_bytes() == BAD
    assert "scriptlint: internal error: MemoryError: spaCy pipeline could not be built" in result.err
    closed = run_cli(
        "hook", "sendmail", "--fail-closed", "--hold-dir", tmp_path / "held", "--", fake_sendmail, stdin=GOOD
    )
    assert closed.code == TEMPFAIL
    assert [p.read_bytes() for p in (tmp_path / "held").iterdir()] == [GOOD]


def test_sendmail_with_stdin_closed_is_one_clear_error(run_cli, tmp_path, fake_sendmail):
    result = run_cli("hook", "sendmail", "--hold-dir", tmp_path / "held", "--", fake_sendmail, stdin=None)
    assert result.code == 2
    assert result.err.strip() == "scriptlint: error: stdin is closed: no message to lint or send"
    assert not (tmp_path / "sent.eml").exists()
