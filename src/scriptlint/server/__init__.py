"""`scriptlint server`: a Language Server Protocol server, so editors and mail composers lint while you write.

Built on pygls and lsprotocol (the optional `lsp` extra). Only `app` imports them; the other modules
here are plain functions over text and results: `positions` (offsets <-> LSP positions), `documents`
(which buffers are linted, and how a mail buffer maps to the analysed text), `settings` (config per
document), `diagnose` (lint a buffer), `actions` (hover text and quick fixes).
"""
