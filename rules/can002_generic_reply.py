"""CAN002 generic-reply."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.config import Config, ConfigError
from linter.diagnostic import Finding, Severity
from linter.reply import Reply

from ._canned_matcher import PhraseMatcher, TemplateError, cached_matcher
from .base import Example, Rule

# What is never about the customer's case: links, handles, hashtags, thread counters,
# phone numbers and opening hours ("1-800-555-0100 (8a-5p PT, M-F)", "24/7"). Each
# pattern starts with a literal or a character class, so sre scans for it at C speed
# (one alternation of them all tries every branch at every character: ten times slower).
_NOISE = (
    ("http", re.compile(r"https?://\S+")),
    ("www.", re.compile(r"www\.\S+")),
    ("@", re.compile(r"@[\w.\-]+")),
    ("＠", re.compile(r"＠[\w.\-]+")),
    ("#", re.compile(r"#[\w.\-]+")),
    ("/", re.compile(r"[(\d]\d{0,2}\s*/\s*\d{1,2}\b\)?")),  # 1/2, (2/2), 24/7
    ("", re.compile(r"[+(\d][\d\s().\-]{5,}\d")),  # phone numbers
    ("", re.compile(
        r"\d{1,2}(?::\d\d)?\s*[AaPp][Mm]?\b(?:\s*[-–]\s*\d{1,2}(?::\d\d)?\s*[AaPp][Mm]?\b)?")),
    ("24", re.compile(r"24\s*[-x]\s*7\b")),
    ("&", re.compile(r"&(?:amp|gt|lt|quot|nbsp);")),
)
_DIGIT = re.compile(r"\d")

# Agent sign-offs anywhere (multi-tweet replies sign every part): ^JD, *TKR, /SM, ~Sam,
# -Becky, "...have a great day-Mariya". Candidates are found fast, then checked.
_SIGN_MARK = re.compile(r"[\^*/~\-–—]\s?[A-Za-z][\w.]{0,24}")

# A name addressed or signed: "Hi Dana,", ", Andrew.", "Regards, Vicky", a lone last "Steven".
_GREETING_NAME = re.compile(
    r"(?i:\b(?:hi|hey|hello|dear|morning|thanks|thank\s+you|thx|ty|sorry|regards|cheers|best"
    r"|welcome))[,\s]+[A-Z][A-Za-z'’]+(?=\s*(?:[,.!?:;)\-–—]|$))")
_COMMA_NAME = re.compile(r",\s*[A-Z][a-z'’]+(?=\s*(?:[.!?,;:]|$))")
_LEADING_NAME = re.compile(r"\s*[A-Z][a-z'’]+\s*,")
_TRAILING_NAME = re.compile(r"(?<=[.!?:;)])\s+[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?\s*\.?\s*$")
_EDGE = 60  # greetings and sign-offs sit in the first and last few words


def _noise_spans(text: str) -> Iterator[tuple[int, int]]:
    has_digit = _DIGIT.search(text) is not None
    for needle, pattern in _NOISE:
        # A substring test is far cheaper than a scan; "" marks the digit patterns.
        if (needle in text) if needle else has_digit:
            for match in pattern.finditer(text):
                yield match.span()
    for match in _SIGN_MARK.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start else " "
        if text[start] in "^*/~":
            if before.isspace() or before in ".!?":
                yield start, end
        elif (before.isspace() and match.group()[-1:].isalpha()
              and re.match(r"[\-–—]\s?[A-Z]", match.group())):
            yield start, end
        elif not text[end:].strip() and re.match(r"[\-–—]\s?[A-Z][a-z]*$", match.group()):
            yield start, end


def _name_spans(text: str) -> Iterator[tuple[int, int]]:
    tail = max(0, len(text) - _EDGE)
    for match in _GREETING_NAME.finditer(text, 0, _EDGE):
        yield match.span()
    for match in _GREETING_NAME.finditer(text, tail):
        yield match.span()
    for match in _COMMA_NAME.finditer(text):
        yield match.span()
    leading = _LEADING_NAME.match(text)
    if leading:
        yield leading.span()
    trailing = _TRAILING_NAME.search(text, tail)
    if trailing:
        yield trailing.span()


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\d+")

# Words that can appear in a reply to anyone about anything: function words, the
# vocabulary of asking for details and passing the case on, and generic support nouns.
# Anything outside this list (a product, a fault, a place, a step) makes a reply specific.
_GENERIC_WORDS = frozenset("""
a about above after again ago all also am an and any anything are as asap at away back be
been being best better bit both but by can cannot can't could did do does doing done don't
each either else ever every everything exactly few for from further get gets getting give
go going got had has have having he her here hers him his how i i'd i'll i'm i've if in into
is isn't it it's its just keep know last let let's like ll made make may me might mind more
most much must my myself need needs new next no not now of off oh ok okay on once one only or
other our ours out over own per please pls plz re right same see seeing shall she should so
some something soon still such sure than that that's the their them then there there's these
they this those through to too up upon us very via was way we we'd we'll we're we've well
were what what's when where whether which while who why will with within without would yet
you you'd you'll you're you've your yours yourself s t d m ve

hi hey hello dear greetings there morning afternoon evening day great good nice wonderful
lovely thanks thank thx ty welcome cheers regards kind kindly wow ah alright yikes oops
sorry apologize apologise apologies apology regret unfortunately afraid sincerely truly
really definitely certainly absolutely completely totally totally so glad happy pleased
delighted love hate want wanted wish hope hoping hear hearing heard understand understood
appreciate appreciated feel feeling frustrating frustration frustrated inconvenience
inconvenienced trouble troubles hassle concern concerns concerned concerning confusion
disappointing disappointed experience experiencing experienced caused cause

help helping helped assist assisting assistance assisted support supporting service
services care team teams member members agent agents specialist specialists expert experts
colleague colleagues staff department rep representative someone somebody anyone folks
people crew

issue issues problem problems situation matter matters case cases question questions query
queries inquiry enquiry request requests feedback input comment comments details detail
info information more additional further specifics particular exact exactly whatever
what's happening happened happen going

dm dms direct directly message messages messaging private privately pm inbox note notes
follow following followed send sending sent shoot drop reach reaching reached out contact
contacting contacted touch connect connecting chat chatting talk talking speak speaking
tweet tweets tweeting twitter call calling give line phone number numbers email e-mail
emails address username user name full account accounts registered associated id
reference confirmation code link form ticket submit submitting fill provide providing share
sharing tell telling told include including attach attached let know letting aware

look looking looked looks check checking checked review reviewing reviewed investigate
investigating investigation escalate escalated escalating follow-up pass passed passing
forward forwarded refer referred loop looping handle handling resolve resolved resolving
resolution sort sorted sorting closer quick quickly shortly promptly right
away asap possible able unable sure assure assured rest advised advise inform informed
noted note record recorded relevant right appropriate respective correct proper priority
value valued valuable important customer customers

today tomorrow meantime moment time times soon shortly while lookout

pt et est pst cst cet gmt bst m-f mon-fri mon fri monday friday weekdays hours open

confirm confirming take taking taken ask asked asking access reply replied replies respond
responded response recommend recommended suggest suggested use using instructions proceed
regarding related pertaining partner dig deeper available availability found find
useful helpful clarify clarification clarifying option options remember forget worry
worries hesitate anyway another together begin start started posted updated update
updates mind dial e-mail expert stand stands assure social media running into they're
they'll they've they'd he's she's documentation guide article articles steps step
troubleshoot troubleshooting
""".split())


class GenericReply(Rule):
    """
    ## What it does
    Flags a reply that could be sent, unchanged, to any customer about any problem:
    once the greeting, the names, the signature, the canned phrases, the request to
    DM an account email or a booking reference, the generic empathy and the closing
    are taken away, nothing about this customer's case is left.

    A reply that names the product, the fault, the order, the place or the step to
    take is not generic, and neither is a template for one kind of problem (an outage
    statement, an error-code triage).

    ## Why is this bad?
    The customer wrote about something. A reply that could have been sent to anyone
    tells them, in public, that nobody read it, and it costs them another round trip
    before anything happens.

    ## Example
    ```
    Sorry to hear that! Please DM us your account's email address and we'll help. ^JD
    ```

    ## Use instead
    ```
    Sorry the refund for the blue kettle hasn't arrived. DM us your account email and
    I'll check where it is. ^JD
    ```
    """

    code = "CAN002"
    name = "generic-reply"
    summary = "The whole reply could be sent to any customer about any problem."
    # Info, not warning: "generic" is a judgement about the whole reply and the rule
    # cannot see what the customer's message needed; some stock replies (a bare "DM
    # us" to a customer who asked how to reach you) are the right answer.
    default_severity = Severity.INFO
    label = "generic_reply"
    bad_examples = (
        Example("Sorry to hear that! Please DM us and we'll help. ^JD"),
        Example("@acme_help Hi there, thanks for reaching out. Please send us a DM with your "
                "account's email address so we can take a closer look. -Sam"),
        Example("We apologize for any inconvenience. Please give us a call at 1-800-555-0100 "
                "(8a-5p PT, M-F) for further assistance."),
        Example("Hey Dana! Could you DM us your confirmation number? We'll look into it. ^AB"),
    )
    good_examples = (
        Example("Sorry your parcel is late. DM us the order number, I'll chase the courier. ^JD"),
        Example("The app crashes on Android 14 after the update; a fix ships tonight. -Sam"),
        Example("Try restarting the router, then check whether the lights turn green. ^AB"),
        Example("Thanks for reaching out. Which version of Windows are you on? ^KT"),
    )

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        # The team's own canned phrases are scaffolding too; `allow` does not make a
        # phrase specific, so it is not applied here.
        try:
            self._scaffolding = cached_matcher(config.canned.extra,
                                               tables=("phrase", "boilerplate"))
        except TemplateError as error:
            raise ConfigError(str(error), config.source, "canned.extra") from None

    def check(self, reply: Reply) -> Iterator[Finding]:
        start, end = reply.framing.body_start, reply.framing.body_end
        body = reply.text[start:end]
        if not body.strip() or specific_words(body, self._scaffolding):
            return
        while end > start and reply.text[end - 1].isspace():
            end -= 1
        yield Finding(
            start, end,
            "Generic reply: nothing in it is about this customer's case. Name the product, "
            "the problem or the next step for them.")


def specific_words(body: str, scaffolding: PhraseMatcher) -> list[str]:
    """Words of `body` that nothing generic accounts for; empty for a generic reply.

    Cheap removals first (links, numbers, sign-offs, names). A word that no scaffolding
    template contains can never be removed, so the reply is specific without running
    the phrase matcher, which is most replies.
    """
    kept = list(body)

    def blank(spans: Iterator[tuple[int, int]]) -> str:
        for start, end in spans:
            kept[start:end] = " " * (end - start)
        return "".join(kept)

    text = blank(_noise_spans(body))
    if _has_uncoverable_word(text, scaffolding.vocabulary):
        return ["(a word no generic phrase contains)"]
    text = blank(_name_spans(body))  # on the untouched text: "Hi Dana" needs the "Hi"
    text = blank((m.start, m.end) for m in scaffolding.finditer(body))
    text = blank(_name_spans(text.rstrip()))  # a name left last once the closing is gone
    return _unknown_words(text) + _link_words(body)


def _has_uncoverable_word(text: str, vocabulary: frozenset[str]) -> bool:
    """A lower-case word outside the generic words and outside every scaffolding
    template: nothing can remove it, so the reply is specific. (Capitalised words
    are left to the slow path: they may be names.)"""
    for word in _WORD.findall(text):
        folded = word.lower().replace("’", "'")
        if folded in _GENERIC_WORDS or word[0].isupper():
            continue
        if any(piece not in vocabulary for piece in _PIECE.findall(folded)):
            return True
    return False


_PIECE = re.compile(r"[\w']+")


def _unknown_words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text)
            if word.lower().replace("’", "'") not in _GENERIC_WORDS]


# Link paths that only say "contact us" or "open a ticket".
_GENERIC_LINK_WORDS = frozenset("""
web archive org www http https com net help support hc en us en-us gb uk categories category
requests request new contact contactus contact-us contact-hp submit ticket form forms case
cases html htm php aspx index home page article articles answer answers kb community
""".split())
_LINK = re.compile(r"https?://\S+|www\.\S+")
_LINK_WORD = re.compile(r"[a-z]{3,}")


def _link_words(body: str) -> list[str]:
    """Words from readable link paths ("someone-has-gained-access-to-my-account"):
    a link to the article that answers the question is specific. t.co links are opaque."""
    words: list[str] = []
    for link in _LINK.findall(body):
        target = link.rsplit("://", 1)[-1]  # an archived link wraps the real one
        if "/" not in target or target.startswith(("t.co/", "bit.ly/", "goo.gl/")):
            continue
        path = target.split("/", 1)[1]
        words += [w for w in _LINK_WORD.findall(path.lower().split("?", 1)[0])
                  if w not in _GENERIC_LINK_WORDS and w not in _GENERIC_WORDS]
    return words
