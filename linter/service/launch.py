"""Run `replylint serve --http` in a child process on a free loopback port.

For end-to-end tests and benchmarks (ours and an integrator's): the context manager
starts the real server, waits until `/healthz` answers, and always stops it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass
class RunningServer:
    url: str  # http://127.0.0.1:PORT
    process: subprocess.Popen[bytes]
    log_path: Path
    final_log: str | None = None  # kept once the server has stopped and its folder is gone

    def log(self) -> str:
        """Everything the server printed so far (all of it, after the block ends)."""
        if self.final_log is not None:
            return self.final_log
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve(args: Sequence[str] = (), *, env: dict[str, str] | None = None,
          cwd: Path | None = None, startup_timeout: float = 60.0) -> Iterator[RunningServer]:
    """`replylint serve --http --port <free> *args` until the block ends."""
    port = free_port()
    command = [sys.executable, "-c", "from linter.cli import main; main()",
               "serve", "--http", "--host", "127.0.0.1", "--port", str(port), *args]
    with tempfile.TemporaryDirectory(prefix="replylint-serve-") as folder:
        log_path = Path(folder) / "server.log"
        with log_path.open("wb") as log_file:
            process = subprocess.Popen(
                command, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=cwd, env={**_inherited_env(), **(env or {})})
            server = RunningServer(f"http://127.0.0.1:{port}", process, log_path)
            try:
                _wait_until_healthy(server, startup_timeout)
                yield server
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                server.final_log = server.log()


def _inherited_env() -> dict[str, str]:
    # A token in the caller's environment would silently lock the child's API.
    return {key: value for key, value in os.environ.items() if key != "REPLYLINT_TOKEN"}


def _wait_until_healthy(server: RunningServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"replylint serve exited with {server.process.returncode}:\n"
                               f"{server.log()}")
        try:
            with urllib.request.urlopen(server.url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            # Not listening yet (spaCy is loading): poll again shortly.
            time.sleep(0.05)
    raise RuntimeError(f"replylint serve did not answer /healthz within {timeout:.0f}s:\n"
                       f"{server.log()}")
