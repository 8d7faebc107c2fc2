"""Lint the whole real corpus with every rule and compare with spaCy's bare tokenizer.

    python benchmarks/throughput.py [--repeat 5]

Prints replies/s for the full catalogue (one process, `lint_many`) beside the
throughput of spaCy's bare tokenizer (`spacy.blank("en")`, as shipped) on the same
texts, in the same run, and the per-rule cost. Targets: >= 4,000 replies/s and >= 1/3
of the bare tokenizer's rate. Also printed: the rate of replylint's own tokenizer (the
same one with a larger memo, `linter.pipeline.TOKENIZER_CACHE_CHUNKS`), which is part
of the lint's time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "data" / "realreplies"


def load_pairs(corpus: Path) -> list[tuple[str, str | None]]:
    pairs: list[tuple[str, str | None]] = []
    for name in ("pairs.jsonl", "replies_only.jsonl"):
        with (corpus / name).open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                pairs.append((row["reply"], row.get("customer")))
    return pairs


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--per-rule", action="store_true", help="also time each rule alone")
    args = parser.parse_args()
    if not (args.corpus / "pairs.jsonl").exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2

    import spacy

    from linter import Config
    from linter.engine import active_rules, lint_many
    from linter.pipeline import TOKENIZER_CACHE_CHUNKS, get_nlp
    from rules import catalogue

    pairs = load_pairs(args.corpus)
    texts = [reply for reply, _ in pairs]
    bare = spacy.blank("en").tokenizer  # the yardstick: spaCy's tokenizer as shipped
    ours = get_nlp().tokenizer
    config = Config()
    list(lint_many(pairs[:200], config))  # build rules and warm caches

    # Interleaved, best of each: this VM's speed drifts by a third within a minute, and
    # timing one side after the other would measure the drift as much as the code.
    runs: dict[str, list[float]] = {"bare": [], "ours": [], "lint": []}
    for _ in range(args.repeat):
        runs["bare"].append(best_of(1, lambda: [bare(t) for t in texts]))
        runs["ours"].append(best_of(1, lambda: [ours(t) for t in texts]))
        runs["lint"].append(best_of(1, lambda: list(lint_many(pairs, config))))
    n = len(pairs)
    tok_rate, ours_rate, lint_rate = (n / min(runs[k]) for k in ("bare", "ours", "lint"))
    print(f"replies:                {n:,}")
    print(f"rules:                  {len(active_rules(config))}")
    print(f"spaCy's bare tokenizer: {tok_rate:10,.0f} replies/s")
    print(f"replylint's tokenizer:  {ours_rate:10,.0f} replies/s   "
          f"(the same, memo of {TOKENIZER_CACHE_CHUNKS:,} chunks; part of the lint)")
    print(f"replylint (all):        {lint_rate:10,.0f} replies/s   "
          f"({lint_rate / tok_rate:.2f} of the bare tokenizer's rate)")
    print(f"targets:                >= 4,000 replies/s: "
          f"{'met' if lint_rate >= 4000 else 'MISSED'}; "
          f">= 1/3 of the bare tokenizer: {'met' if lint_rate >= tok_rate / 3 else 'MISSED'}")

    if args.per_rule:
        print("\nper rule (alone, on top of the tokenizer):")
        for rule in catalogue():
            only = Config(select=(rule.code,))
            list(lint_many(pairs[:200], only))
            seconds = best_of(1, lambda only=only: list(lint_many(pairs, only)))
            extra_us = max(0.0, (seconds - min(runs["ours"])) / n * 1e6)
            print(f"  {rule.code} {rule.name:32} {n / seconds:10,.0f} replies/s  "
                  f"~{extra_us:6.1f} us/reply of rule work")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
