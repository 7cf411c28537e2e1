"""scriptlint: catch "just checking in" in sales emails and call scripts, and suggest rewrites.

Public API::

    import scriptlint
    result = scriptlint.lint("Just wanted to touch base.")
    nlp = scriptlint.load()          # the spaCy pipeline itself
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["lint", "lint_message", "load", "Result", "Finding", "Suggestion", "Config", "__version__"]

if TYPE_CHECKING:
    from scriptlint.config import Config
    from scriptlint.engine import lint, lint_message, load
    from scriptlint.findings import Finding, Result, Suggestion


def __getattr__(name: str) -> Any:
    # Lazy: `import scriptlint` stays cheap, spaCy loads only when linting starts.
    if name in ("lint", "lint_message", "load"):
        from scriptlint import engine as _lint  # lazy: `import scriptlint` stays cheap

        return getattr(_lint, name)
    if name in ("Result", "Finding", "Suggestion"):
        from scriptlint import findings  # lazy: `import scriptlint` stays cheap

        return getattr(findings, name)
    if name == "Config":
        from scriptlint.config import Config  # lazy: `import scriptlint` stays cheap

        return Config
    raise AttributeError(name)
