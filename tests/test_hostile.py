"""Hostile and unlucky input: every case gives a result or one clear line, never a traceback, and
offsets stay valid. Speed on these inputs is measured in `bench/soak.py`, not here.
"""

from __future__ import annotations

import base64
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from scriptlint.audit.aggregate import example
from scriptlint.config import load_file
from scriptlint.engine import lint
from scriptlint.errors import ConfigError, InputError
from scriptlint.text.decode import decode
from scriptlint.text.inputs import expand_paths
from scriptlint.text.mime import parse_email, shrink_encoded_blobs
from scriptlint.text.view import analysis_view, strip_invisible

HEAD = "From: sam@brightline.example\nTo: dana@acme.example\nSubject: Pilot numbers\nMIME-Version: 1.0\n"


def multipart(parts: list[tuple[str, str, str]]) -> bytes:
    out = [HEAD, 'Content-Type: multipart/mixed; boundary="b0undary"\n\n']
    for content_type, encoding, body in parts:
        out.append(f"--b0undary\nContent-Type: {content_type}\nContent-Transfer-Encoding: {encoding}\n\n{body}\n")
    return ("".join(out) + "--b0undary--\n").encode()


def deep_multipart(depth: int) -> bytes:
    head = HEAD + 'Content-Type: multipart/mixed; boundary="b0"\n\n'
    opening = "".join(f'--b{i}\nContent-Type: multipart/mixed; boundary="b{i + 1}"\n\n' for i in range(depth))
    inner = f"--b{depth}\nContent-Type: text/plain\n\nJust checking in.\n--b{depth}--\n"
    return (head + opening + inner + "".join(f"--b{i}--\n" for i in reversed(range(depth)))).encode()


def assert_offsets(result, text: str) -> None:
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        if finding.scope == "span":  # a message-level finding quotes a shortened text
            assert text[finding.start : finding.end] == finding.text


# --- zero-width characters and the analysis view -------------------------------------------------


def test_zero_width_characters_inside_a_phrase_do_not_hide_it():
    text = "Hi Dana,\n\nJu\u200bst che\u200bcking in. Any up\u2060date?\n\nSam\n"
    result = lint(text)
    found = {f.rule: f for f in result.findings}
    assert found["SL101"].text == "Ju\u200bst che\u200bcking in"  # offsets point into what was written
    assert found["SL401"].text == "Any up\u2060date?"
    assert (found["SL101"].line, found["SL101"].column) == (3, 1)
    assert_offsets(result, text)


def test_the_offset_map_points_every_cleaned_character_back_to_itself():
    text = "\ufeffA\u200b\u200bb c\u00add\u200e"
    clean, back = strip_invisible(text)
    assert clean == "Ab cd"
    assert [text[back.start(i)] for i in range(len(clean))] == list(clean)
    assert text[back.start(0) : back.end(len(clean))] == "A\u200b\u200bb c\u00add"  # not the trailing mark
    assert strip_invisible("plain") == ("plain", None)


@pytest.mark.parametrize(
    "text",
    ["=" * 5000, ">" * 3000 + "\nhi", "\U0001f600" * 2000, "x" * 1000, "Just checking in. " * 300, "ok. " * 2000],
    ids=["equals", "quote-marks", "emoji", "long-word", "sentences", "short-sentences"],
)
def test_the_analysis_view_keeps_length_and_breaks_what_is_slow(text):
    view = analysis_view(text)
    assert len(view) == len(text)
    assert max(len(word) for word in view.split() or [""]) <= 64
    if ". " in text:  # a long line of sentences becomes one line per sentence
        assert max(len(line) for line in view.split("\n")) <= len("Just checking in. ")


def test_hostile_runs_still_lint_with_valid_offsets():
    text = "Hi Dana,\n\n" + "=" * 3000 + "\nJust checking in!!!!!!!!!!!!!!!!!!\n" + "Just checking in. " * 80 + "\n"
    result = lint(text)
    assert [f.text for f in result.findings if f.rule == "SL101"][:2] == ["Just checking in"] * 2
    assert len([f for f in result.findings if f.rule == "SL101"]) == 81
    assert_offsets(result, text)


def test_a_long_line_keeps_abbreviations_inside_a_sentence():
    line = "I spoke with Dr. Lee about the pilot and the numbers look good. " * 30
    view = analysis_view(line)
    assert "Dr. Lee" in view and "good.\nI spoke" in view


# --- MIME ----------------------------------------------------------------------------------------


def test_deeply_nested_multipart_is_an_error_for_that_input_only(run_cli, tmp_path):
    (tmp_path / "deep.eml").write_bytes(deep_multipart(2000))
    (tmp_path / "ok.txt").write_text("Just checking in.\n")
    with pytest.raises(InputError, match="nested too deeply"):
        parse_email(deep_multipart(2000), "deep.eml")
    result = run_cli("lint", "--format", "json", tmp_path / "deep.eml", tmp_path / "ok.txt")
    assert result.code == 2
    results = json.loads(result.out)["results"]
    assert "nested too deeply" in results[0]["error"] and results[1]["findings"]
    assert result.err.strip().splitlines() == [
        f"scriptlint: error: {tmp_path / 'deep.eml'}: MIME parts are nested too deeply to read"
    ]


def test_a_base64_text_body_next_to_a_big_attachment_is_analysed_in_full():
    text = ("The pilot cut mis-picks by 18% at the Denver site. " * 1800) + "\nJust checking in at the very end.\n"
    pdf = base64.encodebytes(random.Random(3).randbytes(900_000)).decode()
    data = multipart(
        [
            ("text/plain; charset=utf-8", "base64", base64.encodebytes(text.encode()).decode()),
            ("application/pdf", "base64", pdf),
        ]
    )
    assert len(data) > 1 << 20
    assert len(shrink_encoded_blobs(data)) < len(data) // 5  # the attachment was shrunk
    message = parse_email(data, "m.eml")
    assert message.text.endswith("Just checking in at the very end.\n") and message.attachments == 1


def test_a_long_base64_alphabet_line_is_scanned_once():
    image = base64.b64encode(random.Random(1).randbytes(60_000)).decode()
    html = f'<p>Hi Dana, just checking in.</p><img src="data:image/png;base64,{image}">'
    pdf = base64.encodebytes(random.Random(2).randbytes(900_000)).decode()
    data = multipart([("text/html; charset=utf-8", "8bit", html), ("application/pdf", "base64", pdf)])
    message = parse_email(data, "m.eml")  # the old pattern backtracked for minutes on the image line
    assert "just checking in" in message.text


def test_absurdly_nested_html_is_converted_flat_with_a_warning():
    html = "<p>Hi Dana, just checking in.</p>" + "<ul><li>" * 5000 + "deep" + "</li></ul>" * 5000
    data = (HEAD + "Content-Type: text/html; charset=utf-8\n\n" + html).encode()
    message = parse_email(data, "m.eml")
    assert "Hi Dana, just checking in." in message.text and "deep" in message.text
    assert len(message.text) < 200
    assert any("nested more than 32 levels" in w for w in message.warnings)


# --- decoding, config, paths ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,expected",
    [
        (b"Caf\xe9 meeting: the r\xe9sum\xe9 you sent.", "Café meeting: the résumé you sent."),
        (b"Just checking in \x93on\x94 the pilot.", "Just checking in “on” the pilot."),
        (b"A stray \x81 byte and \x96 a dash.", "A stray \x81 byte and – a dash."),
    ],
)
def test_stray_bytes_decode_as_windows_western_not_an_exotic_code_page(raw, expected):
    text, warnings = decode(raw, "d.txt")
    assert text == expected and warnings[0].endswith("decoded as cp1252")


def test_text_in_another_common_charset_is_still_recognised():
    text = "Добрый день! Мы обсудили пилот на прошлой неделе и хотели бы продолжить разговор."
    assert decode(text.encode("cp1251"), "d.txt")[0] == text


def test_a_hostile_team_phrase_is_a_config_error(tmp_path):
    config = tmp_path / "scriptlint.toml"
    config.write_text("extra_phrases = [" + json.dumps("touch " + "*? " * 1000 + "base") + "]\n")
    with pytest.raises(ConfigError, match="too complex"):
        load_file(config)
    config.write_text('extra_phrases = ["circle back on *? *? proposal"]\n')
    assert load_file(config).extra_phrases == ("circle back on *? *? proposal",)


def test_an_unreadable_subfolder_is_named(tmp_path, monkeypatch):
    (tmp_path / "drafts" / "locked").mkdir(parents=True)
    (tmp_path / "drafts" / "a.txt").write_text("Hello")

    def walk(top, onerror=None):
        yield str(top), ["locked"], ["a.txt"]
        onerror(PermissionError(13, "Permission denied", str(Path(top) / "locked")))

    monkeypatch.setattr("scriptlint.text.inputs.os.walk", walk)
    with pytest.raises(InputError, match=r"drafts/locked: cannot read folder \(Permission denied\)"):
        expand_paths([str(tmp_path / "drafts")])


# --- command-line wording --------------------------------------------------------------------------


def test_usage_errors_are_one_line(run_cli):
    result = run_cli("lint", "--bogus", "x")
    assert (result.code, result.err) == (
        2,
        "scriptlint: error: No such option: --bogus (see `scriptlint lint --help`)\n",
    )
    result = run_cli("hook", "sendmail")
    assert result.err.count("\n") == 1 and "see `scriptlint hook sendmail --help`" in result.err


def test_output_to_a_full_device_is_one_line():
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "scriptlint", "lint", "--format", "json", "-"],
            input=b"Just checking in.\n",
            stdout=full,
            stderr=subprocess.PIPE,
        )
    assert run.returncode == 2
    assert run.stderr.decode() == "scriptlint: error: cannot write the output (No space left on device)\n"


# --- audit inputs and excerpts ------------------------------------------------------------------


def audit(tmp_path: Path, source: Path, *extra: str) -> tuple[int, str, list[dict]]:
    out = tmp_path / "results.jsonl"
    run = subprocess.run(
        [sys.executable, "-m", "scriptlint", "audit", str(source), "--out", str(out), "--no-classifier", *extra],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "120"},
        cwd=tmp_path,
    )
    lines = [json.loads(line) for line in out.read_text().splitlines()] if out.is_file() else []
    return run.returncode, run.stderr, lines


def test_audit_inputs_that_used_to_fail_silently_or_with_a_traceback(tmp_path):
    jsonl = tmp_path / "s.jsonl"
    jsonl.write_text('{"body": "Just checking in \\ud800 here", "from": "a@x.example"}\n')
    code, err, lines = audit(tmp_path, jsonl)
    assert code == 0 and "error" not in lines[0] and "\ufffd" in lines[0]["text"]
    csv_file = tmp_path / "q.csv"
    csv_file.write_text('from,body\na@x.example,"Just checking in\nb@x.example,Any update?\n')
    code, err, lines = audit(tmp_path, csv_file, "--force")
    assert [line.get("error") for line in lines] == [f"{csv_file}: row 1: unreadable CSV (unexpected end of data)"]
    damaged = tmp_path / "h.mbox.gz"
    damaged.write_bytes(b"\x1f\x8b\x08\x00garbagegarbage")
    code, err, _ = audit(tmp_path, damaged, "--force")
    assert code == 2 and err.startswith(f"scriptlint: error: {damaged}: cannot read (")
    code, err, _ = audit(tmp_path, jsonl, "--out", "/dev/full", "--force")
    assert code == 2 and err.strip().splitlines()[-1].startswith(
        "scriptlint: error: /dev/full: cannot write the results"
    )


def test_an_excerpt_never_ends_inside_an_address_or_number():
    for filler in range(640, 700, 3):
        text = "x" * filler + " write to priya.sharma@acme.example or call +1 415 555 0100 today.\n"
        excerpt = example({"text": text, "findings": []}).to_dict()["excerpt"]
        assert "priya.sharma@acme.example" in excerpt or "priya" not in excerpt
        assert "+1 415 555 0100" in excerpt or "415" not in excerpt


def test_a_report_that_cannot_be_finished_leaves_no_partial_file(tmp_path):
    import errno

    from scriptlint.audit.command import _write

    def half(path: Path) -> None:
        path.write_text("<html>half a rep")
        raise OSError(errno.ENOSPC, "No space left on device")

    report = tmp_path / "report.html"
    with pytest.raises(InputError, match=r"report.html: cannot write the report \(No space left on device\)"):
        _write(report, "report", half, print)
    assert list(tmp_path.iterdir()) == []
    report.write_text("last week's report")
    with pytest.raises(InputError):
        _write(report, "report", half, print)
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"] and report.read_text() == "last week's report"


def test_findings_and_rewrites_are_capped_with_a_warning(monkeypatch):
    import scriptlint.engine

    monkeypatch.setattr(scriptlint.engine, "MAX_FINDINGS", 20)
    monkeypatch.setattr(scriptlint.engine, "MAX_SUGGESTED", 5)
    result = lint("Just checking in. Any update?\n" * 30, source="many.txt")
    spans = [f for f in result.findings if f.scope == "span"]
    assert len(spans) == 20 and sum(1 for f in spans if f.suggestions) == 5
    assert "many.txt: 60 findings; only the first 20 are reported" in result.warnings
    assert "many.txt: rewrites are suggested for the first 5 findings only" in result.warnings
