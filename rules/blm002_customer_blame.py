"""BLM002 customer-blame."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.config import Config
from linter.diagnostic import Finding, Severity
from linter.reply import Reply

from ._blame import ClauseGuard, WordGate, is_reproach, merged, plain_apostrophes, vocabulary
from ._phone import WordGates, aligned_lower, required_words, word_set
from .base import Example, Rule

_SHOULD_HAVE = re.compile(r"(?:should|ought\s+to)(?:n't|\s+not|\s+never)?\s+have\s+[a-z]+$",
                          re.IGNORECASE)
_IF_HAD = re.compile(r"^(?:if\s+you(?:'d|\s+had)|had\s+you)\b", re.IGNORECASE)
_TOLD = re.compile(r"\b(?:told|informed|advised|notified)$", re.IGNORECASE)


class CustomerBlame(Rule):
    """
    ## What it does
    Finds replies that put the fault on the customer: "you should have read the terms",
    "as you were already told", "you entered the wrong address", "you failed to cancel",
    "if you had checked your email".

    It stays quiet on neutral instructions ("you'll need to enter the address again"),
    guesses about what they received ("you should have received an email"), our own
    errors ("you may have been charged twice") and helpful conditionals ("if you
    entered the wrong address, you can change it under My Orders").

    ## Why is this bad?
    Even when the customer did make the mistake, telling them so in public wins the
    argument and loses the customer. Say what happened and what can be done now.

    ## Example
    ```
    You should have read the terms before booking a basic fare. ^NS
    ```

    ## Use instead
    ```
    Basic fares can't be changed, but I can move you to a flexible fare for the difference. ^NS
    ```
    """

    code = "BLM002"
    name = "customer-blame"
    summary = "The reply blames the customer for the problem."
    default_severity = Severity.WARNING
    label = "blames_customer"
    uses = ()
    bad_examples = (
        Example("You should have read the terms before booking a basic fare."),
        Example("As you were already told, the offer ended on Sunday. ^NS"),
        Example("@peta_m It looks like you entered the wrong address at checkout. ^NS"),
        Example("If you had checked your confirmation email, you'd have seen the new time."),
    )
    good_examples = (
        Example("You'll need to enter the address again on the checkout page."),
        Example("You may have been charged twice, that's our error and I've refunded it."),
        Example("You should have received a confirmation email, can you check spam?"),
        Example("If you entered the wrong address, you can change it under My Orders."),
        Example("It's not your fault at all, the form was broken."),
    )

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        data = vocabulary()["blm002"]
        self._phrases = re.compile("|".join(f"(?:{p})" for p in data["phrases_re"]),
                                   re.IGNORECASE)
        self._anchors = WordGate.of(data["anchors"])
        self._anchor_words = frozenset(w.lower() for w in data["anchors"])
        self._anchors_are_words = all(w.isascii() and w.isalpha() for w in self._anchor_words)
        # Each phrase alone: `self._phrases.match` at a position is the first phrase, in
        # order, that matches there, and a phrase can only match where its words are.
        self._each = tuple(re.compile(p, re.IGNORECASE) for p in data["phrases_re"])
        self._possible = _PossiblePhrases(self._each)
        self._epistemic = frozenset(data["should_have_epistemic"])
        self._wrong_info = re.compile(data["wrong_info_re"], re.IGNORECASE)
        self._counterfactual = re.compile(data["counterfactual_re"], re.IGNORECASE)
        self._sympathy = re.compile(data["sympathy_re"], re.IGNORECASE)
        self._guard = ClauseGuard.from_data()

    def check(self, reply: Reply) -> Iterator[Finding]:
        words = word_set(reply.text)
        # The words a phrase needs are letter runs of the reply only when lower-casing keeps
        # each letter itself ("ſ" matches "s" under IGNORECASE): else every phrase may match.
        phrases = (self._possible.given(words)
                   if aligned_lower(reply.text, reply.lower) is not None else self._each)
        if not phrases:
            return  # most replies: no phrase has its words here
        # Anchor words found in the lower-cased reply are letter runs of it: in `words`.
        present = self._anchor_words.intersection(words) if self._anchors_are_words else None
        text = plain_apostrophes(reply.text)
        lower = plain_apostrophes(reply.lower)
        for start, end in merged(self._blame_spans(text, lower, present, phrases)):
            yield Finding(
                start, end,
                f"'{reply.text[start:end]}' puts the fault on the customer: say what happened and "
                "what can be done now, without blame.")

    def _matches(self, text: str, lower: str, present: frozenset[str] | None,
                 phrases: tuple[re.Pattern[str], ...]) -> Iterator[re.Match[str]]:
        """Phrase matches, tried only where an anchor word starts (offsets agree with `text`
        unless lower-casing changed the length, when every position is tried). At each
        anchor, the first of `phrases` that matches: what `self._phrases.match` finds, as
        the phrases left out cannot match in this reply."""
        if len(lower) != len(text):
            yield from self._phrases.finditer(text)
            return
        for position, _, _ in self._anchors.hits(lower, present):
            for phrase in phrases:
                match = phrase.match(text, position)
                if match:
                    yield match
                    break

    def _blame_spans(self, text: str, lower: str, present: frozenset[str] | None,
                     phrases: tuple[re.Pattern[str], ...]) -> Iterator[tuple[int, int]]:
        for match in self._matches(text, lower, present, phrases):
            phrase, rest = match.group(), text[match.end():]
            if _SHOULD_HAVE.search(phrase) and not is_reproach(phrase, rest, self._epistemic):
                continue
            if _TOLD.search(phrase) and self._wrong_info.search(_clause_rest(rest)):
                continue  # "you were told the wrong price": our mistake, not theirs
            if _IF_HAD.match(phrase) and not self._counterfactual.search(_sentence(text, match)):
                continue  # "if you had signed up, the account is there": not a reproach
            if self._guard.is_negated(text, match.start()):
                continue
            if self._sympathy.search(self._guard.clause_before(text, match.start())):
                continue  # "sorry to hear you booked the wrong date"
            yield match.start(), match.end()


class _PossiblePhrases:
    """The phrases (in order) that can match a reply, from the whole words each one needs
    (read from the phrase itself: "you" and one of "failed", "forgot"...)."""

    def __init__(self, phrases: tuple[re.Pattern[str], ...]) -> None:
        self._phrases = phrases
        alternatives: list[tuple[frozenset[str], ...]] = []
        self._owner: list[int] = []  # the phrase of each alternative
        self._always: list[int] = []  # phrases whose words this reading cannot see: always tried
        for index, phrase in enumerate(phrases):
            needs = required_words(phrase)
            if needs is None:
                self._always.append(index)
                continue
            alternatives += needs
            self._owner += [index] * len(needs)
        self._gates = WordGates(alternatives)
        self._by_present: dict[int, tuple[re.Pattern[str], ...]] = {}

    def given(self, words: frozenset[str]) -> tuple[re.Pattern[str], ...]:
        present = self._gates.present(words)
        phrases = self._by_present.get(present)
        if phrases is None:
            if len(self._by_present) >= 4096:
                self._by_present.clear()  # bounded, whatever the texts
            chosen = set(self._always)
            chosen.update(owner for owner, need in zip(self._owner, self._gates.needs, strict=True)
                          if need & present == need)
            phrases = tuple(self._phrases[index] for index in sorted(chosen))
            self._by_present[present] = phrases
        return phrases


def _sentence(text: str, match: re.Match[str]) -> str:
    """The sentence around a match (the rest of it may say "you'd have seen it")."""
    before = re.split(r"[.!?;\n]", text[:match.start()])[-1]
    return before + match.group() + _clause_rest(text[match.end():])


def _clause_rest(rest: str) -> str:
    """The rest of the sentence after a match."""
    return re.split(r"[.!?;\n]", rest, maxsplit=1)[0]
