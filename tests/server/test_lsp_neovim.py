"""A real editor: headless Neovim (Debian's package) runs `scriptlint server` with its built-in LSP
client, opens a .txt draft and a mutt compose buffer (filetype `mail`), and reads the diagnostics back."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

NVIM = shutil.which("nvim")
pytest.importorskip("pygls", reason="the lsp extra is not installed (pip install '.[lsp]')")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(NVIM is None, reason="Neovim is not installed (apt-get install neovim; .ci/run does)"),
]

# Neovim 0.7 (Debian 12) has no vim.lsp.start: start_client + buf_attach_client work in every version since.
LUA = r"""
local P = vim.fn.json_decode(vim.fn.readfile(vim.env.SCRIPTLINT_TEST_PARAMS)[1])
local client_id = vim.lsp.start_client({
  name = 'scriptlint',
  cmd = P.cmd,
  root_dir = P.root,
  init_options = { debounceMs = 0 },
})
local out = {}
local function collect(key, path, filetype)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  if filetype ~= '' then vim.bo.filetype = filetype end
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  vim.wait(90000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(found, { code = code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col })
  end
  out[key] = { filetype = vim.bo.filetype, diagnostics = found }
end
collect('txt', P.txt, '')
collect('mail', P.mail, 'mail')
vim.fn.writefile({ vim.fn.json_encode(out) }, P.out)
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
"""

DRAFT = "Hi Dana,\n\n👋🏽 Just checking in on the quote. Any update?\n\nThanks,\nSam\n"
COMPOSE = (
    "From: Sam Seller <sam@example.com>\n"
    "To: Dana <dana@example.org>\n"
    "Subject: Re: pilot\n"
    "\n"
    "Hi Dana,\n\n"
    "Just checking in to see how things are going.\n\n"
    "On Mon, 9 Nov 2026 at 17:40, Dana wrote:\n"
    "> touching base: any update on your side?\n\n"
    "-- \nSam\n"
)


def test_neovim_shows_diagnostics_for_a_draft_and_a_mutt_buffer(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    compose = tmp_path / "mutt-host-1000-4242-1"
    compose.write_text(COMPOSE, encoding="utf-8")
    params = tmp_path / "params.json"
    out = tmp_path / "out.json"
    params.write_text(
        json.dumps(
            {
                "cmd": [sys.executable, "-m", "scriptlint", "server"],
                "root": str(tmp_path),
                "txt": str(draft),
                "mail": str(compose),
                "out": str(out),
            }
        ),
        encoding="utf-8",
    )
    script = tmp_path / "attach.lua"
    script.write_text(LUA, encoding="utf-8")
    run = subprocess.run(
        [NVIM, "--headless", "--clean", "-n", "-c", f"luafile {script}"],
        cwd=tmp_path,
        env={**__import__("os").environ, "SCRIPTLINT_TEST_PARAMS": str(params)},
        capture_output=True,
        text=True,
        timeout=240,
        stdin=subprocess.DEVNULL,
    )
    assert out.exists(), run.stderr[-2000:] + run.stdout[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))

    txt = {d["code"]: d for d in result["txt"]["diagnostics"]}
    # Neovim shows byte columns: it converted the server's UTF-16 positions ("👋🏽 " is 9 bytes).
    line = DRAFT.split("\n")[2]
    start = len(line[: line.index("Just")].encode("utf-8"))
    assert (txt["SL101"]["lnum"], txt["SL101"]["col"], txt["SL101"]["end_col"]) == (2, start, start + 16)
    assert "SL401" in txt

    mail = result["mail"]
    assert mail["filetype"] == "mail"
    lines = COMPOSE.split("\n")
    found = {
        (d["code"], lines[d["lnum"]][d["col"] : d["end_col"]])
        for d in mail["diagnostics"]
        if d["lnum"] == d["end_lnum"]
    }
    assert ("SL101", "Just checking in") in found
    quote = COMPOSE[: COMPOSE.index("On Mon")].count("\n")
    assert all(3 < d["lnum"] < quote for d in mail["diagnostics"])  # not the headers, quote or signature
