"""The audit report: one self-contained HTML file, escaped, redactable, and it renders in a browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scriptlint.audit import run as audit
from scriptlint.audit.html import render_html
from scriptlint.audit.redact import Redactor
from scriptlint.audit.sources import check_sources
from scriptlint.audit.terminal import write_summary

FIXTURES = Path(__file__).parents[1] / "fixtures" / "audit"
sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
import thread_mailbox as generator  # noqa: E402  (bench/ is not a package)

TEAM = ["acme.example"]
ALL = [FIXTURES / "team.mbox", FIXTURES / "maildir", FIXTURES / "crm.csv", FIXTURES / "crm.jsonl"]


@pytest.fixture(scope="module")
def agg(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "results.jsonl"
    audit.run(check_sources([str(p) for p in ALL]), out, jobs=1, batch_size=4)
    return audit.aggregate(audit.iter_records(out), period="week")


@pytest.fixture(scope="module")
def report(agg) -> str:
    return render_html(agg, sources=[str(p) for p in ALL])


@pytest.fixture(scope="module")
def team_agg(tmp_path_factory):
    """A generated "All mail" mbox (sent and received) audited with a team: replies and chases to show."""
    folder = tmp_path_factory.mktemp("threads")
    mbox = generator.write_mbox(generator.generate(threads=24, seed=5), folder / "all.mbox")
    out = folder / "results.jsonl"
    audit.run(check_sources([str(mbox)]), out, jobs=1, only_from=TEAM)
    agg = audit.aggregate(audit.iter_records(out), only_from=TEAM)
    audit.suggest_examples(agg, check_sources([str(mbox)]), jobs=1, only_from=TEAM)  # as `scriptlint audit` does
    return agg


def test_outcome_sections_and_rewrites(team_agg, agg):
    html = render_html(team_agg)
    assert "Do purposeless messages get fewer replies?" in html and "Chased threads by sender" in html
    assert html.count('<rect class="reply-bar') == 6 and html.count('<g class="ci"') == 6
    assert html.count('<article class="chase">') == len(team_agg.outcomes.worst) > 0
    assert html.count('<div class="rewrite">') == sum(1 for ex in team_agg.worst if ex.rewrite) > 0
    assert "No reply figures" in render_html(agg)  # no team given: said, not computed
    redacted = render_html(team_agg, Redactor(True))
    assert not re.search(r"[a-z]{2,}@[a-z]+\.example", redacted)


HOSTILE = "Hi,\n\nJust checking in. <script>alert(1)</script> Call +1 555 010 2030 or mail x.y@gmail.example.\n"


def hostile_record() -> dict:
    start = HOSTILE.index("Just checking in")
    return {
        "id": "<script>1",
        "sender": "eve<script>@acme.example",
        "date": "2026-01-05T09:00:00+00:00",
        "subject": "<script>alert(2)</script>",
        "source": "<img src=x>",
        "text": HOSTILE,
        "message": {"purposeless": True, "score": 3},
        "findings": [
            {
                "rule": "SL101",
                "scope": "span",
                "category": "purposeless",
                "start": start,
                "end": start + 16,
                "text": "Just checking in",
                "message": "<b>bold</b>",
            }
        ],
    }


def test_message_text_is_escaped():
    agg = audit.aggregate([hostile_record()])
    assert agg.worst, "the hostile message is quoted as an example"
    html = render_html(agg)
    assert "<script" not in html.lower() and "<img" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert re.search(r"<mark[^>]*>Just checking in<sup>SL101</sup></mark>", html)
    redacted = render_html(agg, Redactor(True))
    assert "555 010 2030" not in redacted and "x.y@gmail.example" not in redacted
    assert "[phone]" in redacted and "[email]" in redacted


def test_report_is_self_contained(report):
    assert not re.search(r"""(src|href)\s*=|url\(|@import|https?://""", report)
    assert report.count("<svg") >= 3  # per-sender bars, trend, score histogram (+ sparklines)
    assert "<mark" in report  # flagged spans highlighted in the examples


def test_redact_hides_addresses_and_phones(agg):
    html = render_html(agg, Redactor(True))
    assert "@acme.example" in html  # masked senders keep the domain
    assert not re.search(r"[a-z]{2,}@acme\.example", html)
    assert "ana.private@gmail.example" not in html and "555 010 2030" not in html
    assert "[phone]" in html or "[email]" in html


def test_redactor_labels_are_stable_and_distinct():
    redact = Redactor(True)
    assert redact.sender("sam@acme.example") == "s•••@acme.example"
    assert redact.sender("sue@acme.example") == "s•••@acme.example (2)"
    assert redact.sender("sam@acme.example") == "s•••@acme.example"
    assert redact.text("call +44 20 7946 0018 on 2026-01-05") == "call [phone] on 2026-01-05"


def test_summary_json_and_csv(agg, tmp_path):
    write_summary(agg, tmp_path / "s.json")
    data = json.loads((tmp_path / "s.json").read_text())
    assert data["team"]["messages"] == 11 and data["period"] == "week"
    assert {"sender", "share_purposeless", "findings_per_100", "median_score", "top_phrases", "top_rules"} <= set(
        data["senders"][0]
    )
    assert data["trend"] and data["examples"]["worst"]
    write_summary(agg, tmp_path / "s.csv")
    rows = (tmp_path / "s.csv").read_text().splitlines()
    assert rows[0].startswith("sender,messages,purposeless,share_purposeless")
    assert len(rows) == 1 + 1 + len(agg.senders)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
def test_report_renders_in_headless_chromium(report, agg, tmp_path):
    page = tmp_path / "audit.html"
    page.write_text(report, encoding="utf-8")
    flags = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(flags + ["--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=60).stdout
    assert dom.count("<svg") >= 3
    assert len(re.findall(r'<rect class="bar"', dom)) == len(agg.senders)
    assert len(re.findall(r'<tr class="sender"', dom)) == len(agg.senders)
    assert len(re.findall(r'<circle class="point"', dom)) == len(agg.trend)
    assert "<script" not in dom.lower()
    shot = tmp_path / "audit.png"
    subprocess.run(
        flags + [f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri()], capture_output=True, timeout=60
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
def test_outcome_sections_render_in_headless_chromium(team_agg, tmp_path):
    page = tmp_path / "audit.html"
    page.write_text(render_html(team_agg), encoding="utf-8")
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    flags += ["--disable-background-networking", "--disable-component-update", f"--user-data-dir={tmp_path / 'p'}"]
    dom = subprocess.run(flags + ["--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=60).stdout
    outcomes = team_agg.outcomes
    assert len(re.findall(r'<rect class="reply-bar (purposeless|purposeful)"', dom)) == 6
    assert len(re.findall(r'<g class="ci"', dom)) == 6
    assert len(re.findall(r'<tr class="chaser"', dom)) == len(outcomes.senders)
    assert len(re.findall(r'<article class="chase"', dom)) == len(outcomes.worst)
    assert len(re.findall(r'<li class="touch ', dom)) == sum(len(c.touches) for c in outcomes.worst)
    assert len(re.findall(r'<div class="rewrite"', dom)) == sum(1 for ex in team_agg.worst if ex.rewrite)
    assert "<script" not in dom.lower()
