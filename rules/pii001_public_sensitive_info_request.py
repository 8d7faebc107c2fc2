"""PII001 public-sensitive-info-request."""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from linter.config import Config
from linter.diagnostic import Finding, Severity
from linter.reply import Reply

from ._required_text import GatedPattern, any_match, any_of, first_match
from .base import Example, Rule

DATA = Path(__file__).resolve().parent / "data" / "sensitive_info.toml"

# Sentences end at . ! ? followed by a space (not inside "e.g." or a decimal). Line breaks do
# not end one: a thread continues a sentence across tweets ("share 1/2 ... @123 your name").
# `[^.!?]++` takes a run of ordinary characters in one step instead of one per repetition;
# giving any back could only start another repetition with the same class, so the
# sentences found are those of `(?:[^.!?]|[.!?]+(?!\s|[.!?]|$))+[.!?]*|[.!?]+`.
# The leading spaces are left out of the group, so that its span is the trimmed sentence.
_SENTENCE = re.compile(r"\s*+((?:[^.!?]++|[.!?]+(?!\s|[.!?]|$))+[.!?]*|[.!?]+)")

# Letters much rarer in English than e, t, a, o, i, n, s, h, r. A search for keys that all
# start with one letter is a tight loop over the text for that letter (see `_DetailGate`).
_SCAN_LETTERS = "bcdmpvy"
_KEY_LENGTH = 3  # long enough to be rare in text, short enough to fit inside every word

# (start, end, bit mask of the details that need it) of each needed string in the text.
_Occurrence = tuple[int, int, int]


class _DetailGate:
    """Where the strings the details need stand in a text, hence which details can match.

    Each detail needs one of the strings of its first group (`_required_text`), and each
    such string holds a short key: three letters starting with one of `_SCAN_LETTERS`
    ("pho" of "phone"), or, failing that, the whole string ("name"). Keys are searched one
    first letter at a time (a regex per letter, whose literal first letter `re` finds with
    a tight loop) and whole strings with `str.find`: on a reply with none of them that
    costs a fraction of one alternation of every string, which `re` tries at every
    position where any string's first letter stands (half the letters of a text). Where a
    key is found, the strings holding it are compared in place.
    """

    def __init__(self, patterns: tuple[GatedPattern, ...]) -> None:
        self.patterns = patterns
        self.always = 0  # bit i set: pattern i needs no string, so no key rules it out
        self._selected: dict[int, list[GatedPattern]] = {}  # at most 2 ** len(patterns)
        owners: dict[str, int] = {}  # needed string -> the patterns that need it
        for index, pattern in enumerate(patterns):
            if not pattern.groups:
                self.always |= 1 << index
            for needed in pattern.groups[0] if pattern.groups else ():
                owners[needed] = owners.get(needed, 0) | 1 << index
        keys = {_key(needed) for needed in owners}
        # A key holding another ("phon" and "pho") is found wherever the shorter one is:
        # keep the shorter only, so that no key is a prefix of another and the search
        # below, stepping one character past each match, finds every occurrence of each.
        keys = {key for key in keys if not any(o != key and o in key for o in keys)}
        # key -> (needed string, where the key starts in it, its patterns) for each string
        # holding the key: wherever the string stands, the key is found at that offset.
        self._holders: dict[str, list[tuple[str, int, int]]] = {}
        for needed, bits in owners.items():
            key = _key(needed)
            if key not in keys:  # folded into a shorter key it holds
                key = next(shorter for shorter in sorted(keys) if shorter in key)
            self._holders.setdefault(key, []).append((needed, needed.index(key), bits))
        by_letter: dict[str, list[str]] = {}
        for key in sorted(keys):
            by_letter.setdefault(key[0], []).append(key)
        # A letter with one key gets `str.find`, which is cheaper than a regex call.
        self._scans = tuple(any_of(group).search
                            for group in by_letter.values() if len(group) > 1)
        self._literals = tuple(group[0] for group in by_letter.values() if len(group) == 1)

    def find(self, text: str) -> list[_Occurrence]:
        """Every occurrence of every needed string in `text`: none, when no detail can
        match (the common case)."""
        found: list[_Occurrence] = []
        for search in self._scans:
            match = search(text)
            while match is not None:
                start = match.start()
                self._compare(text, match.group(), start, found)
                match = search(text, start + 1)  # keys may overlap: step by one
        for key in self._literals:
            if key in text:
                at = text.find(key)
                while at != -1:
                    self._compare(text, key, at, found)
                    at = text.find(key, at + 1)
        return found

    def _compare(self, text: str, key: str, at: int, found: list[_Occurrence]) -> None:
        for needed, offset, bits in self._holders[key]:
            start = at - offset
            # (a negative start would count from the end of the text)
            if start >= 0 and text.startswith(needed, start):
                found.append((start, start + len(needed), bits))

    def candidates(self, found: list[_Occurrence]) -> list[GatedPattern]:
        """The details (in their order) whose needed strings were found: no other can
        match in the text `found` came from."""
        mask = self.always
        for _, _, bits in found:
            mask |= bits
        return self.selected(mask)

    def selected(self, mask: int) -> list[GatedPattern]:
        """The details whose bits are set in `mask`, in their order."""
        chosen = self._selected.get(mask)
        if chosen is None:  # a few distinct masks come up: each list is built once
            chosen = [pattern for index, pattern in enumerate(self.patterns)
                      if mask >> index & 1]
            self._selected[mask] = chosen
        return chosen


def _key(needed: str) -> str:
    """The `_KEY_LENGTH` characters of `needed` from its first `_SCAN_LETTERS` letter
    followed by enough characters, or `needed` itself when it has no such letter."""
    for index, char in enumerate(needed[: len(needed) - _KEY_LENGTH + 1]):
        if char in _SCAN_LETTERS:
            return needed[index:index + _KEY_LENGTH]
    return needed


@dataclass(frozen=True, slots=True)
class _Patterns:
    # Each detail compiled on its own with the words it needs (`_required_text`): most
    # replies hold none of them, and one alternation of all details would be tried detail
    # by detail at every position of every reply.
    sensitive: _DetailGate
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
    return _Patterns(_DetailGate(_gated(data["sensitive"])), _union(data["request"]),
                     _union(data["private"]), _union(data["directive"]))


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end], surrounding spaces trimmed."""
    # Without the trailing spaces no sentence ends in one (each ends at the end or after
    # its stops, which are then followed by a space), and a run of stops that was
    # followed by them is now followed by the end: the same sentences, minus the spaces.
    while end > start and text[end - 1].isspace():
        end -= 1
    return [match.span(1) for match in _SENTENCE.finditer(text, start, end)]


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
        gate = self.patterns.sensitive
        found = gate.find(text)
        if not found:
            return ()  # the common case: nothing sensitive is mentioned at all
        if not any_match(gate.candidates(found), text):
            return ()
        return self._findings(reply, text, found)

    def _findings(self, reply: Reply, text: str, found: list[_Occurrence]
                  ) -> Iterator[Finding]:
        patterns = self.patterns
        sentences = _sentences(text, reply.framing.body_start, reply.framing.body_end)
        private: dict[int, bool] = {}  # sentence index -> offers a private channel
        for index, mask in _sentence_masks(sentences, found, patterns.sensitive.always):
            start, end = sentences[index]
            sensitive = patterns.sensitive.selected(mask)
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


def _sentence_masks(sentences: list[tuple[int, int]], found: list[_Occurrence], always: int
                    ) -> list[tuple[int, int]]:
    """(index, details that can match there) of each sentence holding a needed string, in
    order. A detail matched in a sentence holds one of its needed strings there: the
    other sentences (most of them) need no regex. `always`: the details that need no
    string, which can match in every sentence."""
    masks: dict[int, int] = {}
    starts = [start for start, _ in sentences]
    for found_start, found_end, bits in found:
        index = bisect_right(starts, found_start) - 1  # the last sentence starting before
        if index >= 0 and found_end <= sentences[index][1]:
            masks[index] = masks.get(index, 0) | bits
    if always:
        return [(index, masks.get(index, 0) | always) for index in range(len(sentences))]
    return sorted(masks.items())


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
