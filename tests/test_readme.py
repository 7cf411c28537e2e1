"""The README's before/after rewrite examples are real, unedited output of `scriptlint rewrite`."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES, REPO

EXAMPLE_NAMES = ["after-demo-silence", "missed-date", "voicemail-nudge"]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_readme_rewrite_example_is_real_output(run_cli, name):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    at = readme.index(f"(`examples/{name}.txt`)")
    before, after = re.findall(r"```text\n(.*?)```", readme[at:], re.S)[:2]
    path = EXAMPLES / f"{name}.txt"
    assert before.strip() == path.read_text(encoding="utf-8").strip()
    assert after.strip() == run_cli("rewrite", str(path)).out.strip()
