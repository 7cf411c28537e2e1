"""The language server: pygls wiring for diagnostics, hover, code actions, settings and lifetime.

Linting runs on one worker thread (the spaCy pipeline is built once and stays warm); the event loop
only schedules it, so a slow lint never stops the server from reading messages. Edits are debounced
per document (`initializationOptions.debounceMs`, default 300 ms, 0 lints at once) and a result for a
version the user has already changed is dropped.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from scriptlint import __version__
from scriptlint.config import Config
from scriptlint.server.actions import Fix
from scriptlint.server.diagnose import Analysis, analyse, diagnostics
from scriptlint.server.documents import kind_of, path_of
from scriptlint.server.positions import Positions
from scriptlint.server.settings import ConfigCache, Overrides, parse_overrides

log = logging.getLogger("scriptlint.server")
CONFIG_NAMES = ("scriptlint.toml", "pyproject.toml")
WATCHDOG_SECONDS = 2.0


class ScriptlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("scriptlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.debounce = 0.3
        self.overrides = Overrides()
        self.configs = ConfigCache()
        self.analyses: dict[str, Analysis] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scriptlint-lint")

    # --- linting -------------------------------------------------------------------------------
    def encoding(self) -> str:
        kind = self.workspace.position_encoding or "utf-16"
        return str(getattr(kind, "value", kind))  # an lsprotocol enum; str() of it is its name

    def root(self) -> Path | None:
        root = self.workspace.root_path
        return Path(root) if root else None

    def config_for(self, uri: str) -> Config:
        path = path_of(uri)
        folder = Path(path).parent if path else None
        return self.overrides.apply(self.configs.for_folder(folder, self.root()))

    def schedule(self, uri: str, delay: float) -> None:
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        await self.lint_now(uri)

    async def lint_now(self, uri: str) -> Analysis | None:
        """Lint the document's current version and publish; None for a buffer we do not lint."""
        document = self.workspace.text_documents.get(uri)
        kind = kind_of(document.language_id, uri) if document is not None else None
        if document is None or kind is None:
            return None
        text, version = document.source, document.version
        loop = asyncio.get_running_loop()
        analysis = await loop.run_in_executor(self.linter, analyse, text, kind, lambda: self.config_for(uri), version)
        if analysis.error:
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Warning, message=analysis.error))
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return analysis  # edited (or closed) meanwhile: a newer lint is on its way
        self.analyses[uri] = analysis
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=diagnostics(analysis, Positions(text, self.encoding()))
            )
        )
        return analysis

    async def analysis_for(self, uri: str) -> Analysis | None:
        """The analysis of the document as it is now (linted on the spot when an edit is pending)."""
        document = self.workspace.text_documents.get(uri)
        cached = self.analyses.get(uri)
        if document is None:
            return None
        if cached is not None and cached.version == document.version and cached.text == document.source:
            return cached
        return await self.lint_now(uri)

    def relint_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.analyses.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # --- settings and lifetime -----------------------------------------------------------------
    def take_settings(self, settings: Any) -> None:
        overrides, problems = parse_overrides(settings)
        for problem in problems:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=problem))
        self.overrides = overrides

    def warm_up(self) -> None:
        """Build the pipeline now, so the first keystroke does not pay the cold start."""

        def load() -> None:
            from scriptlint.engine import load as load_pipeline  # lazy: runs on the worker thread only

            load_pipeline(Config())

        self.linter.submit(load)

    def watch_client(self, pid: int | None) -> None:
        """End the server when the client process is gone (stdin may stay open when an editor dies)."""
        if not pid:
            return

        def watch() -> None:
            while True:
                time.sleep(WATCHDOG_SECONDS)
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    log.warning("client process %s is gone; exiting", pid)
                    os._exit(0)
                except PermissionError:
                    pass  # alive, owned by someone else

        threading.Thread(target=watch, name="scriptlint-watchdog", daemon=True).start()


def to_action(uri: str, fix: Fix, positions: Positions, diagnostic: Any) -> types.CodeAction:
    (l1, c1), (l2, c2) = positions.position(fix.start), positions.position(fix.end)
    edit = types.TextEdit(
        range=types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2)),
        new_text=fix.new_text,
    )
    return types.CodeAction(
        title=fix.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic] if diagnostic is not None else None,
        is_preferred=fix.preferred or None,
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )
