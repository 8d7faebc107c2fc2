"""BLM002 customer-blame."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.config import Config
from linter.diagnostic import Finding, Severity
from linter.reply import Reply

from ._blame import ClauseGuard, WordGate, is_reproach, merged, plain_apostrophes, vocabulary
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
        self._epistemic = frozenset(data["should_have_epistemic"])
        self._wrong_info = re.compile(data["wrong_info_re"], re.IGNORECASE)
        self._counterfactual = re.compile(data["counterfactual_re"], re.IGNORECASE)
        self._sympathy = re.compile(data["sympathy_re"], re.IGNORECASE)
        self._guard = ClauseGuard.from_data()

    def check(self, reply: Reply) -> Iterator[Finding]:
        text = plain_apostrophes(reply.text)
        for start, end in merged(self._blame_spans(text, plain_apostrophes(reply.lower))):
            yield Finding(
                start, end,
                f"'{reply.text[start:end]}' puts the fault on the customer: say what happened and "
                "what can be done now, without blame.")

    def _matches(self, text: str, lower: str) -> Iterator[re.Match[str]]:
        """Phrase matches, tried only where an anchor word starts (offsets agree with `text`
        unless lower-casing changed the length, when every position is tried)."""
        if len(lower) != len(text):
            yield from self._phrases.finditer(text)
            return
        for position in self._anchors.positions(lower):
            match = self._phrases.match(text, position)
            if match:
                yield match

    def _blame_spans(self, text: str, lower: str) -> Iterator[tuple[int, int]]:
        for match in self._matches(text, lower):
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


def _sentence(text: str, match: re.Match[str]) -> str:
    """The sentence around a match (the rest of it may say "you'd have seen it")."""
    before = re.split(r"[.!?;\n]", text[:match.start()])[-1]
    return before + match.group() + _clause_rest(text[match.end():])


def _clause_rest(rest: str) -> str:
    """The rest of the sentence after a match."""
    return re.split(r"[.!?;\n]", rest, maxsplit=1)[0]
