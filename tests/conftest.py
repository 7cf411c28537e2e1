"""Shared helpers: run the CLI in-process (fast, real exit codes) and find repo files."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(monkeypatch, capsys):
    """`run_cli("lint", "-", stdin=b"...")` -> Run(code, out, err), through the console-script entry."""
    from scriptlint.cli import main

    def run(*args: str, stdin: bytes | None = b"", cwd: Path | None = None) -> Run:
        """`stdin=None`: no stdin at all (`scriptlint ... <&-`), as Python sees it then."""
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["scriptlint", *map(str, args)])
        monkeypatch.setattr(
            sys, "stdin", None if stdin is None else io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        )
        capsys.readouterr()
        with pytest.raises(SystemExit) as exc:
            main()
        captured = capsys.readouterr()
        return Run(int(exc.value.code or 0), captured.out, captured.err)

    return run
