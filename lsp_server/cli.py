"""`replylint server`: the click command that starts the language server over stdio."""

from __future__ import annotations

import logging
import sys

import click


@click.command("server")
@click.option("--stdio", is_flag=True,
              help="Talk LSP over stdin/stdout (the default; accepted because clients pass it).")
@click.option("--debounce", type=click.IntRange(0, 5000), default=None, metavar="MS",
              help="Wait this long after the last keystroke before linting (default 120).")
@click.option("--log-file", type=click.Path(dir_okay=False), default=None,
              help="Write the server's own log here (default: stderr, warnings only).")
@click.option("-v", "--verbose", is_flag=True, help="Log debug messages.")
def server_command(stdio: bool, debounce: int | None, log_file: str | None,
                   verbose: bool) -> None:
    """Run the replylint language server over stdio (for editors)."""
    # stdout carries the protocol: logs must never go there.
    handler: logging.Handler = (logging.FileHandler(log_file, encoding="utf-8") if log_file
                                else logging.StreamHandler(sys.stderr))
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        handlers=[handler], force=True)
    from .server import main

    main(debounce_ms=debounce)
