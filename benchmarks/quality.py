"""Score every labelled rule against the hand-labelled real replies.

    python benchmarks/quality.py                 # precision / recall / F1 per rule
    python benchmarks/quality.py --errors SIG001 # also print the items it gets wrong

Reads ../shared/data/realreplies/dev_labels.jsonl (or --labels FILE) and lints each
item with the default configuration. The labels are defined in LABELS.md there.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_LABELS = ROOT.parent / "shared" / "data" / "realreplies" / "dev_labels.jsonl"

# rule code -> does the label say the rule should fire on this item?
GOLD: dict[str, Callable[[dict[str, Any]], bool]] = {
    "SIG001": lambda item: item["signature"] is False,
    "CAN001": lambda item: bool(item["canned_phrases"]),
    "CAN002": lambda item: bool(item["generic_reply"]),
    "BLM001": lambda item: bool(item["blame_other_team"]),
    "BLM002": lambda item: bool(item["blames_customer"]),
    "DFL001": lambda item: bool(item["bare_phone_deflection"]),
    "DFL002": lambda item: bool(item["channel_switch"]),
    "DFL003": lambda item: bool(item["phone_deflection"]) and not item["phone_hours_given"],
    "ACK001": lambda item: item["acknowledges_issue"] is False,
    "PII001": lambda item: bool(item["asks_sensitive_info_publicly"]),
    "PLH001": lambda item: bool(item["unfilled_placeholder"]),
}


@dataclass(frozen=True)
class Score:
    code: str
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_items(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def predictions(items: list[dict[str, Any]]) -> list[set[str]]:
    """The set of codes that fire on each item, with the default configuration."""
    from linter import lint

    return [{d.code for d in lint(item["reply"], item.get("customer"))} for item in items]


def score(items: list[dict[str, Any]], fired: list[set[str]]) -> dict[str, Score]:
    scores = {}
    for code, gold in GOLD.items():
        tp = fp = fn = tn = 0
        for item, codes in zip(items, fired, strict=True):
            expected, actual = gold(item), code in codes
            tp += expected and actual
            fp += actual and not expected
            fn += expected and not actual
            tn += not expected and not actual
        scores[code] = Score(code, tp, fp, fn, tn)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--errors", action="append", default=[], metavar="CODE",
                        help="print the items this rule gets wrong")
    args = parser.parse_args()
    if not args.labels.exists():
        print(f"no labels at {args.labels}: the shared corpus is not here", file=sys.stderr)
        return 2
    items = load_items(args.labels)
    fired = predictions(items)
    scores = score(items, fired)
    print(f"{len(items)} labelled replies from {args.labels.name}\n")
    print(f"{'rule':8} {'prec':>6} {'recall':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for s in scores.values():
        print(f"{s.code:8} {s.precision:6.2f} {s.recall:6.2f} {s.f1:6.2f} "
              f"{s.tp:4} {s.fp:4} {s.fn:4}")
    for code in args.errors:
        gold = GOLD[code]
        print(f"\n== {code}: items it gets wrong ==")
        for item, codes in zip(items, fired, strict=True):
            expected, actual = gold(item), code in codes
            if expected != actual:
                kind = "FN (missed)" if expected else "FP (false alarm)"
                print(f"\n[{kind}] {item['item']} pool={item['pool']} notes={item.get('notes')!r}")
                if item.get("customer"):
                    print(f"  customer: {item['customer']!r}")
                print(f"  reply:    {item['reply']!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
