"""Property-based tests (Hypothesis): random bytes and random MIME trees into the readers, random text
into `lint`. Whatever comes in: no traceback, offsets valid, exit codes as documented (0/1/2)."""

from __future__ import annotations

import email.policy
import json
import os
from email.message import EmailMessage
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scriptlint.engine import lint
from scriptlint.errors import InputError, ScriptlintError
from scriptlint.text.inputs import message_from_bytes
from scriptlint.text.mime import parse_email
from scriptlint.text.view import INVISIBLE, analysis_view, strip_invisible

SCALE = float(os.environ.get("SCRIPTLINT_PROPERTY_SCALE", "1"))  # e.g. 20 for a long search before a release
FAST = settings(
    max_examples=int(60 * SCALE), deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
SLOW = settings(
    max_examples=int(25 * SCALE), deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

PIECES = [
    "Just checking in",
    "Any update?",
    "touching base",
    "Hi Dana,",
    "Best,\nSam",
    "> quoted line",
    "-- \n",
    "The pilot cut mis-picks by 18%.",
    "Subject: Checking in",
    "scriptlint: disable=SL101",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\U0001f600",
    "=" * 30,
    "\n\n",
    "Dr. Lee",
    "https://example.com/" + "a" * 90,
]
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=40)),
    max_size=30,
).map("".join)


def check_message(message, name: str = "x") -> None:
    text = message.text
    assert isinstance(text, str)
    text.encode("utf-8")  # no lone surrogates: JSON and terminals must be able to carry it
    for start, end, _ in message.excluded:
        assert 0 <= start <= end <= len(text)


@FAST
@given(st.binary(max_size=3000))
def test_random_bytes_become_a_message_or_one_clear_error(data):
    for as_email in (False, True):
        try:
            check_message(message_from_bytes(data, "random", email=as_email))
        except InputError as exc:
            assert "\n" not in str(exc) and str(exc).startswith("random")


def leaf() -> st.SearchStrategy[EmailMessage]:
    def build(kind: str, text: str, charset: str, encoding: str, raw: bytes) -> EmailMessage:
        part = EmailMessage()
        if kind == "attachment":
            part.set_content(raw, maintype="application", subtype="octet-stream", filename="a.bin")
            return part
        body = text if kind == "plain" else f"<p>{text}</p><ul><li>{text}</li></ul>"
        try:
            part.set_content(body, subtype=kind, charset=charset, cte=encoding)
        except (UnicodeError, ValueError, LookupError):
            part.set_content(body, subtype=kind)
        return part

    return st.builds(
        build,
        st.sampled_from(["plain", "html", "attachment"]),
        TEXT,
        st.sampled_from(["utf-8", "latin-1", "us-ascii", "x-bogus"]),
        st.sampled_from(["8bit", "base64", "quoted-printable", "7bit"]),
        st.binary(max_size=200),
    )


def tree(children: st.SearchStrategy) -> st.SearchStrategy[EmailMessage]:
    def build(subtype: str, parts: list[EmailMessage]) -> EmailMessage:
        message = EmailMessage()
        message.set_type(f"multipart/{subtype}")
        for part in parts:
            message.attach(part)
        return message

    return st.builds(build, st.sampled_from(["mixed", "alternative", "related"]), st.lists(children, max_size=4))


MIME = st.recursive(leaf(), tree, max_leaves=8)


@FAST
@given(MIME, st.text(max_size=60), st.binary(max_size=60), st.integers(0, 3))
def test_random_mime_trees_parse_or_fail_cleanly(message, subject, junk, damage):
    message["From"] = "sam@brightline.example"
    message["To"] = "dana@acme.example"
    try:
        message["Subject"] = subject
    except (ValueError, TypeError):
        pass
    try:
        data = message.as_bytes(policy=email.policy.default)
    except Exception:  # the stdlib cannot serialise some random combinations: not our input
        assume(False)
    if damage == 1:
        data = data[: len(data) // 2]  # truncated in transit
    elif damage == 2:
        data = data.replace(b"boundary", b"boundery", 1)  # a broken boundary
    elif damage == 3:
        data += junk
    try:
        check_message(parse_email(data, "m.eml"))
    except InputError as exc:
        assert str(exc).startswith("m.eml")


@FAST
@given(TEXT, st.data())
def test_the_analysis_view_and_offset_map_keep_offsets(text, data):
    assert len(analysis_view(text)) == len(text)
    clean, back = strip_invisible(text)
    if back is None:
        assert clean == text and not INVISIBLE.search(text)
        return
    assert [text[back.start(i)] for i in range(len(clean))] == list(clean)
    assert all(back.forward(back.start(i)) == i for i in range(len(clean)))
    a = data.draw(st.integers(0, len(clean)))
    b = data.draw(st.integers(a, len(clean)))
    if a < b:  # a span of the cleaned text is the same words in the original, invisible characters aside
        original = text[back.start(a) : back.end(b)]
        assert INVISIBLE.sub("", original) == clean[a:b]
        assert original[0] == clean[a] and original[-1] == clean[b - 1]


@SLOW
@given(TEXT)
def test_lint_on_random_text_keeps_offsets_valid(text):
    result = lint(text)
    assert result.text == text
    for finding in result.findings + result.suppressed:
        assert 0 <= finding.start <= finding.end <= len(text)
        if finding.scope == "span":
            assert text[finding.start : finding.end] == finding.text
            assert finding.line >= 1 and finding.column >= 1


@SLOW
@given(st.binary(max_size=2000))
def test_the_command_line_exits_0_1_or_2_with_at_most_one_error_line(run_cli_module, data):
    result = run_cli_module("lint", "--format", "json", "--no-classifier", "-", stdin=data)
    assert result.code in (0, 1, 2)
    assert "internal error" not in result.err and "Traceback" not in result.err
    if result.code == 2:
        errors = [line for line in result.err.splitlines() if line.startswith("scriptlint: error:")]
        assert len(errors) == 1


@SLOW
@given(st.binary(max_size=2000), st.sampled_from([".jsonl", ".csv", ".mbox", ".eml", ".txt"]))
def test_random_bytes_in_an_audit_source_give_items_or_one_clear_error(tmp_path_factory, data, suffix):
    from scriptlint.audit.records import lint_batch
    from scriptlint.audit.sources import check_sources, iter_items
    from scriptlint.config import Config

    path = Path(tmp_path_factory.mktemp("src")) / f"random{suffix}"
    path.write_bytes(data)
    try:
        sources = check_sources([str(path)])
        items = list(iter_items(sources))
    except ScriptlintError as exc:
        assert "\n" not in str(exc)
        return
    for line in lint_batch(items, Config(), classifier=False):  # what `audit` writes for each item
        record = json.loads(line)
        assert "internal error" not in (record.get("error") or "")
        if record.get("error"):
            assert str(path) in record["error"]


@pytest.fixture(scope="module")
def run_cli_module():
    """`run_cli` for Hypothesis (function-scoped fixtures are not reset between examples)."""
    import io
    import sys
    from contextlib import redirect_stderr, redirect_stdout

    from scriptlint.cli import main

    def run(*args: str, stdin: bytes = b"") -> SimpleNamespace:
        out, err = io.StringIO(), io.StringIO()
        saved = sys.argv, sys.stdin
        sys.argv = ["scriptlint", *args]
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        try:
            with redirect_stdout(out), redirect_stderr(err):
                try:
                    main()
                    code = 0
                except SystemExit as exc:
                    code = int(exc.code or 0)
        finally:
            sys.argv, sys.stdin = saved
        return SimpleNamespace(code=code, out=out.getvalue(), err=err.getvalue())

    return run
