"""CAN001 canned-phrase."""

from __future__ import annotations

from linter.config import Config, ConfigError
from linter.diagnostic import Edit, Finding, Fix, Severity
from linter.reply import Reply

from ._canned_matcher import (
    Phrase,
    PhraseMatch,
    PhraseMatcher,
    TemplateError,
    cached_matcher,
)
from .base import Example, Rule


def build_matcher(config: Config) -> PhraseMatcher:
    """The catalogue plus the team's `[canned] extra`, minus its `[canned] allow`."""
    try:
        return cached_matcher(config.canned.extra, config.canned.allow)
    except TemplateError as error:
        raise ConfigError(str(error), config.source, "canned.extra") from None


def _with_case_of(replacement: str, original: str) -> str:
    """Keep the sentence case of what is replaced ("Sorry..." mid-sentence becomes "sorry...")."""
    if not replacement or not original:
        return replacement
    first = replacement[0].upper() if original[0].isupper() else replacement[0].lower()
    return first + replacement[1:]


class CannedPhrase(Rule):
    """
    ## What it does
    Finds stock phrases that customers recognise as scripted: "We apologize for any
    inconvenience", "Your feedback is important to us", "Thank you for reaching out",
    "I understand your frustration", "Rest assured", "Is there anything else I can help
    you with?", "for further assistance", "Hope this helps!".

    The catalogue lives in `rules/data/canned_phrases.toml`. Teams add phrases with
    `[canned] extra = ["..."]` and stop flagging one with `[canned] allow = ["..."]`
    (a phrase, or a catalogue id such as `have-a-great-day`).

    ## Why is this bad?
    A scripted phrase tells the customer that nobody read their message. It takes up
    room that could name their problem, and on a public channel it makes the brand
    sound like a machine.

    ## Example
    ```
    We apologize for any inconvenience this may have caused. Please DM us for further
    assistance. ^JD
    ```

    ## Use instead
    ```
    Sorry your parcel is three days late. DM us the order number and I'll chase the
    courier today. ^JD
    ```
    """

    code = "CAN001"
    name = "canned-phrase"
    summary = ("A stock, scripted phrase (\"We apologize for any inconvenience\") "
               "stands in for a real answer.")
    default_severity = Severity.WARNING
    label = "canned_phrases"
    uses = ("canned",)
    bad_examples = (
        Example("We apologize for any inconvenience this may have caused. ^JD"),
        Example("Thank you for reaching out! Your feedback is important to us. -Sam"),
        Example("I understand your frustration. Rest assured, we're on it. ^AB"),
        Example("Try restarting the app. Hope this helps! Have a great day :)"),
        Example("Is there anything else I can help you with? ^KT"),
        Example("We’re sorry for the inconvenience caused. Email us for further assistance."),
    )
    good_examples = (
        Example("Sorry your order arrived cold. I've refunded the delivery fee. ^JD"),
        Example("Try clearing the app cache and let us know if that works. -Sam"),
        Example("I'll take a look at your order now and reply here within the hour. ^AB"),
        Example("Thanks for the photo, that helps: the seal is broken, so we'll replace it. ^KT"),
    )

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self._matcher = build_matcher(config)

    def check(self, reply: Reply) -> list[Finding]:
        text = reply.text
        return [_finding(text, match) for match in self._matcher.matches(text)]


def _finding(text: str, match: PhraseMatch) -> Finding:
    phrase: Phrase = match.phrase
    matched = text[match.start:match.end]
    fix = None
    if phrase.replacement is not None:
        replacement = _with_case_of(phrase.replacement, matched)
        fix = Fix(f"Replace with '{replacement}'",
                  (Edit(match.start, match.end, replacement),), safe=False)
    return Finding(match.start, match.end,
                   f"Canned phrase '{matched}': {phrase.suggestion}.", fix)
