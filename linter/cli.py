"""The `replylint` command line. Subcommands load lazily so `replylint --version` stays instant."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, NoReturn

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


# Commands that finish (the servers do not): after one, the process exits at once.
_FINISHING = frozenset({"check", "rules", "rule", "batch", "mine"})


def entry() -> None:
    """The `replylint` console script: `main`, then, after a command that finishes, an exit
    that does not tear the interpreter down (`exit_now`)."""
    try:
        main()
    except SystemExit as done:
        if _subcommand(sys.argv[1:]) in _FINISHING:
            exit_now(done.code)
        raise


def _subcommand(arguments: list[str]) -> str | None:
    return next((argument for argument in arguments if not argument.startswith("-")), None)


def exit_now(code: object) -> NoReturn:
    """Leave without tearing the interpreter down, as mypy does (`mypy.util.hard_exit`).

    A finished command has closed every file it wrote; what is left is freeing the
    pipeline, the rules and a batch run's tables object by object, about 0.12 s of every
    `replylint check` or `batch` for nothing. The standard streams are flushed first; a
    code that is not a number is printed, as `sys.exit` does.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except ValueError:
            pass  # closed (`batch --out -` hands stdout to its writer and closes it)
        except OSError:  # a reader that went away (`| head`): what Python's own exit says
            status = status or 120
    os._exit(status)
