"""PII001 public-sensitive-info-request."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from linter.config import Config
from linter.diagnostic import Finding, Severity
from linter.reply import Reply

from ._required_text import GatedPattern, GatedSet, any_match, first_match
from .base import Example, Rule

DATA = Path(__file__).resolve().parent / "data" / "sensitive_info.toml"

# Sentences end at . ! ? followed by a space (not inside "e.g." or a decimal). Line breaks do
# not end one: a thread continues a sentence across tweets ("share 1/2 ... @123 your name").
_SENTENCE = re.compile(r"(?:[^.!?]|[.!?]+(?!\s|[.!?]|$))+[.!?]*|[.!?]+")


@dataclass(frozen=True, slots=True)
class _Patterns:
    # Each detail compiled on its own with the words it needs (`_required_text`): most
    # replies hold none of them, and one alternation of all details would be tried detail
    # by detail at every position of every reply.
    sensitive: GatedSet
    # Only run on the few sentences that name a detail, which are short: one alternation
    # each is cheaper there than testing every entry's words.
    request: re.Pattern[str]
    private: re.Pattern[str]
    directive: re.Pattern[str]


def _gated(patterns: list[str]) -> tuple[GatedPattern, ...]:
    # Matched against lower-cased text: IGNORECASE would also make the words unusable.
    return tuple(GatedPattern.compile(p) for p in patterns)


def _union(patterns: list[str]) -> re.Pattern[str]:
    # Matched against lower-cased text: IGNORECASE makes these alternations much slower.
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    with DATA.open("rb") as handle:
        data = tomllib.load(handle)
    return _Patterns(GatedSet(_gated(data["sensitive"])), _union(data["request"]),
                     _union(data["private"]), _union(data["directive"]))


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end], surrounding spaces trimmed."""
    spans = []
    for match in _SENTENCE.finditer(text, start, end):
        s, e = match.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


class PublicSensitiveInfoRequest(Rule):
    """
    ## What it does
    Finds a reply that asks the customer to post personal or account details (email,
    phone number, home address, full name, account or order number, card digits,
    password) in the public thread, with no direct message or private channel offered
    in the same sentence or the one next to it. "DM us your order number" is fine, and
    so is a bare reference with no name attached (a case number, a ZIP code).

    ## Why is this bad?
    A public reply is read by everyone who follows the thread. A customer who answers
    it exposes their details to fraudsters for good, and the brand asked them to.

    ## Example
    ```
    Sorry about the double charge! Can you reply with your email and the last 4 digits
    of the card? ^JD
    ```

    ## Use instead
    ```
    Sorry about the double charge! Please DM us your email and the last 4 digits of the
    card so we can find it. ^JD
    ```
    """

    code = "PII001"
    name = "public-sensitive-info-request"
    summary = "The reply asks the customer to post personal or account details in public."
    # Error, not warning: once the customer answers, their details are public for good,
    # and no later correction can take them back.
    default_severity = Severity.ERROR
    label = "asks_sensitive_info_publicly"
    uses = ()
    bad_examples = (
        Example("Sorry about the double charge! Can you reply with your email and the last "
                "4 digits of the card? ^JD"),
        Example("May we have your full name and booking number please? We'll check. -Sam"),
        Example("Please tweet us your account number so we can look into the outage. ^AB"),
    )
    good_examples = (
        Example("Sorry about the double charge! Please DM us your email and the last 4 digits "
                "of the card so we can find it. ^JD"),
        Example("Follow and DM us your phone number and we'll call you back. ^AB"),
        Example("What's your ZIP code? We'll check for outages in your area. -Sam"),
        Example("Without sharing your email here, can you tell us the exact error? ^JD"),
    )

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self.patterns = _patterns()

    def check(self, reply: Reply) -> Iterable[Finding]:
        text = reply.lower
        if len(text) != len(reply.text):
            return ()  # a rare letter ("İ") changed length when lower-cased: offsets would drift
        # Only the details whose words are in the reply can be asked for in any sentence.
        sensitive = self.patterns.sensitive.possible(text)
        if not sensitive or not any_match(sensitive, text):
            return ()  # the common case: nothing sensitive is mentioned at all
        return self._findings(reply, text, sensitive)

    def _findings(self, reply: Reply, text: str, sensitive: list[GatedPattern]
                  ) -> Iterator[Finding]:
        patterns = self.patterns
        sentences = _sentences(text, reply.framing.body_start, reply.framing.body_end)
        private: dict[int, bool] = {}  # sentence index -> offers a private channel
        for index, (start, end) in enumerate(sentences):
            if not _asks_for_detail(text[start:end], sensitive, patterns):
                continue
            # "Please DM us. Include your email and order number." keeps the DM in view.
            if any(_is_private(text, sentences, i, private, patterns.private)
                   for i in range(max(0, index - 1), min(len(sentences), index + 2))):
                continue
            yield Finding(
                start, end,
                "This asks the customer to post personal or account details in public: "
                "ask for them by direct message instead.")


def _asks_for_detail(sentence: str, sensitive: list[GatedPattern], patterns: _Patterns
                     ) -> bool:
    """Is a sensitive detail asked for, after (or in) a request in this sentence?"""
    detail = first_match(sensitive, sentence)
    if detail is None:
        return False
    request = patterns.request.search(sentence)
    if request is None or request.start() > detail.start():
        return False
    opening = _OPENING.match(sentence)
    imperative = request.start() <= (opening.end() if opening else 0)
    return imperative or patterns.directive.search(sentence) is not None


def _is_private(text: str, sentences: list[tuple[int, int]], index: int,
                known: dict[int, bool], private: re.Pattern[str]) -> bool:
    """Does sentence `index` offer a private channel? Each sentence is read once."""
    if index not in known:
        start, end = sentences[index]
        known[index] = private.search(text[start:end]) is not None  # a slice: \b at its edges
    return known[index]


# What may come before an imperative: handles, a greeting and a name, "ok", "sure".
_OPENING = re.compile(
    r"(?:[@＠][\w.]+[\s,:;]*)*(?:(?:hi|hello|hey|dear|ok(?:ay)?|sure|thanks|great|sorry)\b"
    r"[^,.!?]{0,25}[,.!?]?\s*)?", re.IGNORECASE)
