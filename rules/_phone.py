"""Shared detection for the deflection rules (DFL001-DFL003): phone lines, opening hours,
offers to keep helping on this channel, acknowledgement of the customer's issue, and the
channel a customer explicitly asked for.

Everything here works on plain strings with precompiled regular expressions: the rules run
on every reply, and the catalogue must lint thousands of replies a second.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).parent / "data" / "deflection.toml"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the reply: [start, end) character offsets and what was found there."""

    start: int
    end: int
    kind: str


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """The phrase lists in rules/data/deflection.toml, read once per process."""
    with DATA_FILE.open("rb") as handle:
        return tomllib.load(handle)


def phrase_pattern(phrases: Iterable[str]) -> str:
    """An alternation of literal phrases (longest first), spaces matching any whitespace."""
    escaped = [re.escape(p.strip()).replace(r"\ ", r"\s+") for p in phrases if p.strip()]
    return "(?:" + "|".join(sorted(set(escaped), key=len, reverse=True)) + ")"


# --- sentences and clauses ---------------------------------------------------------------

# Sentence ends: ., ! or ? followed by space (dots inside links and numbers are not followed
# by a space), line breaks, and thread counters such as "1/2".
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|\s\(?\d{1,2}/\d{1,2}\)?\s")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    for start, end in sentences(text):
        if start <= offset < end:
            return start, end
    return 0, len(text)


# Where a clause starts: punctuation, or a conjunction that opens a new clause.
_CLAUSE_BOUNDARY = re.compile(
    r"[.!?;:\n(),]|&gt;|\b(?:and|but|or|so|then|if|once|otherwise|however)\b", re.IGNORECASE)

# The agent (or the company) is the one acting: "we'll submit a request", "I've called the
# store". Not a switch: the customer goes nowhere.
_AGENT_SUBJECT = re.compile(
    r"\b(?:we|i|we've|i've|we'll|i'll|we're|i'm|we'd|i'd|our\s+team|they'll|they\s+will)\b",
    re.IGNORECASE)
# ...unless the clause tells the customer to act ("we recommend you contact...").
_DIRECTIVE = re.compile(
    r"\b(?:you|please|pls|plz|kindly|recommend\w*|suggest\w*|advis\w*|encourag\w*|ask|"
    r"request|invite|need\s+to|have\s+to|let's|lets)\b", re.IGNORECASE)
# A question about the past, not an instruction: "when did you last visit the store?".
_PAST_QUESTION = re.compile(
    r"\b(?:did|were|was|had|has)\s+(?:you|they|u)\b|\bhave\s+(?:you|they|u)\s+(?!(?:tried|contacted|reached|checked|called|visited)\b)"
    r"|\bare\s+(?:you|u)\b|\bwhen\b|\bwhich\b|\bwhether\b"
    r"|(?<!have\s)\byou\s+(?:did|had|went|visited|called|contacted|spoke|were)\b", re.IGNORECASE)


_QUOTED = re.compile(r'"[^"\n]{0,60}"|\u201c[^\u201d\n]{0,60}\u201d')


def clause_before(text: str, start: int, limit: int = 80) -> str:
    """The words of the clause that lead up to `start` (at most `limit` characters)."""
    window_start = max(0, start - limit)
    # Quoted words are a label the customer clicks ("select 'I still need help'"), not a subject.
    window = _QUOTED.sub(" ", text[window_start:start])
    clause_start = 0
    for boundary in _CLAUSE_BOUNDARY.finditer(window):
        clause_start = boundary.end()
    return window[clause_start:]


def is_agent_action(text: str, start: int) -> bool:
    """True when the clause before `start` has the agent, not the customer, doing it."""
    clause = clause_before(text, start)
    return bool(_AGENT_SUBJECT.search(clause)) and not _DIRECTIVE.search(clause)


def is_past_question(text: str, start: int) -> bool:
    # The first words of the match itself tell "have you tried..." from "have you been...".
    return bool(_PAST_QUESTION.search(clause_before(text, start) + text[start:start + 12]))


# --- links -------------------------------------------------------------------------------

LINK = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)


def link_spans(text: str) -> list[tuple[int, int]]:
    if "http" not in text and "www" not in text and "HTTP" not in text and "WWW" not in text:
        return []  # plain substring tests are far cheaper than a regex scan
    return [m.span() for m in LINK.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


# --- phone numbers -----------------------------------------------------------------------

_S = r"[ \t.\-\u2010\u2011\u2013\u2014]"  # separators inside a number: space, dot, dashes
_NO_LEFT = r"(?<![\w.+/#=&@\-\u2013])"  # not the tail of a longer token, link or reference
_NO_RIGHT = r"(?![\w@]|/\d|[.,\-]\d)"

_NUMBER_PATTERNS = [
    # International: +44 (0) 20 7660 4452, +66 2 515 9999, + 43 (0)1 360 277 3461, (+234) 70 ...
    rf"(?:\+\s?\d{{1,4}}|\(\+\d{{1,4}}\))(?:\s?\(0\)\s?|{_S}?)\(?\d{{1,5}}\)?(?:{_S}?\d{{2,5}}){{0,4}}",
    # North American: 1-800-379-6453, 800.806.6453, 1 (800) 642 7676, (781) 592-4300
    rf"(?:0?1{_S}?)?(?:\(\d{{3}}\)\s?|\d{{3}}{_S})\d{{3}}{_S}\d{{4}}",
    # National trunk numbers with at least one separator: 0800 323 4040, 0120-999-373
    rf"0\d{{2,4}}{_S}\d{{3,4}}(?:{_S}?\d{{3,4}})?",
    # Toll-free blocks: 1800 123 456, 1300 65 65 65, 1600 85 8888
    rf"1[368]00{_S}\d{{2,4}}{_S}\d{{2,4}}(?:{_S}\d{{2,4}})?",
]
_NUMBER = re.compile(_NO_LEFT + "(?:" + "|".join(_NUMBER_PATTERNS) + ")" + _NO_RIGHT)
# Letters in a number (1-800-FLY-DELTA): upper case only, so this one is case-sensitive.
_VANITY = re.compile(
    _NO_LEFT + rf"(?:1{_S})?8(?:00|33|44|55|66|77|88){_S}(?=[A-Z0-9\-\u2013]*[A-Z])"
    rf"[A-Z0-9]{{2,}}(?:{_S}[A-Z0-9]{{2,}}){{0,2}}(?![\w])")
# Bare digit runs (8008140085, 03445565650) count only right after a phone cue.
_CUED_NUMBER = re.compile(
    r"\b(?:call(?:ing)?|dial(?:l?ing)?|ring(?:ing)?|phone|tel|telephone|hotline|helpline|"
    r"(?:phone|telephone|contact|direct\s+dial|toll[- ]free|support|our|their|this|the)\s+"
    r"number|reached|reach\s+(?:us|them)|contact(?:ed)?|cent(?:er|re)|line)\b"
    r"[^\d\n.!?]{0,20}?"
    r"(?P<number>(?<![\w#])\+?\(?\d[\d ()\-\u2013]{5,18}\d)(?![\w/@]|[.,]\d)",
    re.IGNORECASE)
_CUES = frozenset("call calling dial dialing dialling ring ringing phone tel telephone hotline "
                  "helpline number reached reach contact contacted center centre line".split())
_DIGIT = re.compile(r"\d")
_DIGIT_RUN_BEFORE = re.compile(r"\d[ .\-]$")
_DIGIT_RUN_AFTER = re.compile(r"[ .\-]?\d")
_REFERENCE_BEFORE = re.compile(
    r"\b(?:order|ref(?:erence)?|case|ticket|tracking|confirmation|booking|account|acct|"
    r"transaction|serial|invoice|receipt|claim|policy|member(?:ship)?|loyalty|sr|pnr|record|"
    r"waybill|consignment|model|part|id|pin|zip|postcode|dpci|sku)\s*(?:no\.?|number|num|#|id|"
    r"ref)?\s*(?:is\s+|was\s+)?[:#.]?\s*$",
    re.IGNORECASE)


@lru_cache(maxsize=1)
def _own_number_before() -> re.Pattern[str]:
    cues = phrase_pattern(data()["phone"]["own_number_cues"])
    return re.compile(rf"(?:{cues}|\bdm\b[^.!?]{{0,30}}|\bshare\b[^.!?]{{0,30}})"
                      r"(?:[^.!?\d]|\b(?:e\.g|i\.e)\.){0,25}$", re.IGNORECASE)


def _digit_count(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def phone_numbers(text: str) -> list[Span]:
    """Phone numbers in `text` that name a line to call (not the customer's own number,
    order or tracking numbers, dates, prices or times)."""
    digits = len(_DIGIT.findall(text))
    if digits < 4:
        return []  # too few digits for any phone number: skip the expensive patterns
    found = [m.span() for m in _VANITY.finditer(text)]  # 1-800-FLY-ACME has only four
    if digits >= 7:
        found += [m.span() for m in _NUMBER.finditer(text)]
        if not _CUES.isdisjoint(word_set(text)):
            found += [m.span("number") for m in _CUED_NUMBER.finditer(text)]
    if not found:
        return []
    links = link_spans(text)
    spans: list[Span] = []
    own = _own_number_before()
    for start, end in _merge(found):
        number = text[start:end].rstrip(" -.(")
        end = start + len(number)
        if number.startswith("(") and ")" not in number:
            start, number = start + 1, number[1:]  # "(800-300-8514 US)": the bracket is prose
        letters = any(ch.isalpha() for ch in number)
        if not letters and not 7 <= _digit_count(number) <= 15:
            continue
        if _inside(links, start, end):
            continue
        before = text[max(0, start - 60):start]
        if _REFERENCE_BEFORE.search(before) or own.search(before):
            continue
        if _DIGIT_RUN_BEFORE.search(before) or _DIGIT_RUN_AFTER.match(text, end):
            continue  # a slice of a longer digit run: a tracking or card number
        spans.append(Span(start, end, "number"))
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans merged into one, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# --- cheap gates ---------------------------------------------------------------------------

_WORDS = re.compile(r"[a-z]+")


@lru_cache(maxsize=16)
def word_set(text: str) -> frozenset[str]:
    """The lower-case letter runs of `text` ("e-mail" gives "e" and "mail"). Patterns run
    only when their key words are present: most replies never pay for the big regexes.
    Cached because the three deflection rules ask for the same reply in turn."""
    return frozenset(_WORDS.findall(text.lower()))


def words_of(*phrases: str) -> frozenset[str]:
    """Every letter run in `phrases`, for building gates from the phrase lists."""
    return frozenset(w for phrase in phrases for w in _WORDS.findall(phrase.lower()))


@dataclass(frozen=True, slots=True)
class Gated:
    """A regex that is worth running only when each gate shares a word with the reply."""

    kind: str
    regex: re.Pattern[str]
    gates: tuple[frozenset[str], ...] = ()
    agent_check: bool = True  # skip when the agent, not the customer, is the one acting
    past_check: bool = True  # skip "did you visit the store?"

    def applies(self, words: frozenset[str]) -> bool:
        for gate in self.gates:  # a plain loop: this runs for every pattern on every reply
            if gate.isdisjoint(words):
                return False
        return True


# --- call phrases ------------------------------------------------------------------------

_CALL_VERBS = words_of("call calling ring ringing phone phoning dial dialing dialling "
                       "telephone telephoning")


@lru_cache(maxsize=1)
def _call_patterns() -> tuple[Gated, ...]:
    phone = data()["phone"]
    lines = phrase_pattern(phone["line_nouns"])
    targets = phrase_pattern(phone["call_targets"])
    team = (r"(?:team|line|number|hotline|helpline|store|branch|office|desk|department|dept|"
            r"cent(?:er|re)|folks|experts|specialists|colleagues|reservations|support|care|"
            r"hotel|airline|bank|services?|agents?|advisors?)")
    flags = re.IGNORECASE | re.VERBOSE

    def gated(pattern: str, *gates: frozenset[str]) -> Gated:
        return Gated("call", re.compile(pattern, flags), gates)

    return (
        gated(rf"""\b(?:give|gimme)\s+(?:us|them|me|our\s+(?:[\w'&-]+\s+){{0,3}}?{team})\s+a\s+
                  (?:call|ring|buzz|bell)\b""",
              words_of("give gimme"), words_of("call ring buzz bell")),
        gated(rf"""\b(?:call|ring|phone|dial|telephone)(?:ing)?\s+{targets}\b
                  (?!\s+(?:out|back|it|that|this|names?|an?|the)\b)
                  (?:\s+(?:[\w'&-]+\s+){{0,3}}?{team}\b)?
                | \b(?:call|ring|dial)(?:ing)?\s+(?:customer\s+(?:service|care|support)|support)\b
                | \b(?:call|ring|dial)(?:ing)?\s+(?:our|the|your\s+local|their)\s+
                  (?:[\w'&-]+\s+){{0,3}}?{team}\b""",
              _CALL_VERBS),
        gated(r"""\b(?:contact|reach|speak\s+(?:to|with)|talk\s+(?:to|with)|get\s+in\s+touch\s+with
                  |discuss\s+\w+(?:\s+\w+)?)\s+(?:\S+\s+){0,5}?
                  (?:by|via|over\s+the|over|on\s+the)\s+(?:tele)?phone\b""",
              words_of("phone telephone"), words_of("contact reach speak talk touch discuss")),
        gated(r"""\b(?:by\s+|via\s+)?(?:tele)?phone\s+or\s+(?:live\s+)?chat\b
                | \bcall\s*/\s*chat\b | \b(?:call|ring)\s+or\s+chat\b""",
              words_of("chat"), words_of("phone telephone call ring")),
        gated(rf"\b(?:contact|reach|call|ring|try|use|dial)(?:ing)?\s+(?:\S+\s+){{0,4}}?{lines}",
              words_of(*phone["line_nouns"]) - words_of("phone telephone customer"),
              words_of("contact reach call ring try use dial contacting reaching calling ringing "
                       "trying using dialing")),
        gated(r"""(?<!your\s)\b(?:(?:tele)?phone\s+support|support|helpline|hotline|toll[-\s]free
                  |customer\s+(?:service|care))\s+(?:phone\s+)?number\b
                  (?!\s+(?:associated|attached|linked|registered|on\s+(?:your|the)\s+account))""",
              words_of("number"), words_of("support helpline hotline toll customer")),
    )


_THANKS_FOR = re.compile(r"\bfor\s+$", re.IGNORECASE)


def call_phrases(text: str) -> list[Span]:
    """Words that send the customer to phone: "give us a call", "call our hotline",
    "ring our team", "contact them by phone", "phone or chat"."""
    words = word_set(text)
    spans = []
    for pattern in _call_patterns():
        if not pattern.applies(words):
            continue
        for match in pattern.regex.finditer(text):
            start, end = match.span()
            if _THANKS_FOR.search(text[max(0, start - 12):start]):
                continue  # "thanks for calling us"
            if is_agent_action(text, start):
                continue  # "we're calling the store now"
            spans.append(Span(start, end, "call"))
    return spans


# --- cheap first look -----------------------------------------------------------------------

# Every phone number the patterns above accept holds a "+", two digits split by one
# separator ("555-0142"), "8xx" and a separator (a vanity number) or a run of 7+ digits
# and separators (a cued number). Starts with a digit class, so `re` jumps between digits.
_NUMBER_HINT = re.compile(
    rf"\d(?:{_S}\d|[\d ()\-\u2013]{{5,18}}\d|(?<=8(?:00|33|44|55|66|77|88)){_S})")
# Every call phrase holds (lower-cased) "call", "ring", "phone", "dial", "buzz" or "bell"
# ("give us a buzz"), a line noun ("hotline", "help line", "contact centre"), or "number"
# with what makes it a line ("toll-free number", "customer service number").
# The only non-ASCII characters that IGNORECASE matches to an ASCII letter other than
# their own lower case (the Kelvin sign lower-cases to "k", so it needs no care).
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f]")


def might_send_to_phone(text: str, lower: str, start: int = 0) -> bool:
    """False when no phone number or call phrase can start at or after `start`: a few
    substring tests that spare most replies the patterns above. `lower` is text.lower()."""
    if "+" in text or _NUMBER_HINT.search(text, start):
        return True
    if not text.isascii() and _FOLDS_TO_ASCII.search(text):
        return True  # "ſ", "ı", "İ" match s/i under IGNORECASE but not once lower-cased
    # Plain `in` tests on the whole text: far cheaper than a regex or a word split.
    if ("call" in lower or "line" in lower or "phone" in lower or "ring" in lower
            or "dial" in lower or "cent" in lower or "buzz" in lower or "bell" in lower):
        return True
    return "number" in lower and ("toll" in lower or "support" in lower or "customer" in lower)


def phone_lines(text: str, lower: str, body_start: int) -> tuple[Span, ...]:
    """`phone_deflections` that start in the reply's body (after its leading @handles)."""
    if not might_send_to_phone(text, lower, body_start):
        return ()
    return tuple(span for span in phone_deflections(text) if span.start >= body_start)


@lru_cache(maxsize=16)
def phone_deflections(text: str) -> tuple[Span, ...]:
    """Every place the reply sends the customer to a phone line, in order, overlaps merged.
    Cached: all three deflection rules ask about the same reply."""
    spans = phone_numbers(text) + call_phrases(text)
    spans.sort(key=lambda s: (s.start, -s.end))
    result: list[Span] = []
    for span in spans:
        if result and span.start < result[-1].end:
            continue
        result.append(span)
    return tuple(result)


# --- opening hours -----------------------------------------------------------------------

_TIME_AMPM = r"\d{1,2}(?:[:.]\d{2})?(?:\s?[ap]\.?m\.?|[ap])(?![a-z])"
_TIME_ANY = rf"(?:{_TIME_AMPM}|\d{{1,2}}[:.]\d{{2}}(?!\d)|midnight|noon|midday)"
_RANGE_SEP = r"\s*(?:-|\u2013|\u2014|~|to|until|till|til|and|&amp;|&)\s*"
_DAY = (r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|"
        r"sat(?:urday)?|sun(?:day)?)s?\.?")

_HOURS = re.compile(
    rf"""
      (?<![\d$£€:])(?:{_TIME_AMPM}{_RANGE_SEP}{_TIME_ANY}|{_TIME_ANY}{_RANGE_SEP}{_TIME_AMPM}
        |\d{{1,2}}[:.]\d{{2}}{_RANGE_SEP}\d{{1,2}}[:.]\d{{2}}(?!\d))
    | \b(?:from|after|until|till|before|opens?\s+at|open\s+(?:from|until|till)|closes?\s+at|
          starting\s+at|between)\s+{_TIME_AMPM}
    | \b{_DAY}\s*(?:-|\u2013|\u2014|to|through|thru|&amp;|&)\s*{_DAY}(?![a-z])
    | \bweekdays\b | \bweekends\b
    """,
    re.IGNORECASE | re.VERBOSE)
# "24 hours" says when a line is open, unless it is a delay: "within 24 hours", "24 hours to".
_TWENTY_FOUR = re.compile(
    r"(?<!within\s)(?<!\bin\s)(?<!after\s)(?<!allow\s)(?<!takes\s)(?<!up\sto\s)(?<!next\s)"
    r"(?<!last\s)(?<!past\s)(?<!\bfor\s)\b24\s*(?:hours|hrs)\b"
    r"(?!\s+(?:to|for|of|after|before|from|later|notice|ago))", re.IGNORECASE)
# "M-F", "M–F", "M-Th": capital letters, so case-sensitive.
_DAY_LETTERS = re.compile(r"\bM\s?[-\u2013/]\s?(?:F|Th|Sa|Su)\b")


@lru_cache(maxsize=1)
def _always_open() -> re.Pattern[str]:
    return re.compile(phrase_pattern(data()["hours"]["always_open"]), re.IGNORECASE)


@lru_cache(maxsize=1)
def _anytime() -> re.Pattern[str]:
    return re.compile(r"\b" + phrase_pattern(data()["hours"]["anytime"]) + r"\b", re.IGNORECASE)


@lru_cache(maxsize=16)
def hours_expressions(text: str) -> tuple[Span, ...]:
    """Where the reply says when a line is open: "8am-8pm ET", "Mon-Fri", "(8a-5p PT, M-F)",
    "07:30-20:00", "24/7", "24 hours a day", "around the clock"."""
    spans = [Span(*m.span(), "hours") for m in _HOURS.finditer(text)]
    spans += [Span(*m.span(), "days") for m in _DAY_LETTERS.finditer(text)]
    spans += [Span(*m.span(), "always") for m in _TWENTY_FOUR.finditer(text)]
    spans += [Span(*m.span(), "always") for m in _always_open().finditer(text)]
    return tuple(sorted(spans, key=lambda s: s.start))


def gives_hours_for(text: str, line: Span) -> bool:
    """Does the reply say when the line at `line` is open? "Anytime" must sit in the same
    sentence as the line; times and days may be anywhere in the reply."""
    if hours_expressions(text):
        return True
    start, end = sentence_at(text, line.start)
    return bool(_anytime().search(text, start, end))


# --- keeping the door open on this channel -----------------------------------------------


@lru_cache(maxsize=1)
def _offer() -> re.Pattern[str]:
    return re.compile(r"(?<![\w@])" + phrase_pattern(data()["offer"]["phrases"]) + r"(?!\w)",
                      re.IGNORECASE)


def offers_help_here(text: str) -> Span | None:
    """The first words that offer to keep helping on this channel ("let us know", "DM us")."""
    match = _offer().search(text)
    return Span(match.start(), match.end(), "offer") if match else None


# --- acknowledging the customer's issue --------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]{2,}")
_HANDLE = re.compile(r"[@＠]\w+")


@lru_cache(maxsize=1)
def _ignored_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # plain word list; no model is loaded

    return frozenset(STOP_WORDS) | frozenset(data()["acknowledge"]["generic"])


@lru_cache(maxsize=1)
def _substance() -> re.Pattern[str]:
    words = phrase_pattern(data()["acknowledge"]["substance"])
    return re.compile(rf"\b{words}(?:s|es)?\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _engagement() -> re.Pattern[str]:
    return re.compile(phrase_pattern(data()["acknowledge"]["engagement"]), re.IGNORECASE)


# A team's name is where the reply sends the customer, not what the customer said:
# "our baggage team", "the Digital Experts", "HP phone support".
_TEAM_NAME = re.compile(
    r"\b(?i:our|the|their|your|an?|with)\s+(?:[\w&'-]+\s+){0,3}?(?:team|department|dept|"
    r"experts?|specialists?|advisors?|support|desk|line|hotline|helpline|office|centre|center|"
    r"services?|agents?|engineers?)\b"
    r"|\b(?:[A-Z][\w&'-]*\s+){1,4}(?:Team|Department|Experts|Specialists|Support|Desk|Line|"
    r"Office|Centre|Center|Services?|Advisors?)\b")


def _normal(word: str) -> str:
    word = word.lower().strip("'-")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def content_words(text: str) -> set[str]:
    """Lower-cased content words of `text` (no handles, links, stop or boilerplate words)."""
    text = LINK.sub(" ", _HANDLE.sub(" ", text))
    ignored = _ignored_words()
    words = {_normal(m.group()) for m in _WORD.finditer(text)}
    return {w for w in words if len(w) > 2 and w not in ignored}


def names_substance(text: str) -> bool:
    """Does the reply name a concrete product, fault or step, outside the team's name?"""
    if _engagement().search(text):
        return True
    stripped = _TEAM_NAME.sub(" ", LINK.sub(" ", text))
    return bool(_substance().search(stripped))


def acknowledges_issue(reply: str, customer: str | None) -> bool:
    """Does the reply refer to the substance of the customer's problem?

    With the customer's message: a shared content word, or a concrete product/fault word.
    Without it: a concrete product/fault word in the reply itself.
    """
    if names_substance(reply):
        return True
    if customer:
        return bool(content_words(reply) & content_words(customer))
    return False


# --- the customer asked for this channel -------------------------------------------------

_ASKS_FOR = {
    "phone": re.compile(
        r"\b(?:phone|telephone|contact|customer\s+service|support)\s+(?:number|line|#)"
        r"|\bnumber\s+(?:to|i\s+can|for)\s+call|\bhow\s+(?:can|do|would|could)\s+i\s+"
        r"(?:call|phone|ring)|\bcan\s+i\s+(?:call|phone|ring)|\bwhat(?:'s|\s+is)\s+(?:your|the)\s+"
        r"(?:[\w-]+\s+){0,2}?number|\bnumber\s+for\s+(?:customer|support|the|your|you)",
        re.IGNORECASE),
    "chat": re.compile(
        r"\b(?:do\s+you|is\s+there|you\s+guys)\s+(?:\w+\s+){0,2}(?:have\s+)?(?:an?\s+)?"
        r"(?:live\s+)?chat\b|\bwhere\s+(?:is|can\s+i\s+find)\s+(?:the\s+|your\s+)?(?:live\s+)?chat",
        re.IGNORECASE),
    "email": re.compile(
        r"\bwhat(?:'s|\s+is)\s+(?:your|the)\s+(?:support\s+)?e-?mail|\b(?:do\s+you|is\s+there)\s+"
        r"(?:\w+\s+)?(?:have\s+)?an?\s+e-?mail|\bhow\s+(?:can|do)\s+i\s+e-?mail", re.IGNORECASE),
    "form": re.compile(
        r"\bhow\s+(?:can|do|would|should)\s+i\s+(?:go\s+about\s+)?(?:report|complain|submit|"
        r"file|claim|apply|open\s+a|raise\s+a|request\s+a)\b|\bwhere\s+(?:can|do)\s+i\s+"
        r"(?:report|complain|submit|file|claim|apply)\b", re.IGNORECASE),
    "any": re.compile(
        r"\bwho\s+(?:can|should|do|would)\s+i\s+(?:talk|speak|contact|reach|write|go)"
        r"|\bhow\s+(?:can|do|would)\s+i\s+(?:contact|reach|get\s+in\s+touch|get\s+hold|speak|talk)"
        r"|\bwhere\s+(?:can|do|should)\s+i\s+(?:go|turn|contact)\b", re.IGNORECASE),
}


def requested_channels(customer: str | None) -> frozenset[str]:
    """Channels the customer explicitly asked about ("do you have a chat?", "what's your
    number?"): pointing them there answers the question rather than deflecting it."""
    if not customer:
        return frozenset()
    return frozenset(kind for kind, pattern in _ASKS_FOR.items() if pattern.search(customer))


def compile_all() -> None:
    """Build every lazily compiled pattern now. The rules call this from `__init__` (once
    per configuration), so the first reply linted does not pay for compiling."""
    _own_number_before()
    _call_patterns()
    _always_open()
    _anytime()
    _offer()
    _ignored_words()
    _substance()
    _engagement()
