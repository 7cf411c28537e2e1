"""Start spaCy without its command line: `import spacy` imports `spacy.cli` only to re-export `info`.

`spacy.cli` loads spaCy's own commands and what they need (weasel, requests, httpx, ...): about a
third of `import spacy`, for a scriptlint process that never runs a spaCy command. `defer_spacy_cli`
puts a stand-in in its place before spaCy is first imported; the real package is imported the first
time anything reads an attribute of it (`spacy.info()`, `spacy.cli.download`), so nothing breaks,
it only loads later. Called by scriptlint's own processes (the console entry, audit workers), never
on import of the library: a program that imports scriptlint keeps spaCy as it is.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types
from typing import Any

_CLI, _INFO = "spacy.cli", "spacy.cli.info"


class _DeferredModule(types.ModuleType):
    """A stand-in for `spacy.cli` or `spacy.cli.info`: any attribute read imports the real one."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_real(self.__name__), name)


def _real(name: str) -> types.ModuleType:
    """The real module `name` (the stand-ins leave sys.modules first, so the import runs)."""
    for key in (_CLI, _INFO):
        if isinstance(sys.modules.get(key), _DeferredModule):
            del sys.modules[key]
    module = importlib.import_module(name)
    spacy = sys.modules.get("spacy")
    if spacy is not None and isinstance(spacy.__dict__.get("cli"), _DeferredModule):
        spacy.cli = importlib.import_module(_CLI)
    return module


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, imported when called."""
    return _real(_INFO).info(*args, **kwargs)


def defer_spacy_cli() -> bool:
    """Put the stand-ins in place if spaCy is not imported yet; True when they were put in place."""
    if "spacy" in sys.modules or _CLI in sys.modules:
        return False
    spec = importlib.util.find_spec("spacy")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return False
    cli = _DeferredModule(_CLI)
    cli.__path__ = [os.path.join(location, "cli") for location in spec.submodule_search_locations]
    info = _DeferredModule(_INFO)
    info.info = _info
    cli.info = info
    sys.modules[_CLI], sys.modules[_INFO] = cli, info
    return True
