"""Hover text and quick fixes for a finding, as plain data (the server turns them into LSP objects).

A rewrite fix is exactly what `scriptlint rewrite` would do to that one finding with that one
suggestion (`suggest.rewrite`), reduced to the smallest edit of the buffer. A `cut` suggestion
removes the line (or, when the line holds more, the sentence). "Disable for the next line" inserts
the directive comment in the buffer's syntax above the finding's line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scriptlint.findings import Result, Suggestion
from scriptlint.report.explain import explain
from scriptlint.rules import TEAM_RULE, rules_by_code
from scriptlint.server.diagnose import Analysis, Located
from scriptlint.server.documents import DIRECTIVE
from scriptlint.server.positions import Positions
from scriptlint.suggest.rewrite import rewrite
from scriptlint.text.sentences import sentence_bounds

CUT = "cut"
TITLE_CHARS = 70


@dataclass
class Fix:
    """Replace buffer[start:end] with `new_text`."""

    title: str
    start: int
    end: int
    new_text: str
    preferred: bool = False


def hover_markdown(loc: Located) -> str:
    """The rule's documentation (`scriptlint explain`) and the finding's suggestions, as Markdown."""
    finding = loc.finding
    rule = {**rules_by_code(), TEAM_RULE.code: TEAM_RULE}.get(finding.rule)
    parts = [explain(rule).rstrip() if rule else f"# {finding.rule} {finding.name}\n\n{finding.message}"]
    if finding.suggestions:
        parts += ["", "## Suggestions", ""]
        for number, s in enumerate(finding.suggestions, start=1):
            if s.tactic == CUT:
                parts.append(f"{number}. **{s.title}**: cut this sentence (from `{s.source}`)")
            else:
                parts.append(f"{number}. **{s.title}** (from `{s.source}`)\n\n   > {s.rewrite}")
    return "\n".join(parts) + "\n"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rstrip() + "…"


def fixes(analysis: Analysis, loc: Located) -> list[Fix]:
    """Quick fixes for one finding: each suggestion applied, then the suppression comment."""
    out: list[Fix] = []
    for number, suggestion in enumerate(loc.finding.suggestions):
        fix = _cut_fix(analysis, loc) if suggestion.tactic == CUT else _rewrite_fix(analysis, loc, suggestion)
        if fix is not None:
            verb = "Cut this line" if suggestion.tactic == CUT else f"Rewrite: {_short(suggestion.rewrite)}"
            fix.title = f"{verb} ({suggestion.title}) [{loc.finding.rule}]"
            fix.preferred = number == 0
            out.append(fix)
    directive = disable_fix(analysis, loc)
    if directive is not None:
        out.append(directive)
    return out


def _rewrite_fix(analysis: Analysis, loc: Located, suggestion: Suggestion) -> Fix | None:
    """`scriptlint rewrite` with only this finding and this suggestion, as one minimal edit."""
    result, prepared = analysis.result, analysis.prepared
    if result is None or prepared is None:
        return None
    single = Result(source=result.source, text=result.text, findings=[replace(loc.finding, suggestions=[suggestion])])
    old, new = result.text, rewrite(single)
    if new == old:
        return None
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    a_start, a_end = prefix, len(old) - suffix
    start = prepared.to_buffer(a_start)
    if start is None:
        start = prepared.to_buffer(a_start, end=True)
    end = prepared.to_buffer(a_end, end=True) if a_end > a_start else start
    if start is None or end is None or analysis.text[start:end] != old[a_start:a_end]:
        return None  # the edit would cross what the buffer does not show as analysed (a mail's headers)
    return Fix("", start, end, new[prefix : len(new) - suffix])


def _cut_fix(analysis: Analysis, loc: Located) -> Fix | None:
    """Remove the flagged sentence: its whole line(s) when nothing else is on them."""
    result, prepared = analysis.result, analysis.prepared
    if result is None or prepared is None:
        return None
    a_start, a_end = sentence_bounds(result.text, loc.finding)
    while a_start < a_end and result.text[a_start].isspace():
        a_start += 1
    while a_end > a_start and result.text[a_end - 1].isspace():
        a_end -= 1
    start, end = prepared.to_buffer(a_start), prepared.to_buffer(a_end, end=True)
    if start is None or end is None:
        start, end = loc.start, loc.end
    text = analysis.text
    positions = Positions(text)
    line_start = positions.starts[positions.line_of(start)]
    last = positions.line_of(max(start, end - 1))
    line_end = positions.starts[last + 1] if last + 1 < len(positions.starts) else len(text)
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        return Fix("", line_start, line_end, "")
    while end < len(text) and text[end] in " \t":
        end += 1
    return Fix("", start, end, "")


def disable_fix(analysis: Analysis, loc: Located) -> Fix | None:
    """Insert `scriptlint: disable-next-line=CODE` above the finding's line, as a comment of the
    buffer's syntax. Not in a mail buffer, where the comment would be sent to the customer."""
    prepared = analysis.prepared
    template = DIRECTIVE.get(prepared.kind) if prepared else None
    if template is None or loc.finding.scope != "span":
        return None
    text = analysis.text
    positions = Positions(text)
    line = positions.line_of(loc.start)
    line_start = positions.starts[line]
    content = positions.line_text(line)
    indent = content[: len(content) - len(content.lstrip())]
    newline = "\r\n" if "\r\n" in text else "\n"
    code = loc.finding.rule
    return Fix(
        f"Disable {code} for the next line", line_start, line_start, indent + template.format(code=code) + newline
    )
