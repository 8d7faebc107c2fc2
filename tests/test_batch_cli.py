"""`replylint batch` end to end on small, messy exports: every row is accounted for."""

from __future__ import annotations

import csv
import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


def run(args: list[str], stdin: bytes | None = None):
    return CliRunner().invoke(main, ["batch", *args], input=stdin, catch_exceptions=False)


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def assert_balanced(summary: dict, written: int) -> None:
    assert summary["rows"] == summary["linted"] + summary["errors"] == written
    assert summary["records_written"] == written and summary["balanced"]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_clean_csv_one_record_per_row_in_order(tmp_path: Path, workers: str) -> None:
    out, summary_path = tmp_path / "out.jsonl", tmp_path / "summary.json"
    result = run([str(FIXTURES / "replies.csv"), "--out", str(out), "--summary-json",
                  str(summary_path), "--workers", workers, "--chunk-size", "4", "-q"])
    assert result.exit_code == 0, result.output
    rows = records(out)
    with open(FIXTURES / "replies.csv", newline="", encoding="utf-8") as handle:
        expected_ids = [row["id"] for row in csv.DictReader(handle)]
    assert [r["id"] for r in rows] == expected_ids
    assert [r["row"] for r in rows] == list(range(1, len(rows) + 1))
    assert set(rows[0]["groups"]) == {"agent", "brand", "queue"}  # auto-detected
    placeholder = next(r for r in rows if r["id"] == "r25")
    assert "PLH001" in [d["code"] for d in placeholder["diagnostics"]]
    assert placeholder["date"] == "2024-03-06"
    summary = json.loads(summary_path.read_text())
    assert_balanced(summary, len(expected_ids))
    plh = next(rule for rule in summary["rules"] if rule["code"] == "PLH001")
    assert plh["rows"] == 2 and plh["rate"] == pytest.approx(2 / 27, abs=1e-6)
    assert "rows read = 27 linted + 0 with an error = 27 records written" in result.output


def test_messy_csv_rows_get_error_records_and_stderr_lines(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = run([str(FIXTURES / "messy.csv"), "--out", str(out), "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == ["t1", "t2", "t3", "t4", "t5", "t6"]
    assert [r["line"] for r in rows] == ["2", "3", "5", "6", "7", "8"]  # t2 spans two lines
    errors = {r["id"]: r["error"] for r in rows if r["error"]}
    assert set(errors) == {"t3", "t4", "t6"}
    assert "a field is missing" in errors["t3"]
    assert "undecodable" in errors["t4"]
    assert "truncated" in errors["t6"]
    assert rows[0]["codes"] == "PLH001"
    assert rows[0]["agent"] == "ana" and rows[0]["queue"] == "billing"  # "Agent Name", "Queue"
    for line in ("messy.csv:5:", "messy.csv:6:", "messy.csv:8:"):
        assert line in result.stderr
    assert "6 rows read = 3 linted + 3 with an error = 6 records written" in result.stdout


def test_messy_jsonl_every_line_accounted_for(tmp_path: Path) -> None:
    out, summary_path = tmp_path / "out.jsonl", tmp_path / "s.json"
    result = run([str(FIXTURES / "messy.jsonl"), "--out", str(out), "-q", "--summary-json",
                  str(summary_path)])
    assert result.exit_code == 0, result.output
    rows = records(out)
    by_line = {r["line"]: r for r in rows}
    assert sorted(by_line) == [1, 2, 3, 4, 5, 6, 8, 9]  # line 7 is blank: not a row
    assert "not text" in by_line[3]["error"]
    assert "not a JSON object" in by_line[4]["error"]
    assert "missing field" in by_line[5]["error"]
    assert "undecodable" in by_line[6]["error"]
    assert "truncated" in by_line[9]["error"]
    assert by_line[1]["date"] == "2024-03-05"  # nested meta.created_at, Twitter's format
    assert by_line[1]["groups"] == {"agent": "ana", "channel": "email"}
    assert by_line[3]["id"] == "3" and by_line[3]["diagnostics"] is None
    assert_balanced(json.loads(summary_path.read_text()), len(rows))
    assert "messy.jsonl:9: truncated" in result.stderr


def test_gzip_several_files_and_stdin(tmp_path: Path) -> None:
    gz = tmp_path / "replies.csv.gz"
    gz.write_bytes(gzip.compress((FIXTURES / "replies.csv").read_bytes()))
    stdin = gzip.compress((FIXTURES / "messy.jsonl").read_bytes())
    out, summary_path = tmp_path / "out.jsonl", tmp_path / "s.json"
    # The second input must offer the first input's groups; name them explicitly.
    result = run([str(gz), "-", "--group-by", "agent", "--out", str(out), "-q",
                  "--summary-json", str(summary_path), "--workers", "2", "--chunk-size", "5"],
                 stdin=stdin)
    assert result.exit_code == 0, result.output
    rows = records(out)
    assert len(rows) == 27 + 8
    assert rows[27]["file"] == "<stdin>" and rows[27]["line"] == 1
    assert_balanced(json.loads(summary_path.read_text()), 35)


def test_missing_group_field_lists_the_available_fields(tmp_path: Path) -> None:
    result = run([str(FIXTURES / "replies.csv"), "--group-by", "region", "-q"])
    assert result.exit_code == 2
    assert "no field 'region' for --group-by" in result.stderr
    assert "available fields: id, agent, brand, queue, created_at, customer, reply" in result.stderr


def test_unknown_text_field_is_a_usage_error() -> None:
    result = run([str(FIXTURES / "replies.csv"), "--text-field", "body_html", "-q"])
    assert result.exit_code == 2 and "--text-field" in result.stderr


def test_bad_config_is_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "replylint.toml"
    config.write_text('channel = "fax"\n')
    result = run([str(FIXTURES / "replies.csv"), "--config", str(config), "-q"])
    assert result.exit_code == 2 and "channel" in result.stderr


def test_fail_on_error_exits_1_only_when_asked() -> None:
    base = [str(FIXTURES / "replies.csv"), "-q", "--select", "PLH001"]
    assert run(base).exit_code == 0
    assert run([*base, "--fail-on", "error"]).exit_code == 1


def test_group_by_alias_and_config_discovery(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(FIXTURES / "replies.csv", tmp_path / "replies.csv")
    (tmp_path / "replylint.toml").write_text('select = ["PLH001"]\n')
    summary_path = tmp_path / "s.json"
    monkeypatch.chdir(tmp_path)  # the config is discovered from the current directory
    result = run(["replies.csv", "--group-by", "team", "-q", "--summary-json", str(summary_path)])
    assert result.exit_code == 0, result.output
    summary = json.loads(summary_path.read_text())
    assert [rule["code"] for rule in summary["rules"]] == ["PLH001"]  # from replylint.toml
    assert summary["group_labels"] == ["team"]  # "team" found the "queue" column
    assert {g["value"] for g in summary["groups"]["team"]} == {"billing", "delivery"}


def test_progress_is_silent_in_pipes_and_shows_eta_on_terminals() -> None:
    import io

    from linter.batch.progress import Progress, line

    piped = io.StringIO()  # isatty() is False, as for a pipe
    Progress(1000, stream=piped).update(10, 500, force=True)
    assert piped.getvalue() == ""
    assert line(6000, 500, 1000, 2.0) == (
        "[############............]  50%  6,000 rows  3,000 rows/s  ETA 0:02")
    assert "ETA" not in line(6000, 0, None, 2.0)  # stdin: size unknown


def test_one_worker_run_leaves_the_callers_garbage_collector_as_it_was(tmp_path: Path) -> None:
    # Linting in this process raises the collector's first threshold for the run only:
    # a program calling the batch runner gets its own setting back.
    import gc

    before = gc.get_threshold()
    result = run([str(FIXTURES / "replies.csv"), "--out", str(tmp_path / "out.jsonl"),
                  "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert gc.get_threshold() == before


def _pipeline_address(_: object = None) -> int:
    from linter.pipeline import get_nlp

    return id(get_nlp())


def test_forked_workers_start_with_the_pipeline_this_process_built() -> None:
    # The pipeline and rules are built once, before the workers fork: a worker holds the
    # very object the parent built (same address after fork) instead of building its
    # own. The parent's heap stays frozen while the workers run, and only then.
    import gc
    import os

    from linter.batch.pool import _pooled, _start_pool
    from linter.batch.workers import Job
    from linter.config import Config

    if not hasattr(os, "fork"):
        pytest.skip("workers are spawned here, so each builds its own pipeline")
    pool = _start_pool(Job(Config(), None, (), None), 2, function=_pipeline_address)
    try:
        assert gc.get_freeze_count() > 0
        addresses = {address for address, _ in pool.results([(n, n) for n in range(4)], 4)}
    finally:
        assert list(_pooled(pool, [], None)) == []  # ends the workers as a run does
    assert gc.get_freeze_count() == 0
    assert addresses == {_pipeline_address()}


def test_a_task_crosses_to_a_worker_with_every_record_intact() -> None:
    # Tasks are pickled as columns; every kind of record must come back as it was.
    import pickle

    from linter.batch.readers import Record
    from linter.batch.workers import Task

    records = [Record(3, b'{"reply": "hi"}\n'), Record(4, None, "malformed CSV (bad quote)"),
               Record(9, ["a reply", "agent 7"])]
    for task in (Task(None, "export.csv", 5, records, mine_only=True),  # type: ignore[arg-type]
                 Task(None, "empty.jsonl", 1, [])):  # type: ignore[arg-type]
        assert pickle.loads(pickle.dumps(task, protocol=pickle.HIGHEST_PROTOCOL)) == task
