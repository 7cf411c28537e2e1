"""An audit suggests rewrites only for the messages its report quotes; findings never change."""

from __future__ import annotations

import json
from pathlib import Path

from scriptlint.audit import run as audit
from scriptlint.audit.sources import check_sources

FIXTURES = Path(__file__).parents[1] / "fixtures" / "audit"
SOURCES = [str(FIXTURES / "team.mbox"), str(FIXTURES / "crm.csv")]


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_results_without_suggestions_have_the_same_findings(tmp_path):
    lean, full = tmp_path / "lean.jsonl", tmp_path / "full.jsonl"
    audit.run(check_sources(SOURCES), lean, jobs=1, batch_size=3)
    audit.run(check_sources(SOURCES), full, jobs=1, batch_size=3, suggest_all=True)
    lean_records, full_records = _lines(lean), _lines(full)
    assert any(f.get("suggestions") for r in full_records for f in r.get("findings", []))
    assert not any("suggestions" in f for r in lean_records for f in r.get("findings", []))
    for record in full_records:
        for finding in record.get("findings", []):
            del finding["suggestions"]
    assert lean_records == full_records


def test_examples_get_the_rewrites_a_full_run_gives(tmp_path):
    lean, full = tmp_path / "lean.jsonl", tmp_path / "full.jsonl"
    audit.run(check_sources(SOURCES), lean, jobs=1)
    audit.run(check_sources(SOURCES), full, jobs=1, suggest_all=True)
    expected = audit.aggregate(audit.iter_records(full))
    agg = audit.aggregate(audit.iter_records(lean))
    assert not any(ex.rewrite for ex in agg.worst)
    linted = audit.suggest_examples(agg, check_sources(SOURCES), jobs=1)
    assert linted == sum(1 for ex in agg.worst + agg.best if ex.findings) > 0
    assert [ex.to_dict() for ex in agg.worst + agg.best] == [ex.to_dict() for ex in expected.worst + expected.best]
    assert any(ex.rewrite for ex in agg.worst)
    assert audit.suggest_examples(agg, check_sources(SOURCES), jobs=1) < linted  # rewritten ones are not linted again


def test_cli_suggest_all_and_default(tmp_path, run_cli):
    assert "--suggest-all" in run_cli("audit", "--help").out
    lean, full = tmp_path / "lean.jsonl", tmp_path / "full.jsonl"
    lean_summary, full_summary = tmp_path / "lean.json", tmp_path / "full.json"
    assert run_cli("audit", *SOURCES, "--out", lean, "--jobs", "1", "--summary", lean_summary).code == 0
    assert (
        run_cli("audit", *SOURCES, "--out", full, "--jobs", "1", "--summary", full_summary, "--suggest-all").code == 0
    )
    assert not any("suggestions" in f for r in _lines(lean) for f in r.get("findings", []))
    assert any(f.get("suggestions") for r in _lines(full) for f in r.get("findings", []))
    # The summary quotes the same examples with the same rewrites either way.
    lean_examples = json.loads(lean_summary.read_text(encoding="utf-8"))["examples"]
    assert lean_examples == json.loads(full_summary.read_text(encoding="utf-8"))["examples"]
    assert any(ex["rewrite"] for ex in lean_examples["worst"])
