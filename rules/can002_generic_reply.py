"""CAN002 generic-reply."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from linter.config import Config, ConfigError
from linter.diagnostic import Finding, Severity
from linter.reply import Reply

from ._canned_matcher import PhraseMatcher, TemplateError, cached_matcher
from .base import Example, Rule

# What is never about the customer's case: links, handles, hashtags, thread counters,
# phone numbers and opening hours ("1-800-555-0100 (8a-5p PT, M-F)", "24/7"). Each
# pattern starts with a literal or a character class, so sre scans for it at C speed
# (one alternation of them all tries every branch at every character: ten times slower).
# Those that can cover letters come first (the fast path in `_plainly_specific` needs
# them); the others cover only digits and punctuation, except the "a"/"p" of "8a-5p"
# and the "x" of "24x7", all at the start of a word.
_LETTER_NOISE = (
    ("http", re.compile(r"https?://\S+")),
    ("www.", re.compile(r"www\.\S+")),
    ("@", re.compile(r"@[\w.\-]+")),
    ("＠", re.compile(r"＠[\w.\-]+")),
    ("#", re.compile(r"#[\w.\-]+")),
    ("&", re.compile(r"&(?:amp|gt|lt|quot|nbsp);")),
)
_LETTER_NOISE_NEEDLE = re.compile("|".join(re.escape(needle) for needle, _ in _LETTER_NOISE))
_NOISE = (
    *_LETTER_NOISE,
    ("/", re.compile(r"[(\d]\d{0,2}\s*/\s*\d{1,2}\b\)?")),  # 1/2, (2/2), 24/7
    ("", re.compile(r"[+(\d][\d\s().\-]{5,}\d")),  # phone numbers
    ("", re.compile(
        r"\d{1,2}(?::\d\d)?\s*[AaPp][Mm]?\b(?:\s*[-–]\s*\d{1,2}(?::\d\d)?\s*[AaPp][Mm]?\b)?")),
    ("24", re.compile(r"24\s*[-x]\s*7\b")),
)
_DIGIT = re.compile(r"\d")
_DIGIT_NOISE_INITIALS = "apx"  # lower-case word starts that the digit patterns can cover

# Agent sign-offs anywhere (multi-tweet replies sign every part): ^JD, *TKR, /SM, ~Sam,
# -Becky, "...have a great day-Mariya". Candidates are found fast, then checked.
_SIGN_MARK = re.compile(r"[\^*/~\-–—]\s?[A-Za-z][\w.]{0,24}")
_SIGN_MARK_CHAR = re.compile(r"[\^*/~\-–—]")

# A name addressed or signed: "Hi Dana,", ", Andrew.", "Regards, Vicky", a lone last "Steven".
_GREETING_NAME = re.compile(
    r"(?i:\b(?:hi|hey|hello|dear|morning|thanks|thank\s+you|thx|ty|sorry|regards|cheers|best"
    r"|welcome))[,\s]+[A-Z][A-Za-z'’]+(?=\s*(?:[,.!?:;)\-–—]|$))")
_COMMA_NAME = re.compile(r",\s*[A-Z][a-z'’]+(?=\s*(?:[.!?,;:]|$))")
_LEADING_NAME = re.compile(r"\s*[A-Z][a-z'’]+\s*,")
_TRAILING_NAME = re.compile(r"(?<=[.!?:;)])\s+[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?\s*\.?\s*$")
_EDGE = 60  # greetings and sign-offs sit in the first and last few words
# What any _GREETING_NAME match contains from its last separator on: scanning for it
# is cheap (a character-class prefix), while the case-insensitive greeting branch tried
# at every position is not, so that runs only where this is found.
_GREETING_NAME_HINT = re.compile(r"[,\s][A-Z][A-Za-z'’]+(?=\s*(?:[,.!?:;)\-–—]|$))")
# Likewise _TRAILING_NAME from the character its lookbehind looks at (which may sit
# just before where its search starts).
_TRAILING_NAME_HINT = re.compile(r"[.!?:;)]\s+[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?\s*\.?\s*$")


def _noise_spans(text: str) -> Iterator[tuple[int, int]]:
    has_digit = _DIGIT.search(text) is not None
    for needle, pattern in _NOISE:
        # A substring test is far cheaper than a scan; "" marks the digit patterns.
        if (needle in text) if needle else has_digit:
            for match in pattern.finditer(text):
                yield match.span()
    yield from _sign_spans(text)


def _letter_noise_spans(text: str) -> Iterator[tuple[int, int]]:
    for needle, pattern in _LETTER_NOISE:
        if needle in text:
            for match in pattern.finditer(text):
                yield match.span()


def _sign_spans(text: str) -> Iterator[tuple[int, int]]:
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


# How the greeting of a _GREETING_NAME match ends ("thank you" in "you").
_GREETING_ENDINGS = ("hi", "hey", "hello", "dear", "morning", "thanks", "you", "thx", "ty",
                     "sorry", "regards", "cheers", "best", "welcome")


def _may_greet_a_name(text: str, pos: int, endpos: int) -> bool:
    """False when _GREETING_NAME cannot match in text[pos:endpos]: no name-like word
    (_GREETING_NAME_HINT) there comes right after a greeting word and separators.
    (Text that is not ASCII may case-fold in other ways: it is always searched.)"""
    for hint in _GREETING_NAME_HINT.finditer(text, pos, endpos):
        if not text.isascii():
            return True
        end = hint.start()  # the last separator: walk back over them, then the word
        while end > pos and (text[end - 1] == "," or text[end - 1].isspace()):
            end -= 1
        start = end
        while start > pos and text[start - 1].isalpha():
            start -= 1
        if text[start:end].lower().endswith(_GREETING_ENDINGS):
            return True
    return False


def _name_spans(text: str) -> Iterator[tuple[int, int]]:
    tail = max(0, len(text) - _EDGE)
    if _may_greet_a_name(text, 0, _EDGE):
        for match in _GREETING_NAME.finditer(text, 0, _EDGE):
            yield match.span()
    if _may_greet_a_name(text, tail, len(text)):
        for match in _GREETING_NAME.finditer(text, tail):
            yield match.span()
    for match in _COMMA_NAME.finditer(text):
        yield match.span()
    leading = _LEADING_NAME.match(text)
    if leading:
        yield leading.span()
    trailing = _TRAILING_NAME_HINT.search(text, max(0, tail - 1)) and _TRAILING_NAME.search(
        text, tail)
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
    uses = ("canned",)
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
        self._known = _known_words(self._scaffolding.vocabulary)
        self._known_any_case = _any_case(self._known)

    def check(self, reply: Reply) -> Iterator[Finding]:
        start, end = reply.framing.body_start, reply.framing.body_end
        body = reply.text[start:end]
        if (not body.strip()
                or _plainly_specific(body, self._known_any_case, self._scaffolding.vocabulary)
                or specific_words(body, self._scaffolding)):
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
    text = _blank(body, _noise_spans(body))
    if _only_generic_words(text) and not _cuttable(text):
        # Every word is generic already (so none is uncoverable either), and no blanking
        # below can cut one into a piece that is not (see `_cuttable`): names, phrases
        # and the second name pass could only take words away, so skip them (two in
        # five of the replies that get here on the corpus).
        return _link_words(body)
    vocabulary = scaffolding.vocabulary
    if _has_uncoverable_word(text, vocabulary, _known_words(vocabulary)):
        return ["(a word no generic phrase contains)"]
    # Names on the untouched text: "Hi Dana" needs the "Hi".
    text = _blank(text, _name_spans(body))
    if not _has_unknown_word(text) and not _cuttable(text):
        # Only generic words are left, and blanking more only takes words away: the
        # matcher and the second name pass cannot change the answer, so skip them.
        return _link_words(body)
    text = _blank(text, ((m.start, m.end) for m in scaffolding.matches(body)))
    text = _blank(text, _name_spans(text.rstrip()))  # a name left last once the closing is gone
    return _unknown_words(text) + _link_words(body)


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with each span turned into spaces (offsets stay put). A reply has a few
    spans: slicing the string for each is cheaper than a list of its characters."""
    for start, end in spans:
        text = f"{text[:start]}{' ' * (end - start)}{text[end:]}"
    return text


# Where blanking a span could cut a word in two and leave a non-generic piece: a hyphen
# inside a word (a phrase match or a greeting's name may end there) and a greeting
# word right after an apostrophe (_GREETING_NAME starts at a \b).
# (Two patterns, each led by a literal or a small class, so sre scans for them fast.)
_HYPHEN_IN_WORD = re.compile(r"-(?<=[A-Za-z'’]-)(?=[A-Za-z])")
_GREETING_AFTER_APOSTROPHE = re.compile(
    r"['’](?i:hi|hey|hello|dear|morning|thank|thx|ty|sorry|regards|cheers|best|welcome)")


def _cuttable(text: str) -> bool:
    return bool(("-" in text and _HYPHEN_IN_WORD.search(text))
                or (("'" in text or "’" in text) and _GREETING_AFTER_APOSTROPHE.search(text)))


def _plainly_specific(body: str, known: frozenset[bytes], vocabulary: frozenset[str]) -> bool:
    """Whether `_has_uncoverable_word` holds once noise is blanked, decided without
    blanking it: most replies are specific, and one plain word of theirs says so.

    A lower-case word outside the generic words and every template is uncoverable; it
    counts here only where no noise can touch it: no link, handle, entity or sign-off
    span overlaps it, and it does not start like the "8a"/"24x7" a digit pattern can
    swallow. Blanking noise elsewhere leaves such a word as it is, so the blanked text
    has it too. Anything else (names, numbers, words near noise) is left to the full
    check, which may still find the reply specific.

    The words are cut as bytes (runs of ASCII letters, apostrophes and hyphens), and a
    known one (`known`: generic and template words, in any case) costs one set test.
    """
    text = body if body.isascii() else body.replace("’", "'")  # same length
    has_digit: bool | None = None
    noise: _NoiseNear | None = None
    # In reply order: the first few words usually settle it.
    for run in text.encode().translate(_LETTER_RUN_BYTES).split():
        # A run _WORD finds whole, starting lower-case (else a name: the full check).
        # Without a hyphen, any run that starts with a letter is one whole word.
        if run in known or not 97 <= run[0] <= 122 or (
                b"-" in run and not _PLAIN_WORD.fullmatch(run)):
            continue
        word = run.decode("ascii")
        if not run.islower() or b"-" in run:  # else: not known, so not generic either
            folded = word.lower()
            if folded in _GENERIC_WORDS or all(p in vocabulary for p in folded.split("-")):
                continue
        if word[0] in _DIGIT_NOISE_INITIALS:
            if has_digit is None:
                has_digit = _DIGIT.search(body) is not None
            if has_digit:
                continue
        if noise is None:
            noise = _NoiseNear(body)
        if noise.leaves_a_whole(text, word):
            return True
    return False


# Runs of what _WORD words are made of (ASCII letters, apostrophes, hyphens) as bytes;
# every other byte (non-ASCII ones too) a space. A run that _PLAIN_WORD matches whole
# is exactly one _WORD word, wherever it occurs; any run holds whole _WORD words only.
_LETTER_RUN_BYTES = bytes(
    code if chr(code).isascii() and (chr(code).isalpha() or chr(code) in "'-") else ord(" ")
    for code in range(256))
_LOWER_RUN_BYTES = _LETTER_RUN_BYTES.lower()
_PLAIN_WORD = re.compile(rb"[a-z][A-Za-z']*(?:-[A-Za-z]+)*")
_ONE_WORD = re.compile(rb"[A-Za-z][A-Za-z']*(?:-[A-Za-z]+)*")
_DIGITS = re.compile(r"\d+")


def _runs(text: str, table: bytes) -> set[bytes]:
    """The letter runs of `text` (see _LETTER_RUN_BYTES), curly apostrophes straight."""
    if not text.isascii():
        text = text.replace("’", "'")
    return set(text.encode().translate(table).split())


_RUN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'-")


class _NoiseNear:
    """The noise spans of a body that can cover letters, found when first needed.

    Every such span lies within one run of non-space characters, or (a sign-off's
    mark) starts at most two characters before it: the run around a word is checked
    for the characters that start a span before the whole body is scanned.
    """

    __slots__ = ("_body", "_letter_noise", "_signs")

    def __init__(self, body: str) -> None:
        self._body = body
        self._letter_noise: list[tuple[int, int]] | None = None
        self._signs: list[tuple[int, int]] | None = None

    def leaves_a_whole(self, text: str, word: str) -> bool:
        """Whether `word` occurs in `text` as a whole run of _RUN_CHARS that no noise
        span touches (`text` is the body, index for index)."""
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if ((not start or text[start - 1] not in _RUN_CHARS)
                    and (end == len(text) or text[end] not in _RUN_CHARS)
                    and not self._touches(start, end)):
                return True
            start = text.find(word, start + 1)
        return False

    def _touches(self, start: int, end: int) -> bool:
        body = self._body
        # The start of the run of non-spaces around the word, or earlier (only ASCII
        # spaces are looked for: an earlier start only makes the test stricter).
        run_start = max(body.rfind(" ", 0, start), body.rfind("\n", 0, start),
                        body.rfind("\t", 0, start)) + 1
        # A link, handle, hashtag or entity starts with a needle at most 4 long.
        if _LETTER_NOISE_NEEDLE.search(body, run_start, end + 4):
            if self._letter_noise is None:
                self._letter_noise = [span for needle, pattern in _LETTER_NOISE
                                      if needle in body for span in _spans(pattern, body)]
            if _overlaps(self._letter_noise, start, end):
                return True
        # A sign-off starts at a mark, followed by at most one space.
        if _SIGN_MARK_CHAR.search(body, max(0, run_start - 2), end):
            if self._signs is None:
                self._signs = list(_sign_spans(body))
            return _overlaps(self._signs, start, end)
        return False


def _spans(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    return (match.span() for match in pattern.finditer(text))


@lru_cache(maxsize=16)
def _known_words(vocabulary: frozenset[str]) -> frozenset[bytes]:
    """Generic and template words as runs (bytes) that are one lower-case _WORD word:
    a run among them holds no uncoverable word."""
    return _plain_runs(_GENERIC_WORDS | vocabulary)


@lru_cache(maxsize=16)
def _any_case(known: frozenset[bytes]) -> frozenset[bytes]:
    """`known` also capitalised and in capitals ("Please", "DM"): such runs are skipped
    by `_plainly_specific` anyway, and dropping them as a set is cheaper."""
    return known | {word.capitalize() for word in known} | {word.upper() for word in known}


def _plain_runs(words: frozenset[str]) -> frozenset[bytes]:
    return frozenset(word.encode() for word in words
                     if word.isascii() and _PLAIN_WORD.fullmatch(word.encode()))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(span_start < end and start < span_end for span_start, span_end in spans)


def _has_uncoverable_word(text: str, vocabulary: frozenset[str],
                          known: frozenset[bytes]) -> bool:
    """A lower-case word outside the generic words and outside every scaffolding
    template: nothing can remove it, so the reply is specific. (Capitalised words
    are left to the slow path: they may be names.)

    The letter runs are cut as bytes and the `known` ones dropped as a set; a plain
    lower-case run left is such a word, other runs are split into _WORD words.
    """
    for run in _runs(text, _LETTER_RUN_BYTES).difference(known):
        if _ONE_WORD.fullmatch(run):
            if run[0] < 97:
                continue  # capitalised
            if run.islower() and b"-" not in run:
                return True  # one lower-case word, neither generic nor a template word
            words = [run.decode()]
        else:
            words = _WORD.findall(run.decode())
        if any(_uncoverable(word, vocabulary) for word in words):
            return True
    return bool(_DIGIT.search(text)) and any(
        _uncoverable(word, vocabulary) for word in _DIGITS.findall(text))


def _uncoverable(word: str, vocabulary: frozenset[str]) -> bool:
    folded = word.lower().replace("’", "'")
    if folded in _GENERIC_WORDS or word[0].isupper():
        return False
    # A _WORD word joins its pieces with single hyphens: split() finds them all.
    return any(piece not in vocabulary for piece in folded.split("-"))


def _unknown_words(text: str) -> list[str]:
    if not _has_unknown_word(text):
        return []  # most texts that get here: the generic ones
    return [word for word in _WORD.findall(text)
            if word.lower().replace("’", "'") not in _GENERIC_WORDS]


_GENERIC_RUNS = _plain_runs(_GENERIC_WORDS)


def _only_generic_words(text: str) -> bool:
    """Each letter run is one generic word and there is no digit: a cheap sufficient test
    for `not _has_unknown_word(text)` (set inclusion, no per-word loop)."""
    return _DIGIT.search(text) is None and _runs(text, _LOWER_RUN_BYTES) <= _GENERIC_RUNS


def _has_unknown_word(text: str) -> bool:
    """Whether `_unknown_words(text)` has any: on lower-cased letter runs as bytes."""
    if _DIGIT.search(text):
        return True  # a number is never a generic word
    return any(word not in _GENERIC_WORDS
               for run in _runs(text, _LOWER_RUN_BYTES).difference(_GENERIC_RUNS)
               for word in _WORD.findall(run.decode()))


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
