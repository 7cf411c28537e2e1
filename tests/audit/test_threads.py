"""Threads, replies and chases: hand-made cases for each rule, then generated mailboxes with known truth."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from scriptlint.audit import run as audit
from scriptlint.audit.items import Fields
from scriptlint.audit.push import is_push
from scriptlint.audit.replies import wilson
from scriptlint.audit.sources import check_sources
from scriptlint.audit.terminal import write_summary
from scriptlint.audit.threads import normalise_subject

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
import thread_mailbox as generator  # noqa: E402  (bench/ is not a package)

TEAM = ["acme.example"]


def sent(i, sender="ana", day=1, subject="Pricing", to="dana@client.example", purposeless=True, irt=None, text=""):
    return {
        "id": f"m{i}@acme.example",
        "sender": f"{sender}@acme.example",
        "date": f"2026-01-{day:02d}T09:00:00+00:00",
        "subject": subject,
        "to": [to],
        "in_reply_to": irt,
        "references": [irt] if irt else [],
        "message": {"purposeless": purposeless, "score": 5 if purposeless else 90},
        "findings": [{"rule": "SL101", "scope": "span", "text": "just checking in", "start": 0, "end": 16}]
        if purposeless
        else [],
        "text": text or ("Just checking in." if purposeless else "The pilot ends Friday: 3 of 5 reps closed deals."),
    }


def received(i, day=1, subject="Re: Pricing", sender="dana@client.example", irt=None, hour=15):
    return {
        "id": f"c{i}@client.example",
        "sender": sender,
        "date": f"2026-01-{day:02d}T{hour:02d}:00:00+00:00",
        "subject": subject,
        "to": ["ana@acme.example"],
        "in_reply_to": irt,
        "references": [irt] if irt else [],
        "received": True,
    }


def team_rates(agg):
    return agg.to_dict()["replies"]["team"]


def test_nudge_nudge_reply_only_the_second_nudge_was_replied():
    records = [sent(1, day=1), sent(2, day=4, subject="Re: Pricing"), received(3, day=5, subject="AW: Pricing")]
    agg = audit.aggregate(records, only_from=TEAM)
    rates = team_rates(agg)
    assert (rates["purposeless"]["messages"], rates["purposeless"]["replied"]) == (2, 1)
    assert rates["follow_up"]["purposeless"]["replied"] == 1 and rates["first_touch"]["purposeless"]["replied"] == 0
    assert rates["purposeless"]["median_hours_to_reply"] == 30.0  # Jan 4 09:00 -> Jan 5 15:00
    assert agg.to_dict()["threads"]["count"] == 1 and agg.received == 1
    assert "dana@client.example" not in agg.senders  # received mail is never a sender


def test_a_reply_whose_in_reply_to_names_an_earlier_message_counts_for_that_one():
    records = [sent(1, day=1, purposeless=False), sent(2, day=4, irt="m1@acme.example"), received(3, day=5)]
    records[2]["in_reply_to"] = "m1@acme.example"
    rates = team_rates(audit.aggregate(records, only_from=TEAM))
    assert rates["purposeful"]["replied"] == 1 and rates["purposeless"]["replied"] == 0


def test_threads_join_by_subject_and_counterpart_when_headers_are_missing():
    records = [
        sent(1, subject="Pricing", to="dana@client.example"),
        sent(2, subject="Pricing", to="lee@other.example"),  # same subject, another client: another thread
        received(3, day=2, subject="RE: [EXT] Pricing", sender="lee@other.example"),
    ]
    agg = audit.aggregate(records, only_from=TEAM)
    assert agg.to_dict()["threads"]["count"] == 2
    assert team_rates(agg)["purposeless"]["replied"] == 1
    assert normalise_subject("Re: AW: Fwd:  [EXT] Pricing  for Q3") == "pricing for q3"
    assert normalise_subject("SV: Sv[2]: Pricing") == "pricing"


def test_a_chase_needs_three_in_a_row_and_two_purposeless_and_ends_with_a_push_or_stops():
    push = "I haven't heard back, so I'll close this on my side. If it's a no, who did you choose?"
    chase = [sent(1, day=1), sent(2, day=3, purposeless=False), sent(3, day=7), sent(4, day=12, text=push)]
    chase[3]["message"] = {"purposeless": False, "score": 80}
    short = [sent(5, day=1, subject="Renewal"), sent(6, day=2, subject="Renewal"), received(7, 3, "Re: Renewal")]
    mostly_good = [sent(8 + i, day=1 + i, subject="Pilot", purposeless=i == 0) for i in range(4)]
    agg = audit.aggregate(chase + short + mostly_good, only_from=TEAM)
    threads = agg.to_dict()["threads"]
    assert threads["count"] == 3 and threads["chased"] == 1
    ana = threads["senders"]["ana@acme.example"]
    assert (ana["threads"], ana["chased"], ana["longest_chase"], ana["ended_with_push"], ana["stopped"]) == (
        3,
        1,
        4,
        1,
        0,
    )
    assert ana["median_days_between_touches"] == 4.0  # gaps of 2, 4 and 5 days
    worst = threads["worst_chases"][0]
    assert worst["length"] == 4 and worst["ended"] == "push" and worst["touches"][0]["phrases"] == ["just checking in"]


def test_another_sender_in_between_breaks_a_run():
    records = [sent(1, day=1), sent(2, day=2), sent(3, day=3, sender="bo"), sent(4, day=4)]
    assert audit.aggregate(records, only_from=TEAM).to_dict()["threads"]["chased"] == 0


def test_push_cues():
    assert is_push("Subject: x\n\nThis is my last note on the renewal. A no is fine; who did you pick?")
    assert is_push("Unless I hear otherwise I'll take the pilot off my list.")
    assert not is_push("Just checking in again. Any update?")
    assert not is_push("Hi,\n\nAny update?\n\nOn Mon, 5 Jan 2026, Ana wrote:\n> I'll close the file on my side.")


def test_wilson_interval():
    low, high = wilson(5, 10)
    assert round(low, 4) == 0.2366 and round(high, 4) == 0.7634
    assert wilson(0, 10)[0] == 0.0 and round(wilson(0, 10)[1], 4) == 0.2775
    assert wilson(0, 0) == (0.0, 0.0)


def test_without_a_team_there_are_no_reply_figures(tmp_path, run_cli):
    records = [sent(1), received(2, day=2)]
    agg = audit.aggregate(records)
    assert agg.to_dict()["replies"] is None
    assert agg.unlinted == 1 and "dana@client.example" not in agg.senders  # a received line: no verdict to report
    write_summary(agg, tmp_path / "s.json")
    assert json.loads((tmp_path / "s.json").read_text())["replies"] is None
    fixtures = Path(__file__).parents[1] / "fixtures" / "audit"
    result = run_cli("audit", str(fixtures / "crm.csv"), "-j", "1")
    assert result.code == 0 and "no reply figures" in result.out


def test_inbound_rows_of_a_crm_export_are_received_mail(tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text(
        "Owner,Contact,Direction,Date,Subject,Body\n"
        "ana@acme.example,dana@client.example,OUTBOUND,2026-01-01,Pricing,Just checking in.\n"
        "ana@acme.example,dana@client.example,INBOUND,2026-01-02,Re: Pricing,We will sign Friday.\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.jsonl"
    audit.run(check_sources([str(path)], Fields(to="Contact")), out, jobs=1)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert "findings" in lines[0] and lines[1]["received"] is True and "findings" not in lines[1]
    assert lines[0]["to"] == ["dana@client.example"] and lines[1]["direction"] == "in"


def test_jsonl_field_options_are_used_when_reading(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(
        json.dumps(
            {"rep": "Bo <bo@acme.example>", "when": "2026-01-07T09:00:00Z", "topic": "Pilot", "note": "Any update?"}
        )
        + "\n"
    )
    out = tmp_path / "r.jsonl"
    fields = Fields(sender="rep", date="when", subject="topic", body="note")
    audit.run(check_sources([str(path)], fields), out, jobs=1)
    record = json.loads(out.read_text())
    assert (record["sender"], record["date"], record["subject"]) == (
        "bo@acme.example",
        "2026-01-07T09:00:00+00:00",
        "Pilot",
    )
    assert record["text"].endswith("Any update?")


# --- generated mailboxes with known truth -------------------------------------------------------


@pytest.fixture(scope="module")
def truth():
    return generator.generate(threads=40, seed=11)


def _sources(truth, fmt: str, folder: Path) -> list[Path]:
    if fmt == "mbox":
        return [generator.write_mbox(truth, folder / "all-mail.mbox")]
    if fmt == "maildir":
        return list(generator.write_maildir(truth, folder / "mail"))
    return [generator.write_csv(truth, folder / "crm.csv")]


def _close(got: dict, want: tuple[int, int]) -> None:
    messages, replied = want
    assert got["messages"] == messages
    assert abs(got["rate"] - replied / max(messages, 1)) <= 0.02


@pytest.mark.parametrize("fmt", ["mbox", "maildir", "csv"])
def test_the_audit_recovers_reply_rates_and_chases_of_a_generated_mailbox(truth, fmt, tmp_path):
    out = tmp_path / "r.jsonl"
    audit.run(check_sources([str(p) for p in _sources(truth, fmt, tmp_path)]), out, jobs=1, only_from=TEAM)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sum(bool(r.get("received")) for r in records) == sum(not m.team for m in truth.messages)
    data = audit.aggregate(audit.iter_records(out), only_from=TEAM).to_dict()
    replies, threads = data["replies"], data["threads"]
    for verdict, want in truth.rates().items():
        _close(replies["team"][verdict], want)
    for touch in ("first_touch", "follow_up"):
        for verdict, want in truth.rates(touch=touch).items():
            _close(replies["team"][touch][verdict], want)
    for sender in {m.sender for m in truth.messages if m.team}:
        for verdict, want in truth.rates(sender=sender).items():
            _close(replies["senders"][sender][verdict], want)
    assert threads["count"] == truth.threads and threads["chased"] == truth.chased
    for sender, stats in threads["senders"].items():
        assert stats["chased"] == truth.chased_by.get(sender, 0), sender
        ended = truth.endings.get(sender, {"push": 0, "replied": 0, "stopped": 0})
        assert (stats["ended_with_push"], stats["ended_with_reply"], stats["stopped"]) == (
            ended["push"],
            ended["replied"],
            ended["stopped"],
        ), sender
    assert replies["team"]["purposeless"]["rate"] < replies["team"]["purposeful"]["rate"]


def test_a_resumed_audit_reports_the_same_threads(truth, tmp_path):
    sources = check_sources([str(generator.write_mbox(truth, tmp_path / "all.mbox"))])
    out = tmp_path / "r.jsonl"
    audit.run(sources, out, jobs=1, only_from=TEAM, batch_size=16)
    whole = audit.aggregate(audit.iter_records(out), only_from=TEAM).to_dict()
    full = out.read_bytes()
    out.write_bytes(full[: full.index(b"\n", len(full) // 2) + 30])  # killed mid-line
    audit.run(sources, out, jobs=1, only_from=TEAM, batch_size=16, resume=True)
    again = audit.aggregate(audit.iter_records(out), only_from=TEAM).to_dict()
    assert (again["replies"], again["threads"]) == (whole["replies"], whole["threads"])


def test_cli_summary_keys_and_tables_with_a_team(tmp_path, run_cli):
    mbox = generator.write_mbox(generator.generate(threads=8, seed=2), tmp_path / "all.mbox")
    summary = tmp_path / "s.json"
    result = run_cli("audit", str(mbox), "--only-from", "acme.example", "-j", "1", "--summary", str(summary))
    assert result.code == 0, result.err
    assert "Replies (team)" in result.out and "Replies and chases by sender" in result.out
    data = json.loads(summary.read_text())
    rate_keys = {"messages", "replied", "rate", "ci95"}
    for verdict in ("purposeless", "purposeful"):
        assert rate_keys <= set(data["replies"]["team"][verdict])
        for table in data["replies"]["senders"].values():
            assert rate_keys <= set(table[verdict])
    assert {"count", "chased", "senders"} <= set(data["threads"])
    for stats in data["threads"]["senders"].values():
        assert {"threads", "chased", "longest_chase"} <= set(stats)
    assert all(s["sender"].endswith("@acme.example") for s in data["senders"])  # clients are not senders
    low, high = data["replies"]["team"]["purposeful"]["ci95"]
    assert low <= data["replies"]["team"]["purposeful"]["rate"] <= high
