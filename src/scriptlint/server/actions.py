"""Hover text and quick fixes for a finding, as plain data (the server turns them into LSP objects).

The top fix is exactly what `scriptlint rewrite` does to the run of sentences that holds the
finding (the composer's edits for that run, applied by `suggest.rewrite.apply`), reduced to the
smallest edit of the buffer; an alternative suggestion puts its text in place of the rewrite's. A
cut (a suggestion with no text) removes the line, or the sentence when the line holds more.
"Disable for the next line" inserts the directive comment in the buffer's syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scriptlint.findings import Suggestion
from scriptlint.report.explain import explain
from scriptlint.rules import TEAM_RULE, rules_by_code
from scriptlint.server.diagnose import Analysis, Located
from scriptlint.server.documents import DIRECTIVE
from scriptlint.server.positions import Positions
from scriptlint.suggest.compose import Edit, plan
from scriptlint.suggest.rewrite import apply, reading_for
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
    planned = _planned(analysis, loc) if loc.finding.scope == "span" else None
    for number, suggestion in enumerate(loc.finding.suggestions):
        if planned is not None:
            fix = _planned_fix(analysis, planned, suggestion)
        elif loc.finding.scope != "span":
            fix = None  # a message-level gap: the rewrite fills gaps only around a span it edits
        elif suggestion.tactic == CUT or not suggestion.rewrite:
            fix = _cut_fix(analysis, loc)
        else:
            fix = _sentence_fix(analysis, loc, suggestion)
        if fix is not None:
            fix.title = f"{_verb(analysis.text, fix, suggestion)} ({suggestion.title}) [{loc.finding.rule}]"
            fix.preferred = number == 0
            out.append(fix)
    directive = disable_fix(analysis, loc)
    if directive is not None:
        out.append(directive)
    return out


def _verb(text: str, fix: Fix, suggestion: Suggestion) -> str:
    if suggestion.rewrite:
        return f"Rewrite: {_short(suggestion.rewrite)}"
    removed = text[fix.start : fix.end]
    whole_lines = (fix.start == 0 or text[fix.start - 1] == "\n") and removed.endswith("\n")
    return "Cut this line" if whole_lines else "Cut this sentence"


def _planned(analysis: Analysis, loc: Located) -> tuple[str, list[Edit]] | None:
    """What `scriptlint rewrite` does to the run of sentences holding this finding: the run's new
    text and its edits (None when the rewrite leaves the finding's run alone)."""
    result = analysis.result
    if result is None:
        return None
    if analysis.plan is None:
        analysis.plan = plan(result, reading_for(result))
    for run, _tactic, new in analysis.plan.runs:
        if any(f is loc.finding for f in run.findings):
            edits = [
                e
                for e in analysis.plan.edits
                if run.start <= e.start < run.end
                or (e.start == e.end and e.new.strip() and e.new.strip() == new.strip())
            ]
            return (new.strip(), edits) if edits else None
    return None


def _planned_fix(analysis: Analysis, planned: tuple[str, list[Edit]], suggestion: Suggestion) -> Fix | None:
    """The run's edits as the rewrite makes them; for another suggestion, its text in place of the
    rewrite's (the alternatives are other tactics' versions of the same edit)."""
    new, edits = planned
    if suggestion.rewrite.strip() != new:
        carrying = next((e for e in edits if e.new.strip()), edits[0])
        lead = carrying.new[: len(carrying.new) - len(carrying.new.lstrip())]
        text = lead + suggestion.rewrite if suggestion.rewrite else ""
        edits = [replace(e, new=text) if e is carrying else e for e in edits]
    result = analysis.result
    assert result is not None
    return _as_fix(analysis, result.text, apply(result.text, edits))


def _sentence_fix(analysis: Analysis, loc: Located, suggestion: Suggestion) -> Fix | None:
    """A suggestion for a sentence the rewrite leaves alone: it replaces that sentence."""
    result = analysis.result
    if result is None:
        return None
    start, end = _trimmed(result.text, *sentence_bounds(result.text, loc.finding))
    return _as_fix(analysis, result.text, result.text[:start] + suggestion.rewrite + result.text[end:])


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _as_fix(analysis: Analysis, old: str, new: str) -> Fix | None:
    """The smallest buffer edit that turns the analysed text `old` into `new`."""
    prepared = analysis.prepared
    if new == old or prepared is None:
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
    a_start, a_end = _trimmed(result.text, *sentence_bounds(result.text, loc.finding))
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
