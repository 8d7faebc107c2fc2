"""Phrase templates compiled into regexes: the matcher behind CAN001 and CAN002.

A template is plain words plus two kinds of group, so a team lead can write variants
without learning regular expressions:

    "[we|I] [do] (apologize|apologise) for (any|the) inconvenience [caused]"

- `(a|b)` one of the alternatives, `[a|b]` optionally one of them (groups nest);
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


_SPACE = _Space()


def _normalise_template(template: str) -> str:
    template = fold(template)
    return _CONTRACTION_WORD.sub(
        lambda m: f"({m.group(1)}|{_CONTRACTIONS[m.group(1).lower()]})", template)


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
            parts.append(r"\s+")
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
        if item is _SPACE:
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
    chunk: list[object] = []
    for item in (*items, _SPACE):
        if item is not _SPACE:
            chunk.append(item)
            continue
        if len(chunk) == 1 and isinstance(chunk[0], _Group):
            for alternative in chunk[0].alternatives:
                words |= _sequence_words(alternative)
        elif len(chunk) == 1:
            words.update(_WORD.findall(str(chunk[0])))
        elif chunk:  # a word glued to groups: small, so spell its forms out
            for text in _expand_sequence(tuple(chunk)):
                words.update(_WORD.findall(text))
        chunk = []
    return words


def template_words(template: str) -> frozenset[str]:
    body = template.strip().removeprefix("^").strip()
    return frozenset(_sequence_words(_parse(_normalise_template(body))))


def template_anchors(template: str) -> frozenset[str] | None:
    body = template.strip().removeprefix("^").strip()
    return _sequence_anchors(_parse(_normalise_template(body)))


_WORD = re.compile(r"[\w']+")
_WORD_CHAR = re.compile(r"[\w']")





@dataclass(frozen=True, slots=True)
class _Entry:
    phrase: Phrase
    anchors: frozenset[str] | None  # None: no cheap test, always run the regex
    regex: re.Pattern[str]
    sentence_start: bool
    check_start: bool  # the regex has no start boundary: check it after matching


class PhraseMatcher:
    """Finds catalogue phrases in text; built once per configuration.

    Each template's regex runs only when one of its anchor words is among the reply's
    words (a set test), so a reply pays for the few templates it could match, not for
    the whole catalogue. Overlapping matches keep the earliest, then the longest.
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
                body = template_regex(template)
                # A pattern that starts with a literal gets sre's fast prefix scan, which a
                # leading lookbehind would disable: its start boundary is checked after.
                literal_start = body[0].isalnum()
                regex = re.compile(f"{'' if literal_start else _BEFORE}(?:{body}){_AFTER}")
                entries.append(_Entry(phrase, template_anchors(template), regex,
                                      template.lstrip().startswith("^"), literal_start))
        self._entries = tuple(entries)
        self.vocabulary = frozenset().union(
            *(template_words(t) for e in entries for t in e.phrase.templates))
        by_anchor: dict[str, set[int]] = {}
        for index, entry in enumerate(entries):
            for anchor in entry.anchors or ():
                by_anchor.setdefault(anchor, set()).add(index)
        self._by_anchor = {anchor: frozenset(indices) for anchor, indices in by_anchor.items()}
        self._anchor_words = frozenset(by_anchor)
        self._always = frozenset(i for i, entry in enumerate(entries) if entry.anchors is None)

    def finditer(self, text: str) -> Iterator[PhraseMatch]:
        folded = fold(text)
        candidates = set(self._always)
        for word in self._anchor_words.intersection(_WORD.findall(folded)):
            candidates.update(self._by_anchor[word])
        found: list[PhraseMatch] = []
        for index in sorted(candidates):
            entry = self._entries[index]
            for match in entry.regex.finditer(folded):
                start = match.start()
                if entry.check_start and start and _WORD_CHAR.match(folded, start - 1):
                    continue
                if entry.sentence_start and not _SENTENCE_END.search(text, 0, match.start()):
                    continue
                if self._allowed and self._is_allowed(text[match.start():match.end()]):
                    continue
                found.append(PhraseMatch(match.start(), match.end(), entry.phrase))
        yield from _without_overlaps(found)

    def _is_allowed(self, matched: str) -> bool:
        """An allowed phrase silences a match that contains it or that it contains."""
        found = normalise(matched)
        return any(item in found or found in item for item in self._allowed)


def _without_overlaps(matches: list[PhraseMatch]) -> Iterator[PhraseMatch]:
    last_end = -1
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        if match.start >= last_end:
            last_end = match.end
            yield match


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
