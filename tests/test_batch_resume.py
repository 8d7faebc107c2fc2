"""A batch run killed half-way and started again with --resume finishes the file exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


def make_input(path: Path, rows: int = 600) -> None:
    agents = ["ana", "ben", "chloe"]
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(rows):
            reply = (f"Hi [Customer Name], order {i} ships today. ^AN" if i % 7 == 0
                     else f"Your order {i} ships today and arrives by Friday. ^AN")
            handle.write(json.dumps({"id": f"x{i}", "agent": agents[i % 3], "reply": reply}) + "\n")


def batch(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter.batch", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=300)


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_killed_run_resumes_without_duplicates(tmp_path: Path, suffix: str) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / f"out{suffix}"
    make_input(source)
    args = [str(source), "--out", str(out), "--chunk-size", "50", "--workers", "2", "-q"]
    killed = batch(args, {"REPLYLINT_BATCH_KILL_AFTER_CHUNKS": "5"})
    assert killed.returncode == -signal.SIGKILL
    torn = out.read_bytes()
    assert not torn.endswith(b"\n")  # it died in the middle of a record

    summary_path = tmp_path / "summary.json"
    resumed = batch([*args, "--resume", "--summary-json", str(summary_path)])
    assert resumed.returncode == 0, resumed.stderr

    reference = tmp_path / f"reference{suffix}"
    batch([str(source), "--out", str(reference), "--workers", "1", "-q"])
    assert out.read_text(encoding="utf-8") == reference.read_text(encoding="utf-8")
    summary = json.loads(summary_path.read_text())
    assert summary["rows"] == summary["records_written"] == 600 and summary["balanced"]
    # Five whole chunks of 50 survived, plus the complete records of the torn sixth.
    complete = torn.count(b"\n") - (1 if suffix == ".csv" else 0)
    assert 250 <= complete < 300
    assert summary["resumed_rows"] == complete
    plh = next(rule for rule in summary["rules"] if rule["code"] == "PLH001")
    assert plh["rows"] == len(range(0, 600, 7))  # counts from before the kill are kept


def test_resume_of_a_finished_file_adds_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = ["batch", str(FIXTURES / "messy.jsonl"), "--out", str(out), "-q", "--workers", "1"]
    assert CliRunner().invoke(main, args).exit_code == 0
    before = out.read_text(encoding="utf-8")
    again = CliRunner().invoke(main, [*args, "--resume"])
    assert again.exit_code == 0, again.output
    assert out.read_text(encoding="utf-8") == before
    assert "8 rows read = 3 linted + 5 with an error = 8 records written" in again.stdout


def test_resume_refuses_an_output_longer_than_the_input(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    big = tmp_path / "big.jsonl"
    make_input(big, rows=20)
    assert CliRunner().invoke(main, ["batch", str(big), "--out", str(out), "-q"]).exit_code == 0
    small = tmp_path / "small.jsonl"
    make_input(small, rows=5)
    result = CliRunner().invoke(main, ["batch", str(small), "--out", str(out), "-q", "--resume"])
    assert result.exit_code == 2 and "already has 20 records" in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs process groups")
@pytest.mark.parametrize("when", ["building", "linting"])
def test_ctrl_c_stops_every_process_with_one_line_and_resume_finishes(
        tmp_path: Path, when: str) -> None:
    # Ctrl-C reaches the whole process group: the batch process, its workers and the helper
    # mining while the pipeline builds. Only the batch process answers; none is left behind.
    import time

    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    make_input(source, rows=20_000)
    args = [str(source), "--out", str(out), "--chunk-size", "100", "--workers", "2", "-q"]
    process = subprocess.Popen([sys.executable, "-m", "linter.batch", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 120

    def started() -> bool:  # building: the helper is forked first; linting: records are out
        if when == "linting":
            return out.exists() and out.stat().st_size > 0
        children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True)
        return bool(children.stdout.split())

    while not started():
        assert process.poll() is None and time.monotonic() < deadline, f"never got to {when}"
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.splitlines() == ["replylint: interrupted; rerun with --resume to continue"]
    leftovers = subprocess.run(["pgrep", "-f", str(source)], capture_output=True, text=True)
    assert leftovers.stdout == ""

    resumed = batch([*args, "--resume"])
    assert resumed.returncode == 0, resumed.stderr
    rows = [json.loads(line)["row"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows == list(range(1, 20_001))


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers")
def test_a_worker_killed_mid_run_is_an_error_and_resume_finishes(tmp_path: Path) -> None:
    # The OOM killer takes a worker: the run stops with a clear error instead of waiting
    # for ever, and what it wrote is a prefix that --resume completes.
    import time

    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    make_input(source, rows=20_000)
    args = [str(source), "--out", str(out), "--chunk-size", "100", "--workers", "2", "-q"]
    process = subprocess.Popen([sys.executable, "-m", "linter.batch", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not out.exists() or out.stat().st_size == 0:
        assert process.poll() is None and time.monotonic() < deadline, "no record was written"
        time.sleep(0.01)
    workers = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True)
    os.kill(int(workers.stdout.split()[-1]), signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the run finished before the worker was killed")
    assert process.returncode == 2
    assert "died (exit code -9)" in stderr and "--resume" in stderr

    resumed = batch([*args, "--resume"])
    assert resumed.returncode == 0, resumed.stderr
    rows = [json.loads(line)["row"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows == list(range(1, 20_001))
