"""Batch audit: one result line per message, resumable, parallel in order, aggregates from the file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from scriptlint.audit import run as audit
from scriptlint.audit.sources import check_sources, iter_items

FIXTURES = Path(__file__).parents[1] / "fixtures" / "audit"
ALL = [FIXTURES / "team.mbox", FIXTURES / "maildir", FIXTURES / "crm.csv", FIXTURES / "crm.jsonl"]
BODIES = [
    "Hi {name},\n\nJust checking in to see if you had any thoughts. Any update?\n\nBest,\n{me}\n",
    "Hi {name},\n\nThe pilot ends Friday: 3 of your 5 reps closed deals with the new sequence. "
    "Can we agree on seats by Thursday 10am?\n\n{me}\n",
    "Hi {name},\n\nJust touching base, bumping this to the top of your inbox.\n\n{me}\n",
]


def make_mbox(path: Path, count: int) -> Path:
    """`count` messages from three senders over several weeks; every fourth has no Message-ID."""
    start = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    with open(path, "wb") as stream:
        for i in range(count):
            me = ("sam", "ana", "bo")[i % 3]
            msg = EmailMessage()
            msg["From"] = f"{me}@acme.example"
            msg["To"] = "buyer@client.example"
            msg["Subject"] = f"Proposal {i}"
            msg["Date"] = format_datetime(start + timedelta(hours=7 * i))
            if i % 4:
                msg["Message-ID"] = f"<gen{i}@acme.example>"
            msg.set_content(BODIES[i % len(BODIES)].format(name="Dana", me=me.title()))
            stream.write(b"From %s@acme.example Mon Jan  5 09:00:00 2026\n" % me.encode() + msg.as_bytes() + b"\n")
    return path


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def fixture_results(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("audit") / "results.jsonl"
    audit.run(check_sources([str(p) for p in ALL]), out, jobs=1, batch_size=4)
    return out


def test_every_message_has_one_line_with_id_sender_date_subject(fixture_results):
    records = lines(fixture_results)
    assert len(records) == 4 + 2 + 3 + 2
    assert len({r["id"] for r in records}) == len(records)
    first = records[0]
    assert list(first)[:4] == ["id", "sender", "date", "subject"]
    assert first["id"] == "m1@acme.example" and first["sender"] == "sam@acme.example"
    assert first["date"] == "2026-01-05T09:00:00+00:00" and first["subject"] == "Proposal"
    assert {"source", "message", "findings", "text"} <= set(first)
    assert first["message"]["purposeless"] is True
    assert {"SL101", "SL401"} <= {f["rule"] for f in first["findings"]}
    # Sender addresses are grouped case-insensitively; display names dropped.
    assert records[2]["sender"] == "ana@acme.example"


def test_result_object_matches_lint_json_for_the_same_email(tmp_path, run_cli, fixture_results):
    item = next(iter(iter_items(check_sources([str(FIXTURES / "team.mbox")]))))
    eml = tmp_path / "one.eml"
    eml.write_bytes(item.data)
    linted = json.loads(run_cli("lint", "--format", "json", str(eml)).out)["results"][0]
    audited = lines(fixture_results)[0]
    for finding in linted["findings"]:
        del finding["suggestions"]  # an audit suggests only for the messages its report quotes (or --suggest-all)
    for key in ("message", "findings", "text"):
        assert audited[key] == linted[key]


def test_csv_html_body_is_converted_and_offsets_point_into_text(fixture_results):
    record = next(r for r in lines(fixture_results) if r["source"].endswith("crm.csv#3"))
    assert "<p>" not in record["text"]
    for finding in record["findings"]:
        assert record["text"][finding["start"] : finding["end"]] == finding["text"]


def test_aggregates_per_sender_and_team(fixture_results):
    agg = audit.aggregate(audit.iter_records(fixture_results), period="month")
    assert agg.team.messages == 11 and agg.errors == 0
    assert set(agg.senders) == {
        "sam@acme.example",
        "ana@acme.example",
        "dee@acme.example",
        "bo@acme.example",
        "cy@acme.example",
    }
    sam = agg.senders["sam@acme.example"]
    assert (sam.messages, sam.purposeless) == (2, 1)
    assert sam.share_purposeless == 0.5
    assert "checking in to see" in sam.phrases
    assert sorted(agg.trend) == ["2026-01", "2026-02"]
    assert agg.team.median_score is not None
    assert agg.worst and all(ex.purposeless for ex in agg.worst)
    assert agg.best and not any(ex.purposeless for ex in agg.best)
    summary = agg.to_dict()
    assert summary["team"]["messages"] == 11
    assert summary["senders"][0]["share_purposeless"] >= summary["senders"][-1]["share_purposeless"]


def test_median_from_histogram():
    stats = audit.Stats()
    for score in (10, 20, 90, 95):
        stats.add({"message": {"purposeless": False, "score": score}, "findings": []}, [], [])
    assert stats.median_score == 55
    stats.add({"message": {"purposeless": True, "score": 5}, "findings": []}, [], [])
    assert stats.median_score == 20


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("Mon, 05 Jan 2026 09:00:00 +0000", "2026-01-05T09:00:00+00:00"),
        ("2026-01-07T09:00:00Z", "2026-01-07T09:00:00+00:00"),
        ("01/21/2026 14:00", "2026-01-21T14:00:00"),
        ("1772000000", "2026-02-25T06:13:20+00:00"),
        ("soon", None),
    ],
)
def test_parse_date(raw, iso):
    assert audit.parse_date(raw) == iso


def test_existing_out_is_refused_then_overwritten_with_force(tmp_path, run_cli):
    out = tmp_path / "r.jsonl"
    out.write_text("keep me\n")
    refused = run_cli("audit", str(FIXTURES / "crm.jsonl"), "--out", str(out), "-j", "1")
    assert refused.code == 2 and "already exists" in refused.err and "Traceback" not in refused.err
    assert out.read_text() == "keep me\n"
    forced = run_cli("audit", str(FIXTURES / "crm.jsonl"), "--out", str(out), "-j", "1", "--force")
    assert forced.code == 0 and len(lines(out)) == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.mbox"], "missing.mbox: no such file or directory"),
        ([str(FIXTURES / "crm.csv"), "--body-field", "Mail"], "no column 'Mail' for --body-field"),
        ([str(FIXTURES / "crm.csv"), "--period", "year"], "--period must be week or month"),
        ([str(FIXTURES / "crm.csv"), "--summary", "out.txt"], "--summary must end in .json or .csv"),
        ([str(FIXTURES / "crm.csv"), "--resume"], "--resume needs --out"),
        ([str(FIXTURES / "crm.csv"), "--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --backend dask"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run_cli, tmp_path, args, message):
    result = run_cli("audit", *args, "-j", "1", cwd=tmp_path)
    assert result.code == 2
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_audit_exits_0_with_findings_and_prints_tables(run_cli, tmp_path):
    result = run_cli("audit", str(FIXTURES / "crm.csv"), "-j", "1", "--summary", str(tmp_path / "s.csv"))
    assert result.code == 0
    assert "By sender" in result.out and "bo@acme.example" in result.out
    assert (tmp_path / "s.csv").read_text().splitlines()[1].startswith("TEAM,3,")


def test_unreadable_message_is_a_result_not_a_crash(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"body": "Just checking in."}\n[1, 2]\n')
    out = tmp_path / "r.jsonl"
    stats = audit.run(check_sources([str(path)]), out, jobs=1)
    records = lines(out)
    assert stats.errors == 1 and len(records) == 2
    assert "not a JSON object" in records[1]["error"]
    assert audit.aggregate(audit.iter_records(out)).errors == 1


def test_truncated_results_file_resumes_to_exactly_one_line_per_message(tmp_path):
    mbox = make_mbox(tmp_path / "sent.mbox", 40)
    out = tmp_path / "r.jsonl"
    sources = check_sources([str(mbox)])
    audit.run(sources, out, jobs=1, batch_size=8)
    full = out.read_bytes()
    cut = full.index(b"\n", len(full) // 2) + 40  # mid-line, as a killed run leaves it
    out.write_bytes(full[:cut])
    stats = audit.run(sources, out, jobs=1, batch_size=8, resume=True)
    records = lines(out)
    assert len(records) == 40 and len({r["id"] for r in records}) == 40
    assert stats.resumed + stats.linted == 40 and stats.resumed > 0
    assert out.read_bytes() == full  # same results, same order


def test_killed_audit_resumes_to_exactly_one_line_per_message(tmp_path):
    count = 300
    mbox = make_mbox(tmp_path / "sent.mbox", count)
    out = tmp_path / "r.jsonl"
    cmd = [sys.executable, "-m", "scriptlint", "audit", str(mbox), "--out", str(out), "-j", "1", "--batch-size", "8"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 16:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = out.read_bytes().count(b"\n")
    assert 16 <= partial < count, "the audit should have been killed part-way"
    done = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "already in" in done.stderr
    records = lines(out)
    assert len(records) == count
    assert len({r["id"] for r in records}) == count


def test_two_jobs_give_the_same_lines_in_the_same_order(tmp_path, fixture_results):
    out = tmp_path / "r.jsonl"
    audit.run(check_sources([str(p) for p in ALL]), out, jobs=2, batch_size=2)
    assert out.read_text() == fixture_results.read_text()


def test_dask_backend_on_a_local_cluster(tmp_path, fixture_results, run_cli):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        out = tmp_path / "r.jsonl"
        result = run_cli(
            "audit",
            *map(str, ALL),
            "--out",
            str(out),
            "--backend",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--batch-size",
            "4",
        )
    assert result.code == 0, result.err
    assert out.read_text() == fixture_results.read_text()


def test_duplicate_message_ids_are_linted_once(tmp_path):
    mbox = FIXTURES / "team.mbox"
    out = tmp_path / "r.jsonl"
    stats = audit.run(check_sources([str(mbox), str(mbox)]), out, jobs=1)
    # Messages with a Message-ID are the same message; position ids differ per path only, so equal here too.
    assert stats.duplicates == 4 and len(lines(out)) == 4


def test_only_from_keeps_the_team(fixture_results):
    agg = audit.aggregate(audit.iter_records(fixture_results), only_from=["acme.example"])
    assert agg.received == 0
    agg = audit.aggregate(audit.iter_records(fixture_results), only_from=["bo@acme.example"])
    assert set(agg.senders) == {"bo@acme.example"} and agg.received == 9


def test_a_second_audit_cannot_write_to_the_same_file(tmp_path):
    fcntl = pytest.importorskip("fcntl")
    out = tmp_path / "r.jsonl"
    out.write_text("")
    with open(out, "a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(audit.InputError, match="another audit is writing"):
            audit.run(check_sources([str(FIXTURES / "crm.jsonl")]), out, jobs=1, resume=True)
    assert out.read_text() == ""


@pytest.mark.parametrize(
    "option, target, message",
    [
        ("--report", "folder", "is a directory; --report needs a file name"),
        ("--summary", "folder/s.json", None),  # a file inside an existing folder is fine (control)
        ("--report", "notes.txt/audit.html", "no such directory for --report"),
        ("--summary", "notes.txt/s.csv", "no such directory for --summary"),
        ("--summary", "missing/s.csv", "no such directory for --summary"),
        ("--out", "notes.txt/r.jsonl", "no such directory for --out"),
        ("--out", "folder", "is a directory"),
    ],
)
def test_output_paths_are_checked_before_any_work(run_cli, tmp_path, option, target, message):
    (tmp_path / "folder").mkdir()
    (tmp_path / "notes.txt").write_text("mine\n")
    result = run_cli("audit", str(FIXTURES / "crm.jsonl"), option, str(tmp_path / target), "-j", "1")
    assert "Traceback" not in result.err and "internal error" not in result.err
    if message is None:
        assert result.code == 0
        return
    assert result.code == 2 and message in result.err
    assert len(result.err.strip().splitlines()) == 1 and "By sender" not in result.out  # nothing done
    assert (tmp_path / "notes.txt").read_text() == "mine\n"


def test_an_unwritable_report_is_one_line_not_a_crash(run_cli, tmp_path, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "write_text", refuse)
    result = run_cli("audit", str(FIXTURES / "crm.jsonl"), "--report", str(tmp_path / "a.html"), "-j", "1")
    assert result.code == 2 and "Traceback" not in result.err
    assert (
        result.err.strip().splitlines()[-1]
        == f"scriptlint: error: {tmp_path / 'a.html'}: cannot write the report (Permission denied)"
    )


@pytest.mark.parametrize(
    "content", [b"my notes\nmore notes\n", b"my notes", b'{"id": "x", "message": {}}\nnot a result\n']
)
def test_resume_refuses_a_file_that_is_not_a_results_file_and_leaves_it_alone(run_cli, tmp_path, content):
    out = tmp_path / "notes.txt"
    out.write_bytes(content)
    result = run_cli("audit", str(FIXTURES / "crm.jsonl"), "--out", str(out), "--resume", "-j", "1")
    assert result.code == 2 and "is not an audit result" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert out.read_bytes() == content


def test_a_gzipped_mbox_cut_short_ends_with_an_error_line_not_an_abort(tmp_path):
    import gzip

    mbox = make_mbox(tmp_path / "sent.mbox", 60)
    packed = gzip.compress(mbox.read_bytes())
    cut = tmp_path / "sent.mbox.gz"
    cut.write_bytes(packed[: len(packed) * 2 // 3])
    out = tmp_path / "r.jsonl"
    stats = audit.run(check_sources([str(cut), str(FIXTURES / "crm.jsonl")]), out, jobs=1, batch_size=16)
    records = lines(out)
    broken = [r for r in records if r.get("error")]
    assert stats.errors == 1 and len(broken) == 1
    assert "cannot read the rest of the file" in broken[0]["error"]
    assert 0 < len(records) - 1 - 2 < 60  # the messages before the cut, then the next source (2 rows)
