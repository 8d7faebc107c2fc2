"""Pre-send latency: one typical reply checked in-process and over HTTP.

    python benchmarks/presend.py              # 1,000 checks each way, prints p50/p95/p99
    python benchmarks/presend.py -n 200       # quicker
    python benchmarks/presend.py --config replylint.toml

In-process is `lint()` + `verdict()` (what a Python integration calls). HTTP runs the
real `replylint serve --http` in a child process on a loopback port and posts to
`/v1/check` over keep-alive connections (http.client) at concurrency 1 and 8. The client
runs on the same machine, so HTTP numbers include its own cost. Targets: in-process p95 < 3 ms,
HTTP p95 < 10 ms at concurrency 1.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CUSTOMER = ("@AcmeHelp I ordered a kettle two weeks ago and it still hasn't arrived. The "
            "tracking page has said 'in transit' since Monday. Can someone tell me where it is?")
# About 300 characters, the way agents write on a public channel.
REPLY = ("@dana_k Sorry your kettle is taking so long, Dana. I've checked order 55817 and the "
         "courier shows it stuck at their depot since Monday, so I've asked them to redeliver "
         "it tomorrow. If it doesn't arrive by Thursday, reply here and we'll send a new one "
         "or refund you straight away. Thanks for bearing with us! ^JD")
WARMUP = 50


def percentiles(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)

    def at(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    return (f"p50 {at(50):6.2f} ms  p95 {at(95):6.2f} ms  p99 {at(99):6.2f} ms  "
            f"mean {statistics.fmean(ordered):6.2f} ms")


def timed(call: Callable[[], object], n: int) -> list[float]:
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def bench_in_process(n: int, config_path: Path | None) -> None:
    from linter import lint
    from linter.config import Config, load_config
    from linter.verdict import verdict

    config = load_config(config_path) if config_path else Config()
    found = lint(REPLY, CUSTOMER, config)
    print(f"reply: {len(REPLY)} characters, customer: {len(CUSTOMER)}; "
          f"findings: {[d.code for d in found] or 'none'}")
    timed(lambda: verdict(lint(REPLY, CUSTOMER, config), config), WARMUP)
    samples = timed(lambda: verdict(lint(REPLY, CUSTOMER, config), config), n)
    print(f"in-process      n={n:5}  {percentiles(samples)}")

    # The service path with a sign-off it has not seen (a new agent): only the signature
    # rules are built for it, the rest are shared (see linter/service/presend.py).
    from linter.service.presend import CheckRequest, run_check

    agents = iter(range(10**6))
    samples = timed(lambda: run_check(config, CheckRequest(
        REPLY, CUSTOMER, agent=f"^A{next(agents)}")).to_json(), n)
    print(f"new sign-off    n={n:5}  {percentiles(samples)}  (service path, new agent each)")


def bench_http(n: int, concurrency: int, url: str) -> None:
    # The standard library's client: the lightest one, so the numbers are mostly the server's.
    host, port = url.removeprefix("http://").split(":")
    body = json.dumps({"reply": REPLY, "customer": CUSTOMER}).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    per_worker = n // concurrency
    results: list[list[float]] = [[] for _ in range(concurrency)]
    failures: list[str] = []
    start_gate = threading.Barrier(concurrency + 1)

    def worker(slot: int) -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=10)

        def one() -> None:
            connection.request("POST", "/v1/check", body, headers)
            response = connection.getresponse()
            payload = response.read()
            if response.status != 200:
                failures.append(f"{response.status} {payload[:200]!r}")

        try:
            for _ in range(WARMUP // concurrency + 1):
                one()
            start_gate.wait()
            results[slot] = timed(one, per_worker)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(slot,)) for slot in range(concurrency)]
    for thread in threads:
        thread.start()
    start_gate.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    samples = [sample for worker_samples in results for sample in worker_samples]
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, first: {failures[0]}")
    print(f"http c={concurrency:<2}       n={len(samples):5}  {percentiles(samples)}  "
          f"{len(samples) / elapsed:6.0f} req/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="checks per measurement")
    parser.add_argument("--config", type=Path, help="team config file (default: built-in)")
    args = parser.parse_args()

    bench_in_process(args.n, args.config)

    from linter.service.launch import serve

    server_args = ["--log-level", "warning"]
    if args.config:
        server_args += ["--config", str(args.config.resolve())]
    with serve(server_args, cwd=ROOT) as server:
        for concurrency in (1, 8):
            bench_http(args.n, concurrency, server.url)


if __name__ == "__main__":
    main()
