"""The `replylint` command line. Subcommands load lazily so `replylint --version` stays instant."""

from __future__ import annotations

import importlib
from typing import Any

import click

from . import __version__

# name -> "module:attribute" of a click command; imported only when that command runs.
_COMMANDS = {
    "check": "linter.commands.check:check",
    "rules": "linter.commands.rules:rules_command",
    "rule": "linter.commands.rules:rule_command",
    "server": "lsp_server.cli:server_command",
    "batch": "linter.batch.cli:batch_command",
    "mine": "linter.batch.cli:mine_command",
    "serve": "linter.service.cli:serve_command",
}

_HELP = {
    "check": "Lint reply files (or stdin) and report problems.",
    "rules": "List every rule: code, name, severity, summary.",
    "rule": "Show one rule's documentation (by code or name).",
    "server": "Run the language server over stdio (for editors).",
    "batch": "Lint an export of sent replies (CSV/JSONL) and summarise it.",
    "mine": "Find recurring canned templates in an export of replies.",
    "serve": "Run the local HTTP pre-send check service.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = _COMMANDS.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name and module_name.startswith(error.name):
                return None  # that adapter is not part of this installation
            raise
        command: click.Command = getattr(module, attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: Any) -> None:
        # Show one-line help without importing every adapter.
        rows = [(name, _HELP[name]) for name in _COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="replylint")
def main() -> None:
    """replylint: a linter for customer-support replies."""
