"""Lint one buffer and turn the findings into LSP diagnostics at exact buffer ranges.

Nothing here raises: a buffer that cannot be analysed (a broken config file, an encoded email, a
bug) becomes an `Analysis` with an `error`, which the server shows as one diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from lsprotocol import types

from scriptlint.config import Config
from scriptlint.engine import lint_message
from scriptlint.errors import ScriptlintError
from scriptlint.findings import Finding, Result, severity_rank
from scriptlint.server.documents import Prepared, prepare
from scriptlint.server.positions import Positions

SOURCE = "scriptlint"
LSP_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


@dataclass
class Located:
    """A finding and where it is in the buffer (character offsets)."""

    finding: Finding
    start: int
    end: int


@dataclass
class Analysis:
    """The outcome of linting one version of a buffer."""

    text: str
    kind: str
    version: int | None = None
    prepared: Prepared | None = None
    result: Result | None = None
    config: Config | None = None
    located: list[Located] = field(default_factory=list)
    error: str | None = None
    plan: Any = None
    """The rewrite's plan for this text (suggest.compose.Plan), made on the first quick-fix request."""

    def at(self, start: int, end: int) -> list[Located]:
        """Findings whose range touches [start, end] (a cursor is start == end)."""
        return [loc for loc in self.located if loc.start <= end and start <= loc.end]


def analyse(text: str, kind: str, config: Callable[[], Config], version: int | None = None) -> Analysis:
    """Lint a buffer; `config` is called here so a broken config file is reported like any failure."""
    analysis = Analysis(text=text, kind=kind, version=version)
    try:
        analysis.config = config()
        prepared = analysis.prepared = prepare(text, kind)
        if prepared.error:
            analysis.error = prepared.error
            return analysis
        analysis.result = lint_message(prepared.message, source="<buffer>", config=analysis.config)
    except ScriptlintError as exc:
        analysis.error = str(exc)
        return analysis
    except Exception as exc:  # a bug must not take the server down: the user sees one diagnostic
        analysis.error = f"scriptlint could not analyse this document ({type(exc).__name__}: {exc})"
        return analysis
    analysis.located = locate(analysis.result, prepared)
    return analysis


def locate(result: Result, prepared: Prepared) -> list[Located]:
    """Buffer ranges for the findings: a span where it was found; a message-level finding on the
    first line of the author's own text (underlining the whole draft would hide everything else)."""
    first = _first_author_char(prepared)
    out = []
    for finding in result.findings:
        if finding.scope == "message":
            if first is not None:
                line_end = _line_end(prepared, first)
                out.append(Located(finding, first, line_end))
            continue
        start = prepared.to_buffer(finding.start)
        end = prepared.to_buffer(finding.end, end=True)
        if start is not None and end is not None and end >= start:
            out.append(Located(finding, start, end))
    return out


def _first_author_char(prepared: Prepared) -> int | None:
    text = prepared.message.text
    excluded = sorted((s, e) for s, e, _ in prepared.message.excluded)
    at = prepared.body_start
    while at < len(text):
        inside = next((e for s, e in excluded if s <= at < e), None)
        if inside is not None:
            at = inside
        elif text[at].isspace():
            at += 1
        else:
            return prepared.to_buffer(at)
    return prepared.to_buffer(prepared.body_start) if prepared.message.text else None


def _line_end(prepared: Prepared, buffer_offset: int) -> int:
    body_buffer_start = prepared.segments[0][2] if prepared.segments else 0
    analysed = prepared.body_start + buffer_offset - body_buffer_start
    text = prepared.message.text
    newline = text.find("\n", analysed)
    end = len(text) if newline == -1 else newline
    return buffer_offset + len(text[analysed:end].rstrip("\r"))


def severity(finding: Finding, fail_on: str) -> types.DiagnosticSeverity:
    """The rule's severity; a finding below `fail_on` (which would not fail `lint`) is a hint."""
    if fail_on == "never" or severity_rank(finding.severity) < severity_rank(fail_on):
        return types.DiagnosticSeverity.Hint
    return LSP_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning)


def to_range(positions: Positions, start: int, end: int) -> types.Range:
    (l1, c1), (l2, c2) = positions.position(start), positions.position(end)
    return types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2))


def diagnostics(analysis: Analysis, positions: Positions) -> list[types.Diagnostic]:
    if analysis.error:
        return [
            types.Diagnostic(
                range=to_range(positions, 0, len(positions.line_text(0))),
                message=analysis.error,
                severity=types.DiagnosticSeverity.Error,
                source=SOURCE,
                code="not-analysed",
            )
        ]
    fail_on = analysis.config.fail_on if analysis.config else "warning"
    out = []
    for index, loc in enumerate(analysis.located):
        f = loc.finding
        out.append(
            types.Diagnostic(
                range=to_range(positions, loc.start, loc.end),
                message=f"{f.message} ({f.name})",
                severity=severity(f, fail_on),
                code=f.rule,
                source=SOURCE,
                data={"rule": f.rule, "index": index, "version": analysis.version},
            )
        )
    return out
