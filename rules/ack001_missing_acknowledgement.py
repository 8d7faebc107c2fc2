"""ACK001 missing-acknowledgement."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial

from linter.config import Config
from linter.diagnostic import Finding, Severity
from linter.reply import Reply

from ._issue_terms import (
    Lexicon,
    MessageTerms,
    analyse,
    asks_for_contact,
    load_lexicon,
    mostly_foreign,
    reply_terms,
)
from ._required_text import GatedPattern
from .base import Example, Rule

# A reply with this many specific words of its own (not boilerplate, not names) is
# talking about something concrete even when it shares no word with the customer:
# it explains a policy, gives steps for a device, states a train's timing.
_SPECIFIC_ENOUGH = 2


def _whole_words(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    r"""`\b(?:a|b|...)\b` of regex `alternatives` that each start with a lower-case letter,
    grouped by that letter ("d(?:m|irect\s+message)|p(?:m|...)"): `re` then tries one
    group where a word starts instead of every alternative. Alternatives with different
    first letters never match at the same place, and each group keeps its order, so the
    matches are those of the plain alternation."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        if not ("a" <= alternative[0] <= "z"):
            raise ValueError(f"alternative must start with a letter: {alternative!r}")
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return re.compile(r"\b(?:" + "|".join(
        f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()) + r")\b")


# Sending the customer elsewhere instead of answering: DM, e-mail, a form, a ticket, a
# call, "tell us more". A reply built from these plus empathy is the template ACK001 is for.
# Matched against the lower-cased reply: IGNORECASE is slow.
_DEFLECTION = _whole_words((
    r"dm", r"pm", r"direct\s+message", r"private\s+message", r"inbox", r"follow\s+(?:us|and)",
    r"send\s+(?:us|me)\b", r"e-?mail\s+(?:us|me)", r"reach\s+out",
    r"contact\s+(?:us|our|them|the)", r"get\s+in\s+touch", r"be\s+in\s+touch", r"submit",
    r"ticket", r"request", r"form\b", r"this\s+link", r"click", r"call\s+(?:us|our)",
    r"give\s+us\s+a\s+call", r"noted\s+your", r"look\s+into", r"take\s+a\s+look",
    r"tell\s+(?:us|me)", r"more\s+(?:details|info)",
    r"provide\s+(?:us\s+)?(?:more|some|the|your)", r"what\s+happened",
    r"what(?:'s|\s+is)\s+(?:going\s+on|happening)", r"let\s+us\s+know",
    r"further\s+assist", r"assist\s+you", r"help\s+you", r"here\s+to\s+help",
    r"happy\s+to\s+help", r"escalate", r"follow\s+up", r"specialist", r"team\s+(?:will|can)",
    r"check\s+your\s+dm", r"live\s?chat", r"advise\s+further", r"website", r"feedback",
    r"pass\s+(?:this|it|your)", r"phone\s+support", r"telephone", r"get\s+back\s+to\s+you",
))

# A direct answer needs no shared word: "Yes, you can request that", "No, that fare
# doesn't include bags", "It's been fixed", "We're working on it".
_DIRECT_ANSWER = re.compile(
    r"""(?:^|[.!?]\s+|^(?:hi|hello|hey)\b[^.!?]{0,30}[,.!]\s*)
        (?:yes|yep|yeah|no|nope|unfortunately|sadly)\b[,!.]?\s+
        (?:you|we|it|that|this|there|they|the|our|your|i)\b""",
    re.VERBOSE | re.MULTILINE,
)
# Gated: most replies hold none of "been", "fixed", "working"... (see `_required_text`).
_STATUS_UPDATE = GatedPattern.compile(
    r"""\b(?:has|have|had)\s+been\s+(?:fixed|resolved|removed|restored|refunded|cancell?ed
        |reinstated|rebooked|replaced|sent|shipped|dispatched|credited|corrected|updated)\b
    | \b(?:is|are)\s+(?:now\s+)?(?:fixed|resolved|restored|back\s+up|up\s+and\s+running)\b
    | \bworking\s+on\s+(?:it|this|that|a\s+fix|fixing)\b""",
    re.VERBOSE,
)

# A yes/no question ("Can I change the address on my order?") is answered by a reply that
# opens with yes or no, whatever follows ("Sure! DM us the new address").
_YES_NO_QUESTION = re.compile(
    r"""(?:^|[.!?]\s+|\n)\s*(?:(?:hi|hello|hey)\b[^.!?]{0,20}[,.!]\s*)?
        (?:can|could|do|does|did|is|are|was|will|would|should|may|have|has)\s+
        (?:i|we|you|u|they|it|my|the|this|that|there)\b[^.!?]*\?""",
    re.VERBOSE,
)
_YES_OR_NO_OPENING = re.compile(
    r"""(?:(?:hi|hello|hey)\b[^.!?]{0,30}[,.!]\s*)?
        (?:yes|yep|yeah|sure|of\s+course|absolutely|certainly|definitely|no|nope
          |unfortunately|sadly|i[’']m\s+afraid|we[’']re\s+afraid)\b
        (?!\s+(?:worries|worry|problem|probs?)\b)  # "No worries!" answers nothing""",
    re.VERBOSE,
)

_HANDLE = re.compile(r"[@＠]([A-Za-z_][\w]*)")
_CAMEL_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def customer_raises_issue(message: MessageTerms, lexicon: Lexicon) -> bool:
    """Does the message name a problem or ask something? Thanks, praise, "I did",
    "yes" and "me too" do not."""
    if not message.terms:
        return False  # nothing named: "I need help", "Yes, I would.", "I just did."
    lower, words = message.lower, message.words
    problem = bool(words & lexicon.problem_cues) or "n't" in lower or "n’t" in lower
    request = "?" in lower or bool(words & lexicon.request_cues)
    if words & lexicon.praise_cues and not problem and "?" not in lower:
        return False
    return problem or request


def _brand_words(customer: str) -> frozenset[str]:
    """Words of the brand's own name, read from the handles the customer wrote to
    ("@AskPayPal" -> "paypal"): naming the brand is not naming the problem."""
    handles = _HANDLE.findall(customer)
    if not handles:
        return frozenset()
    return frozenset().union(*map(_handle_words, handles))


def _specific_enough(terms: frozenset[str]) -> bool:
    """Are `_SPECIFIC_ENOUGH` of `terms` specific (longer than two characters, not a
    number)? Stops counting there: most replies get there in a few terms."""
    count = 0
    for term in terms:
        if len(term) > 2 and not term.isdigit():
            count += 1
            if count >= _SPECIFIC_ENOUGH:
                return True
    return False


@lru_cache(maxsize=1024)  # customers write to the same few brands over and over
def _handle_words(handle: str) -> frozenset[str]:
    found = {handle.lower()}
    for part in _CAMEL_PART.findall(handle):
        part = part.lower()
        if len(part) >= 4 and part not in _NOT_BRAND:
            found.add(part)
    return frozenset(found)


# Words that show up in support handles but name the thing the customer talks about.
_NOT_BRAND = frozenset({"help", "support", "care", "cares", "team", "trains", "train",
                        "airways", "airlines", "mobile", "music", "games", "play"})


class MissingAcknowledgement(Rule):
    """
    ## What it does
    Compares the reply with the customer's message and flags a reply that never refers
    to the customer's problem: it does not name the product, the fault, the order or
    the flight, does not answer the question, and asks nothing concrete about it.
    Generic empathy ("Sorry to hear that", "We understand your frustration") does not
    count. The rule only speaks when the customer's message is known and raises an
    issue; thanks, praise, small talk and bare answers ("Yes", "I did") need none.
    A message written in another language is left alone: its words cannot be compared.

    ## Why is this bad?
    A reply that could have been sent to anyone tells the customer nobody read their
    message. In public, it reads as a brush-off, and the customer usually has to repeat
    the whole story in the next message.

    ## Example
    ```
    > My parcel says delivered but it's not here and the driver left no card.
    Sorry to hear that! Please DM us and we'll be happy to help. ^JD
    ```

    ## Use instead
    ```
    > My parcel says delivered but it's not here and the driver left no card.
    Sorry your parcel hasn't turned up! DM us the tracking number and we'll
    ask the driver where it was left. ^JD
    ```
    """

    code = "ACK001"
    name = "missing-acknowledgement"
    summary = "The reply never refers to the customer's actual problem."
    default_severity = Severity.WARNING
    label = "acknowledges_issue"
    uses = ()
    bad_examples = (
        Example("Sorry to hear that! Please DM us and we'll be happy to help. ^JD",
                customer="My parcel says delivered but it's not here and the driver left no card."),
        Example("We understand your frustration. Please send us a DM with your email address "
                "so we can assist. -Sam",
                customer="The app logs me out every time I close it, so annoying"),
        Example("Hi there! Are you getting an error message? Let us know. ^AB",
                customer="My new headphones won't pair with my laptop over bluetooth"),
    )
    good_examples = (
        Example("Sorry your parcel hasn't turned up! DM us the tracking number and we'll ask "
                "the driver where it was left. ^JD",
                customer="My parcel says delivered but it's not here and the driver left no card."),
        Example("Which version of Windows is the laptop on? The pairing steps differ. ^AB",
                customer="My new headphones won't pair with my laptop over bluetooth"),
        Example("Glad you enjoyed the trip! ^JD", customer="Thanks for a great flight today!"),
        Example("Please DM us and we'll help. ^JD"),
    )

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self.lexicon = load_lexicon()
        # An editor lints the same conversation on every keystroke: the customer's side
        # is read once. Bounded, and a pure function of the message, so no state leaks.
        self._issue = lru_cache(maxsize=64)(self._read_issue)
        self._asks_for_contact = lru_cache(maxsize=64)(
            partial(asks_for_contact, lexicon=self.lexicon))

    def _read_issue(self, customer: str) -> _Issue | None:
        """What the customer asked about, or None when there is nothing to acknowledge."""
        lexicon = self.lexicon
        message = analyse(customer, lexicon)
        if not customer_raises_issue(message, lexicon) or mostly_foreign(message.words, lexicon):
            return None  # no issue raised, or one in a language whose words we cannot compare
        brand = _brand_words(customer)
        return _Issue(message, brand, message.terms - brand, "?" in customer)

    def check(self, reply: Reply) -> Iterable[Finding]:
        # A plain function, not a generator: most replies return before any finding.
        customer = reply.customer
        if customer is None:
            return ()
        # Each test below is a reason to stay silent, so their order is free. Most replies
        # name enough of their own to settle it, so the reply is read first and the
        # customer's message (which costs as much) only when that does not.
        said = reply_terms(reply.text, self.lexicon, reply.lower)
        if _specific_enough(said) and _specific_enough(said - _brand_words(customer)):
            return ()
        issue = self._issue(customer)
        if issue is None:
            return ()
        said = said - issue.brand
        if issue.asked & said:
            return ()
        # The cheap tests (set sizes) go first and the regexes run only when those do
        # not settle it.
        # Fewer than _SPECIFIC_ENOUGH: the first test returned otherwise.
        specific = [t for t in said if len(t) > 2 and not t.isdigit()]
        deflects = _DEFLECTION.search(reply.lower) is not None
        if specific and not deflects:
            return ()  # a short statement of fact ("it has been removed") answers something
        body = reply.lower[reply.framing.body_start:reply.framing.body_end]
        if issue.question and (
                _DIRECT_ANSWER.search(body)
                or (_YES_OR_NO_OPENING.match(body)
                    and _YES_NO_QUESTION.search(issue.message.lower))):
            return ()
        if _STATUS_UPDATE.search(body):
            return ()
        if deflects and self._asks_for_contact(customer):
            return ()  # they asked how to reach support; naming the channel answers it
        start, end = reply.framing.body_start, reply.framing.body_end
        if start >= end:
            start, end = 0, len(reply.text)
        return (Finding(
            start, end,
            "The reply never mentions the customer's problem: name what they reported "
            "(the product, fault, order or flight) or answer their question."),)


@dataclass(frozen=True, slots=True)
class _Issue:
    """The customer's side of the comparison, read once per message."""

    message: MessageTerms
    brand: frozenset[str]  # words of the brand's own name
    asked: frozenset[str]  # the message's content terms, brand words removed
    question: bool
