"""Time from `didChange` to the matching `publishDiagnostics`, over stdio, like an editor.

    python benchmarks/lsp_latency.py [--edits 200] [--debounce 120]

For a typical reply (~300 characters) and a long one (~3,000), sends `--edits` full-text
changes one at a time, waits for the diagnostics of each version, and prints p50/p95/max
of the round trip and of the server's work beyond the debounce (round trip - debounce).
Target: p95 of the work beyond the debounce under 15 ms.
"""

from __future__ import annotations

import argparse
import json
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO

SENTENCES = [
    "Hi 👋 [Customer Name], thanks for getting in touch about the late parcel.",
    "I have checked order 4417 and the courier scanned it at the depot on Monday.",
    "We apologize for any inconvenience this may have caused.",
    "It should reach you by Thursday; if it does not, reply here and I will resend it.",
    "The refund for the delivery fee is already on its way to your card (3-5 days).",
]


def reply_of(length: int) -> str:
    words: list[str] = []
    index = 0
    while sum(len(s) + 1 for s in words) < length:
        words.append(SENTENCES[index % len(SENTENCES)])
        index += 1
    return " ".join(words)[:length].rstrip()


class Connection:
    """A minimal LSP client over the server's stdin/stdout."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.published: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.responses: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def _read(self, stream: BinaryIO) -> None:
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            message = json.loads(stream.read(length))
            if message.get("method") == "textDocument/publishDiagnostics":
                self.published.put((time.perf_counter(), message["params"]))
            elif "id" in message and "method" not in message:
                self.responses.put(message)

    def wait_version(self, uri: str, version: int, timeout: float = 30) -> float:
        while True:
            arrived, params = self.published.get(timeout=timeout)
            if params["uri"] == uri and params.get("version") == version:
                return arrived

    def close(self) -> None:
        self.send({"id": 99, "method": "shutdown"})
        self.responses.get(timeout=10)
        self.send({"method": "exit"})
        self.process.wait(timeout=10)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(connection: Connection, name: str, text: str, edits: int) -> list[float]:
    uri = Path(f"/tmp/replylint-bench-{name}.txt").as_uri()
    connection.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
    connection.wait_version(uri, 1)
    latencies = []
    for version in range(2, edits + 2):
        # Typing: a letter added or removed near the end.
        edited = text + ("s" if version % 2 else "")
        started = time.perf_counter()
        connection.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": edited}]}})
        latencies.append((connection.wait_version(uri, version) - started) * 1000)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--debounce", type=int, default=120, help="milliseconds")
    args = parser.parse_args()
    connection = Connection([sys.executable, "-m", "lsp_server", "--debounce",
                             str(args.debounce)])
    connection.send({"id": 1, "method": "initialize", "params": {
        "processId": None, "rootUri": None, "capabilities": {}, "initializationOptions": {}}})
    connection.responses.get(timeout=60)
    connection.send({"method": "initialized", "params": {}})
    print(f"debounce: {args.debounce} ms (reported separately); {args.edits} edits per size")
    print(f"{'reply':<18}{'round trip p50/p95/max (ms)':<32}{'beyond debounce p50/p95/max (ms)'}")
    try:
        for name, length in (("typical", 300), ("long", 3000)):
            text = reply_of(length)
            latencies = measure(connection, name, text, args.edits)
            work = [latency - args.debounce for latency in latencies]
            print(f"{name} ({len(text)} ch)".ljust(18)
                  + f"{statistics.median(latencies):7.1f} {percentile(latencies, .95):7.1f} "
                    f"{max(latencies):7.1f}".ljust(32)
                  + f"{statistics.median(work):7.1f} {percentile(work, .95):7.1f} {max(work):7.1f}")
    finally:
        connection.close()


if __name__ == "__main__":
    main()
