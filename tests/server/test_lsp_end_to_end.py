"""`scriptlint server` as a subprocess, driven over stdio by a real JSON-RPC client (lsp_client.py)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from lsp_client import LspClient

pytest.importorskip("pygls", reason="the lsp extra is not installed (pip install '.[lsp]')")

EMOJI_DRAFT = "Hi Dana 👋\n\n👋🏽 Just checking in on the quote. Any update?\n\nThanks,\nSam\n"
MUTT = (
    "From: Sam Seller <sam@example.com>\n"
    "To: Dana <dana@example.org>\n"
    "Subject: Touching base\n"
    "\n"
    "Hi Dana,\n\n"
    "Just checking in to see how things are going.\n\n"
    "On Mon, 9 Nov 2026 at 17:40, Dana wrote:\n"
    "> any update on your side? just checking in\n\n"
    "-- \nSam Seller | Acme | touching base since 1999\n"
)


def utf16_offset(text: str, line: int, character: int) -> int:
    """An LSP position to a Python offset, computed independently of the server's code."""
    lines = text.split("\n")
    before = sum(len(x) + 1 for x in lines[:line])
    return before + len(lines[line].encode("utf-16-le")[: 2 * character].decode("utf-16-le"))


def apply_edits(text: str, edits: list[dict]) -> str:
    for edit in sorted(
        edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]), reverse=True
    ):
        start = utf16_offset(text, **edit["range"]["start"])
        end = utf16_offset(text, **edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def span(diagnostic: dict) -> tuple[int, int, int, int]:
    r = diagnostic["range"]
    return r["start"]["line"], r["start"]["character"], r["end"]["line"], r["end"]["character"]


@pytest.fixture
def client(tmp_path):
    lsp = LspClient(cwd=tmp_path)
    yield lsp
    lsp.kill()


def test_a_whole_session_diagnostics_hover_fix_edit_and_shutdown(client, tmp_path):
    result = client.initialize(tmp_path, {"debounceMs": 0})
    capabilities = result["capabilities"]
    assert capabilities["hoverProvider"] and capabilities["codeActionProvider"]
    assert capabilities["positionEncoding"] == "utf-16" and capabilities["textDocumentSync"]["change"] == 2
    uri = (tmp_path / "draft.txt").as_uri()
    client.open(uri, EMOJI_DRAFT)
    diagnostics = client.diagnostics(uri, 1)
    by_code = {d["code"]: d for d in diagnostics}
    # "👋🏽 " is 5 UTF-16 code units (two surrogate pairs and a space), 3 Python characters.
    assert span(by_code["SL101"]) == (2, 5, 2, 21)
    assert span(by_code["SL401"]) == (2, 36, 2, 47)
    assert by_code["SL101"]["severity"] == 2 and by_code["SL101"]["source"] == "scriptlint"

    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 8}}
    )
    assert hover["contents"]["value"].startswith("# SL101 checking-in")
    assert "## Suggestions" in hover["contents"]["value"]
    nothing = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}
    )
    assert nothing is None

    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": by_code["SL101"]["range"],
            "context": {"diagnostics": [by_code["SL101"]]},
        },
    )
    titles = [a["title"] for a in actions]
    assert any(t.startswith("Rewrite:") for t in titles) and "Disable SL101 for the next line" in titles
    preferred = next(a for a in actions if a.get("isPreferred"))
    assert preferred["diagnostics"][0]["code"] == "SL101"
    fixed = apply_edits(EMOJI_DRAFT, preferred["edit"]["changes"][uri])
    # The rewrite replaces the run of hollow sentences as a whole; the rest of the draft stays.
    assert "Just checking in" not in fixed and "Any update?" not in fixed
    assert fixed.startswith("Hi Dana 👋\n\n") and fixed.endswith("\n\nThanks,\nSam\n")

    client.change(uri, 2, fixed)
    assert "SL101" not in {d["code"] for d in client.diagnostics(uri, 2)}

    # An incremental edit in UTF-16 positions: a new paragraph typed right after the emoji on line 0.
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [
                {
                    "range": {"start": {"line": 0, "character": 10}, "end": {"line": 0, "character": 10}},
                    "text": "\n\n👍 Touching base on the pilot.",
                }
            ],
        },
    )
    touched = {d["code"]: d for d in client.diagnostics(uri, 3)}
    assert span(touched["SL102"]) == (2, 3, 2, 16)
    assert client.shutdown() == 0


def test_a_mail_buffer_gets_diagnostics_only_on_the_authors_words(client, tmp_path):
    client.initialize(tmp_path, {"debounceMs": 0})
    uri = (tmp_path / "mutt-host-1000-4242-1").as_uri()
    client.open(uri, MUTT, language_id="mail")
    diagnostics = client.diagnostics(uri)
    lines = MUTT.split("\n")
    spans = {
        (
            d["code"],
            lines[d["range"]["start"]["line"]][d["range"]["start"]["character"] : d["range"]["end"]["character"]],
        )
        for d in diagnostics
        if d["range"]["start"]["line"] == d["range"]["end"]["line"]
    }
    assert ("SL102", "Touching base") in spans  # the subject, inside its header line
    assert ("SL101", "Just checking in") in spans
    quoted = MUTT[: MUTT.index("On Mon")].count("\n")
    assert all(d["range"]["start"]["line"] < quoted for d in diagnostics)  # no quote, no signature
    assert all(d["range"]["start"]["line"] not in (0, 1) for d in diagnostics)  # From/To never
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 6, "character": 2}, "end": {"line": 6, "character": 2}},
            "context": {"diagnostics": []},
        },
    )
    assert actions and not any(a["title"].startswith("Disable") for a in actions)
    for action in actions:
        assert apply_edits(MUTT, action["edit"]["changes"][uri]).startswith(MUTT[: MUTT.index("Hi Dana")])


def test_a_client_that_counts_in_utf8_gets_byte_columns(client, tmp_path):
    result = client.initialize(tmp_path, {"debounceMs": 0}, {"general": {"positionEncodings": ["utf-8", "utf-16"]}})
    assert result["capabilities"]["positionEncoding"] == "utf-8"
    uri = (tmp_path / "draft.txt").as_uri()
    client.open(uri, EMOJI_DRAFT)
    by_code = {d["code"]: d for d in client.diagnostics(uri)}
    assert span(by_code["SL101"]) == (2, 9, 2, 25)  # "👋🏽 " is 9 bytes
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 9}}
    )
    assert hover["contents"]["value"].startswith("# SL101")


def codes_after(client: LspClient, uri: str) -> set[str]:
    return {d["code"] for d in client.diagnostics(uri)}


def test_config_file_and_client_settings(client, tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    config = tmp_path / "scriptlint.toml"
    config.write_text('ignore = ["SL401"]\n', encoding="utf-8")
    client.initialize(
        tmp_path, {"debounceMs": 0}, {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}
    )
    uri = (folder / "nudge.md").as_uri()
    client.open(uri, "Just checking in. Any update?\n", language_id="markdown")
    assert codes_after(client, uri) == {"SL101"}

    client.notify("workspace/didChangeConfiguration", {"settings": {"scriptlint": {"ignore": ["SL101"]}}})
    assert codes_after(client, uri) == {"SL401"}
    client.notify(
        "workspace/didChangeConfiguration",
        {"settings": {"scriptlint": {"select": ["SL4"], "ignore": [], "fail_on": "error"}}},
    )
    (only,) = client.diagnostics(uri)
    assert only["code"] == "SL401" and only["severity"] == 4  # below fail_on: a hint

    client.configuration = None  # pull model: an empty notification makes the server ask
    client.notify("workspace/didChangeConfiguration", {"settings": None})
    assert codes_after(client, uri) == {"SL101"}
    assert any(r["method"] == "workspace/configuration" for r in client.requests_seen)
    assert any(r["method"] == "client/registerCapability" for r in client.requests_seen)

    config.write_text('ignore = ["SL101"]\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})
    assert codes_after(client, uri) == {"SL401"}

    config.write_text("ignore = 'SL101'\n", encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})
    (broken,) = client.diagnostics(uri)
    assert "key 'ignore' must be a list" in broken["message"] and broken["severity"] == 1
    assert client.shutdown() == 0


def test_edits_wait_for_the_debounce_and_a_save_lints_at_once(client, tmp_path):
    client.initialize(tmp_path, {"debounceMs": 60000})
    uri = (tmp_path / "a.txt").as_uri()
    client.open(uri, "Thanks for the call.\n")
    assert client.diagnostics(uri, 1) == []
    client.change(uri, 2, "Just checking in.\n")
    with pytest.raises(TimeoutError):
        client.diagnostics(uri, timeout=2)
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert {d["code"] for d in client.diagnostics(uri, 2)} == {"SL101"}


def test_bad_documents_and_requests_never_crash_the_server(client, tmp_path):
    client.initialize(tmp_path, {"debounceMs": "soon"})  # a bad value: the default is used, with a log line
    junk = "\x00\x01\ufffd" * 1000 + "\n" + "Subject: x\n" * 50
    client.open((tmp_path / "junk.txt").as_uri(), junk)
    client.diagnostics((tmp_path / "junk.txt").as_uri())
    client.open((tmp_path / "code.py").as_uri(), "print('just checking in')\n", language_id="python")
    unknown = {"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}
    assert client.request("textDocument/hover", unknown) is None
    python_file = {"textDocument": {"uri": (tmp_path / "code.py").as_uri()}, "position": {"line": 0, "character": 9}}
    assert client.request("textDocument/hover", python_file) is None
    uri = (tmp_path / "ok.txt").as_uri()
    client.open(uri, "Just checking in.\n")
    assert {d["code"] for d in client.diagnostics(uri)} == {"SL101"}
    assert client.shutdown() == 0


def test_the_server_ends_when_its_client_closes_the_pipe(tmp_path):
    lsp = LspClient(cwd=tmp_path)
    try:
        lsp.initialize(tmp_path)
        lsp.proc.stdin.close()
        assert lsp.proc.wait(30) is not None
    finally:
        lsp.kill()


def test_the_server_ends_when_its_client_process_dies(tmp_path):
    editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    lsp = LspClient(cwd=tmp_path)
    try:
        lsp.request("initialize", {"processId": editor.pid, "rootUri": None, "capabilities": {}})
        editor.kill()
        editor.wait(10)
        deadline = time.monotonic() + 30
        while lsp.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert lsp.proc.poll() is not None  # stdin is still open: the watchdog noticed
    finally:
        lsp.kill()
        editor.kill()
