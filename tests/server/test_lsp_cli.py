"""`scriptlint server` without the lsp extra: one line saying what to install, exit 2."""

from __future__ import annotations


def test_without_pygls_the_command_says_what_to_install(run_cli, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pygls" else real(name, *a))
    run = run_cli("server")
    assert run.code == 2 and run.err.strip().splitlines() == [
        "scriptlint: error: the language server needs the lsp extra: pip install 'scriptlint[lsp]'"
    ]
    assert run_cli("server", "--help").code == 0
