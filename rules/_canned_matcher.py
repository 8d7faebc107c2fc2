"""Phrase templates compiled into regexes: the matcher behind CAN001 and CAN002.

A template is plain words plus two kinds of group, so a team lead can write variants
without learning regular expressions:

    "[we|I] [do] (apologize|apologise) for (any|the) inconvenience [caused]"

- `(a|b)` one of the alternatives, `[a|b]` optionally one of them (groups nest);
- `!(a|b)` "not followed here by a or b": matches nothing itself, so "thanks for
  contacting !(the|a)" finds "Thanks for contacting Acme" but not "... the seller";
- a leading `^` means "only at the start of a sentence" ("Here to help!");
- case is ignored, any run of whitespace matches a space, straight and curly
  apostrophes are the same, and common contractions match their long form
  (`we're` also matches "we are").

Everything else is literal. Each template compiles to one regex over the folded reply
(lower case, straight apostrophes), guarded by an anchor word so it only runs on
replies that could match. Why regexes and not spaCy's PhraseMatcher: the optional
tails of one apology entry alone expand to millions of literal phrases, and "only at
a sentence start" has no PhraseMatcher equivalent; benchmarks/canned_matcher.py
measures the speed of both.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CATALOGUE_PATH = Path(__file__).parent / "data" / "canned_phrases.toml"
DEFAULT_SUGGESTION = "say it in your own words, about this customer's case"

# Matching runs on folded text (lower case, every apostrophe straight, same length as
# the reply so offsets carry over), which keeps the regexes free of IGNORECASE: sre
# then scans for a literal prefix at C speed.
def fold(text: str) -> str:
    """Lower case with straight apostrophes, index for index with `text`."""
    folded = text.lower()
    if len(folded) != len(text):
        # A few characters lower-case to two ("İ"): keep those as they are.
        folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # str.replace is several times faster than str.translate here.
    return folded.replace("’", "'").replace("‘", "'").replace("`", "'")

# Contraction -> its long form; both are matched wherever a template uses either.
_CONTRACTIONS = {
    "we're": "we are", "i'm": "i am", "i'd": "i would", "we'd": "we would",
    "we'll": "we will", "i'll": "i will", "let's": "let us", "it's": "it is",
    "that's": "that is", "there's": "there is", "you're": "you are", "we've": "we have",
    "i've": "i have", "you've": "you have", "don't": "do not", "can't": "cannot",
    "won't": "will not", "here's": "here is", "isn't": "is not", "doesn't": "does not",
}
_CONTRACTION_WORD = re.compile(
    r"(?<![\w'])(" + "|".join(re.escape(c) for c in _CONTRACTIONS) + r")(?![\w'])",
    re.IGNORECASE)


class TemplateError(ValueError):
    """A phrase template that cannot be compiled (unbalanced or empty group)."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """One catalogue entry: the templates that find it and what to say instead."""

    id: str
    templates: tuple[str, ...]
    suggestion: str = DEFAULT_SUGGESTION
    replacement: str | None = None  # text for a (human-reviewed) fix, when one reads well


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    start: int
    end: int
    phrase: Phrase


# --- templates -> regex --------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Group:
    alternatives: tuple[tuple[object, ...], ...]  # each a sequence of str | _Group | _Space
    optional: bool


class _Space:
    """Whitespace between two words of a template."""


@dataclass(frozen=True, slots=True)
class _Not:
    """`!(a|b)`: the text here does not go on with a or b (a lookahead; matches nothing).
    It adds no words to a match, so every word test (anchors, requirements) skips it."""

    group: _Group


_SPACE = _Space()


def _normalise_template(template: str) -> str:
    template = fold(template)
    return _CONTRACTION_WORD.sub(
        lambda m: f"({m.group(1)}|{_CONTRACTIONS[m.group(1).lower()]})", template)


# CAN001 and CAN002 build matchers over the same catalogue tables, and each template is
# parsed for its regex, anchors, requirements and words: the caches below make that one
# parse and one compile per template, not eight parses and two compiles.
@lru_cache(maxsize=4096)
def _parse(template: str) -> tuple[object, ...]:
    sequence, position = _parse_sequence(template, 0, closer=None)
    if position != len(template):
        raise TemplateError(f"unbalanced group in phrase template {template!r}")
    return sequence


def _parse_sequence(text: str, position: int, closer: str | None) -> tuple[tuple[object, ...], int]:
    """Parse up to `|` or the closing bracket; returns the items and where it stopped."""
    items: list[object] = []
    literal: list[str] = []

    def flush() -> None:
        if literal:
            items.append("".join(literal))
            literal.clear()

    while position < len(text):
        char = text[position]
        if char == "!" and text.startswith("!(", position):
            flush()
            group, position = _parse_group(text, position + 2, ")")
            items.append(_Not(group))
            continue
        if char in "([":
            flush()
            group, position = _parse_group(text, position + 1, ")" if char == "(" else "]")
            items.append(group)
            continue
        if char in ")]|":
            if closer is None:
                raise TemplateError(f"unexpected {char!r} in phrase template {text!r}")
            break
        if char.isspace():
            flush()
            if items and items[-1] is not _SPACE:
                items.append(_SPACE)
            while position < len(text) and text[position].isspace():
                position += 1
            continue
        literal.append(char)
        position += 1
    flush()
    while items and items[-1] is _SPACE:
        items.pop()
    return tuple(items), position


def _parse_group(text: str, position: int, closer: str) -> tuple[_Group, int]:
    alternatives: list[tuple[object, ...]] = []
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        sequence, position = _parse_sequence(text, position, closer)
        if not sequence:
            raise TemplateError(f"empty alternative in phrase template {text!r}")
        alternatives.append(sequence)
        if position >= len(text):
            raise TemplateError(f"unclosed group in phrase template {text!r}")
        if text[position] == "|":
            position += 1
            continue
        if text[position] != closer:
            raise TemplateError(f"mismatched bracket in phrase template {text!r}")
        return _Group(tuple(alternatives), optional=closer == "]"), position + 1


def _literal_regex(literal: str) -> str:
    return re.escape(literal)


def _sequence_regex(items: tuple[object, ...]) -> str:
    """Compile a sequence; an optional group swallows the space before it (or after it,
    at the start), so "we [do] apologize" matches "we apologize" with one space."""
    parts: list[str] = []
    index = 0
    at_start = True  # still at the sequence start (only optional groups so far)
    while index < len(items):
        item = items[index]
        if item is _SPACE:
            following = items[index + 1] if index + 1 < len(items) else None
            if isinstance(following, _Group) and following.optional:
                parts.append(f"(?:\\s+{_group_body(following)})?")
                index += 2
                continue
            if isinstance(following, _Not):  # the space belongs to the lookahead
                parts.append(f"(?!\\s+{_group_body(following.group)}{_AFTER})")
                index += 2
                continue
            parts.append(r"\s+")
        elif isinstance(item, _Not):
            parts.append(f"(?!{_group_body(item.group)}{_AFTER})")
        elif isinstance(item, _Group):
            trailing_space = index + 1 < len(items) and items[index + 1] is _SPACE
            if item.optional and at_start and trailing_space:
                parts.append(f"(?:{_group_body(item)}\\s+)?")
                index += 2
                continue
            parts.append(f"{_group_body(item)}{'?' if item.optional else ''}")
        else:
            parts.append(_literal_regex(str(item)))
        at_start = False
        index += 1
    return "".join(parts)


def _group_body(group: _Group) -> str:
    return "(?:" + "|".join(_sequence_regex(alt) for alt in group.alternatives) + ")"


def template_regex(template: str) -> str:
    """The regular expression (without boundaries) a template compiles to."""
    body = _normalise_template(template.strip().removeprefix("^").strip())
    if not body:
        raise TemplateError("empty phrase template")
    return _sequence_regex(_parse(body))


def expand(template: str) -> list[str]:
    """Every literal phrase a template stands for (for PhraseMatcher comparisons and tests)."""
    return sorted(set(_expand_sequence(_parse(_normalise_template(
        template.strip().removeprefix("^").strip())))))


def _expand_sequence(items: tuple[object, ...]) -> list[str]:
    results = [""]
    for item in items:
        if item is _SPACE:
            options = [" "]
        elif isinstance(item, _Not):
            options = [""]
        elif isinstance(item, _Group):
            options = [text for alt in item.alternatives for text in _expand_sequence(alt)]
            if item.optional:
                options.append("")
        else:
            options = [str(item)]
        results = [prefix + option for prefix in results for option in options]
    return [" ".join(text.split()) for text in results]


# --- the catalogue ---------------------------------------------------------------

@lru_cache(maxsize=8)
def load_catalogue(path: Path = CATALOGUE_PATH, table: str = "phrase") -> tuple[Phrase, ...]:
    """Catalogue entries from TOML: `[[phrase]]` (CAN001's canned phrases) or
    `[[boilerplate]]` (CAN002's reply scaffolding) tables with id and templates."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    phrases = []
    for entry in data.get(table, []):
        phrases.append(Phrase(
            id=entry["id"],
            templates=tuple(entry["templates"]),
            suggestion=entry.get("suggestion", DEFAULT_SUGGESTION),
            replacement=entry.get("replacement"),
        ))
    ids = [phrase.id for phrase in phrases]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: phrase ids used twice")
    return tuple(phrases)


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, no edge punctuation: for comparisons."""
    text = re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").lower())
    return text.strip(" .,!?;:-–—")


# A sentence starts at the start of the text or after end punctuation, a colon, a
# dash, a line break, an @handle or an emoji.
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\-–—(\"“]|[@＠][\w.]+|[^\w\s,'’])\s*$")

# Word boundaries around every phrase: "rest assured" must not match inside "interest assured".
_BEFORE, _AFTER = r"(?<![\w'])", r"(?![\w'])"


# --- anchors: the cheap test that decides whether an entry's regex runs at all -----

def _sequence_anchors(items: tuple[object, ...]) -> frozenset[str] | None:
    """Words one of which must occur in any text the sequence matches: those of its most
    selective required item (longest shortest word), or None when there is none."""
    best: frozenset[str] | None = None
    for index, item in enumerate(items):
        if item is _SPACE or isinstance(item, _Not):
            continue
        if isinstance(item, _Group):
            if item.optional:
                continue
            options = [_sequence_anchors(alt) for alt in item.alternatives]
            if any(option is None for option in options):
                continue
            anchors = frozenset().union(*options)  # type: ignore[arg-type]
        else:
            pieces = _WORD.findall(str(item).lower())
            # A piece glued to a group is a fragment ("frustrat(ed|ing)"): not a word.
            if index > 0 and isinstance(items[index - 1], _Group):
                pieces = pieces[1:]
            if index + 1 < len(items) and isinstance(items[index + 1], _Group):
                pieces = pieces[:-1]
            if not pieces:
                continue
            anchors = frozenset({max(pieces, key=len)})  # "e-mail" is found as "mail"
        if best is None or _selectivity(anchors) > _selectivity(best):
            best = anchors
    return best


# Words in most replies make poor anchors: the regex behind them would run on nearly
# every reply. Anchor on a rarer required word when the template has one.
_COMMON_WORDS = frozenset("""
    a an and any anything are as at be can do for get have help here i if in is it know
    let like me more need of on one our please so sorry thank thanks that the this to us
    want we will with you your always again ever further day good great look
""".split())


def _selectivity(anchors: frozenset[str]) -> tuple[bool, int]:
    """Higher is better: no common word first, then the longest shortest word."""
    return (anchors.isdisjoint(_COMMON_WORDS), min(map(len, anchors)))


def _sequence_words(items: tuple[object, ...]) -> set[str]:
    """Every word a match of the sequence can contain (glued pieces expanded)."""
    words: set[str] = set()
    for chunk in _chunks(items):
        if len(chunk) == 1 and isinstance(chunk[0], _Group):
            for alternative in chunk[0].alternatives:
                words |= _sequence_words(alternative)
        elif len(chunk) == 1:
            words.update(_WORD.findall(str(chunk[0])))
        else:  # a word glued to groups: small, so spell its forms out
            for text in _expand_sequence(chunk):
                words.update(_WORD.findall(text))
    return words


def _chunks(items: tuple[object, ...]) -> Iterator[tuple[object, ...]]:
    """The space-separated chunks of a sequence (a literal, a group, or both glued
    together as in "frustrat(ed|ing)"), with `!(...)` guards left out."""
    chunk: list[object] = []
    for item in (*_without_lookaheads(items), _SPACE):
        if item is not _SPACE:
            chunk.append(item)
        elif chunk:
            yield tuple(chunk)
            chunk = []


def _without_lookaheads(items: tuple[object, ...]) -> tuple[object, ...]:
    """The items with every `!(...)` left out (they add no words to a match)."""
    if not any(isinstance(item, _Not) for item in items):
        return items
    return tuple(item for item in items if not isinstance(item, _Not))


@lru_cache(maxsize=4096)
def template_words(template: str) -> frozenset[str]:
    body = template.strip().removeprefix("^").strip()
    return frozenset(_sequence_words(_parse(_normalise_template(body))))


def template_anchors(template: str) -> frozenset[str] | None:
    body = template.strip().removeprefix("^").strip()
    return _sequence_anchors(_parse(_normalise_template(body)))


# A glued chunk ("frustrat(ed|ing)", "you(.|!|,)") is spelt out to find its words; one
# with more forms than this is too costly to spell and simply adds no requirement.
_MAX_GLUED_FORMS = 64


def _sequence_requirements(items: tuple[object, ...]) -> list[frozenset[str]]:
    """Word sets a match of the sequence must hit, one word of each set at least.

    Every required chunk (items between spaces) adds one: a plain literal one set per
    word, a group standing alone the union of one set per alternative, a chunk glued
    to a group the longest word of each spelt-out form. A reply that lacks a word of
    any set cannot match, so the regex need not run: the anchor test alone checks only
    one set, and the common anchors ("here", "have", "team") let most replies through.
    """
    requirements: list[frozenset[str]] = []
    for chunk in _chunks(items):
        if len(chunk) == 1 and isinstance(chunk[0], _Group):
            requirements += _group_requirements(chunk[0])
        elif len(chunk) == 1:
            requirements += [frozenset({word}) for word in _WORD.findall(str(chunk[0]))]
        else:
            requirement = _glued_requirement(chunk)
            if requirement:
                requirements.append(requirement)
    return requirements


def _group_requirements(group: _Group) -> list[frozenset[str]]:
    if group.optional:
        return []
    options = [_sequence_requirements(alternative) for alternative in group.alternatives]
    if not all(options):
        return []  # an alternative with no word: the group guarantees nothing
    # One set per alternative (its most selective), united: any match hits one of them.
    return [frozenset().union(*(max(option, key=_requirement_rank) for option in options))]


def _requirement_rank(words: frozenset[str]) -> tuple[bool, int]:
    return (words.isdisjoint(_COMMON_WORDS), -len(words))


def _glued_requirement(chunk: tuple[object, ...]) -> frozenset[str] | None:
    words: set[str] = set()
    forms = 0
    for form in _iter_forms(chunk):
        forms += 1
        pieces = _WORD.findall(form)
        if forms > _MAX_GLUED_FORMS or not pieces:
            return None
        words.add(max(pieces, key=len))
    return frozenset(words)


def _iter_forms(items: tuple[object, ...]) -> Iterator[str]:
    """The literal forms of a run of items (an optional group may also be left out)."""
    if not items:
        yield ""
        return
    head, rest = items[0], items[1:]
    if isinstance(head, _Not):
        yield from _iter_forms(rest)
        return
    if isinstance(head, _Group):
        heads = [form for alt in head.alternatives for form in _iter_forms(alt)]
        heads += [""] if head.optional else []
    else:
        heads = [" " if head is _SPACE else str(head)]
    for tail in _iter_forms(rest):
        for form in heads:
            yield form + tail


def template_requirements(template: str) -> tuple[frozenset[str], ...]:
    """Word sets that any text the template matches hits (see _sequence_requirements)."""
    body = template.strip().removeprefix("^").strip()
    return tuple(dict.fromkeys(_sequence_requirements(_parse(_normalise_template(body)))))


_WORD = re.compile(r"[\w']+")
_WORD_CHAR = re.compile(r"[\w']")

# fold() then _WORD, on UTF-8 bytes: ASCII letters lower-cased, ASCII word characters
# and apostrophes kept (the backtick is one), other ASCII a space; bytes of non-ASCII
# characters kept (those that are not word characters are blanked before encoding).
_WORD_BYTES = bytes(
    ord(fold(chr(code))) if re.fullmatch(r"[\w']", fold(chr(code))) else ord(" ")
    for code in range(128)) + bytes(range(128, 256))
_NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]+")


def word_bytes(text: str) -> list[bytes]:
    """`_WORD.findall(fold(text))`, each word UTF-8 encoded, several times faster.

    One table lookup per byte folds case and blanks punctuation, then `bytes.split`;
    a non-ASCII reply is folded and has its non-ASCII punctuation blanked first.
    """
    if not text.isascii():
        text = _NON_ASCII_NON_WORD.sub(" ", fold(text))
    return text.encode().translate(_WORD_BYTES).split()





@dataclass(frozen=True, slots=True)
class _Entry:
    phrase: Phrase
    anchors: frozenset[str] | None  # None: no cheap test, always run the regex
    regex: re.Pattern[str]
    sentence_start: bool
    check_start: bool  # the regex has no start boundary: check it after matching
    requirements: tuple[frozenset[str], ...] = ()  # word sets a match hits (all of them)
    # How a match that fails the start check is handled: True (a pattern that does
    # not start with a literal) searches again one character on, which finds exactly
    # what a leading lookbehind would; False (literal starts) goes on after it.
    research: bool = False


class PhraseMatcher:
    """Finds catalogue phrases in text; built once per configuration.

    Each template's regex runs only when the reply's words pass its word tests (one of
    its anchors, and a word of every set in its requirements: set operations on the
    reply's words cut as bytes), so a reply pays for the few templates it could match,
    not for the whole catalogue. Overlapping matches keep the earliest, then the longest.
    """

    def __init__(self, phrases: Iterable[Phrase], allow: Iterable[str] = ()) -> None:
        allowed = {normalise(item) for item in allow if item.strip()}
        self._allowed = tuple(sorted(allowed))
        entries: list[_Entry] = []
        for phrase in phrases:
            if phrase.id in allowed:
                continue
            # One regex per template: short patterns, each behind its own cheap anchor test.
            for template in phrase.templates:
                entries.append(_entry(phrase, template))
        self._entries = tuple(entries)
        self.vocabulary = frozenset().union(
            *(template_words(t) for e in entries for t in e.phrase.templates))
        self._tests = _WordTests.build(entries)

    def finditer(self, text: str) -> Iterator[PhraseMatch]:
        yield from self.matches(text)

    def matches(self, text: str) -> list[PhraseMatch]:
        """The matches in `text`, in order, without overlaps (see finditer)."""
        runnable = self._tests.runnable(word_bytes(text))
        if not runnable:
            return []  # most replies: no regex runs, and the text need not be folded
        folded = fold(text)
        found: list[PhraseMatch] = []
        for index in runnable:
            entry = self._entries[index]
            for start, end in _spans(entry, folded):
                if entry.sentence_start and not _SENTENCE_END.search(text, 0, start):
                    continue
                if self._allowed and self._is_allowed(text[start:end]):
                    continue
                found.append(PhraseMatch(start, end, entry.phrase))
        if len(found) < 2:
            return found
        return _without_overlaps(found)

    def _is_allowed(self, matched: str) -> bool:
        """An allowed phrase silences a match that contains it or that it contains."""
        found = normalise(matched)
        return any(item in found or found in item for item in self._allowed)


@dataclass(frozen=True, slots=True)
class _WordTests:
    """The word tests of every entry, on the reply's words as UTF-8 (see word_bytes).

    An entry's regex runs only when the reply has one of its anchors, every word in
    `must` and one word of each set in `either` (its requirements). Entries are found
    through their most selective test (`by_key`), so a reply checks a few of them.
    """

    by_key: dict[bytes, tuple[tuple[int, frozenset[bytes], tuple[frozenset[bytes], ...]], ...]]
    key_words: frozenset[bytes]
    always: tuple[int, ...]  # entries without any word test: their regex always runs
    index_words: frozenset[bytes]  # every word a test names: the reply is cut to these

    @classmethod
    def build(cls, entries: Iterable[_Entry]) -> _WordTests:
        by_key: dict[bytes, list[int]] = {}
        always: list[int] = []
        musts: list[frozenset[bytes]] = []
        eithers: list[tuple[frozenset[bytes], ...]] = []
        for index, entry in enumerate(entries):
            tests = [*entry.requirements, *([entry.anchors] if entry.anchors is not None else [])]
            keyed = [frozenset(word.encode() for word in words) for words in tests]
            musts.append(frozenset().union(*(words for words in keyed if len(words) == 1)))
            eithers.append(tuple(dict.fromkeys(words for words in keyed if len(words) > 1)))
            if not keyed:
                always.append(index)
                continue
            for word in max(keyed, key=_key_rank):
                by_key.setdefault(word, []).append(index)
        index_words = frozenset(by_key).union(*musts, *(w for e in eithers for w in e))
        # Each key lists its entries with their tests, so the check needs no lookups.
        keyed_entries = {word: tuple((i, musts[i], eithers[i]) for i in indices)
                         for word, indices in by_key.items()}
        return cls(keyed_entries, frozenset(by_key), tuple(always), index_words)

    def runnable(self, words: list[bytes]) -> list[int]:
        """Indices, in catalogue order, of the entries whose tests the reply passes."""
        if self.key_words.isdisjoint(words):
            # A third of replies: no key word, so only the untested entries run (a
            # membership scan that stops early, cheaper than building the set below).
            return list(self.always)
        present = self.index_words.intersection(words)
        passed = list(self.always)
        for word in self.key_words.intersection(present):
            for index, must, either in self.by_key[word]:
                if must <= present:
                    for words_ in either:
                        if words_.isdisjoint(present):
                            break
                    else:
                        passed.append(index)
        if len(passed) > 1:
            passed = sorted(set(passed))
        return passed


# Function words found in nearly every reply: a key set with one of them lets nearly
# every reply through to its entry's checks, so it is the last choice for a key (a
# set of common words such as "day" or "great" is still far rarer than "a").
_VERY_COMMON_WORDS = frozenset("""
    a an the to you your we us i me my our for and or of in on at it is are be can this
    that with will have has there here if so do not no how about what know let get please
    thanks thank hi hey all any from by as was just out up
""".split())


def _word_tier(word: str) -> int:
    return 2 if word in _VERY_COMMON_WORDS else 1 if word in _COMMON_WORDS else 0


def _key_rank(words: frozenset[bytes]) -> tuple[int, int, int, int]:
    """Higher is rarer: no very common word, then no common word (fewest of the
    commonest tier), fewer words, longer shortest word. Which test is the key does not
    change what runs (every test must pass), only how many replies reach the others."""
    texts = [word.decode() for word in words]
    tiers = [_word_tier(text) for text in texts]
    top = max(tiers)
    return (-top, -tiers.count(top), -len(texts), min(map(len, texts)))


def _without_overlaps(matches: list[PhraseMatch]) -> list[PhraseMatch]:
    kept: list[PhraseMatch] = []
    last_end = -1
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        if match.start >= last_end:
            last_end = match.end
            kept.append(match)
    return kept


@lru_cache(maxsize=4096)
def _entry(phrase: Phrase, template: str) -> _Entry:
    body = template_regex(template)
    # A pattern that starts with a literal gets sre's fast prefix scan, which a leading
    # lookbehind would disable; without one, sre also skips faster to where the others
    # can start. So the start boundary is checked after matching, except in a pattern
    # that can match nothing (it would match at every position: the lookbehind stays).
    literal_start = body[0].isalnum()
    bare = re.compile(f"(?:{body}){_AFTER}")
    if literal_start or bare.match("") is None:
        return _Entry(phrase, template_anchors(template), bare,
                      template.lstrip().startswith("^"), True,
                      template_requirements(template), research=not literal_start)
    return _Entry(phrase, template_anchors(template), re.compile(f"{_BEFORE}{bare.pattern}"),
                  template.lstrip().startswith("^"), False, template_requirements(template))


def _spans(entry: _Entry, folded: str) -> Iterator[tuple[int, int]]:
    """Where the entry's regex matches the folded text at a word start."""
    regex = entry.regex
    if not entry.check_start:
        for match in regex.finditer(folded):
            yield match.span()
        return
    if not entry.research:
        for match in regex.finditer(folded):
            start = match.start()
            if not (start and _WORD_CHAR.match(folded, start - 1)):
                yield start, match.end()
        return
    # Leftmost match that starts a word, then the next from its end (it is not empty):
    # what finditer with the lookbehind `_BEFORE` finds.
    match = regex.search(folded)
    while match is not None:
        start, end = match.span()
        if start and _WORD_CHAR.match(folded, start - 1):
            match = regex.search(folded, start + 1)
        else:
            yield start, end
            match = regex.search(folded, end)


def extra_phrases(extra: Iterable[str]) -> tuple[Phrase, ...]:
    """Phrases a team adds in config (`[canned] extra`), as catalogue entries."""
    return tuple(Phrase(id=f"extra-{index}", templates=(template,))
                 for index, template in enumerate(extra, start=1) if template.strip())


@lru_cache(maxsize=16)
def cached_matcher(extra: tuple[str, ...], allow: tuple[str, ...] = (),
                   tables: tuple[str, ...] = ("phrase",)) -> PhraseMatcher:
    """A matcher for the team's extra phrases plus catalogue tables, built once.

    Building compiles hundreds of regexes (tens of ms), and rules are built per
    distinct config: a new agent sign-off must not rebuild the canned catalogue.
    Team phrases come first: at the same position the first listed entry wins.
    """
    phrases = (*extra_phrases(extra), *(p for table in tables for p in load_catalogue(table=table)))
    return PhraseMatcher(phrases, allow=allow)
