"""Time CAN001's matcher on the real-reply corpus: compiled regexes vs spaCy's PhraseMatcher.

    python benchmarks/canned_matcher.py [--limit 20000]
    python benchmarks/canned_matcher.py --rules [--every 8]

`--rules` instead times CAN001's and CAN002's `check()` alone on prebuilt replies
(CPU time, best of the runs, every Nth reply of the corpus) beside spaCy's bare
tokenizer on the same texts: on a shared machine compare the ratios, not the µs.

Both run over the same replies; tokenizing is done beforehand and not timed, because
the engine tokenizes every reply once for all rules anyway. The PhraseMatcher gets
every literal the templates expand to, except the long apology entry, whose optional
tails expand to millions of literals (it gets its templates without the tails): so its
timing is a lower bound, and it still cannot express "only at a sentence start".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "data" / "realreplies"

_TAIL = re.compile(r" \[and \[for\].*$")  # the apology entry's optional tails


def load_replies(limit: int) -> list[str]:
    replies: list[str] = []
    for name in ("pairs.jsonl", "replies_only.jsonl"):
        with (CORPUS / name).open(encoding="utf-8") as handle:
            for line in handle:
                replies.append(json.loads(line)["reply"])
                if len(replies) >= limit:
                    return replies
    return replies


def phrase_literals() -> list[str]:
    from rules._canned_matcher import expand, load_catalogue

    literals: set[str] = set()
    for phrase in load_catalogue():
        for template in phrase.templates:
            literals.update(expand(_TAIL.sub("", template)))
    # LOWER does not equate ' and ’: add the curly spelling of every literal.
    literals.update(text.replace("'", "’") for text in list(literals))
    return sorted(literals)


def best_of(runs: int, func) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        found = func()
        best = min(best, time.perf_counter() - start)
    return best, found


def time_rules(every: int, runs: int) -> int:
    from throughput import load_pairs  # a sibling script: benchmarks/ is on sys.path

    from linter import Config
    from linter.pipeline import get_nlp
    from linter.reply import Reply
    from rules.can001_canned_phrase import CannedPhrase
    from rules.can002_generic_reply import GenericReply

    pairs = load_pairs(CORPUS)[::every]
    nlp, config = get_nlp(), Config()
    replies = [Reply(text, nlp.make_doc(text), customer, config) for text, customer in pairs]
    timed = {"CAN001": CannedPhrase(config), "CAN002": GenericReply(config)}
    best = dict.fromkeys([*timed, "tokenizer"], float("inf"))
    for _ in range(runs):
        for code, rule in timed.items():
            started = time.process_time()
            for reply in replies:
                list(rule.check(reply))
            best[code] = min(best[code], time.process_time() - started)
        started = time.process_time()
        for text, _ in pairs:
            nlp.make_doc(text)
        best["tokenizer"] = min(best["tokenizer"], time.process_time() - started)
    print(f"{len(replies)} replies (every {every}th); CPU time, best of {runs} runs")
    for name, seconds in best.items():
        print(f"{name:10} {seconds / len(replies) * 1e6:7.1f} µs/reply  "
              f"({seconds / best['tokenizer']:.2f} of the tokenizer)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rules", action="store_true", help="time CAN001/CAN002 check()")
    parser.add_argument("--every", type=int, default=8, help="with --rules: every Nth reply")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    if args.rules:
        return time_rules(args.every, args.runs)

    import spacy
    from spacy.matcher import PhraseMatcher as SpacyPhraseMatcher
    from spacy.util import filter_spans

    from rules._canned_matcher import PhraseMatcher, load_catalogue

    replies = load_replies(args.limit)
    nlp = spacy.blank("en")
    docs = list(nlp.pipe(replies, batch_size=512))

    start = time.perf_counter()
    regex_matcher = PhraseMatcher(load_catalogue())
    regex_build = time.perf_counter() - start

    literals = phrase_literals()
    start = time.perf_counter()
    spacy_matcher = SpacyPhraseMatcher(nlp.vocab, attr="LOWER")
    spacy_matcher.add("CANNED", list(nlp.tokenizer.pipe(literals)))
    spacy_build = time.perf_counter() - start

    def run_regex() -> int:
        return sum(1 for text in replies for _ in regex_matcher.finditer(text))

    def run_spacy() -> int:
        return sum(len(filter_spans(spacy_matcher(doc, as_spans=True))) for doc in docs)

    regex_time, regex_found = best_of(args.runs, run_regex)
    spacy_time, spacy_found = best_of(args.runs, run_spacy)
    n = len(replies)
    print(f"{n} replies; best of {args.runs} runs")
    print(f"regex         build {regex_build * 1000:7.1f} ms  match {regex_time:6.3f} s  "
          f"{n / regex_time:9.0f} replies/s  {regex_found} matches")
    print(f"PhraseMatcher build {spacy_build * 1000:7.1f} ms  match {spacy_time:6.3f} s  "
          f"{n / spacy_time:9.0f} replies/s  {spacy_found} matches  ({len(literals)} literals)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
