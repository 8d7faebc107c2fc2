"""The `replylint batch` and `replylint mine` commands (registered lazily by linter/cli.py)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from ..config import Config, ConfigError, config_from_mapping, resolve_config
from ..diagnostic import Severity
from .fields import FieldError, FieldOptions
from .mining import Template, write_canned_toml
from .processes import WorkerFailed
from .readers import InputError
from .run import BatchOptions, BatchResult, run_batch
from .summary import render_text

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _fail(message: str) -> None:
    click.echo(f"replylint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _input_options(function: Any) -> Any:
    """The options `batch` and `mine` share: inputs, field mapping, workers."""
    decorators = [
        click.argument("inputs", nargs=-1, required=True),
        click.option("--text-field", help="Field holding the reply (default: reply, text, "
                     "response, body, message... whichever exists)."),
        click.option("--customer-field", help="Field holding the customer message it answers."),
        click.option("--id-field", help="Field holding the row's id (default: id, reply_id...)."),
        click.option("--group-by", multiple=True, help="Group by these fields (repeatable or "
                     "comma-separated: agent, brand, queue, channel, date or any field name). "
                     "Default: whichever of agent/brand/queue/channel the input has."),
        click.option("--date-field", help="Timestamp field for the trend over time "
                     "(default: date, created_at, sent_at, timestamp...)."),
        click.option("--input-format", type=click.Choice(["csv", "jsonl"]),
                     help="Input format (default: from the file name, else sniffed)."),
        click.option("--encoding", default="utf-8", show_default=True,
                     help="Text encoding of CSV inputs."),
        click.option("--workers", type=click.IntRange(min=1), default=None,
                     help="Worker processes (default: the number of cores)."),
        click.option("--chunk-size", type=click.IntRange(min=1), default=2000, show_default=True,
                     help="Rows per chunk handed to a worker (fewer near the end of the input, "
                     "so the workers finish together)."),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar."),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def _options(inputs: tuple[str, ...], params: dict[str, Any], **extra: Any) -> BatchOptions:
    return BatchOptions(
        inputs=inputs,
        fields=FieldOptions(text=params["text_field"], customer=params["customer_field"],
                            id=params["id_field"], group_by=_split(params["group_by"]),
                            date=params["date_field"]),
        input_format=params["input_format"],
        encoding=params["encoding"],
        workers=params["workers"] or os.cpu_count() or 1,
        chunk_size=params["chunk_size"],
        quiet=params["quiet"],
        **extra,
    )


def _config(config_path: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
            channel: str | None) -> Config:
    try:
        selected, ignored = _split(select), _split(ignore)
        config_from_mapping({"select": list(selected), "ignore": list(ignored)})  # validates
        base = resolve_config(Path.cwd(), config_path)
        return base.overridden(select=selected, ignore=ignored, channel=channel)
    except ConfigError as error:
        _fail(str(error))
        raise  # unreachable: _fail exits


def _run(options: BatchOptions, config: Config) -> BatchResult:
    try:
        return run_batch(options, config)
    except (InputError, FieldError) as error:
        _fail(str(error))
        raise
    except KeyboardInterrupt:
        click.echo("replylint: interrupted; rerun with --resume to continue", err=True)
        sys.exit(130)
    except WorkerFailed as error:  # a bug or the OOM killer: what was written is kept
        _fail(f"{error}\nthe output so far is complete up to the last whole chunk; "
              "rerun with --resume to continue")
        raise


@click.command("batch")
@_input_options
@click.option("--out", "-o", "out", type=click.Path(path_type=Path, dir_okay=False,
              allow_dash=True), help="Write one record per input row here (.jsonl or .csv).")
@click.option("--resume", is_flag=True,
              help="Continue a killed run: keep the complete records in --out, skip that many "
                   "input rows, and finish the file.")
@click.option("--summary-json", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the summary as JSON.")
@click.option("--report", type=click.Path(path_type=Path, dir_okay=False),
              help="Write a self-contained HTML report with charts.")
@click.option("--mine-canned", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the recurring canned phrases as a replylint config ([canned] extra).")
@click.option("--canned-min-count", type=click.IntRange(min=1),
              help="Least replies a template needs (default: 3, or 1 in 2,000 rows).")
@click.option("--canned-min-agents", type=click.IntRange(min=1),
              help="Least distinct agents using it (default: 2 when there is an agent field).")
@click.option("--canned-top", type=click.IntRange(min=1), default=50, show_default=True,
              help="How many templates to keep.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Config file (default: replylint.toml / pyproject.toml found from here).")
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes or names).")
@click.option("--ignore", multiple=True, help="Skip these rules.")
@click.option("--channel", type=click.Choice(["twitter", "email", "chat", "generic"]),
              help="Override the configured channel.")
@click.option("--fail-on", type=click.Choice(["never", "info", "warning", "error"]),
              default="never", show_default=True,
              help="Exit 1 when a finding at this severity or above was seen (info counts only "
                   "when asked for explicitly).")
def batch_command(inputs: tuple[str, ...], out: Path | None, resume: bool,
                  summary_json: Path | None, report: Path | None, mine_canned: Path | None,
                  canned_min_count: int | None, canned_min_agents: int | None, canned_top: int,
                  config_path: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
                  channel: str | None, fail_on: str, **params: Any) -> None:
    """Lint an export of sent replies (CSV or JSON Lines, gzip'd or not; `-` is stdin).

    Writes one output record per input row, in input order (--out), and prints a
    summary: rule rates, the worst groups per rule, the most frequent canned phrases.
    Broken rows are reported on stderr with their file and line and still get a
    record with an `error` field. Exit codes: 0 the run finished (findings are the
    report, not a failure, unless --fail-on says otherwise), 1 findings at
    --fail-on severity, 2 usage, config or input errors.
    """
    if resume and out is None:
        _fail("--resume needs --out: the output file is the checkpoint")
    config = _config(config_path, select, ignore, channel)
    options = _options(inputs, params, out=out, resume=resume,
                       canned_min_count=canned_min_count, canned_min_agents=canned_min_agents,
                       canned_top=canned_top)
    result = _run(options, config)
    summary = result.summary
    click.echo(render_text(summary), nl=False, err=str(out) == "-")
    if summary_json:
        summary_json.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
                                encoding="utf-8")
    if report:
        from .report import write_report

        write_report(report, summary)
    if mine_canned:
        _write_canned(mine_canned, result, ", ".join(inputs))
    sys.exit(_exit_code(summary, fail_on))


def _exit_code(summary: dict[str, Any], fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity.parse(fail_on).rank
    for rule in summary["rules"]:
        severity = rule.get("severity")
        if rule["rows"] and severity and Severity.parse(severity).rank >= threshold:
            return EXIT_FINDINGS
    return EXIT_OK


def _write_canned(path: Path, result: BatchResult, source: str) -> None:
    templates = _sentences(result)
    count = write_canned_toml(path, templates, source)
    click.echo(f"replylint: wrote {count} canned phrase(s) to {path}", err=True)


def _sentences(result: BatchResult, limit: int = 200) -> list[Template]:
    # Whole-reply templates are too long to match as phrases; their sentences are counted too.
    return result.miner.templates(min_count=result.min_count, min_agents=result.min_agents,
                                  limit=limit, kind="sentence")


@click.command("mine")
@_input_options
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the phrases as a replylint config ([canned] extra) here "
                   "(default: print it).")
@click.option("--min-count", type=click.IntRange(min=1),
              help="Least replies a template needs (default: 3, or 1 in 2,000 rows).")
@click.option("--min-agents", type=click.IntRange(min=1),
              help="Least distinct agents using it (default: 2 when there is an agent field).")
@click.option("--top", type=click.IntRange(min=1), default=50, show_default=True,
              help="How many templates to list and write.")
def mine_command(inputs: tuple[str, ...], output: Path | None, min_count: int | None,
                 min_agents: int | None, top: int, **params: Any) -> None:
    """Find the canned templates a team pastes again and again, and write them as config.

    Sentences and near-identical replies are compared after normalising handles,
    names, numbers and links. Memory stays bounded on any input size; counts are
    lower bounds when the input is huge (the listing says by how much at most).
    """
    options = _options(inputs, params, lint=False, canned_min_count=min_count,
                       canned_min_agents=min_agents, canned_top=top)
    result = _run(options, Config())
    templates = result.miner.templates(min_count=result.min_count, min_agents=result.min_agents,
                                       limit=top)
    listing = _listing(result, templates)
    if output:
        count = write_canned_toml(output, [t for t in templates if t.kind == "sentence"],
                                  ", ".join(inputs))
        click.echo(listing, nl=False)
        click.echo(f"replylint: wrote {count} canned phrase(s) to {output}", err=True)
    else:
        from .mining import canned_toml

        click.echo(listing, nl=False, err=True)
        click.echo(canned_toml([t for t in templates if t.kind == "sentence"],
                               ", ".join(inputs)), nl=False)


def _listing(result: BatchResult, templates: list[Template]) -> str:
    lines = [f"{result.miner.replies:,} replies read; templates seen in at least "
             f"{result.min_count} replies by at least {result.min_agents} agent(s)"
             + (f" (counts may be low by up to {result.miner.floor})" if result.miner.floor
                else "") + ":"]
    for template in templates:
        lines.append(f"  {template.count:>7,}  {template.agents:>3} agents  {template.kind:<8} "
                     f"{template.text[:100]}")
    return "\n".join(lines) + "\n"
