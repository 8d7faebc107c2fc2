"""`replylint check`: lint reply files or stdin and report in the chosen format."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..config import Config, ConfigError, config_from_mapping, find_config_file, load_config
from ..diagnostic import Severity
from ..inputs import ReplyInput, read_path, read_stdin
from ..output import FORMATS, FileResult, render

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format. json is a versioned schema (see README).")
@click.option("--select", multiple=True,
              help="Only these rules (codes, prefixes or names; comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, prefixes or names).")
@click.option("--channel", type=click.Choice(["twitter", "email", "chat", "generic"]),
              help="Override the configured channel.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this config file instead of discovering replylint.toml / pyproject.toml.")
@click.option("--customer", "customer_file", type=click.Path(path_type=Path, dir_okay=False),
              help="File holding the customer's message the reply answers.")
@click.option("--customer-text", help="The customer's message the reply answers.")
@click.option("--fail-on", type=click.Choice(["warning", "error"]), default="warning",
              show_default=True,
              help="Lowest severity that makes the exit code 1. Info never fails.")
@click.option("--output-file", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report here instead of stdout.")
@click.option("--statistics", is_flag=True, help="Also print how often each rule fired.")
@click.option("--stdin-filename", help="Name to show (and find config from) for stdin input.")
@click.option("--fix", is_flag=True,
              help="Apply safe fixes to the files (for stdin: print the fixed reply).")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix, also apply fixes marked for review.")
def check(paths: tuple[Path, ...], fmt: str, select: tuple[str, ...], ignore: tuple[str, ...],
          channel: str | None, config_path: Path | None, customer_file: Path | None,
          customer_text: str | None, fail_on: str, output_file: Path | None, statistics: bool,
          stdin_filename: str | None, fix: bool, unsafe_fixes: bool) -> None:
    """Lint reply files (or `-` for stdin).

    Lines starting with `>` are the customer's message, used as context and never linted.
    Exit codes: 0 nothing at --fail-on severity, 1 findings, 2 usage/config/input errors.
    """
    try:
        overrides = _overrides(select, ignore, channel)
        base = load_config(config_path) if config_path else None
        customer = _customer(customer_file, customer_text)
    except (ConfigError, click.UsageError) as error:
        _fail(str(error))
    inputs = _read_inputs(paths, stdin_filename)
    from ..engine import lint_source

    results: list[FileResult] = []
    configs: dict[Path, Config] = {}
    for item in inputs:
        if item.error:
            results.append(FileResult(item.path, error=item.error))
            continue
        try:
            config = _config_for(item, base, configs).overridden(**overrides)
        except ConfigError as error:
            _fail(str(error))
        text = item.text
        diagnostics = tuple(lint_source(text, customer, config))
        if fix:
            text, diagnostics = _fixed(text, diagnostics, customer, config, unsafe_fixes)
            if text != item.text:
                _write_fixed(item, text)
        results.append(FileResult(item.path, text, diagnostics))

    if fix and any(str(p) == "-" for p in paths) and output_file is None:
        # As ruff does: `--fix -` turns the command into a filter that prints the fixed reply.
        click.echo(next(r.text for r in results if r.path == (stdin_filename or "<stdin>")),
                   nl=False)
        sys.exit(_exit_code(results, Severity.parse(fail_on)))
    report = render(results, fmt, statistics)
    if output_file:
        output_file.write_text(report, encoding="utf-8")
    else:
        click.echo(report, nl=False)
    for result in results:
        if result.error and fmt not in ("text",):
            click.echo(f"replylint: {result.path}: {result.error}", err=True)
    sys.exit(_exit_code(results, Severity.parse(fail_on)))


MAX_FIX_PASSES = 4  # a fix can enable another (e.g. removing a placeholder, then signing)


def _fixed(text: str, diagnostics: tuple, customer: str | None, config: Config,
           unsafe: bool) -> tuple[str, tuple]:
    """Apply the chosen fixes until none is left to apply; return the text and what remains."""
    from ..diagnostic import apply_edits
    from ..engine import lint_source

    for _ in range(MAX_FIX_PASSES):
        edits = [edit for d in diagnostics if d.fix and (d.fix.safe or unsafe)
                 for edit in d.fix.edits]
        if not edits:
            break
        fixed = apply_edits(text, edits)
        if fixed == text:
            break
        text = fixed
        diagnostics = tuple(lint_source(text, customer, config))
    return text, diagnostics


def _write_fixed(item: ReplyInput, text: str) -> None:
    if item.file is None or item.path == "<stdin>" or not item.file.is_file():
        return
    try:
        item.file.write_text(text, encoding="utf-8")
    except OSError as error:
        _fail(f"{item.path}: cannot write the fixed reply: {error.strerror or error}")


def _overrides(select: tuple[str, ...], ignore: tuple[str, ...],
               channel: str | None) -> dict[str, object]:
    selected, ignored = _split(select), _split(ignore)
    # Validate selectors the same way config files are validated.
    config_from_mapping({"select": list(selected), "ignore": list(ignored)})
    return {"select": selected, "ignore": ignored, "channel": channel}


def _customer(customer_file: Path | None, customer_text: str | None) -> str | None:
    if customer_file and customer_text:
        raise click.UsageError("give --customer or --customer-text, not both")
    if customer_file:
        try:
            return customer_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise click.UsageError(
                f"--customer {customer_file}: cannot read as UTF-8 text ({error})") from None
    return customer_text


def _read_inputs(paths: tuple[Path, ...], stdin_filename: str | None) -> list[ReplyInput]:
    if not paths:
        if sys.stdin.isatty():
            _fail("no input: give reply files, a folder, or - to read stdin")
        paths = (Path("-"),)
    inputs: list[ReplyInput] = []
    for path in paths:
        if str(path) == "-":
            item = read_stdin(sys.stdin.buffer.read(), stdin_filename or "<stdin>")
            if stdin_filename:
                item = ReplyInput(item.path, item.text, item.error, Path(stdin_filename))
            inputs.append(item)
        else:
            inputs.extend(read_path(path))
    return inputs


def _config_for(item: ReplyInput, base: Config | None, cache: dict[Path, Config]) -> Config:
    if base is not None:
        return base
    folder = (item.file.parent if item.file else Path.cwd()).resolve()
    if folder not in cache:
        found = find_config_file(folder)
        cache[folder] = load_config(found) if found else Config()
    return cache[folder]


def _exit_code(results: list[FileResult], fail_on: Severity) -> int:
    if any(result.error for result in results):
        return EXIT_ERROR
    failing = any(d.severity is not Severity.INFO and d.severity.rank >= fail_on.rank
                  for result in results for d in result.diagnostics)
    return EXIT_FINDINGS if failing else EXIT_OK


def _fail(message: str) -> None:
    click.echo(f"replylint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)
