"""Readability scores that never touch the network.

textstat 0.7.13 counts syllables with the CMU pronouncing dictionary and, when NLTK
does not have it, calls `nltk.download('cmudict')` at run time
(`textstat/backend/utils/_get_cmudict.py`, imported by name into
`textstat/backend/counts/_count_syllables.py`). A linter must work offline, in CI and
behind firewalls, and give the same score on every machine, so replylint supplies that
module itself before importing textstat: its `get_cmudict` returns None, and
`count_syllables` then takes its own fallback, pyphen's hyphenation (`except
(TypeError, ...)`: `None[word]` raises TypeError), for every word. Pyphen ships its
dictionaries inside the wheel. NLTK, which that module alone imports, is then never
imported: 0.1 s less start-up for every process that lints (the CLI, the language
server, each batch run).

If a textstat release moves those modules, the score is computed here from the same
formula with pyphen directly, so the network is still never used.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from functools import lru_cache
from pathlib import Path
from typing import Any

# What a reader does not read as words: links, @handles, the '#' of hashtags, thread
# counters, HTML escapes left by exports. A link followed by a capital ("... steps here:
# https://... If that fails") ends its sentence.
_LINK_THEN_CAPITAL = re.compile(r"(?:https?://|www\.)\S+(?=\s+[A-Z])")
_NOT_PROSE = re.compile(r"https?://\S+|www\.\S+|[@＠][\w.]+|\(?\b\d{1,2}/\d{1,2}\b\)?")
_HASH = re.compile(r"[#＃](?=\w)")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}
_ENTITY = re.compile("|".join(_ENTITIES))
# Where a reader sees a sentence end that the formulas would miss: a line break after an
# unpunctuated line (lists, sign-offs), an emoticon or emoji used as a full stop.
_SOFT_BREAK = re.compile(
    r"(?<![.!?:;,])[ \t]*\n+|\s+(?:[:;=]-?[)D(P]|[\U0001F300-\U0001FAFF\u2600-\u27BF]\uFE0F?)+")

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def prose(text: str) -> str:
    """The reply as a reader reads it: no links or handles, soft sentence breaks made hard."""
    # Every link, handle and counter holds "/", "www." or an "@"; most replies hold none,
    # and these patterns would otherwise be tried at every position of the reply.
    if "/" in text or "www." in text or "@" in text or "＠" in text:
        text = _LINK_THEN_CAPITAL.sub(".", text)
        text = _NOT_PROSE.sub(" ", text)
    if "#" in text or "＃" in text:
        text = _HASH.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(lambda match: _ENTITIES[match.group()], text)
    return _SOFT_BREAK.sub(". ", text)


def word_count(text: str) -> int:
    return len(text.split())


# textstat's own module for the CMU dictionary, which replylint stands in for.
_CMUDICT_MODULE = "textstat.backend.utils._get_cmudict"


@lru_cache(maxsize=1)
def offline_textstat() -> Any | None:
    """textstat with no CMUdict lookup (and no NLTK), or None if its layout is not the known one."""
    if not _knows_layout():
        return None
    stand_in = types.ModuleType(_CMUDICT_MODULE, "replylint: no CMU dictionary, no download")
    stand_in.get_cmudict = _no_cmudict  # type: ignore[attr-defined]
    sys.modules.setdefault(_CMUDICT_MODULE, stand_in)
    try:
        import textstat
        from textstat.backend.counts import _count_syllables
    except ImportError:
        return None
    if getattr(_count_syllables, "get_cmudict", None) is not _no_cmudict:
        # textstat was imported before us with its own lookup: replace it where it is used.
        if not hasattr(_count_syllables, "get_cmudict"):
            return None
        _count_syllables.get_cmudict = _no_cmudict
    return textstat


def _knows_layout() -> bool:
    """textstat is installed with the module replylint stands in for (found, not imported)."""
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        return False
    relative = Path(*_CMUDICT_MODULE.split(".")[1:]).with_suffix(".py")
    return any((Path(folder) / relative).is_file() for folder in spec.submodule_search_locations)


def load() -> None:
    """Import textstat and load its hyphenation dictionary now (about 0.06 s, most of it
    pyphen's dictionary). Both happen on first use otherwise, and a rule built once should
    not make the first long reply it scores pay for them."""
    _word_syllables("readability")


def _no_cmudict(lang: str) -> None:
    """Stands in for textstat's get_cmudict: no dictionary, so no download."""
    return None


def flesch_kincaid_grade(text: str) -> float:
    """Flesch-Kincaid grade of `text` (already cleaned with `prose`), computed offline.

    The same arithmetic as textstat's `flesch_kincaid_grade` (its word list, sentence
    count and formula), but syllables come from textstat one word at a time through a
    bounded cache: a scored reply costs tens of microseconds instead of milliseconds.
    """
    textstat = offline_textstat()
    if textstat is None:
        return _fallback_grade(text)
    if not text:
        return 0.0
    words = _textstat_words(text).lower().split()
    if not words:
        return 0.0
    sentences = _TEXTSTAT_SENTENCE.findall(text)
    short = sum(1 for sentence in sentences if len(_textstat_words(sentence).split()) <= 2)
    words_per_sentence = len(words) / max(1, len(sentences) - short)
    syllables_per_word = sum(map(_word_syllables, words)) / len(words)
    if words_per_sentence == 0 or syllables_per_word == 0:
        return 0.0
    return 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59


# textstat 0.7.13's word list (`list_words`, default arguments): apostrophes are kept only
# in contractions, every other character that is neither a word character nor whitespace
# is dropped, and the rest is split on whitespace. Its sentences: `count_sentences`.
_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def _textstat_words(text: str) -> str:
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


@lru_cache(maxsize=65536)
def _word_syllables(word: str) -> int:
    """Syllables of one lower-cased word, as textstat counts them (offline: pyphen)."""
    textstat = offline_textstat()
    return int(textstat.syllable_count(word)) if textstat is not None else _syllables(word)


def textstat_grade(text: str) -> float:
    """textstat's own `flesch_kincaid_grade` (slow: for checking the fast path above)."""
    textstat = offline_textstat()
    return float(textstat.flesch_kincaid_grade(text)) if textstat else _fallback_grade(text)


def _fallback_grade(text: str) -> float:
    """The same formula as textstat: 0.39 * words/sentence + 11.8 * syllables/word - 15.59."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, sum(1 for s in _SENTENCE.findall(text) if len(s.split()) > 2))
    syllables = sum(_syllables(word.lower()) for word in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


def _syllables(word: str) -> int:
    return len(_pyphen().positions(word)) + 1


@lru_cache(maxsize=1)
def _pyphen() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="en_US")
