"""Shared detection for the deflection rules (DFL001-DFL003): phone lines, opening hours,
offers to keep helping on this channel, acknowledgement of the customer's issue, and the
channel a customer explicitly asked for.

Everything here works on plain strings with precompiled regular expressions: the rules run
on every reply, and the catalogue must lint thousands of replies a second.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

# The parser behind `re.compile`, read to find the words a match must start with. Private,
# so every use is guarded: a pattern it cannot analyse is searched the plain way.
try:
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - other Python versions
    _sre = _sre_parse = None  # type: ignore[assignment]

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
# Every alternative starts with a space character, matched first so that `re` can skip
# straight to spaces: "(?<=[.!?])\s+" is written "\s(?<=[.!?]\s)\s*", "\n+" as "\s(?<=\n)\n*".
_SENTENCE_END = re.compile(r"\s(?:(?<=[.!?]\s)\s*|(?<=\n)\n*|\(?\d{1,2}/\d{1,2}\)?\s)")


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
    """The sentence of `sentences(text)` that holds `offset`, or the whole text when the
    offset is in no sentence. Stops at that sentence: the rest of the text is not split."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if start <= offset < match.start():
            return start, match.start()
        start = match.end()
        if start > offset:
            return 0, len(text)  # the offset is inside a sentence end
    if start <= offset < len(text):
        return start, len(text)
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


# Words right before a channel that say the customer need not (or already tried to) go
# there: "no need to call us", "you don't have to visit a store", "sorry you had to call us
# twice", "when you tried to call our helpline". Not "don't hesitate to call us".
_NOT_SENT = re.compile(
    r"\b(?:no\s+need\s+to|(?:don['\u2019]t|do\s+not|won['\u2019]t|will\s+not|needn['\u2019]t"
    r"|shouldn['\u2019]t)\s+(?:need|have)\s+to|not\s+(?:need|have)\s+to|need\s+not"
    r"|without\s+(?:having\s+to\s+)?|instead\s+of|rather\s+than|don['\u2019]t|do\s+not|never"
    r"|(?:had|tried|attempted|been\s+trying|having|trying)\s+to)"
    r"\s+(?:even\s+|ever\s+|again\s+|then\s+)?$",
    re.IGNORECASE)


def is_not_sent(text: str, start: int) -> bool:
    """True when the words just before `start` say the customer need not go there, or
    already tried: "no need to call us", "sorry you had to visit the store"."""
    return bool(_NOT_SENT.search(text, max(0, start - 40), start))


def is_past_question(text: str, start: int) -> bool:
    # The first words of the match itself tell "have you tried..." from "have you been...".
    return bool(_PAST_QUESTION.search(clause_before(text, start) + text[start:start + 12]))


# --- links -------------------------------------------------------------------------------

LINK = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
# The same on the lower-cased text: without IGNORECASE, `re` skips straight to "h" and "w".
_LINK_IN_LOWER = re.compile(r"https?://\S+|www\.\S+")


def link_spans(text: str, lower: str | None = None) -> list[tuple[int, int]]:
    """Where the links are. `lower` is `text.lower()`, when the caller has it."""
    if "http" not in text and "www" not in text and "HTTP" not in text and "WWW" not in text:
        return []  # plain substring tests are far cheaper than a regex scan
    lower = aligned_lower(text, text.lower() if lower is None else lower)
    if lower is None:
        return [m.span() for m in LINK.finditer(text)]
    return [m.span() for m in _LINK_IN_LOWER.finditer(lower)]


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
# Where a phone number may start: its first character ("+", "(" or a digit) with no
# `_NO_LEFT` character before it. A plain character class leads, so `re` skips ahead.
_NUMBER_START = re.compile(r"[+(\d](?<![\w.+/#=&@\-\u2013].)")
_VANITY_START = re.compile(r"[18](?<![\w.+/#=&@\-\u2013].)")
# The cued number itself: without such a run of digits no cue can lead to one.
_CUED_DIGITS = re.compile(r"\d[\d ()\-\u2013]{5,18}\d")
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
    """Digits in an ASCII text (str.count runs in C; a per-character loop does not)."""
    return sum(map(text.count, "0123456789"))


def _number_digits(number: str) -> int:
    return sum(ch.isdigit() for ch in number)


@lru_cache(maxsize=1)
def _cued_lead() -> re.Pattern[str] | None:
    return lead_pattern(_CUED_NUMBER)


def phone_numbers(text: str) -> list[Span]:
    """Phone numbers in `text` that name a line to call (not the customer's own number,
    order or tracking numbers, dates, prices or times)."""
    digits = _digit_count(text) if text.isascii() else len(_DIGIT.findall(text))
    if digits < 4:
        return []  # too few digits for any phone number: skip the expensive patterns
    # Both patterns start with a lookbehind, which leaves `re` nothing to skip ahead with:
    # they are tried only where `_VANITY_START` / `_NUMBER_START` find a possible start.
    found = [m.span() for m in matches_from(_VANITY, _VANITY_START, text, text)]
    if digits >= 7:
        found += [m.span() for m in matches_from(_NUMBER, _NUMBER_START, text, text)]
        if _CUED_DIGITS.search(text) and not _CUES.isdisjoint(word_set(text)):
            lower = aligned_lower(text, text.lower())
            found += [m.span("number")
                      for m in matches_from(_CUED_NUMBER, _cued_lead(), text, lower)]
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
        if not letters and not 7 <= _number_digits(number) <= 15:
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
# Per-reply results shared by several rules (the deflection and blame rules ask for the
# same reply's words and phone lines in turn) are cached by the reply's text. The engine
# runs one rule over a whole batch of replies before the next rule (see
# linter.engine.RULE_MAJOR_BATCH), so a cache must hold a whole batch.
_PER_REPLY_CACHE = 256

# Every byte but a-z turned into a space: `bytes.translate` and `split` give the letter
# runs of a text several times faster than `_WORDS.findall`.
_LETTER_RUNS = bytes(byte if 97 <= byte <= 122 else 32 for byte in range(256))


@lru_cache(maxsize=_PER_REPLY_CACHE)
def word_set(text: str) -> frozenset[str]:
    """The distinct lower-case letter runs of `text` ("e-mail" gives "e" and "mail").
    Patterns run only when their key words are present: most replies never pay for the big
    regexes. Cached because the deflection and blame rules ask for the same reply in turn.
    The gates all take this one set rather than the runs in order: it is built once, and a
    set test reads the hashes kept in the set's own table instead of visiting every string."""
    # Other characters encode as "?", which turns into a space like every non-letter.
    runs = text.lower().encode("ascii", "replace").translate(_LETTER_RUNS)
    return frozenset(runs.decode("ascii").split())


def words_of(*phrases: str) -> frozenset[str]:
    """Every letter run in `phrases`, for building gates from the phrase lists."""
    return frozenset(w for phrase in phrases for w in _WORDS.findall(phrase.lower()))


# --- searching only where a match can start ---------------------------------------------
#
# An IGNORECASE pattern that starts with `\b` gives `re` nothing to skip ahead with: it
# tries every alternative at every position (tens of microseconds on a reply). Yet every
# match starts with one of a few literal words, read from the parsed pattern. A plain,
# case-sensitive search for those words in the lower-cased text jumps straight to the few
# places worth trying, and the pattern itself is then tried only there: the same matches,
# in the same order, as `finditer`.

_MAX_LEAD = 20  # longer starts are no more telling, and would multiply
_MAX_LEADS = 4000


class _Unbounded(Exception):
    """Some match may start with anything: search the plain way."""


# The only characters that IGNORECASE matches to an ASCII letter although their lower case
# is another letter ("ſ" matches "s"; "İ" also lower-cases to two characters).
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f]")


def aligned_lower(text: str, lower: str) -> str | None:
    """`lower` (`text.lower()`) when its offsets are the text's and a case-insensitive
    literal in `text` is the same literal lower-cased in `lower`; None otherwise (rare)."""
    if text.isascii():
        return lower
    if len(lower) != len(text) or _FOLDS_TO_ASCII.search(text):
        return None
    return lower


def literal_starts(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased strings one of which begins every match of `regex`, or None when a match
    may begin with anything (or the pattern is beyond this simple reading)."""
    starts = _all_starts(regex)
    if starts is None:
        return None
    strings = {string for string, _ in starts}
    # "reach" makes "reaching" redundant: a match can only start where "reach" occurs.
    return frozenset(s for s in strings if not any(o != s and s.startswith(o) for o in strings))


def lead_words(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Whole words one of which every match of `regex` starts with ("\\b(?:call|ring)\\s"),
    as letter runs of the lower-cased text; None unless every start is such a word."""
    starts = _all_starts(regex)
    if starts is None or not all(whole for _, whole in starts):
        return None
    return frozenset(string for string, _ in starts)


def _all_starts(regex: re.Pattern[str]) -> set[tuple[str, bool]] | None:
    if _sre_parse is None:
        return None
    starts: set[tuple[str, bool]] = set()
    try:
        _starts(list(_sre_parse.parse(regex.pattern, regex.flags)), "", False, starts)
    except Exception:  # noqa: BLE001 - _Unbounded, or a parser this code does not know
        return None
    return starts


def _starts(items: list[Any], prefix: str, bounded: bool,
            starts: set[tuple[str, bool]]) -> None:
    """Add to `starts` the literal beginnings of what `items` (a parsed sequence) matches,
    each after `prefix`, and whether it is a whole word (a \\b before it, no letter after
    it). `bounded`: a \\b came before `prefix`. Raises _Unbounded when one is empty."""
    whole = False
    for index, (op, value) in enumerate(items):
        if len(prefix) >= _MAX_LEAD:
            break
        if op is _sre.LITERAL:
            char = chr(value).lower()
            if len(char) != 1:
                break
            prefix += char
            continue
        if op is _sre.AT and value is _sre.AT_BOUNDARY:
            if prefix:  # "call\\b": the word ends here
                whole = bounded and prefix.isascii() and prefix.isalpha()
                break
            bounded = True
            continue
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero width: ^, $, lookarounds
        rest = items[index + 1:]
        if op is _sre.SUBPATTERN:
            _starts([*value[3], *rest], prefix, bounded, starts)
            return
        if op is _sre.BRANCH:
            for alternative in value[1]:
                _starts([*alternative, *rest], prefix, bounded, starts)
            return
        if op is _sre.IN and len(value) <= 4 and all(o is _sre.LITERAL for o, _ in value):
            for choice in value:  # a small class of literals: ['’]
                _starts([choice, *rest], prefix, bounded, starts)
            return
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, body = value
            if low == 0 and high == 1:  # optional: with it or without it
                _starts(rest, prefix, bounded, starts)
                _starts([*body, *rest], prefix, bounded, starts)
                return
            if low >= 1:  # at least once: the first time starts like the body
                _starts(list(body), prefix, bounded, starts)
                return
        # Something else comes next: the word is whole if that cannot start with a letter.
        whole = (bounded and prefix.isascii() and prefix.isalpha()
                 and _starts_apart(_flat(items), _flat_index(items, index)))
        break
    if not prefix:
        raise _Unbounded
    starts.add((prefix, whole))
    if len(starts) > _MAX_LEADS:
        raise _Unbounded


def _flat_index(items: list[Any], index: int) -> int:
    """Where items[index] lands in `_flat(items)`."""
    return len(_flat(items[:index]))


def _trie(strings: Iterable[str]) -> str:
    """An alternation of `strings` as a trie, so `re` tries each first letter once."""
    children: dict[str, list[str]] = {}
    ends = False
    for string in sorted(set(strings)):
        if string:
            children.setdefault(string[0], []).append(string[1:])
        else:
            ends = True
    parts = []
    for first, rests in children.items():
        common = os.path.commonprefix(rests)  # "adviser", "advisor": "advis(?:er|or)"
        rests = [rest[len(common):] for rest in rests]
        tail = _group(_trie(rests)) if rests != [""] else ""
        parts.append(re.escape(first + common) + tail)
    if ends:
        parts.append("")
    return "|".join(parts)


def _group(alternation: str) -> str:
    return f"(?:{alternation})" if "|" in alternation else alternation


def lead_pattern(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-sensitive search for the lower-cased words that every match of `regex` starts
    with (no leading \\b, so `re` skips between their first letters), or None."""
    starts = literal_starts(regex)
    return re.compile(_trie(starts)) if starts else None


def matches_from(regex: re.Pattern[str], lead: re.Pattern[str] | None, text: str,
                 lower: str | None, pos: int = 0, endpos: int | None = None
                 ) -> Iterator[re.Match[str]]:
    """The matches of `regex.finditer(text, pos, endpos)`. With a `lead` and an aligned
    `lower`, the regex is tried only where the lead finds a possible start in `lower`: at
    every position where one occurs (stepping by one, as starts may overlap) until a match,
    then on from its end. (`lower` may be `text` itself for a case-sensitive lead.)"""
    if endpos is None:
        endpos = len(text)
    if lead is None or lower is None:
        yield from regex.finditer(text, pos, endpos)
        return
    search, match_at = lead.search, regex.match
    found = search(lower, pos, endpos)
    while found is not None:
        start = found.start()
        # `pos` does not slice the text: \b and lookbehinds still see what comes before.
        match = match_at(text, start, endpos)
        if match is None:
            found = search(lower, start + 1, endpos)
        else:
            yield match  # never empty: it holds its leading literal
            found = search(lower, match.end(), endpos)


# --- words a match must hold ----------------------------------------------------------
#
# The parsed pattern also tells which whole words every match holds: a run of literal
# letters with something on each side that cannot be a letter (\b, a space, punctuation)
# is one letter run of the lower-cased text, so it is in `word_set`. A set lookup then
# rules most patterns out before any regex runs.

_MAX_WORDS = 64


def required_words(regex: re.Pattern[str]) -> tuple[tuple[frozenset[str], ...], ...] | None:
    """For each top-level alternative of `regex`, groups of lower-case words such that
    every match of that alternative holds one word of each group as a letter run of the
    lower-cased text (when `aligned_lower` is not None). None when some alternative
    needs no word this reading can see, or the pattern is beyond it."""
    if _sre_parse is None:
        return None
    try:
        parsed = list(_sre_parse.parse(regex.pattern, regex.flags))
        branches = [i for i, (op, _) in enumerate(parsed) if op is _sre.BRANCH]
        if len(branches) == 1:  # P(A|B)S, as the parser leaves "\bA|\bB": PAS or PBS
            at = branches[0]
            alternatives = [[*parsed[:at], *alternative, *parsed[at + 1:]]
                            for alternative in parsed[at][1][1]]
        else:
            alternatives = [parsed]
        groups = tuple(tuple(_word_groups(_flat(items))) for items in alternatives)
    except Exception:  # noqa: BLE001 - a parser this code does not know
        return None
    return None if not all(groups) else groups


def _flat(items: list[Any]) -> list[Any]:
    """Groups inlined: "a(?:b|c)d" is the sequence a, (b|c), d."""
    out: list[Any] = []
    for op, value in items:
        if op is _sre.SUBPATTERN:
            out.extend(_flat(list(value[3])))
        else:
            out.append((op, value))
    return out


def _word_groups(items: list[Any]) -> list[frozenset[str]]:
    groups = []
    for start in range(len(items)):
        op, value = items[start]
        if op is _sre.BRANCH:  # a word from each alternative: "(?:\s+were|'ve\s+been)"
            groups += _branch_group(value[1], _ends_apart(items, start - 1),
                                    _starts_apart(items, start + 1))
        if not _ends_apart(items, start - 1):
            continue
        for end in range(start + 1, len(items)):
            strings = _finite(items[start:end])
            if strings is None:
                break
            if _starts_apart(items, end) and all(s.isascii() and s.isalpha() for s in strings):
                groups.append(frozenset(strings))
    return groups


_APART = (_sre.AT, _sre.AT_BOUNDARY) if _sre is not None else None  # stands for "no letter"
_UNKNOWN = (_sre.ANY, None) if _sre is not None else None  # stands for "maybe a letter"


def _branch_group(alternatives: list[Any], apart_before: bool,
                  apart_after: bool) -> list[frozenset[str]]:
    """One group for a branch: the best group of each alternative, joined."""
    words: set[str] = set()
    for alternative in alternatives:
        inner = _word_groups([_APART if apart_before else _UNKNOWN, *_flat(list(alternative)),
                              _APART if apart_after else _UNKNOWN])
        if not inner:
            return []
        words |= max(inner, key=lambda g: (min(map(len, g)), -len(g)))
    return [frozenset(words)]


def _ends_apart(items: list[Any], index: int) -> bool:
    """Whether what `items[:index + 1]` matches ends with something that is not a letter."""
    if index < 0:
        return False
    op, value = items[index]
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and value[0] == 0:
        body = _flat(list(value[2]))  # optional: its own end, or what comes before it
        return bool(body) and _ends_apart(body, len(body) - 1) and _ends_apart(items, index - 1)
    return _no_letter(items[index], last=True)


def _starts_apart(items: list[Any], index: int) -> bool:
    """Whether what `items[index:]` matches starts with something that is not a letter."""
    if index >= len(items):
        return False  # the match ends: what follows is unknown
    op, value = items[index]
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and value[0] == 0:
        body = _flat(list(value[2]))
        return bool(body) and _starts_apart(body, 0) and _starts_apart(items, index + 1)
    return _no_letter(items[index], last=False)


def _no_letter(item: tuple[Any, Any], last: bool) -> bool:
    """Whether `item` has no letter at its first (or `last`) character: \b, a space or a
    non-letter character, a run of them, or a group or branch that does."""
    op, value = item
    if op is _sre.AT:
        return value is _sre.AT_BOUNDARY
    if op is _sre.LITERAL:
        return value < 128 and not chr(value).isalpha()
    if op is _sre.IN:
        return all(
            (o is _sre.LITERAL and v < 128 and not chr(v).isalpha())
            or (o is _sre.CATEGORY and v in (_sre.CATEGORY_SPACE, _sre.CATEGORY_DIGIT,
                                             _sre.CATEGORY_NOT_WORD))
            for o, v in value)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        low, _, body = value
        body = _flat(list(body))
        return low >= 1 and bool(body) and (_ends_apart(body, len(body) - 1) if last
                                            else _starts_apart(body, 0))
    if op is _sre.SUBPATTERN:
        body = _flat(list(value[3]))
        return _ends_apart(body, len(body) - 1) if last else _starts_apart(body, 0)
    if op is _sre.BRANCH:
        for alternative in value[1]:
            body = _flat(list(alternative))
            if not (_ends_apart(body, len(body) - 1) if last else _starts_apart(body, 0)):
                return False
        return True
    return False


def _finite(items: list[Any]) -> set[str] | None:
    """Every string the sequence matches, lower-cased, when there are few; else None."""
    out = {""}
    for op, value in items:
        if op is _sre.LITERAL:
            choices: set[str] | None = {chr(value).lower()}
        elif op is _sre.SUBPATTERN:
            choices = _finite(list(value[3]))
        elif op is _sre.BRANCH:
            choices = set()
            for alternative in value[1]:
                more = _finite(list(alternative))
                if more is None:
                    return None
                choices |= more
        elif op is _sre.IN and all(o is _sre.LITERAL for o, _ in value):
            choices = {chr(v).lower() for _, v in value}
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and value[:2] == (0, 1):
            more = _finite(list(value[2]))
            choices = None if more is None else more | {""}
        else:
            return None
        if choices is None:
            return None
        out = {a + b for a in out for b in choices}
        if len(out) > _MAX_WORDS:
            return None
    return out


class WordGates:
    """Which of several alternatives can match, from the groups of words each one needs:
    one set intersection gives the groups present, and an alternative can match when the
    bits of all its groups (`needs`) are among them."""

    def __init__(self, alternatives: Iterable[tuple[frozenset[str], ...]]) -> None:
        bits: dict[frozenset[str], int] = {}
        self.needs: list[int] = []  # per alternative: the bits of the groups it needs
        for groups in alternatives:
            need = 0
            for group in groups:
                need |= bits.setdefault(group, 1 << len(bits))
            self.needs.append(need)
        self._word_bits: dict[str, int] = {}
        for group, bit in bits.items():
            for word in group:
                self._word_bits[word] = self._word_bits.get(word, 0) | bit
        self._words = frozenset(self._word_bits)

    def present(self, words: Iterable[str]) -> int:
        """The bit of every group that shares a word with `words`."""
        present = 0
        word_bits = self._word_bits
        for word in self._words.intersection(words):
            present |= word_bits[word]
        return present


@lru_cache(maxsize=32)
def _lead_of(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    return lead_pattern(regex)


def fast_search(regex: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`regex.search(text)`, tried only where the words its matches start with occur."""
    lead = _lead_of(regex)
    lower = aligned_lower(text, text.lower()) if lead is not None else None
    return next(matches_from(regex, lead, text, lower), None)


def fast_finditer(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`regex.finditer(text)`, tried only where the words its matches start with occur."""
    lead = _lead_of(regex)
    lower = aligned_lower(text, text.lower()) if lead is not None else None
    return matches_from(regex, lead, text, lower)


@dataclass(frozen=True, slots=True)
class Gated:
    """A regex that is worth running only when each gate shares a word with the reply."""

    kind: str
    regex: re.Pattern[str]
    gates: tuple[frozenset[str], ...] = ()
    agent_check: bool = True  # skip when the agent, not the customer, is the one acting
    past_check: bool = True  # skip "did you visit the store?"
    # A rarer regex that every match contains, when the pattern itself is slow (a long
    # lookahead): searched first, from its own lead words, it rules most texts out.
    contains: re.Pattern[str] | None = None
    lead: re.Pattern[str] | None = field(init=False, default=None, compare=False)
    contains_lead: re.Pattern[str] | None = field(init=False, default=None, compare=False)
    # `gates`, and the whole words every match starts with when the pattern says so:
    # one more gate, exact by construction, that rules the pattern out before any scan.
    all_gates: tuple[frozenset[str], ...] = field(init=False, default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lead", lead_pattern(self.regex))
        if self.contains is not None:
            object.__setattr__(self, "contains_lead", lead_pattern(self.contains))
        words = lead_words(self.regex)
        gates = self.gates + ((words,) if words else ())
        # The words every match holds, when the pattern has a single alternative: more
        # exact gates ("...via email" needs "via", "by", "through", "over" or "using").
        required = required_words(self.regex)
        if required is not None and len(required) == 1:
            gates += tuple(group for group in dict.fromkeys(required[0]) if group not in gates)
        object.__setattr__(self, "all_gates", gates)

    def finditer(self, text: str, lower: str | None, pos: int = 0) -> Iterator[re.Match[str]]:
        """`regex.finditer(text, pos)`; `lower` is `aligned_lower(...)`."""
        if self.contains is not None and next(matches_from(
                self.contains, self.contains_lead, text, lower, pos), None) is None:
            return iter(())
        return matches_from(self.regex, self.lead, text, lower, pos)


class GateTable:
    """The gates of several patterns checked at once: one set intersection with the reply's
    words gives the groups present, and a few integer operations tell which patterns have
    all the groups they need, instead of a loop over every gate of every pattern."""

    def __init__(self, patterns: Iterable[Gated]) -> None:
        self.patterns = tuple(patterns)
        # The lead-word gates hold only where `aligned_lower` does ("ſend" is "send" to an
        # IGNORECASE regex, but its letter runs are "end"): then only the patterns' own gates.
        self._gates = _AllNeeds(WordGates(pattern.all_gates for pattern in self.patterns))
        self._own_gates = _AllNeeds(WordGates(pattern.gates for pattern in self.patterns))
        # A pattern applies only where its first gate shares a word with the text, so a
        # text that shares none with any first gate needs no more (most texts, when each
        # pattern lists its most telling gate first). None: a pattern without gates.
        self._first_words = _first_words(pattern.all_gates for pattern in self.patterns)
        self._own_first_words = _first_words(pattern.gates for pattern in self.patterns)
        # Which patterns apply, by the patterns missing a group: a few hundred distinct
        # answers over a whole corpus, so each tuple is built once.
        self._by_missing: dict[tuple[int, bool], tuple[Gated, ...]] = {}

    def applying(self, words: Iterable[str], aligned: bool) -> tuple[Gated, ...]:
        """The patterns (in order) whose every gate shares a word with `words` (the reply's
        `word_set`). `aligned`: `aligned_lower` is not None for the reply."""
        first_words = self._first_words if aligned else self._own_first_words
        if first_words is not None and first_words.isdisjoint(words):
            return ()
        gates = self._gates if aligned else self._own_gates
        missing = gates.missing(words)
        patterns = self._by_missing.get((missing, aligned))
        if patterns is None:
            if len(self._by_missing) >= 4096:
                self._by_missing.clear()  # bounded, whatever the texts
            patterns = tuple(pattern for i, pattern in enumerate(self.patterns)
                             if not gates.lacks(missing, i))
            self._by_missing[missing, aligned] = patterns
        return patterns


def _first_words(gates: Iterable[tuple[frozenset[str], ...]]) -> frozenset[str] | None:
    """Every word of the patterns' first gates; None if a pattern has no gate."""
    words: set[str] = set()
    for pattern_gates in gates:
        if not pattern_gates:
            return None
        words |= pattern_gates[0]
    return frozenset(words)


class _AllNeeds:
    """Which alternatives of a `WordGates` miss a group they need, for all of them at once.

    Each alternative gets a slot of G + 1 bits (G groups) in one integer holding the groups
    it needs. The groups present, copied into every slot by one multiplication and masked
    out, leave in each slot the groups still missing; adding G one-bits to a slot carries
    into its top bit exactly when something is missing there. No carry crosses a slot."""

    def __init__(self, gates: WordGates) -> None:
        self._gates = gates
        self._groups = groups = max((need.bit_length() for need in gates.needs), default=0)
        self._width = width = groups + 1
        self._ones = sum(1 << (i * width) for i in range(len(gates.needs)))
        self._needs = sum(need << (i * width) for i, need in enumerate(gates.needs))
        self._fill = ((1 << groups) - 1) * self._ones
        self._tops = self._ones << groups

    def missing(self, words: Iterable[str]) -> int:
        """The top bit of the slot of every alternative that misses a group in `words`."""
        missing = self._needs & ~(self._gates.present(words) * self._ones)
        return (missing + self._fill) & self._tops

    def lacks(self, missing: int, index: int) -> bool:
        """Whether `missing` (from `missing()`) says alternative `index` misses a group."""
        return bool(missing >> (index * self._width + self._groups) & 1)


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


@lru_cache(maxsize=1)
def _call_table() -> GateTable:
    return GateTable(_call_patterns())


def call_phrases(text: str) -> list[Span]:
    """Words that send the customer to phone: "give us a call", "call our hotline",
    "ring our team", "contact them by phone", "phone or chat"."""
    lower = aligned_lower(text, text.lower())
    patterns = _call_table().applying(word_set(text), lower is not None)
    if not patterns:
        return []
    spans = []
    for pattern in patterns:
        for match in pattern.finditer(text, lower):
            start, end = match.span()
            if _THANKS_FOR.search(text[max(0, start - 12):start]):
                continue  # "thanks for calling us"
            if is_agent_action(text, start):
                continue  # "we're calling the store now"
            if is_not_sent(text, start):
                continue  # "no need to call us", "sorry you had to call us twice"
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


_DIGITS = b"0123456789"


def _ascii_digits(text: str, start: int) -> int:
    """How many digits an ASCII `text` holds from `start` on."""
    tail = text[start:].encode("ascii")
    return len(tail) - len(tail.translate(None, _DIGITS))


def might_send_to_phone(text: str, lower: str, start: int = 0) -> bool:
    """False when no phone number or call phrase can start at or after `start`: a few
    substring tests that spare most replies the patterns above. `lower` is text.lower()."""
    if "+" in text:
        return True
    # Every hint holds two digits. Counting them on bytes is much cheaper than the regex,
    # and most bodies hold fewer (the digits of a reply are mostly in its @handles).
    if not text.isascii() or _ascii_digits(text, start) >= 2:
        if _NUMBER_HINT.search(text, start):
            return True
    if not text.isascii() and _FOLDS_TO_ASCII.search(text):
        return True  # "ſ", "ı", "İ" match s/i under IGNORECASE but not once lower-cased
    # Plain `in` tests on the whole text: far cheaper than a regex or a word split. They
    # pass on "iPhone", "during" or "recall" too: then the call patterns' own word gates
    # (exact) decide, on the word set that DFL002 needs anyway.
    if ("call" in lower or "line" in lower or "phone" in lower or "ring" in lower
            or "dial" in lower or "cent" in lower or "buzz" in lower or "bell" in lower
            or ("number" in lower
                and ("toll" in lower or "support" in lower or "customer" in lower))):
        # Aligned here: "ſ", "ı", "İ" returned above.
        return bool(_call_table().applying(word_set(text), True))
    return False


@lru_cache(maxsize=_PER_REPLY_CACHE)
def phone_lines(text: str, lower: str, body_start: int) -> tuple[Span, ...]:
    """`phone_deflections` that start in the reply's body (after its leading @handles).
    Cached: all three deflection rules ask about the same reply."""
    if not might_send_to_phone(text, lower, body_start):
        return ()
    return tuple(span for span in phone_deflections(text) if span.start >= body_start)


@lru_cache(maxsize=_PER_REPLY_CACHE)
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
    | \bopen\s+(?:from\s+)?\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:-|\u2013|to|till|til|until)\s*
      \d{{1,2}}(?:[:.]\d{{2}})?(?![\d:/])
    | \bweekdays\b | \bweekends\b
    """,
    re.IGNORECASE | re.VERBOSE)
# "24 hours" says when a line is open, unless it is a delay: "within 24 hours", "24 hours to".
_TWENTY_FOUR = re.compile(
    r"(?<!within\s)(?<!\bin\s)(?<!after\s)(?<!allow\s)(?<!takes\s)(?<!up\sto\s)(?<!next\s)"
    r"(?<!last\s)(?<!past\s)(?<!\bfor\s)\b24\s*(?:hours|hrs)\b"
    r"(?!\s+(?:to|for|of|after|before|from|later|notice|ago))"
    # "our 24-hour helpline", "the 24hr support line"
    r"|\b24[-\s]?(?:hour|hr)\s+(?:[\w-]+\s+)?(?:helpline|hotline|line|lines|phone|support"
    r"|service|team|number|customer|emergency|care)\b", re.IGNORECASE)
# "M-F", "M–F", "M-Th": capital letters, so case-sensitive.
_DAY_LETTERS = re.compile(r"\bM\s?[-\u2013/]\s?(?:F|Th|Sa|Su)\b")


@lru_cache(maxsize=1)
def _always_open() -> re.Pattern[str]:
    return re.compile(phrase_pattern(data()["hours"]["always_open"]), re.IGNORECASE)


@lru_cache(maxsize=1)
def _anytime() -> re.Pattern[str]:
    return re.compile(r"\b" + phrase_pattern(data()["hours"]["anytime"]) + r"\b", re.IGNORECASE)


@lru_cache(maxsize=_PER_REPLY_CACHE)
def hours_expressions(text: str) -> tuple[Span, ...]:
    """Where the reply says when a line is open: "8am-8pm ET", "Mon-Fri", "(8a-5p PT, M-F)",
    "07:30-20:00", "24/7", "24 hours a day", "around the clock"."""
    spans = [Span(*m.span(), "hours") for m in _HOURS.finditer(text)]
    spans += [Span(*m.span(), "days") for m in _DAY_LETTERS.finditer(text)]
    spans += [Span(*m.span(), "always") for m in fast_finditer(_TWENTY_FOUR, text)]
    spans += [Span(*m.span(), "always") for m in fast_finditer(_always_open(), text)]
    return tuple(sorted(spans, key=lambda s: s.start))


def gives_hours_for(text: str, line: Span) -> bool:
    """Does the reply say when the line at `line` is open? "Anytime" must sit in the same
    sentence as the line; times and days may be anywhere in the reply."""
    if hours_expressions(text):
        return True
    start, end = sentence_at(text, line.start)
    return bool(_anytime().search(text, start, end))  # one sentence: no lead needed


# --- keeping the door open on this channel -----------------------------------------------


@lru_cache(maxsize=1)
def _offer() -> re.Pattern[str]:
    return re.compile(r"(?<![\w@])" + phrase_pattern(data()["offer"]["phrases"]) + r"(?!\w)",
                      re.IGNORECASE)


def offers_help_here(text: str) -> Span | None:
    """The first words that offer to keep helping on this channel ("let us know", "DM us")."""
    match = fast_search(_offer(), text)
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
    if fast_search(_engagement(), text):
        return True
    stripped = _TEAM_NAME.sub(" ", LINK.sub(" ", text))
    return bool(fast_search(_substance(), stripped))


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
        r"|\bnumber\s+(?:to|i\s+can|for)\s+call|\b(?:what|which)\s+(?:phone\s+)?number\s+(?:do"
        r"|should|can|could|would)\s+i\b|\bhow\s+(?:can|do|would|could)\s+i\s+"
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
    "place": re.compile(
        r"\bwhere(?:['\u2019]s|\s+is|\s+are)\s+(?:your|the)\s+(?:[\w-]+\s+){0,2}?(?:stores?|branch"
        r"(?:es)?|shops?|locations?)\b|\b(?:nearest|closest)\s+(?:stores?|branch(?:es)?|shops?"
        r"|locations?)\b|\bis\s+there\s+an?\s+(?:[\w-]+\s+)?(?:store|branch|shop)\s+(?:near|in)\b",
        re.IGNORECASE),
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
    # Each pattern opens with \b and a few words: tried only where those words occur (see
    # `matches_from`), a message costs a fraction of six plain searches.
    lower = aligned_lower(customer, customer.lower())
    return frozenset(kind for kind, pattern, lead in _asks_for()
                     if next(matches_from(pattern, lead, customer, lower), None) is not None)


@lru_cache(maxsize=1)
def _asks_for() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]:
    return tuple((kind, pattern, lead_pattern(pattern)) for kind, pattern in _ASKS_FOR.items())


def compile_all() -> None:
    """Build every lazily compiled pattern now. The rules call this from `__init__` (once
    per configuration), so the first reply linted does not pay for compiling."""
    _own_number_before()
    _cued_lead()
    _call_table()
    for regex in (_TWENTY_FOUR, _always_open(), _offer(), _substance(), _engagement()):
        _lead_of(regex)
    _anytime()
    _ignored_words()
    _asks_for()
