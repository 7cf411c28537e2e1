"""Plain result objects shared by every stage: detection, suggestion, reporting, audit.

They hold data only and know how to become the contract JSON (see README, "JSON output").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")
"""Ordered from least to most severe; `--fail-on` compares against this order."""


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Suggestion:
    """One proposed rewrite: never applied automatically (a human supplies the value)."""

    tactic: str
    title: str
    rewrite: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"tactic": self.tactic, "title": self.title, "rewrite": self.rewrite, "source": self.source}


@dataclass
class Finding:
    """A flagged stretch of text (or the whole message, for `scope="message"`)."""

    rule: str
    name: str
    category: str
    scope: str
    severity: str
    start: int
    end: int
    line: int
    column: int
    text: str
    message: str
    confidence: float
    suggestions: list[Suggestion] = field(default_factory=list)
    # Why the hybrid detector suppressed this finding; None when it is reported.
    suppressed: str | None = None
    # Which mechanism produced it ("phrase", "classifier", "message-check") and the pattern that fired.
    explanation: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "scope": self.scope,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "message": self.message,
            "confidence": round(self.confidence, 4),
            "suggestions": [s.to_dict() for s in self.suggestions],
        }
        if self.suppressed is not None:
            data["suppressed"] = self.suppressed
        return data


@dataclass
class Result:
    """The outcome for one input: every input yields exactly one Result."""

    source: str
    text: str
    findings: list[Finding] = field(default_factory=list)
    purposeless: bool = False
    score: int = 100
    # True when `text` is not the input file's own text (an extracted email body): JSON then carries it.
    extracted: bool = False
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    # Findings the hybrid detector suppressed (shown with --show-suppressed).
    suppressed: list[Finding] = field(default_factory=list)
    # Extra facts about the input (email headers, attachment count, ...), not part of the contract.
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, *, show_suppressed: bool = False) -> dict[str, Any]:
        findings = list(self.findings)
        if show_suppressed:
            findings = sorted(findings + self.suppressed, key=lambda f: (f.start, f.end, f.rule))
        data: dict[str, Any] = {
            "source": self.source,
            "message": {"purposeless": self.purposeless, "score": self.score},
            "findings": [f.to_dict() for f in findings],
        }
        if self.extracted:
            data["text"] = self.text
        if self.error is not None:
            data["error"] = self.error
        if self.warnings:
            data["warnings"] = list(self.warnings)
        return data
