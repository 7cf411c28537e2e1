"""The errors scriptlint raises on purpose: each one's message is the single line a user sees.

`cli.main` maps every subclass of `ScriptlintError` to that line and exit code 2, so a new error
kind needs no new handler; anything else reaching `main` is a bug and is reported as one.
"""

from __future__ import annotations


class ScriptlintError(Exception):
    """Base class: something about the user's input, config, rules or model that we cannot use."""


class InputError(ScriptlintError):
    """Input we cannot analyse."""


class ConfigError(ScriptlintError, ValueError):
    """A config file or option we cannot use."""


class RuleError(ScriptlintError, ValueError):
    """A rule file that does not validate; the message names the file."""


class ModelError(ScriptlintError, RuntimeError):
    """A classifier model that is missing, changed on disk or unreadable."""


class CorpusError(ScriptlintError, ValueError):
    """A corpus file that does not follow the format in corpus/README.md."""


class CatalogueError(ScriptlintError, ValueError):
    """A tactics catalogue that does not validate."""
