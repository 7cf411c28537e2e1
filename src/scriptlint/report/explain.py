"""`scriptlint explain`: a rule's documentation in ruff's shape (what, why, example, better)."""

from __future__ import annotations

from scriptlint.rules import Rule


def explain(rule: Rule) -> str:
    """ruff-style rule documentation, as Markdown."""
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"Severity: {rule.severity} · Category: {rule.category} · Scope: {rule.scope}",
        "",
        "## What it flags",
        "",
        rule.message,
    ]
    if rule.patterns:
        lines += ["", "Patterns (any inflection, case-insensitive; hyphens and line breaks allowed):", ""]
        lines += [f"- `{p}`" for p in rule.patterns]
    if rule.exceptions:
        lines += ["", "Not when inside:", ""] + [f"- `{p}`" for p in rule.exceptions]
    lines += ["", "## Why this hurts the sale", "", rule.why.strip(), "", "## Example", "", f"> {rule.example}"]
    lines += ["", "Use instead:", "", f"> {rule.better}"]
    if rule.tactics:
        lines += ["", "## Tactics", "", ", ".join(rule.tactics)]
    return "\n".join(lines) + "\n"
