"""The command line as users and scripts see it: the JSON contract, exit codes, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES

BAD_PHRASES = [
    "Just checking in",
    "touch base",
    "Any update on your end?",
    "Did you get a chance to look",
    "Sorry to bother you again",
    "I know you're busy",
    "Bumping this to the top of your",
    "Let me know if anything changes",
]


def test_bad_example_exits_1_and_names_every_purposeless_phrase(run_cli):
    run = run_cli("lint", "--format", "json", EXAMPLES / "checking-in.txt")
    assert run.code == 1
    result = json.loads(run.out)["results"][0]
    text = (EXAMPLES / "checking-in.txt").read_text()
    spans = [(f["start"], f["end"]) for f in result["findings"]]
    for phrase in BAD_PHRASES:
        at = text.replace("\n", " ").index(phrase)
        assert any(s < at + len(phrase) and at < e for s, e in spans), f"not flagged: {phrase!r}"
    # The signature after "-- " is never analysed.
    assert all(f["start"] < text.index("\n-- \n") for f in result["findings"])


def test_good_example_exits_0(run_cli):
    run = run_cli("lint", EXAMPLES / "good-follow-up.txt")
    assert run.code == 0, run.out
    assert "0 findings" in run.out


def test_stdin_json_contract(run_cli):
    run = run_cli("lint", "--format", "json", "-", stdin=b"Just wanted to touch base and see how things are going.\n")
    assert run.code == 1
    payload = json.loads(run.out)
    assert payload["version"] == 1 and len(payload["results"]) == 1
    result = payload["results"][0]
    assert result["source"] == "-"
    assert set(result["message"]) == {"purposeless", "score"} and result["message"]["purposeless"] is True
    found = [f["text"] for f in result["findings"]]
    assert any("touch base" in t for t in found) and any("see how things are going" in t for t in found)
    keys = {
        "rule",
        "name",
        "category",
        "scope",
        "severity",
        "start",
        "end",
        "line",
        "column",
        "text",
        "message",
        "confidence",
        "suggestions",
    }
    for f in result["findings"]:
        assert keys <= set(f)
        assert f["category"] == "purposeless" or f["scope"] == "message"
        assert 0 <= f["confidence"] <= 1


def test_one_result_per_input_in_the_order_given(run_cli, tmp_path):
    a, b = tmp_path / "b.txt", tmp_path / "a.txt"
    a.write_text("Just checking in!")
    b.write_text("The quote is attached: 12% under last year's.")
    run = run_cli("lint", "--format", "json", a, b, a)
    assert [r["source"] for r in json.loads(run.out)["results"]] == [str(a), str(b), str(a)]


def test_folder_input_lints_its_text_files(run_cli, tmp_path):
    (tmp_path / "one.txt").write_text("Just checking in!")
    (tmp_path / "two.md").write_text("Any news?")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG\x00\x00")
    run = run_cli("lint", "--format", "json", tmp_path)
    assert [r["source"].rsplit("/", 1)[1] for r in json.loads(run.out)["results"]] == ["one.txt", "two.md"]


@pytest.mark.parametrize("fail_on, code", [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(run_cli, fail_on, code):
    assert run_cli("lint", "--fail-on", fail_on, "-", stdin=b"Just checking in!").code == code


def test_github_annotations(run_cli):
    run = run_cli("lint", "--format", "github", "-", stdin=b"Hi,\nJust checking in!")
    line = run.out.strip().splitlines()[0]
    assert line.startswith("::warning file=-,line=2,col=1,")
    assert "title=SL" in line and line.count("::") == 2


def test_text_format_shows_location_code_sentence_and_summary(run_cli):
    run = run_cli("lint", "-", stdin=b"Hi Dana,\nI wanted to touch base about the pilot.")
    assert "-:2:" in run.out and "SL" in run.out
    assert "I wanted to touch base about the pilot." in run.out
    assert "finding" in run.out and "\x1b[" not in run.out  # plain when piped


# --- bad input: one clear line, exit 2 (or a warning), never a traceback ---------------------------


def no_traceback(run) -> None:
    assert "Traceback" not in run.err and "Traceback" not in run.out


def test_missing_path(run_cli):
    run = run_cli("lint", "no/such/draft.txt")
    assert run.code == 2 and run.err.strip() == "scriptlint: error: no/such/draft.txt: no such file or directory"


def test_folder_without_text_files(run_cli, tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    run = run_cli("lint", tmp_path)
    assert run.code == 2 and "has no" in run.err and len(run.err.strip().splitlines()) == 1


def test_empty_file_warns_and_passes(run_cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    run = run_cli("lint", "--format", "json", empty)
    assert run.code == 0 and "empty input" in run.err
    assert json.loads(run.out)["results"][0]["findings"] == []


def test_binary_file_is_an_error_with_a_result(run_cli, tmp_path):
    blob = tmp_path / "draft.txt"
    blob.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    run = run_cli("lint", "--format", "json", blob)
    no_traceback(run)
    assert run.code == 2 and "binary" in run.err
    assert json.loads(run.out)["results"][0]["error"]


def test_invalid_utf8_is_decoded_with_a_warning(run_cli, tmp_path):
    draft = tmp_path / "latin1.txt"
    draft.write_bytes("Caf\xe9 meeting: just checking in on the r\xe9sum\xe9 you sent.".encode("latin-1"))
    run = run_cli("lint", "--format", "json", draft)
    assert run.code == 1 and "not valid UTF-8" in run.err
    result = json.loads(run.out)["results"][0]
    assert any("checking in" in f["text"] for f in result["findings"])


def test_unknown_rule_code(run_cli):
    run = run_cli("lint", "--select", "SL777", "-", stdin=b"hi")
    assert run.code == 2 and "unknown rule code 'SL777'" in run.err


def test_bad_config_names_file_and_key(run_cli, tmp_path):
    (tmp_path / "scriptlint.toml").write_text('ignore = "SL101"\n')
    run = run_cli("lint", "-", stdin=b"hi", cwd=tmp_path)
    assert run.code == 2
    assert "scriptlint.toml" in run.err and "'ignore'" in run.err


def test_config_from_pyproject_found_upward(run_cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.scriptlint]\nignore = ["SL"]\n')
    sub = tmp_path / "drafts" / "q3"
    sub.mkdir(parents=True)
    assert run_cli("lint", "-", stdin=b"Just checking in!", cwd=sub).code == 0


def test_unknown_option_and_missing_argument(run_cli):
    assert run_cli("lint", "--bogus", "-").code == 2
    assert run_cli("lint").code == 2


def test_rules_and_explain(run_cli):
    run = run_cli("rules")
    assert run.code == 0 and "SL901" in run.out
    run = run_cli("explain", "SL901")
    assert run.code == 0
    for heading in ("# SL901 purposeless-sentence", "## Why this hurts the sale", "## Example", "Use instead:"):
        assert heading in run.out
    assert run_cli("explain", "SL000").code == 2


def test_python_dash_m_entry_point():
    proc = subprocess.run([sys.executable, "-m", "scriptlint", "explain", "SL901"], capture_output=True, text=True)
    assert proc.returncode == 0 and "SL901" in proc.stdout


def test_bad_team_phrase_in_config_names_file_and_key(run_cli, tmp_path):
    (tmp_path / "scriptlint.toml").write_text('extra_phrases = ["touch (base"]\n')
    run = run_cli("lint", "-", stdin=b"hi", cwd=tmp_path)
    assert run.code == 2 and "scriptlint.toml" in run.err and "'extra_phrases'" in run.err


@pytest.mark.slow
def test_a_20_mb_text_file_works_in_bounded_memory_and_time(tmp_path):
    """Chunked analysis (on all cores for inputs this size): memory stays bounded, offsets stay right."""
    import random
    import resource
    import time

    rng = random.Random(7)
    words = (EXAMPLES / "good-follow-up.txt").read_text().split()
    paragraphs, size = [], 0
    while size < 20_000_000:
        paragraph = " ".join(rng.choice(words) for _ in range(50)) + ".\n\n"
        paragraphs.append(paragraph)
        size += len(paragraph)
    marker = len(paragraphs) // 2
    paragraphs[marker] = "Just checking in on the pilot.\n\n"
    big = tmp_path / "big.txt"
    big.write_text("".join(paragraphs))
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "scriptlint", "lint", "--format", "json", "--select", "SL1", str(big)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    elapsed = time.monotonic() - start
    assert proc.returncode == 1, proc.stderr[-500:]
    result = json.loads(proc.stdout)["results"][0]
    text = big.read_text()
    hits = [f for f in result["findings"] if f["rule"].startswith("SL1")]
    assert [text[f["start"] : f["end"]] for f in hits] == ["Just checking in"]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 1500, f"peak RSS {peak_mb:.0f} MB"
    assert elapsed < 600, f"{elapsed:.0f} s"


# --- more bad input: every case is one clear line and exit 2 (or a warning), never a traceback ------


def one_error_line(run) -> str:
    no_traceback(run)
    lines = [line for line in run.err.splitlines() if line.startswith("scriptlint: error:")]
    assert run.code == 2 and len(lines) == 1, run.err
    assert "internal error" not in run.err
    return lines[0]


def test_closed_stdin_is_an_input_error_with_a_result(run_cli):
    run = run_cli("lint", "--format", "json", "-", stdin=None)
    assert "stdin: closed" in one_error_line(run)
    assert json.loads(run.out)["results"][0]["error"]
    assert "stdin: closed" in one_error_line(run_cli("rewrite", "-", stdin=None))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_decoded_not_refused_as_binary(run_cli, tmp_path, encoding):
    draft = tmp_path / "notepad.txt"
    draft.write_bytes("Hi Zoë,\n\nJust checking in on the café order.\n".encode(encoding))
    run = run_cli("lint", "--format", "json", "--no-classifier", draft)
    no_traceback(run)
    assert run.code == 1 and "decoded as UTF-16" in run.err
    result = json.loads(run.out)["results"][0]
    assert "Zoë" not in result.get("error", "")
    assert [f["text"].lower() for f in result["findings"] if f["rule"] == "SL101"] == ["just checking in"]


@pytest.mark.parametrize("command", [["rules"], ["eval"]])
def test_table_commands_refuse_the_github_format(run_cli, command):
    run = run_cli(*command, "--format", "github")
    no_traceback(run)
    assert run.code == 2 and "'github' is not one of 'text', 'json'" in run.err


@pytest.mark.parametrize("code, expected", [(" sl101 ", 0), ("SL101\n", 0), ("", 2), ("   ", 2)])
def test_explain_strips_spaces_and_refuses_an_empty_code(run_cli, code, expected):
    run = run_cli("explain", code)
    assert run.code == expected
    if expected:
        assert "explain needs a rule code" in one_error_line(run)
    else:
        assert run.out.startswith("# SL101 checking-in")


@pytest.mark.parametrize(
    "toml, message",
    [
        ('select = "SL101"\n', "key 'select' must be a list"),
        ('ignore = ["SL101", 3]\n', "key 'ignore' must be a list of strings"),
        ('severity = {SL101 = "fatal"}\n', "key 'severity.SL101' must be one of"),
        ("severity = {SL101 = 3}\n", "key 'severity.SL101' must be one of"),
        ('severity = "error"\n', "key 'severity' must be a dict"),
        ('severity = {SL999 = "error"}\n', "severity: unknown rule code 'SL999'"),
        ('severity = {SL1 = "error"}\n', "severity: unknown rule code 'SL1'"),
        ("fail_on = 3\n", "key 'fail_on' must be a str"),
        ('fail_on = "sometimes"\n', "key 'fail_on' must be one of"),
        ('fail_closed = "yes"\n', "key 'fail_closed' must be a bool"),
        ("colour = true\n", "unknown key 'colour'"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_config_with_wrong_types_or_unknown_keys_is_one_line(run_cli, tmp_path, toml, message):
    config = tmp_path / "team.toml"
    config.write_text(toml)
    line = one_error_line(run_cli("lint", "--config", config, "-", stdin=b"Just checking in."))
    assert message in line and "team.toml" in line


@pytest.mark.parametrize("where", ["missing.toml", "."])
def test_config_that_is_missing_or_a_folder(run_cli, tmp_path, where):
    line = one_error_line(run_cli("lint", "--config", tmp_path / where, "-", stdin=b"hi"))
    assert ("config file not found" if where != "." else "cannot read config (Is a directory)") in line


def test_eval_on_an_empty_split_is_refused(run_cli, tmp_path):
    (tmp_path / "corpus" / "raw").mkdir(parents=True)
    line = one_error_line(run_cli("eval", "--corpus", tmp_path / "corpus"))
    assert "no examples in the test split" in line


def test_eval_write_manifest_checks_its_target_before_scoring(run_cli, tmp_path):
    (tmp_path / "corpus" / "raw").mkdir(parents=True)
    run = run_cli("eval", "--corpus", tmp_path / "corpus", "--split", "dev", "--write-manifest")
    assert "use it with --split test" in one_error_line(run)


def test_train_on_an_empty_corpus_is_a_corpus_error(run_cli, tmp_path):
    (tmp_path / "corpus" / "raw").mkdir(parents=True)
    run = run_cli("train", "--corpus", tmp_path / "corpus", "--out", tmp_path / "models")
    assert "the train split has no labelled sentences" in one_error_line(run)
    assert not (tmp_path / "models").exists()


def test_train_out_must_be_a_folder(run_cli, tmp_path):
    (tmp_path / "corpus" / "raw").mkdir(parents=True)
    (tmp_path / "notes.txt").write_text("mine")
    run = run_cli("train", "--corpus", tmp_path / "corpus", "--out", tmp_path / "notes.txt")
    assert "--out must be a folder" in one_error_line(run)
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("command", [["lint"], ["rewrite"]])
def test_a_device_without_a_size_is_read_with_a_bound(run_cli, command):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    assert "more than the 64 MB limit" in one_error_line(run_cli(*command, "/dev/zero"))


def test_version_and_every_help_page(run_cli):
    from scriptlint import __version__

    assert run_cli("--version").out.strip() == f"scriptlint {__version__}"
    for command in (
        "lint",
        "rules",
        "explain",
        "audit",
        "rewrite",
        "train",
        "eval",
        "hook",
        "hook sendmail",
        "hook validate",
        "hook install",
    ):
        run = run_cli(*command.split(), "--help")
        assert run.code == 0 and "Usage:" in run.out, command


def test_rewrite_of_a_draft_typed_with_header_lines_keeps_them(run_cli, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Date: Tue, 1 Dec 2026 07:48:10 -0600\nSubject: Following up\n\nHi Dale,\n\nJust wanted to touch base.\n"
        "The appraisal is $142,000.\n\nBest,\nTricia\n",
        encoding="utf-8",
    )
    out = run_cli("rewrite", "--today", "2026-12-01", str(draft)).out
    assert out.startswith("Date: Tue, 1 Dec 2026 07:48:10 -0600\nSubject: ") and "$142,000" in out
    eml = tmp_path / "draft.eml"
    eml.write_bytes(draft.read_bytes())
    assert not run_cli("rewrite", "--today", "2026-12-01", str(eml)).out.startswith("Date:")  # an .eml prints its text
