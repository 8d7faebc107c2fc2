"""BLM002 customer-blame."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from linter.config import Config
from linter.diagnostic import Finding, Severity
from linter.reply import Reply

from ._blame import ClauseGuard, WordGate, is_reproach, merged, plain_apostrophes, vocabulary
from ._phone import aligned_lower, word_set
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
        phrases = [_Phrase.from_data(entry) for entry in data["phrases"]]
        self._anchors = WordGate.of(data["anchors"])
        self._anchor_words = frozenset(w.lower() for w in data["anchors"])
        self._anchors_are_words = all(w.isascii() and w.isalpha() for w in self._anchor_words)
        # Each phrase alone: `self._all_phrases.match` at a position is the first phrase,
        # in order, that matches there, and a phrase can only match where its words are.
        self._each = tuple(p.pattern for p in phrases)
        self._possible = _PhraseGate(phrases)
        self._epistemic = frozenset(data["should_have_epistemic"])
        self._wrong_info = re.compile(data["wrong_info_re"], re.IGNORECASE)
        self._counterfactual = re.compile(data["counterfactual_re"], re.IGNORECASE)
        self._sympathy = re.compile(data["sympathy_re"], re.IGNORECASE)
        self._guard = ClauseGuard.from_data()

    def check(self, reply: Reply) -> Iterable[Finding]:
        # A plain function, not a generator: most replies return at the first test.
        words = word_set(reply.text)
        phrases = self._possible.given(words, reply.lower)
        # The words a phrase needs are letter runs of the reply only when lower-casing keeps
        # each letter itself ("ſ" matches "s" under IGNORECASE): else every phrase may match.
        if not reply.text.isascii() and aligned_lower(reply.text, reply.lower) is None:
            phrases = self._each
        if not phrases:
            return ()  # most replies: no phrase has its words here
        # Anchor words found in the lower-cased reply are letter runs of it: in `words`.
        present = self._anchor_words.intersection(words) if self._anchors_are_words else None
        text = plain_apostrophes(reply.text)
        lower = plain_apostrophes(reply.lower)
        return [Finding(
                    start, end,
                    f"'{reply.text[start:end]}' puts the fault on the customer: say what "
                    "happened and what can be done now, without blame.")
                for start, end in merged(self._blame_spans(text, lower, present, phrases))]

    @cached_property
    def _all_phrases(self) -> re.Pattern[str]:
        """Every phrase in one pattern, first match wins. Compiled on first need (a 30 ms
        compile): only a reply whose lower-casing changes its length needs it."""
        return re.compile("|".join(f"(?:{pattern.pattern})" for pattern in self._each),
                          re.IGNORECASE)

    def _matches(self, text: str, lower: str, present: frozenset[str] | None,
                 phrases: tuple[re.Pattern[str], ...]) -> Iterator[re.Match[str]]:
        """Phrase matches, tried only where an anchor word starts (offsets agree with `text`
        unless lower-casing changed the length, when every position is tried). At each
        anchor, the first of `phrases` that matches: what `self._all_phrases.match` finds,
        as the phrases left out cannot match in this reply."""
        if len(lower) != len(text):
            yield from self._all_phrases.finditer(text)
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


@dataclass(frozen=True, slots=True)
class _Phrase:
    """One entry of `[[blm002.phrases]]`: the regex and the words every match of it holds."""

    pattern: re.Pattern[str]
    needs: tuple[frozenset[str], ...]  # groups of whole lower-case words: one of each
    needs_text: tuple[str, ...]  # lower-case strings: one of them; () when none is given

    @classmethod
    def from_data(cls, entry: dict[str, Any]) -> _Phrase:
        return cls(re.compile(entry["re"], re.IGNORECASE),
                   tuple(frozenset(group) for group in entry.get("needs", ())),
                   tuple(entry.get("needs_text", ())))


class _PhraseGate:
    """The phrases (in order) that can match a reply, from the words each one needs.

    Each phrase is keyed by its first (rarest) group of words, or by its `needs_text`: one
    set intersection with the reply's word set rules out nearly every reply, and only the
    phrases keyed by a word found have their other groups checked.
    """

    def __init__(self, phrases: list[_Phrase]) -> None:
        self._phrases = tuple(phrases)
        by_word: dict[str, list[int]] = {}
        by_text: list[tuple[str, int]] = []
        self._always: tuple[int, ...] = ()  # phrases that need nothing this gate can see
        for index, phrase in enumerate(phrases):
            if phrase.needs_text:
                by_text += [(string, index) for string in phrase.needs_text]
            elif phrase.needs:
                for word in phrase.needs[0]:
                    by_word.setdefault(word, []).append(index)
            else:
                self._always += (index,)
        self._by_word = {word: tuple(indexes) for word, indexes in by_word.items()}
        self._key_words = frozenset(by_word)
        self._by_text = tuple(by_text)

    def given(self, words: frozenset[str], lower: str) -> tuple[re.Pattern[str], ...]:
        """`words`: the reply's letter runs (`word_set`); `lower`: the lower-cased reply."""
        if self._key_words.isdisjoint(words) and not self._always:
            for string, _ in self._by_text:
                if string in lower:
                    break
            else:
                return ()  # two out of three replies
        candidates = set(self._always)
        for word in self._key_words.intersection(words):
            candidates.update(self._by_word[word])
        for string, index in self._by_text:
            if string in lower:
                candidates.add(index)
        return tuple(self._phrases[index].pattern for index in sorted(candidates)
                     if _holds_all(words, self._phrases[index].needs))


def _holds_all(words: frozenset[str], needs: tuple[frozenset[str], ...]) -> bool:
    """Whether `words` holds a word of every group."""
    for group in needs:
        if group.isdisjoint(words):
            return False
    return True


def _sentence(text: str, match: re.Match[str]) -> str:
    """The sentence around a match (the rest of it may say "you'd have seen it")."""
    before = re.split(r"[.!?;\n]", text[:match.start()])[-1]
    return before + match.group() + _clause_rest(text[match.end():])


def _clause_rest(rest: str) -> str:
    """The rest of the sentence after a match."""
    return re.split(r"[.!?;\n]", rest, maxsplit=1)[0]
