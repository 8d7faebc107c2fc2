"""Phrase templates compiled into one regex: the matcher behind CAN001 and CAN002.

A template is plain words plus two kinds of group, so a team lead can write variants
without learning regular expressions:

    "[we|I] [do] (apologize|apologise) for (any|the) inconvenience [caused]"

- `(a|b)` one of the alternatives, `[a|b]` optionally one of them (groups nest);
- a leading `^` means "only at the start of a sentence" ("Here to help!");
- case is ignored, any run of whitespace matches a space, straight and curly
  apostrophes are the same, and common contractions match their long form
  (`we're` also matches "we are").

Everything else is literal. One combined regex (one named group per catalogue entry)
scans a reply once; see benchmarks/canned_matcher.py for why a regex and not spaCy's
PhraseMatcher.
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

_APOSTROPHE = "['’‘`]"

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
    template = template.replace("’", "'").replace("‘", "'")
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
    return "".join(_APOSTROPHE if char == "'" else re.escape(char) for char in literal)


def _sequence_regex(items: tuple[object, ...]) -> str:
    """Compile a sequence; an optional group swallows the space before it (or after it,
    at the start), so "we [do] apologize" matches "we apologize" with one space."""
    parts: list[str] = []
    index = 0
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
            if item.optional and index == 0 and trailing_space:
                parts.append(f"(?:{_group_body(item)}\\s+)?")
                index += 2
                continue
            parts.append(f"{_group_body(item)}{'?' if item.optional else ''}")
        else:
            parts.append(_literal_regex(str(item)))
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

@lru_cache(maxsize=4)
def load_catalogue(path: Path = CATALOGUE_PATH) -> tuple[Phrase, ...]:
    """The phrase catalogue from TOML: `[[phrase]]` tables with id, templates, suggestion."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    phrases = []
    for entry in data.get("phrase", []):
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


class PhraseMatcher:
    """Finds catalogue phrases in text; built once per configuration."""

    def __init__(self, phrases: Iterable[Phrase], allow: Iterable[str] = ()) -> None:
        allowed = {normalise(item) for item in allow if item.strip()}
        self._allowed = tuple(sorted(allowed))
        self._phrases: list[Phrase] = []
        self._sentence_start: set[str] = set()
        branches: list[str] = []
        for phrase in phrases:
            if phrase.id in allowed:
                continue
            index = len(self._phrases)
            self._phrases.append(phrase)
            anywhere = [template_regex(t) for t in phrase.templates if not t.lstrip().startswith("^")]
            starting = [template_regex(t) for t in phrase.templates if t.lstrip().startswith("^")]
            if anywhere:
                branches.append(f"(?P<p{index}>{'|'.join(anywhere)})")
            if starting:
                self._sentence_start.add(f"s{index}")
                branches.append(f"(?P<s{index}>{'|'.join(starting)})")
        # Word boundaries outside the alternation, so a failed boundary tries the next branch.
        pattern = r"(?<![\w'’])(?:" + "|".join(branches) + r")(?![\w'’])" if branches else r"(?!)"
        self._regex = re.compile(pattern, re.IGNORECASE)

    @property
    def pattern(self) -> re.Pattern[str]:
        return self._regex

    def finditer(self, text: str) -> Iterator[PhraseMatch]:
        for match in self._regex.finditer(text):
            group = match.lastgroup
            if group is None:
                continue
            if group in self._sentence_start and not _SENTENCE_END.search(text, 0, match.start()):
                continue
            if self._allowed and self._is_allowed(match.group()):
                continue
            yield PhraseMatch(match.start(), match.end(), self._phrases[int(group[1:])])

    def _is_allowed(self, matched: str) -> bool:
        """An allowed phrase silences a match that contains it or that it contains."""
        found = normalise(matched)
        return any(item in found or found in item for item in self._allowed)


def extra_phrases(extra: Iterable[str]) -> tuple[Phrase, ...]:
    """Phrases a team adds in config (`[canned] extra`), as catalogue entries."""
    return tuple(Phrase(id=f"extra-{index}", templates=(template,))
                 for index, template in enumerate(extra, start=1) if template.strip())
