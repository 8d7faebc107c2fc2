"""`replylint rules` and `replylint rule CODE`: the catalogue and each rule's documentation."""

from __future__ import annotations

import json
import sys

import click


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True)
def rules_command(fmt: str) -> None:
    """List every rule with its code, name, default severity and summary."""
    from rules import catalogue

    rules = catalogue()
    if fmt == "markdown":
        click.echo(markdown_table())
        return
    if fmt == "json":
        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "severity": r.default_severity.value,
             "summary": r.summary, "url": r.doc_url()} for r in rules], indent=2))
        return
    width = max(len(r.name) for r in rules)
    for rule in rules:
        click.echo(f"{rule.code}  {rule.name:<{width}}  {rule.default_severity.value:<7}  "
                   f"{rule.summary}")


@click.command("rule")
@click.argument("key")
def rule_command(key: str) -> None:
    """Print the documentation of one rule, by code (SIG001) or name (missing-signature)."""
    from rules import catalogue, find_rule

    rule = find_rule(key)
    if rule is None:
        known = ", ".join(r.code for r in catalogue())
        click.echo(f"replylint: error: no rule {key!r} (known: {known})", err=True)
        sys.exit(2)
    click.echo(f"# {rule.code} {rule.name}\n")
    click.echo(f"Default severity: {rule.default_severity.value}\n")
    click.echo(rule.documentation())


def markdown_table() -> str:
    """The rule table the README shows (a test keeps the two in step)."""
    from rules import catalogue

    lines = ["| code | name | severity | what it catches |", "|---|---|---|---|"]
    for rule in catalogue():
        summary = rule.summary.replace("|", "\\|")
        lines.append(f"| {rule.code} | `{rule.name}` | {rule.default_severity.value} | {summary} |")
    return "\n".join(lines)
