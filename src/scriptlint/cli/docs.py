"""`scriptlint rules` and `scriptlint explain`: the rule catalogue and each rule's documentation."""

from __future__ import annotations

import json
import sys

import typer

from scriptlint.cli.app import TableFormat, UsageError, app
from scriptlint.rules import TEAM_RULE, builtin_rules, rules_by_code


@app.command()
def rules(
    format: TableFormat = typer.Option(TableFormat.text, "--format", "-f", help="Output format."),
) -> None:
    """List every rule: code, name, severity and what it flags."""

    all_rules = builtin_rules()
    if format is TableFormat.json:
        typer.echo(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity,
                        "category": r.category,
                        "scope": r.scope,
                        "message": r.message,
                        "patterns": list(r.patterns),
                        "tactics": list(r.tactics),
                    }
                    for r in all_rules
                ],
                indent=2,
            )
        )
        return
    from rich.console import Console  # lazy: Rich costs start-up time and only output needs it
    from rich.table import Table  # lazy: Rich costs start-up time and only output needs it

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("Code", "Name", "Severity", "Patterns", "What it flags"):
        table.add_column(column, overflow="fold")
    for r in all_rules:
        table.add_row(r.code, r.name, r.severity, str(len(r.patterns)) if r.patterns else r.origin, r.message)
    Console(soft_wrap=False).print(table)


@app.command()
def explain(code: str = typer.Argument(..., help="Rule code, e.g. SL101, or its name.")) -> None:
    """Show a rule's documentation: what it flags, why it hurts the sale, an example, a better version."""
    from scriptlint.report.explain import explain as render  # lazy: output formatting loads Rich

    code = code.strip()
    if not code:
        raise UsageError("explain needs a rule code, e.g. SL101; see `scriptlint rules`")
    known = {**rules_by_code(), TEAM_RULE.code: TEAM_RULE}
    rule = known.get(code.upper()) or next((r for r in known.values() if r.name == code.lower()), None)
    if rule is None:
        raise UsageError(f"unknown rule {code!r}; see `scriptlint rules`")
    text = render(rule)
    if sys.stdout.isatty():
        from rich.console import Console  # lazy: Rich costs start-up time and only output needs it
        from rich.markdown import Markdown  # lazy: Rich costs start-up time and only output needs it

        Console().print(Markdown(text))
    else:
        typer.echo(text, nl=False)
