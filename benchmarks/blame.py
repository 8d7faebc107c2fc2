"""Score BLM001 and BLM002 on the hand-written blame cases in tests/fixtures/blame_cases.toml.

    python benchmarks/blame.py               # dev part: catch rate and look-alike fire rate
    python benchmarks/blame.py --heldout     # also the held-out part (score it last)
    python benchmarks/blame.py --show        # print every miss and false alarm

Catch rate = blame replies the rule flags / blame replies (target >= 0.9).
Fire rate  = look-alikes it flags / look-alikes (target <= 0.1).
Spans given in the file are checked too (a catch with the wrong span is reported).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CASES = ROOT / "tests" / "fixtures" / "blame_cases.toml"
RULES = {"blm001": "BLM001", "blm002": "BLM002"}


@dataclass(frozen=True)
class Case:
    reply: str
    span: str | None = None


@dataclass
class PartScore:
    """How one rule did on one part (dev or heldout) of the case file."""

    code: str
    part: str
    caught: int = 0
    blame: int = 0
    fired: dict[str, int] = field(default_factory=dict)
    lookalikes: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    false_alarms: list[tuple[str, str]] = field(default_factory=list)
    wrong_spans: list[tuple[str, str, list[str]]] = field(default_factory=list)

    @property
    def catch_rate(self) -> float:
        return self.caught / self.blame if self.blame else 1.0

    @property
    def fire_rate(self) -> float:
        total = sum(self.lookalikes.values())
        return sum(self.fired.values()) / total if total else 0.0


def load_cases(path: Path = CASES) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def as_case(entry: str | dict[str, str]) -> Case:
    if isinstance(entry, str):
        return Case(entry)
    return Case(entry["reply"], entry.get("span"))


def found_spans(code: str, reply: str) -> list[str]:
    """The text of every span `code` reports on `reply` with only that rule selected."""
    from linter import Config, lint

    return [reply[d.start:d.end] for d in lint(reply, None, Config(select=(code,)))
            if d.code == code]


def score_part(code: str, part: str, data: dict[str, Any]) -> PartScore:
    result = PartScore(code, part)
    for entry in data.get("blame", []):
        case = as_case(entry)
        spans = found_spans(code, case.reply)
        result.blame += 1
        if spans:
            result.caught += 1
            if case.span is not None and case.span not in spans:
                result.wrong_spans.append((case.reply, case.span, spans))
        else:
            result.misses.append(case.reply)
    for kind, entries in data.get("lookalike", {}).items():
        result.lookalikes[kind] = len(entries)
        result.fired[kind] = 0
        for entry in entries:
            case = as_case(entry)
            spans = found_spans(code, case.reply)
            if spans:
                result.fired[kind] += 1
                result.false_alarms.append((kind, f"{case.reply}  -> {spans}"))
    return result


def score_all(parts: tuple[str, ...] = ("dev",), path: Path = CASES) -> list[PartScore]:
    cases = load_cases(path)
    return [score_part(code, part, cases[key][part])
            for key, code in RULES.items() for part in parts if part in cases.get(key, {})]


def report(score: PartScore, show: bool) -> None:
    looks = sum(score.lookalikes.values())
    print(f"{score.code} {score.part:8} catch {score.caught:3}/{score.blame:<3} = "
          f"{score.catch_rate:.2f}   look-alike fire {sum(score.fired.values()):3}/{looks:<3} = "
          f"{score.fire_rate:.2f}   wrong spans {len(score.wrong_spans)}")
    kinds = ", ".join(f"{k} {score.fired[k]}/{n}" for k, n in score.lookalikes.items())
    print(f"    look-alikes by kind: {kinds}")
    if show:
        for reply in score.misses:
            print(f"    MISS   {reply}")
        for kind, reply in score.false_alarms:
            print(f"    FIRE   [{kind}] {reply}")
        for reply, want, got in score.wrong_spans:
            print(f"    SPAN   {reply}\n           want {want!r} got {got!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true", help="also score the held-out part")
    parser.add_argument("--show", action="store_true", help="print misses and false alarms")
    parser.add_argument("--cases", type=Path, default=CASES)
    args = parser.parse_args()
    parts = ("dev", "heldout") if args.heldout else ("dev",)
    for score in score_all(parts, args.cases):
        report(score, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
