"""`scriptlint server`: the language server for editors and mail composers (needs the `lsp` extra)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Optional

import typer

from scriptlint.cli.app import UsageError, app


@app.command()
def server(
    stdio: bool = typer.Option(True, "--stdio", help="Talk LSP over stdin/stdout (the only transport; the default)."),
    log_file: Optional[Path] = typer.Option(None, "--log-file", help="Write the server's log here instead of stderr."),
) -> None:
    """Run the language server: diagnostics, hover and quick fixes while you write (pip install 'scriptlint[lsp]')."""
    if importlib.util.find_spec("pygls") is None or importlib.util.find_spec("lsprotocol") is None:
        raise UsageError("the language server needs the lsp extra: pip install 'scriptlint[lsp]'")
    from scriptlint.server.handlers import run  # lazy: pygls is an optional extra and loads the engine

    if log_file is None:
        run()
        return
    try:
        stream = log_file.open("a", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--log-file {log_file}: {exc.strerror or exc}") from None
    with stream:
        run(stream)
