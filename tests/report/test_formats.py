"""Text output: what a rep reads in the terminal."""

from __future__ import annotations

import io

from scriptlint.findings import Finding, Result, Suggestion
from scriptlint.report.formats import render_text


def _result(rewrite: str) -> Result:
    text = "The report is attached. Just checking in."
    finding = Finding(
        rule="SL101", name="checking-in", category="purposeless", scope="span", severity="warning",
        start=24, end=40, line=1, column=25, text="Just checking in", message="m", confidence=0.9,
    )  # fmt: skip
    finding.suggestions = [Suggestion(tactic="cut", title="Cut the hollow line", rewrite=rewrite, source="s.txt")]
    return Result(source="d.txt", text=text, findings=[finding])


def test_a_deletion_hint_says_delete_instead_of_showing_nothing():
    out = io.StringIO()
    render_text([_result("")], out, color=False)
    assert "hint: Cut the hollow line (delete this sentence)" in out.getvalue()


def test_a_rewrite_hint_shows_the_rewrite():
    out = io.StringIO()
    render_text([_result("Can we review it Thursday at 2pm?")], out, color=False)
    assert "hint: Cut the hollow line: Can we review it Thursday at 2pm?" in out.getvalue()
