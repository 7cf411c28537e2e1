"""Renderers: Results become text for people (Rich), contract JSON, or GitHub annotations.

Renderers only format; they never recompute findings.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, TextIO

from scriptlint.findings import Finding, Result
from scriptlint.text.sentences import sentence_bounds

JSON_VERSION = 1


def to_json(results: Iterable[Result], *, show_suppressed: bool = False) -> str:
    payload = {"version": JSON_VERSION, "results": [r.to_dict(show_suppressed=show_suppressed) for r in results]}
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def to_github(results: Iterable[Result]) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    lines = []
    for result in results:
        for f in result.findings:
            end_line = f.line + result.text.count("\n", f.start, f.end)
            props = (
                f"file={_gh_escape(result.source, True)},line={f.line},col={f.column},endLine={end_line},"
                f"title={_gh_escape(f'{f.rule} {f.name}', True)}"
            )
            lines.append(f"::{_GH_LEVEL[f.severity]} {props}::{_gh_escape(f.message)}")
        if result.error:
            lines.append(f"::error file={_gh_escape(result.source, True)}::{_gh_escape(result.error)}")
    return "\n".join(lines)


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_text(
    results: list[Result], out: TextIO | None = None, *, show_suppressed: bool = False, color: bool | None = None
) -> None:
    """Human output: location, code, the sentence with the flagged words highlighted, message, hint."""
    from rich.console import Console  # lazy: Rich costs start-up time and only output needs it
    from rich.text import Text  # lazy: Rich costs start-up time and only output needs it

    console = Console(file=out, highlight=False, soft_wrap=True, no_color=color is False, force_terminal=color or None)
    total = 0
    purposeless = 0
    for result in results:
        findings = list(result.findings)
        if show_suppressed:
            findings = sorted(findings + result.suppressed, key=lambda f: (f.start, f.rule))
        total += len(result.findings)
        purposeless += bool(result.purposeless)
        for f in findings:
            head = Text()
            head.append(f"{result.source}:{f.line}:{f.column}: ", style="bold")
            head.append(f.rule, style=_SEVERITY_STYLE[f.severity] if not f.suppressed else "dim")
            head.append(f" {f.name} [{f.severity}]" + (" (suppressed)" if f.suppressed else ""), style="dim")
            console.print(head)
            if f.scope == "span":
                console.print(_excerpt(result.text, f))
            console.print(Text("  " + f.message))
            if f.suppressed:
                console.print(Text(f"  suppressed: {f.suppressed}", style="dim"))
            elif f.suggestions:
                top = f.suggestions[0]
                hint = Text("  hint: ", style="green")
                # An empty rewrite is a deletion (the `cut` tactic): say so instead of showing nothing.
                hint.append(f"{top.title}: {top.rewrite}" if top.rewrite else f"{top.title} (delete this sentence)")
                console.print(hint)
            console.print()
        if result.error:
            console.print(Text(f"{result.source}: error: {result.error}", style="red"))
    files = len(results)
    summary = f"{total} finding{'s' * (total != 1)} in {files} input{'s' * (files != 1)}"
    if purposeless:
        summary += f"; {purposeless} message{'s' * (purposeless != 1)} without a purpose"
    console.print(Text(summary, style="bold" if total else "green"))
    if total:
        codes = sorted({f.rule for r in results for f in r.findings})
        console.print(
            Text(
                f"Run `scriptlint explain {codes[0]}` to see why a rule matters and what to write instead.", style="dim"
            )
        )


def _excerpt(text: str, f: Finding, width: int = 160) -> Any:
    from rich.text import Text  # lazy: Rich costs start-up time and only output needs it

    start, end = sentence_bounds(text, f)
    start, end = min(start, f.start), max(end, f.end)
    while end > f.end and text[end - 1].isspace():
        end -= 1
    if end - start > width:
        start = max(start, f.start - width // 3)
        end = min(end, max(f.end + width // 3, start + width))
    line = Text("  │ ", style="dim")
    # Hard-wrapped sentences show on one line; replacing (not removing) keeps character positions.
    body = Text(text[start:end].replace("\r", " ").replace("\n", " ").replace("\t", " "))
    body.stylize("bold reverse" if f.suppressed is None else "underline", f.start - start, f.end - start)
    line.append_text(body)
    return line
