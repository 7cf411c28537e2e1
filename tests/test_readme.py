"""The README's before/after rewrite examples are real, unedited output of `scriptlint rewrite`."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES, REPO

EXAMPLE_NAMES = ["after-demo-silence", "missed-date", "voicemail-nudge"]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_readme_rewrite_example_is_real_output(run_cli, name):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    at = readme.index(f"(`examples/{name}.txt`")
    # "(`examples/x.txt`, sent with `--today 2026-03-11`)": the day the example is rewritten as of.
    today = re.match(r"[^\n]*?`--today (\d{4}-\d{2}-\d{2})`", readme[at:])
    before, after = re.findall(r"```text\n(.*?)```", readme[at:], re.S)[:2]
    path = EXAMPLES / f"{name}.txt"
    assert before.strip() == path.read_text(encoding="utf-8").strip()
    args = ["--today", today.group(1)] if today else []
    assert after.strip() == run_cli("rewrite", *args, str(path)).out.strip()
