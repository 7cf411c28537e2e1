"""Batch audits, in the order the work flows.

`sources` (with `items`, `mailbox_readers`, `export_readers`) finds the messages; `run` lints them in
parallel (`records`, in the workers) into a results file; `aggregate` folds that file into figures;
`terminal` and `html` (with `charts`, `labels`, `redact`) show them. `command` runs it all for
`scriptlint audit`.
"""
