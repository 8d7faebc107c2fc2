"""BLM001 other-team-blame."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from linter.config import Config
from linter.diagnostic import Finding, Severity
from linter.reply import Reply

from ._blame import (
    ClauseGuard,
    WordGate,
    alternation,
    compile_owning,
    is_reproach,
    merged,
    owns_the_fault,
    party_gate_words,
    party_pattern,
    plain_apostrophes,
    vocabulary,
)
from ._phone import aligned_lower, word_set
from .base import Example, Rule

_SHOULD_HAVE = re.compile(r"(?:should|ought\s+to)(?:n't|\s+not|\s+never)?\s+have\s+[a-z]+$",
                          re.IGNORECASE)
# "their error message" is a screen, not a fault.
_NOT_A_FAULT = r"(?!\s+(?:message|code|page|screen|log|rate|report|notice)s?\b)"


class OtherTeamBlame(Rule):
    """
    ## What it does
    Finds replies that put the fault for the customer's problem on another team,
    department, colleague, store, franchise, partner, courier, seller or vendor:
    "the warehouse messed up your order", "that's the billing department's mistake,
    not ours", "the store staff should have refunded you".

    It stays quiet on hand-offs ("I've passed this to our billing team"), neutral
    causes ("due to the storm we had to cancel"), pointing to who can act ("the seller
    handles returns for this item"), replies that own the fault ("that's on us") and
    negations ("this isn't the courier's fault"). Add the brand's own team and partner
    names with `[blame] teams = [...]`.

    ## Why is this bad?
    To the customer there is one company. Blaming a colleague or a partner in public
    sounds like an excuse, undermines the people who have to fix the problem, and
    leaves the customer wondering who will help them now.

    ## Example
    ```
    Sorry Jen, the warehouse messed up your order, you'll have to take it up with them. ^KL
    ```

    ## Use instead
    ```
    Sorry Jen, we sent the wrong size. A replacement ships today and I'll send tracking. ^KL
    ```
    """

    code = "BLM001"
    name = "other-team-blame"
    summary = "The reply blames another team, colleague, store, courier or partner."
    default_severity = Severity.WARNING
    label = "blame_other_team"
    uses = ("blame",)
    bad_examples = (
        Example("@kaya_r Sorry Kaya, the warehouse messed up your order. ^KL"),
        Example("That's the billing department's mistake, not ours."),
        Example("The store staff should have refunded you at the till."),
        Example("Our courier is responsible for the delay, please take it up with them."),
        Example("Your parcel was mishandled by the courier, sorry."),
    )
    good_examples = (
        Example("I've passed this to our billing team, who will email you today. ^KL"),
        Example("Due to the storm we had to cancel all evening flights."),
        Example("The seller handles returns for this item, here's how to start one."),
        Example("We messed up your order, and I'm sorry. A new one ships today."),
        Example("This isn't the courier's fault, the label was smudged in our warehouse."),
        Example("The courier should have left a card with a reference, can you check?"),
    )

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        data = vocabulary()["blm001"]
        predicate = "|".join(data["predicates_re"])
        fillers = data["fillers_re"]
        fault_nouns = alternation(data["fault_nouns"])
        passive = "|".join(data["passive_verbs_re"])
        flags = re.IGNORECASE
        self._epistemic = frozenset(data["should_have_epistemic"])
        # Parties are found once, from the words they end with ("courier", "team", "DPD"),
        # and every pattern below is tried only next to one: fast on replies that name none.
        # One scan finds both party words and "them/their/theirs".
        gate_words = party_gate_words(config.blame.teams) | _THEM
        self._words = WordGate.of(gate_words)
        # The same words as a set, to ask the reply's (shared, cached) word set first: most
        # replies name no party at all. Only for plain words, which are its letter runs.
        self._gate_words = frozenset(w.lower() for w in gate_words)
        self._gate_is_words = all(w.isascii() and w.isalpha() for w in self._gate_words)
        self._words_before = _words_before_last(config.blame.teams)
        self._group_words = frozenset(vocabulary()["parties"]["group_nouns"])
        self._party = re.compile(party_pattern(config.blame.teams), flags)
        parties = vocabulary()["parties"]
        self._machine_heads = frozenset(parties["machine_heads"])
        self._machine_context = re.compile(parties["machine_context_re"], flags)
        self._not_after_your = frozenset(w.split()[-1] for w in parties["not_after_your"])
        # After the party: "... dropped the ball", "...'s mistake", "..., not us".
        self._after = re.compile(rf"""
              {data["relative_re"]}(?:'s|'ve|'d)?\s+{fillers}(?P<pred>{predicate})
            | (?:'s|’s|'|’)\s+(?:own\s+|big\s+|huge\s+)?(?:{fault_nouns})\b{_NOT_A_FAULT}
            | (?:'s|’s)?(?:\s+[\w-]+){{0,3}}?,?\s+not\s+(?:us|ours|we|by\s+us|from\s+us|with\s+us
                |our\s+(?:fault|doing|mistake|error))\b
            """, flags | re.VERBOSE)
        # Before the party (or "them"): "that one is on ...", "blame ...", "an error by ...",
        # "was mishandled by ...". Searched in the few words before the party only.
        self._before = re.compile(rf"""(?:
              \b(?:that|this|it)(?:\s+one)?(?:'s|\s+is|\s+was)\s+(?:all\s+|entirely\s+
                |completely\s+|squarely\s+|really\s+)?on
            | \bblam(?:e|ed|ing)(?:\s+it\s+on)?
            | \b(?:blame|fault)\s+(?:lies|rests|is)\s+(?:entirely\s+|squarely\s+)?with
            | \b(?:error|mistake|oversight|blunder|mix-?up|screw-?up)\s+(?:made\s+)?(?:by|from
                |on\s+the\s+part\s+of)
            | \b(?:(?:was|were|got|is|are|has\s+been|have\s+been|had\s+been)\s+)?
                (?:(?:clearly|obviously|probably|apparently)\s+)?(?:{passive})
                (?:\s+[\w-]+){{0,3}}?\s+by
            )\s+\Z""", flags | re.VERBOSE)
        # "an error on the warehouse's part" needs both sides.
        self._error_on = re.compile(r"\b(?:error|mistake|oversight|blunder)\s+on\s+\Z", flags)
        self._part_side = re.compile(r"(?:'s|’s)\s+(?:part|side|end)\b", flags)
        # A pronoun after a named party: "I spoke to the depot. They messed up the order."
        self._pronoun_acts = re.compile(
            rf"\b(?:they|he|she)(?:'ve|'d)?\s+{fillers}(?P<pred>{predicate})", flags)
        # "their fault", "the mistake was theirs"
        self._theirs = re.compile(
            rf"\btheir\s+(?:own\s+)?(?:{fault_nouns})\b{_NOT_A_FAULT}"
            r"|\bthe\s+(?:mistake|error|fault)\s+(?:was|is)\s+theirs\b", flags)
        self._guard = ClauseGuard.from_data()
        self._owning = compile_owning()

    def check(self, reply: Reply) -> Iterable[Finding]:
        # A plain function, not a generator: most replies return at the first test.
        # Every party word the gate finds is a whole letter run of the reply, so it is in
        # the reply's (shared, cached) word set: most replies name no party at all.
        words = word_set(reply.text)
        present = None
        if self._gate_is_words:
            if self._gate_words.isdisjoint(words):
                return ()  # cheaper than the intersection below, which most replies skip
            present = self._gate_words.intersection(words)
            # Words are letter runs of the reply here only if lower-casing keeps every letter
            # ("ſ" matches "s" under IGNORECASE): then "service" needs "postal" among them.
            if self._words_before is not None and aligned_lower(reply.text,
                                                                reply.lower) is not None:
                present = self._could_end_parties(present, words)
                if not present:
                    return ()
        text, lower = plain_apostrophes(reply.text), plain_apostrophes(reply.lower)
        if len(lower) != len(text):
            lower = text  # lower-casing moved offsets (rare scripts): gate on the text itself
        hits = self._words.hits(lower, present)
        spans = list(merged(self._blame_spans(text, lower, words, hits)))
        if not spans or owns_the_fault(text, self._owning):
            return ()
        return [Finding(
                    start, end,
                    f"'{reply.text[start:end]}' puts the fault on another team or partner: own "
                    "the problem instead and say what you will do to fix it.")
                for start, end in spans]

    def _could_end_parties(self, present: frozenset[str], words: frozenset[str]
                           ) -> frozenset[str]:
        """The gate words found that may end a party mention: "service" ends one only in
        "postal service", so it needs "postal" among the reply's words ("customer service"
        is no party). Words that name a party alone ("courier", "team", "them") stay."""
        before = self._words_before
        assert before is not None
        return frozenset(word for word in present
                         if word not in before or not before[word].isdisjoint(words))

    def _blame_spans(self, text: str, lower: str, words: frozenset[str],
                     hits: list[tuple[int, int, str]]) -> Iterator[tuple[int, int]]:
        if not hits:
            return
        parties = list(self._parties(text, [h for h in hits if h[2] not in _THEM]))
        for start, end in parties:
            yield from self._around(text, start, end)
        for start, end, word in hits:
            if word in _THEM:
                yield from self._around(text, start, end, after=False)
        # A pronoun that acts stands alone as a word: in the reply's word set.
        if parties and not _PRONOUNS.isdisjoint(words):
            for match in self._pronoun_acts.finditer(text, parties[0][1]):
                if self._predicate_blames(text, match):
                    yield from self._unless_negated(text, match.start(), match.end())
        if "their" in lower:
            for match in self._theirs.finditer(text):
                yield from self._unless_negated(text, match.start(), match.end())

    def _parties(self, text: str,
                 hits: list[tuple[int, int, str]]) -> Iterator[tuple[int, int]]:
        """Each party mention as (start, end): the longest one ending at a party word."""
        for hit_start, hit_end, word in hits:
            if word in self._group_words and _OWN_GROUP.search(text, max(0, hit_start - 12),
                                                               hit_start):
                continue  # "our team", "the team": the agent's own people, the common case
            for start in _word_starts_before(text, hit_start):
                if self._party.fullmatch(text, start, hit_end):
                    if self._is_a_party(text, start, hit_end, word):
                        yield start, hit_end
                    break

    def _is_a_party(self, text: str, start: int, end: int, head: str) -> bool:
        """False for things and for the customer's own people: "the App Store", "your
        graphics driver", "the installer failed to run", "your partner"."""
        mention = text[start:end]
        if self._machine_context.search(mention):
            return False
        if head in self._not_after_your and mention.lower().startswith("your "):
            return False
        return not (head in self._machine_heads
                    and self._machine_context.search(_sentence_around(text, start, end)))

    def _around(self, text: str, start: int, end: int,
                after: bool = True) -> Iterator[tuple[int, int]]:
        """Blame said of the party at text[start:end], from the words after or before it."""
        if after:
            match = self._after.match(text, end)
            if match and self._predicate_blames(text, match):
                yield from self._unless_negated(text, start, match.end())
        window = max(0, start - 60)
        ending = _ending(text, window, start)
        before = (self._before.search(text, window, start)
                  if ending is None or ending.endswith(_BEFORE_ENDS) else None)
        if before:
            yield from self._unless_negated(text, before.start(), end)
        if (ending is None or ending.endswith("on")) and self._error_on.search(text, window,
                                                                              start):
            side = self._part_side.match(text, end)
            if side:
                yield from self._unless_negated(text, start, side.end())

    def _predicate_blames(self, text: str, match: re.Match[str]) -> bool:
        predicate = match.group("pred")
        if predicate and _SHOULD_HAVE.match(predicate):
            return is_reproach(predicate, text[match.end():], self._epistemic)
        return True

    def _unless_negated(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        if not self._guard.is_negated(text, start):
            yield start, end


_THEM = frozenset({"them", "their", "theirs"})


def _words_before_last(extra_teams: tuple[str, ...]) -> dict[str, frozenset[str]] | None:
    """For each last word of a party name that never names a party alone ("service" in
    "postal service"), the words that stand just before it in those names, lower-case.
    None when some name is not plain words: then every party word is tried."""
    parties = vocabulary()["parties"]
    names = [name.lower().split() for name in (*parties["heads"], *parties["names"],
                                                  *parties["group_nouns"], *extra_teams)]
    names = [words for words in names if words]
    if not all(word.isascii() and word.isalpha() for words in names for word in words):
        return None
    alone = {words[0] for words in names if len(words) == 1}
    before: dict[str, set[str]] = {}
    for words in names:
        if len(words) > 1 and words[-1] not in alone:
            before.setdefault(words[-1], set()).add(words[-2])
    return {last: frozenset(words) for last, words in before.items()}
_PRONOUNS = frozenset({"they", "he", "she"})  # the words `_pronoun_acts` starts with

# The word every `_before` pattern ends with, just before the whitespace before the party:
# "... on", "blamed", "... lies with", "error by", "error from", "on the part of".
_BEFORE_ENDS = ("on", "blame", "blamed", "blaming", "with", "by", "from", "of")


def _ending(text: str, start: int, end: int) -> str | None:
    """How text[start:end] ends before its trailing whitespace, lower-cased (a few letters,
    enough to test `_BEFORE_ENDS`); "" when it does not end in whitespace or holds nothing
    else. The `_before` and `_error_on` patterns end in a word of `_BEFORE_ENDS` and
    whitespace: this cheap test spares most parties their slow searches. None when the
    ending is not ASCII: "ı" and "ſ" match "i" and "s" under IGNORECASE, so let them run."""
    head = text[start:end]
    stripped = head.rstrip()  # the characters `\s` matches
    if len(stripped) == len(head):
        return ""
    ending = stripped[-8:]
    return ending.lower() if ending.isascii() else None


# A group noun right after one of these is the agent's own group ("our team", "the team").
_OWN_GROUP = re.compile(r"(?<![\w'])(?:our|the|my|your|whole|entire|own|social|this|a)\s+\Z",
                        re.IGNORECASE)

_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end]."""
    before = _SENTENCE_END.split(text[:start])[-1]
    after = _SENTENCE_END.split(text[end:], maxsplit=1)[0]
    return before + text[start:end] + after


_WORD_START = re.compile(r"(?<![\w'’&-])[\w@]")


def _word_starts_before(text: str, position: int, words: int = 5) -> list[int]:
    """Where the `words` words before `position` start, earliest first, then `position`."""
    starts = [m.start() for m in _WORD_START.finditer(text, max(0, position - 60), position)]
    return [*starts[-words:], position]
