"""spaCy starts without its command line in scriptlint's own processes, and that CLI still loads on use."""

from __future__ import annotations

import subprocess
import sys

from scriptlint.detect.spacy_start import defer_spacy_cli

_CHECK = """
import sys
from scriptlint.detect.spacy_start import defer_spacy_cli
assert defer_spacy_cli()
import spacy
nlp = spacy.blank("en")
assert [t.text for t in nlp.make_doc("Any update?")] == ["Any", "update", "?"]
assert "weasel" not in sys.modules and "spacy.cli.download" not in sys.modules
assert isinstance(spacy.info(), dict)  # the real spacy.cli loads on first use
from spacy.cli import download
assert callable(download) and "weasel" in sys.modules
import spacy.cli
assert spacy.cli is sys.modules["spacy.cli"] and hasattr(spacy.cli, "train")
print("ok")
"""


def test_spacy_loads_without_its_cli_until_something_uses_it():
    done = subprocess.run([sys.executable, "-c", _CHECK], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_nothing_changes_once_spacy_is_imported():
    import spacy  # noqa: F401  (this test process already has spaCy)

    assert defer_spacy_cli() is False


def test_the_console_entry_does_not_load_spacys_cli(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("Hi Dana,\n\nJust checking in.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from scriptlint.cli import main\n"
        f"sys.argv = ['scriptlint', 'lint', {str(draft)!r}]\n"
        "try:\n    main()\n"
        "except SystemExit as exc:\n    print(exc.code, 'weasel' in sys.modules, 'spacy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "1 False True", done.stderr[-2000:]
