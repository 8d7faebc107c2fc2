"""Benchmark `replylint batch`: rows/s with 1 and 2 workers, the speed-up, and peak memory.

    python benchmarks/batch.py                 # the real corpus and 1M rows, 1 and 2 workers
    python benchmarks/batch.py --repeat 1      # one corpus run per worker count (default 3)
    python benchmarks/batch.py --no-million    # skip the million-row runs (~5 minutes)
    python benchmarks/batch.py --million-workers 2

Lints ../shared/data/realreplies/{pairs,replies_only}.jsonl (44k real replies) and a
million-row file made by repeating them (written to a temporary folder, deleted after).
Peak memory is the largest sum of PSS (proportional set size) over the batch process
and its workers, sampled about every second from /proc (reading PSS costs the kernel a
few ms per process). The sum of RSS, sampled every 50 ms, is printed beside it; it
counts each page the workers share with the process they were forked from once per
process. Targets on a 2-core machine: >= 1.7x from 1 to 2 workers, >= 6,000 rows/s
with 2 workers, and a million-row peak under 500 MB.

The speed-up is printed for both inputs. On the corpus (8 s of linting for one worker)
the serial start-up, about a second of importing spaCy and building the rules before
any worker can start, is a large share of the run; on a million rows it is not, so that
figure shows how the runner itself scales.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "realreplies"
CORPUS = [DATA / "pairs.jsonl", DATA / "replies_only.jsonl"]


def tree_memory_kb(pid: int, *, pss: bool) -> tuple[int, int]:
    """RSS and (when `pss`) PSS of a process and all its descendants, from /proc (Linux).

    RSS counts a page once in every process that maps it, so pages the workers share
    with the process they were forked from count once per worker too; PSS divides each
    shared page among the processes that share it, so the sum is what the tree uses.
    Reading PSS makes the kernel walk every mapping: it is sampled less often.
    """
    rss = proportional = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            rss += next(int(line.split()[1]) for line in status.splitlines()
                        if line.startswith("VmRSS:"))
            if pss:
                rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
                proportional += next(int(line.split()[1]) for line in rollup.splitlines()
                                     if line.startswith("Pss:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(child) for child in children)
        except (OSError, StopIteration, ValueError):
            continue
    return rss, proportional


def run(inputs: list[Path], workers: int, out: Path,
        extra: list[str]) -> tuple[float, tuple[int, int], float, str]:
    command = [sys.executable, "-m", "linter.batch", *map(str, inputs), "--out", str(out),
               "--workers", str(workers), "-q", "--group-by", "brand", *extra]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    peak_rss = peak_pss = 0
    samples = 0
    while process.poll() is None:
        rss, pss = tree_memory_kb(process.pid, pss=samples % 20 == 0)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        samples += 1
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"batch failed ({process.returncode}):\n{stderr[-2000:]}")
    return elapsed, (peak_rss, peak_pss), _children_cpu() - cpu_before, stdout.splitlines()[0]


def _children_cpu() -> float:
    # CPU seconds of finished children (the batch process and its reaped workers): on a
    # shared machine this shows how much CPU the run actually got, next to the wall time.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def count_rows(paths: list[Path]) -> int:
    return sum(sum(1 for line in open(path, "rb") if line.strip()) for path in paths)


def make_million(folder: Path, target: int) -> Path:
    path = folder / "million.jsonl"
    written = 0
    with open(path, "wb") as out:
        while written < target:
            for source in CORPUS:
                with open(source, "rb") as handle:
                    for line in handle:
                        if not line.strip():
                            continue
                        out.write(line if line.endswith(b"\n") else line + b"\n")
                        written += 1
                        if written >= target:
                            return path
    return path


def report(label: str, rows: int, workers: int, elapsed: float, peak_kb: tuple[int, int],
           cpu: float) -> float:
    speed = rows / elapsed
    print(f"{label:<10} workers={workers}  rows={rows:>9,}  {elapsed:7.1f} s  "
          f"{speed:8,.0f} rows/s  peak PSS {peak_kb[1] / 1024:4.0f} MB "
          f"(RSS {peak_kb[0] / 1024:4.0f} MB)  "
          f"cpu {cpu:7.1f} s ({cpu / elapsed:.2f} cores busy)", flush=True)
    return speed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of corpus runs, alternating the worker counts")
    parser.add_argument("--million", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--million-workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--million-rows", type=int, default=1_000_000)
    parser.add_argument("--select", help="only these rules (isolates the batch machinery "
                        "from the rules' own speed)")
    args = parser.parse_args()
    extra = ["--select", args.select] if args.select else []
    if not all(path.exists() for path in CORPUS):
        raise SystemExit(f"corpus not found under {DATA}")

    rows = count_rows(CORPUS)
    speeds: dict[int, list[float]] = {workers: [] for workers in args.workers}
    with tempfile.TemporaryDirectory(prefix="replylint-bench-") as tmp:
        folder = Path(tmp)
        # Rounds alternate the worker counts: this kind of machine drifts by a third
        # within minutes, and one run after the other would measure the drift.
        for _ in range(args.repeat):
            for workers in args.workers:
                elapsed, peak, cpu, line = run(CORPUS, workers, folder / "out.jsonl", extra)
                speeds[workers].append(report("corpus", rows, workers, elapsed, peak, cpu))
        print(f"           {line}")
        if speeds.get(1) and speeds.get(2):
            rounds = ", ".join(f"{two / one:.2f}x" for one, two in zip(speeds[1], speeds[2],
                                                                        strict=True))
            print(f"speed-up 1 -> 2 workers: {max(speeds[2]) / max(speeds[1]):.2f}x, best run "
                  f"of each (target >= 1.7x); round by round: {rounds}")
        if args.million:
            million = make_million(folder, args.million_rows)
            rates: dict[int, float] = {}
            for workers in args.million_workers:
                elapsed, peak, cpu, line = run([million], workers, folder / "out.jsonl", extra)
                rates[workers] = report("million", args.million_rows, workers, elapsed, peak,
                                        cpu)
            print(f"           {line}")
            if rates.get(1) and rates.get(2):
                print(f"speed-up 1 -> 2 workers on {args.million_rows:,} rows: "
                      f"{rates[2] / rates[1]:.2f}x (target >= 1.7x)")

if __name__ == "__main__":
    main()
