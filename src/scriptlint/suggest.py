"""Rewrite suggestions (issue 5 builds the real catalogue, situation detection and slot filling)."""

from __future__ import annotations

from typing import Any

from .config import Config
from .findings import Result
from .messages import Message


def attach_suggestions(result: Result, message: Message, analysis: Any, config: Config) -> None:
    """Fill `finding.suggestions` for every finding in `result` (placeholder: none yet)."""
    return None
