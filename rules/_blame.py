"""Shared machinery for the blame rules (BLM001, BLM002): vocabulary from rules/data/blame.toml
compiled into regular expressions, and the clause-level checks that keep them quiet on
negations ("this isn't the courier's fault"), conditionals and replies that own the fault."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).with_name("data") / "blame.toml"

# Past participles that do not end in -ed: "should have told you", "shouldn't have let you".
_IRREGULAR_PARTICIPLES = frozenset("""
told done let kept given made put caught brought taken known paid shown spoken thought said
sold written set shut cut held read bought lent taught understood won stood sent left got gotten
been had heard seen gone come
""".split())

# A guess about timing, not a reproach: "should have arrived by now", "should have already".
_EPISTEMIC_TAIL = re.compile(r"^[^.!?;]{0,40}?\b(?:by\s+now|already|shortly|soon)\b", re.IGNORECASE)


# "you should have read access now": a permission, not a reproach.
_ACCESS = re.compile(r"\s*(?:-?only\b|access\b|permissions?\b|rights\b|and\s+write\b)",
                     re.IGNORECASE)


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The parsed data file (read once per process)."""
    with DATA_FILE.open("rb") as handle:
        return tomllib.load(handle)


def alternation(words: Iterable[str], fold_case: bool = True) -> str:
    """A regex alternation of literal phrases, built as a trie so that `re` tries each
    first letter once instead of every phrase at every position; spaces match any whitespace."""
    trie: dict[str, Any] = {}
    for phrase in {" ".join((w.lower() if fold_case else w).split()) for w in words if w.strip()}:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _render(trie)


def _render(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [(r"\s+" if char == " " else re.escape(char)) + _render(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # A phrase may stop here ("courier") or go on ("courier company"): longest first.
        return f"(?:{body})?"
    return body


def party_pattern(extra_teams: tuple[str, ...] = ()) -> str:
    """Regex for a mention of another party: "the billing department", "our courier", "DPD"."""
    parties = vocabulary()["parties"]
    heads = alternation([*parties["heads"], *extra_teams])
    names = alternation(parties["names"], fold_case=False)
    groups = alternation(parties["group_nouns"])
    own = alternation(parties["own_group_modifiers"])
    det = (r"(?:the|our|your|my|a|an|that|this|their|his|her|one\s+of\s+(?:our|the)"
           r"|another|the\s+other|a\s+different)")
    # A modifier is a content word: "the Leeds branch", "our third-party seller", never
    # "this isn't the courier" (a verb or determiner ends the noun phrase).
    word = (r"(?!(?:the|a|an|our|your|my|their|this|that|is|are|was|were|isn't|wasn't|not|no"
            r"|and|or|but|to|of|for|with|at|in|on|by|from|you|we|they|he|she|has|have|had"
            r"|will|would|should|can|could|did|didn't|do|don't)\b)[\w&'-]+")
    return (
        rf"(?:\b{det}\s+(?:{word}\s+){{0,2}}?(?:{heads}|(?-i:{names}))\b"
        rf"|\b{det}\s+(?!(?:{own}|{det})\b)(?:{word}\s+){{1,2}}?(?:{groups})\b"
        rf"|\b(?:that|another|the\s+other|a\s+different|the\s+previous)\s+(?:{groups})\b"
        rf"|\b(?:{heads})\b"
        rf"|\b(?-i:{names})\b)"
    )


def party_gate_words(extra_teams: tuple[str, ...] = ()) -> set[str]:
    """Lower-case words one of which every party mention ends with ("courier", "team", "mail")."""
    parties = vocabulary()["parties"]
    phrases = [*parties["heads"], *parties["names"], *parties["group_nouns"], *extra_teams]
    return {phrase.lower().split()[-1] for phrase in phrases if phrase.strip()}


@dataclass(frozen=True, slots=True)
class WordGate:
    """A fast first look: does the lower-cased reply contain any of these whole words?

    One trie-shaped regex without IGNORECASE over `reply.lower` costs a few microseconds,
    so the expensive patterns run only on the few replies that could match at all.
    """

    pattern: re.Pattern[str]

    @classmethod
    def of(cls, words: Iterable[str]) -> WordGate:
        return cls(re.compile(rf"(?<![\w'])(?:{alternation(words)})(?!\w)"))

    def positions(self, lower: str) -> Iterator[int]:
        return (match.start() for match in self.pattern.finditer(lower))

    def hits(self, lower: str, present: Iterable[str] | None = None
             ) -> list[tuple[int, int, str]]:
        """The gate's matches in `lower` as (start, end, word), in order.

        `present`: the gate's words that are letter runs of the reply (from its word set),
        when every gate word is a plain word. Then `str.find` looks for those few words only,
        with the regex's edges (no word character or apostrophe before, no word character
        after): the same matches, without scanning the reply with the whole gate.
        """
        if present is None:
            return [(m.start(), m.end(), m.group()) for m in self.pattern.finditer(lower)]
        found = []
        for word in present:
            at = lower.find(word)
            while at >= 0:
                end = at + len(word)
                before = lower[at - 1] if at else " "
                after = lower[end] if end < len(lower) else " "
                if not (before.isalnum() or before in "_'" or after.isalnum() or after == "_"):
                    found.append((at, end, word))
                at = lower.find(word, at + 1)
        found.sort()
        return found


def plain_apostrophes(text: str) -> str:
    """The text with typographic apostrophes made plain ("didn’t" -> "didn't").

    One character for one, so offsets into the result are offsets into the reply.
    """
    return text.replace("\u2019", "'").replace("\u02bc", "'")


def is_reproach(should_have: str, following: str, epistemic: frozenset[str]) -> bool:
    """Whether "... should have <word>" blames (deontic) rather than guesses (epistemic).

    "should have refunded you" blames; "should have received an email", "should have
    the item in stock" and "should have arrived by now" do not.
    """
    word = should_have.rsplit(None, 1)[-1].lower()
    if word in epistemic or _ACCESS.match(following):
        return False
    if not (word.endswith("ed") or word in _IRREGULAR_PARTICIPLES):
        return False
    return not _EPISTEMIC_TAIL.match(following)


@dataclass(frozen=True, slots=True)
class ClauseGuard:
    """Finds whether a match sits in a clause that denies or suspends it."""

    negation: re.Pattern[str]
    clause_break: re.Pattern[str]

    @classmethod
    def from_data(cls) -> ClauseGuard:
        data = vocabulary()["negation"]
        return cls(re.compile(data["words_re"], re.IGNORECASE),
                   re.compile(data["clause_break_re"], re.IGNORECASE))

    def clause_before(self, text: str, start: int) -> str:
        """The words between the start of the clause and `start` (at most 80 characters)."""
        window_start = max(0, start - 80)
        window = text[window_start:start]
        last = 0
        for match in self.clause_break.finditer(window):
            last = match.end()
        return window[last:]

    def is_negated(self, text: str, start: int) -> bool:
        return bool(self.negation.search(self.clause_before(text, start)))


def compile_owning() -> re.Pattern[str]:
    return re.compile("|".join(vocabulary()["owning"]["phrases_re"]), re.IGNORECASE)


_NEGATED_OWNING = re.compile(r"(?:\bnot|n't|\bnever)\s+(?:\w+\s+)?$", re.IGNORECASE)


def owns_the_fault(text: str, owning: re.Pattern[str]) -> bool:
    """Whether the reply takes the fault ("that's on us", "our mistake"), not negated."""
    return any(not _NEGATED_OWNING.search(text[max(0, m.start() - 12):m.start()])
               for m in owning.finditer(text))


def merged(spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Overlapping spans joined, keeping the first (shortest-start) span of each overlap group."""
    last_end = -1
    for start, end in sorted(spans, key=lambda s: (s[0], s[1] - s[0])):
        if start < last_end:
            continue  # one blame, several patterns: report it once
        yield start, end
        last_end = end
