"""The LSP messages the server answers, registered on a fresh `ScriptlintServer` by `build()`."""

from __future__ import annotations

import logging
import sys
from typing import Any

from lsprotocol import types

from scriptlint.server.actions import fixes, hover_markdown
from scriptlint.server.app import CONFIG_NAMES, ScriptlintServer, to_action
from scriptlint.server.documents import path_of
from scriptlint.server.positions import Positions
from scriptlint.server.settings import parse_debounce

log = logging.getLogger("scriptlint.server")


def initialize(ls: ScriptlintServer, params: types.InitializeParams) -> None:
    ls.debounce, problem = parse_debounce(params.initialization_options)
    if problem:
        log.warning(problem)
    ls.take_settings(params.initialization_options)
    ls.watch_client(params.process_id)


async def initialized(ls: ScriptlintServer, params: types.InitializedParams) -> None:
    ls.warm_up()
    watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if watched and watched.dynamic_registration:
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
        )
        registration = types.Registration(
            id="scriptlint-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
        )
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
        except Exception as exc:  # a client that refuses: config changes are still seen on the next lint
            log.info("could not watch config files: %s", exc)


def did_open(ls: ScriptlintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


def did_change(ls: ScriptlintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, ls.debounce)


def did_save(ls: ScriptlintServer, params: types.DidSaveTextDocumentParams) -> None:
    path = path_of(params.text_document.uri) or ""
    if path.rsplit("/", 1)[-1] in CONFIG_NAMES:
        ls.relint_all()
    else:
        ls.schedule(params.text_document.uri, 0)


def did_close(ls: ScriptlintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


def watched_files(ls: ScriptlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.relint_all()


async def did_change_configuration(ls: ScriptlintServer, params: types.DidChangeConfigurationParams) -> None:
    settings = params.settings
    if not settings:
        # Pull model: the client only says "something changed".
        try:
            items = [types.ConfigurationItem(section="scriptlint")]
            (settings,) = await ls.workspace_configuration_async(types.ConfigurationParams(items=items))
            settings = {"scriptlint": settings}
        except Exception as exc:  # a client without workspace/configuration
            log.info("workspace/configuration failed: %s", exc)
            settings = None
    ls.take_settings(settings)
    ls.relint_all()


async def hover(ls: ScriptlintServer, params: types.HoverParams) -> types.Hover | None:
    try:
        analysis = await ls.analysis_for(params.text_document.uri)
        if analysis is None:
            return None
        positions = Positions(analysis.text, ls.encoding())
        at = positions.offset(params.position.line, params.position.character)
        found = analysis.at(at, at)
        if not found:
            return None
        text = "\n---\n\n".join(hover_markdown(loc) for loc in found)
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))
    except Exception as exc:  # never crash on a request: log it and answer "nothing here"
        log.exception("hover failed")
        ls.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=f"hover: {exc}"))
        return None


async def code_action(ls: ScriptlintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    try:
        analysis = await ls.analysis_for(uri)
        if analysis is None:
            return None
        positions = Positions(analysis.text, ls.encoding())
        start = positions.offset(params.range.start.line, params.range.start.character)
        end = positions.offset(params.range.end.line, params.range.end.character)
        sent = {(d.code, d.range.start.line, d.range.start.character): d for d in params.context.diagnostics}
        actions = []
        for loc in analysis.at(start, end):
            line, character = positions.position(loc.start)
            diagnostic = sent.get((loc.finding.rule, line, character))
            actions += [to_action(uri, fix, positions, diagnostic) for fix in fixes(analysis, loc)]
        return actions
    except Exception as exc:  # never crash on a request: log it and offer nothing
        log.exception("code action failed")
        ls.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=f"code action: {exc}"))
        return None


def build() -> ScriptlintServer:
    ls = ScriptlintServer()
    ls.feature(types.INITIALIZE)(initialize)
    ls.feature(types.INITIALIZED)(initialized)
    ls.feature(types.TEXT_DOCUMENT_DID_OPEN)(did_open)
    ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)(did_change)
    ls.feature(types.TEXT_DOCUMENT_DID_SAVE)(did_save)
    ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)(did_close)
    ls.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)(watched_files)
    ls.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)(did_change_configuration)
    ls.feature(types.TEXT_DOCUMENT_HOVER)(hover)
    ls.feature(
        types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])
    )(code_action)
    return ls


def run(log_file: Any = None) -> None:
    """Serve over stdin/stdout until the client says exit, closes the pipe, or dies."""
    logging.basicConfig(
        level=logging.INFO, stream=log_file or sys.stderr, format="scriptlint server: %(levelname)s %(message)s"
    )
    logging.getLogger("pygls").setLevel(logging.WARNING)  # it logs every message at INFO
    build().start_io()
