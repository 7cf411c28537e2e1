"""The pre-commit hook definition a template repository points at."""

import re
import shlex

import yaml

from conftest import REPO


def test_precommit_hook_runs_scriptlint_on_text_templates(run_cli, tmp_path):
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "scriptlint")
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    assert all(files.search(name) for name in ("a.txt", "scripts/call.md", "t/x.eml"))
    assert not any(files.search(name) for name in ("setup.py", "logo.png"))
    # pre-commit appends the staged file names to the entry.
    template = tmp_path / "nudge.txt"
    template.write_text("Hi {first_name},\nJust bumping this to the top of your inbox!\n")
    program, *args = shlex.split(hook["entry"])
    assert program == "scriptlint"
    assert run_cli(*args, template).code == 1
