"""Content words of a customer message and a reply, for ACK001: does the reply talk about
the customer's problem?

No trained model is available (spaCy blank English only), so "talks about" is measured
by shared content words: both texts are reduced to stemmed terms with handles, links,
function words and support boilerplate removed, and related words folded together by a
synonym table. All vocabulary lives in `rules/data/acknowledgement.toml`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from string import ascii_lowercase

from ._required_text import GatedPattern, any_match, any_of, lower_case_only

DATA = Path(__file__).resolve().parent / "data" / "acknowledgement.toml"

_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE_OR_URL = re.compile(r"https?://\S+|www\.\S+|[@＠][\w.]+")
# The handles of `_HANDLE_OR_URL` in a text without "＠": its literal first character lets
# `re` skip ahead, where the full pattern stops at every "h" and "w".
_AT_HANDLE = re.compile(r"@[\w.]+")
# Words, model numbers ("ps4", "dl2907", "17c") and numbers of 2+ digits ("1270").
#   [a-z][a-z0-9]*(?:[-'’][a-z]+)*|\d{2,}[a-z]*
# written to open with one character class, which `re` can skip ahead to (an alternation
# of two classes it tries at every position), and possessive: nothing after a word's
# first character can fail, so backtracking never changes what is found.
_WORD = re.compile(r"[a-z\d](?:(?<=[a-z])[a-z0-9]*+(?:[-'’][a-z]+)*+|(?<=\d)\d++[a-z]*+)")
# A link's path words ("/reset-yahoo-password-sln27051.html") say what a help article is about.
_URL_PATH_WORD = re.compile(r"[a-z]{3,}")
_URL_HOST = re.compile(r"^(?:https?://)?[^/]+")
_ARCHIVE_PREFIX = re.compile(r"^https?://web\.archive\.org/web/\d+/", re.IGNORECASE)
_SHORTENER = re.compile(
    r"https?://(?:t\.co|bit\.ly|goo\.gl|yt\.be|ow\.ly|tinyurl\.com|amzn\.to|spoti\.fi|"
    r"fb\.me|lnkd\.in|buff\.ly|youtu\.be|aka\.ms|adobe\.ly|po\.st|msft\.it)/")
# Words in a link that name the site's machinery, not the topic.
_URL_NOISE = frozenset(
    "http https www com org net html htm php aspx article articles answer answers help hc "
    "support kb en us gb uk language questions question categories category requests request "
    "new contact faq faqs topic topics page pages community forums forum docs doc ent id "
    "sln step utm source medium campaign ref".split())


def stem(word: str) -> str:
    """A light stem: enough to match plural and verb endings, not a linguistic one."""
    return _stem(word)


# word -> stem for the words seen so far. A plain dict read with `map` costs a fraction of
# an lru_cache call per word; it is emptied when it grows past the bound.
_STEMS: dict[str, str] = {}
_STEMS_BOUND = 65536


def _stems(words: list[str]) -> frozenset[str]:
    """The stems of `words`."""
    try:
        return frozenset(map(_STEMS.__getitem__, words))
    except KeyError:
        if len(_STEMS) > _STEMS_BOUND:
            _STEMS.clear()
        for word in words:
            if word not in _STEMS:
                _STEMS[word] = _stem(word)
        return frozenset(map(_STEMS.__getitem__, words))


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    word = word.replace("’", "'")
    for ending in ("'s", "'ll", "'re", "'ve", "'d", "n't", "'m"):
        if word.endswith(ending):
            word = word[: -len(ending)]
            break
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith(("ches", "shes", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    # "cancelled"/"cancel", "stopped"/"stop", "install"/"instal": fold a doubled last letter.
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeious":
        word = word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The vocabulary, stemmed once."""

    stopwords: frozenset[str]
    generic: frozenset[str]
    synonyms: dict[str, str]  # stemmed single word -> its group's term
    phrase_synonyms: re.Pattern[str]  # any multi-word synonym, one pass
    phrase_heads: dict[str, str]  # matched multi-word synonym -> its group's term
    detail_phrases: re.Pattern[str]
    # The first word of every phrase in the two lists (see `_may_hold`): most texts hold
    # none, and a set test on their words costs a fraction of the alternations above.
    phrase_synonym_starts: frozenset[str] | None
    detail_phrase_starts: frozenset[str] | None
    problem_cues: frozenset[str]
    request_cues: frozenset[str]
    praise_cues: frozenset[str]
    contact_requests: re.Pattern[str]
    # The same patterns without IGNORECASE, for the lower-cased text of an ASCII message
    # (None when a pattern names an upper-case letter): several times faster.
    contact_requests_lower: tuple[GatedPattern, ...] | None
    ignored: frozenset[str]  # stopwords | generic: stems that are never content
    # `ignored` and every stem shorter than two characters that `_WORD` words can give
    # ("" from "n't", single letters): one set difference instead of a length test per term
    never_content: frozenset[str]
    english_function: frozenset[str]  # the stopwords as words, for telling the language
    foreign_function: frozenset[str]  # function words of other languages, stemmed
    # What each `_WORD` word means here, filled as words come up (`_learn`): pure
    # functions of the fields above, cached because the same words come up in every text.
    # word -> its term ("" when it is never content)
    term_of: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # The words learnt so far one of whose `_pieces` starts a phrase of `detail_phrases`,
    # of `phrase_synonyms` (see `_may_start`).
    detail_starters: set[str] = field(default_factory=set, compare=False, repr=False)
    synonym_starters: set[str] = field(default_factory=set, compare=False, repr=False)



_TOO_SHORT = frozenset(["", *"abcdefghijklmnopqrstuvwxyz0123456789"])


def _words(block: str) -> list[str]:
    return block.split()


_PIECE = re.compile(r"[a-z0-9]+")  # what `_pieces` splits words into
def _first_pieces(phrases: list[str]) -> frozenset[str] | None:
    """The leading letters-and-digits run of each phrase ("e" of "e-mail address"); None
    when a phrase has none, and the set test in `_may_hold` cannot be used."""
    pieces = set()
    for phrase in phrases:
        piece = _PIECE.match(phrase.lower())
        if piece is None:
            return None
        pieces.add(piece.group())
    return frozenset(pieces)


def _pieces(lower: str, words: list[str]) -> list[str]:
    """The runs of letters and digits in the `_WORD` words of `lower` ("e-mail" -> "e",
    "mail"; a word without a separator is one run). `_may_hold` compares them with
    phrase starts, which are such runs: a whole hyphenated word never equals one."""
    if "-" not in lower and "'" not in lower and "’" not in lower:
        return words  # no word holds a separator
    # All words at once, joined by a separator and split on every separator: no per-word
    # loop (_WORD words are letters, digits and separators only, never two in a row).
    return "-".join(words).replace("’", "-").replace("'", "-").split("-")


def _may_hold(starts: frozenset[str] | None, pieces: list[str]) -> bool:
    """Can an `_alternation` of phrases match the text these `_pieces` come from?

    A match starts at a word boundary, before a letter or digit; there the text's words
    have either a word or, inside "x-order", a piece after a hyphen or apostrophe, and it
    runs as far as the phrase's own first piece runs (the phrase goes on with a space or
    a separator, or ends before a non-word character). So the first piece of the phrase
    is among the pieces of the words: when none is, no phrase matches."""
    return starts is None or not starts.isdisjoint(pieces)


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    """Any of `phrases` as whole words, the longest where several start at one place.

    Written as a trie ("order\\ (?:n(?:o|umber)|...)"): `re` compares each character once
    instead of trying every phrase at every word start. The phrases that can match at one
    place all begin the text there, so each is a prefix of the next longer one, and the
    trie tries a longer continuation before ending a phrase early: the longest first, as
    the alternation of the phrases sorted longest first (and `(?!\\w)` still backtracks
    to a shorter one)."""
    return re.compile(r"\b(?:" + any_of([p.lower() for p in phrases]).pattern + r")(?!\w)")


@lru_cache(maxsize=4)
def load_lexicon(path: Path = DATA) -> Lexicon:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    stop = {stem(w) for w in _words(data["stopwords"])} | set(_words(data["stopwords"]))
    generic = {stem(w) for w in _words(data["generic"])}
    # The function words and boilerplate are most of every message: stem them now, so
    # that the first replies linted find them in `_STEMS` too.
    _stems(_words(data["stopwords"]) + _words(data["generic"]))
    synonyms: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for group in data["synonyms"]:
        head = "~" + stem(group[0].split()[-1])  # "~" keeps group terms apart from words
        for member in group:
            if " " in member or "-" in member:
                phrases[member.lower()] = head
            else:
                synonyms[stem(member)] = head
    return Lexicon(
        stopwords=frozenset(stop),
        generic=frozenset(generic - stop),
        synonyms=synonyms,
        phrase_synonyms=_alternation(list(phrases)),
        phrase_heads=phrases,
        detail_phrases=_alternation(data["detail_phrases"]),
        phrase_synonym_starts=_first_pieces(list(phrases)),
        detail_phrase_starts=_first_pieces(data["detail_phrases"]),
        problem_cues=frozenset(stem(w) for w in _words(data["problem_cues"])),
        request_cues=frozenset(stem(w) for w in _words(data["request_cues"])),
        praise_cues=frozenset(stem(w) for w in _words(data["praise_cues"])),
        contact_requests=re.compile("|".join(f"(?:{p})" for p in data["contact_requests"]),
                                    re.IGNORECASE),
        contact_requests_lower=(
            tuple(GatedPattern.compile(p) for p in data["contact_requests"])
            if all(lower_case_only(p) for p in data["contact_requests"]) else None),
        ignored=frozenset(stop | generic),
        never_content=frozenset(stop | generic | _TOO_SHORT),
        english_function=frozenset(stop),
        foreign_function=frozenset(
            {stem(w) for w in _words(data.get("foreign_function_words", ""))}
            | set(_words(data.get("foreign_function_words", "")))) - stop,
    )


def asks_for_contact(text: str, lexicon: Lexicon) -> bool:
    """Does the message ask how to reach support (`contact_requests`, any case)?"""
    if lexicon.contact_requests_lower is not None and text.isascii():
        return any_match(lexicon.contact_requests_lower, text.lower())
    return lexicon.contact_requests.search(text) is not None


def mostly_foreign(words: frozenset[str], lexicon: Lexicon) -> bool:
    """More function words of another language than of English: "Mi pedido no ha llegado",
    "Meine Bestellung ist nicht angekommen". Set sizes, so no per-word loop."""
    foreign = len(words & lexicon.foreign_function)
    return foreign >= 2 and foreign > len(words & lexicon.english_function)


def plain_text(text: str) -> str:
    """Lower-cased text without @handles and links."""
    lower = text.lower()
    if "&" in lower:
        lower = lower.replace("&amp;", "&").replace("&gt;", ">").replace("&lt;", "<")
    # The same substitution as `_HANDLE_OR_URL`, skipped or narrowed when what it looks
    # for is absent: its "h" and "w" alternatives make `re` stop at every h and w.
    if "http" in lower or "www." in lower or "＠" in lower:
        return _HANDLE_OR_URL.sub(" ", lower)
    if "@" in lower:
        return _AT_HANDLE.sub(" ", lower)
    return lower


@dataclass(frozen=True, slots=True)
class MessageTerms:
    """A message reduced for comparison: its content terms, and every stemmed word
    (stopwords included) for the cue tests."""

    lower: str  # lower-cased, handles and links removed
    terms: frozenset[str]
    words: frozenset[str]


def analyse(text: str, lexicon: Lexicon) -> MessageTerms:
    """The customer's message: content terms and all stemmed words, in one pass."""
    lower = plain_text(text)
    tokens = _WORD.findall(lower)
    return MessageTerms(lower, _terms_of(lower, tokens, _word_terms(tokens, lexicon), lexicon),
                        _stems(tokens))


def content_terms(text: str, lexicon: Lexicon, *, drop_detail_requests: bool = False
                  ) -> frozenset[str]:
    """The stemmed content terms of `text`, synonyms folded to their group's term."""
    lower = plain_text(text)
    tokens = _WORD.findall(lower)
    terms = _word_terms(tokens, lexicon)
    if drop_detail_requests and _may_start(
            lexicon.detail_starters, lexicon.detail_phrase_starts, tokens):
        dropped = lexicon.detail_phrases.sub(" ", lower)
        if dropped != lower:
            lower, tokens = dropped, _WORD.findall(dropped)
            terms = _word_terms(tokens, lexicon)
    return _terms_of(lower, tokens, terms, lexicon)


def _terms_of(lower: str, tokens: list[str], terms: set[str], lexicon: Lexicon
              ) -> frozenset[str]:
    """The terms of `lower` (a `plain_text`): those of its `_WORD` words `tokens`, which
    are `terms` (their `_word_terms`), and those of the phrases in it."""
    terms.discard("")  # the words that are never content
    if _may_start(lexicon.synonym_starters, lexicon.phrase_synonym_starts, tokens):
        heads = lexicon.phrase_heads
        terms.update([heads[m] for m in lexicon.phrase_synonyms.findall(lower)])
    return frozenset(terms)


def _word_terms(tokens: list[str], lexicon: Lexicon) -> set[str]:
    """The terms of `tokens` ("" for a word that is never content), learning the words
    not seen yet: after it, every word of `tokens` is in the word tables."""
    try:
        return set(map(lexicon.term_of.__getitem__, tokens))
    except KeyError:
        _learn(tokens, lexicon)
        return set(map(lexicon.term_of.__getitem__, tokens))


def _may_start(starters: set[str], phrase_starts: frozenset[str] | None, tokens: list[str]
               ) -> bool:
    """`_may_hold(phrase_starts, _pieces(text, tokens))`, with `starters` the learnt words
    that start a phrase of that list (`tokens` learnt): a text's `_pieces` are those of its
    words, one by one."""
    return phrase_starts is None or not starters.isdisjoint(tokens)


def _learn(tokens: list[str], lexicon: Lexicon) -> None:
    """Fill the word tables of `lexicon` for `tokens`."""
    term_of = lexicon.term_of
    if len(term_of) > _STEMS_BOUND:
        term_of.clear()
        lexicon.detail_starters.clear()
        lexicon.synonym_starters.clear()
    never, synonyms = lexicon.never_content, lexicon.synonyms
    for token in tokens:
        if token in term_of:
            continue
        word_stem = stem(token)
        term_of[token] = "" if word_stem in never else synonyms.get(word_stem, word_stem)
        pieces = _pieces(token, [token])
        if _may_hold(lexicon.detail_phrase_starts, pieces):
            lexicon.detail_starters.add(token)
        if _may_hold(lexicon.phrase_synonym_starts, pieces):
            lexicon.synonym_starters.add(token)


def link_terms(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Content terms from the paths of the links in `text` (help-article slugs)."""
    lower = text.lower()
    if "http" not in lower and "www." not in lower:
        return frozenset()  # no link: what `_URL` needs is absent
    words: list[str] = []
    for url in _URL.findall(lower):
        if _SHORTENER.match(url):
            continue  # "t.co/h840Iouehc": random letters, not words
        path = _URL_HOST.sub("", _ARCHIVE_PREFIX.sub("", url), count=1).split("?", 1)[0]
        words.extend(w for w in _URL_PATH_WORD.findall(path) if w not in _URL_NOISE)
    if not words:
        return frozenset()
    return content_terms(" ".join(words), lexicon)


# Names are not content: "Hi Dana," "Thanks, Tom" "... ^JD" "- Becky" "Regards, Vicky".
# Split in three so that each pattern starts with something cheap to reject.
_GREETED_NAME = re.compile(
    r"\b(?:[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Tt]hanks|[Tt]hank you|[Ss]orry|[Mm]orning|[Ee]vening"
    r"|[Rr]egards|[Rr]gds|[Cc]heers)[\s,!.]+[A-Z][\w'é-]+(?:\s[A-Z][\w'é-]+)?")
# `_GREETED_NAME` opens with \b and a dozen words, so `re` would try it at every position.
# It is found instead from what follows the greeting: a run of spaces or punctuation after
# the last letter of a greeting ("i", "o", "s", "y", "r", "u", "g") and before a capital,
# then the greeting just before that run. The run is looked for in the reversed text,
# where it starts with the capital, which `re` can skip ahead to (capitals are few).
_CAPITAL_AFTER_RUN = re.compile(r"[A-Z][\s,!.]+(?=[iosyrug])")  # in the reversed text
_GREETING_BEFORE = re.compile(
    r"\b(?:[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Tt]hanks|[Tt]hank you|[Ss]orry|[Mm]orning|[Ee]vening"
    r"|[Rr]egards|[Rr]gds|[Cc]heers)\Z")
_LONGEST_GREETING = len("Thank you")
# The same alternation, opening with one character class instead of two alternatives
# (a class `re` can skip ahead to): "^~*/–—-" starts the first, "," the second.
_SIGNED_NAME = re.compile(
    r"[\^~*/–—,-](?:(?<=[\^~*/–—-])\s?[A-Z]\w*|(?<=,)\s[A-Z][a-z]+(?=[.!?]|\s*$))")
# \b[A-Z][a-z]+\s*$, with the \b checked after the capital so that `re` can skip to capitals.
_LAST_NAME_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+\s*$")


def _without_greeted_names(text: str) -> str:
    """`_GREETED_NAME.sub(" ", text)`, trying the pattern only where a greeting ends."""
    # Where each run starts: a run holds no capital and ends at one, so runs do not
    # overlap, and each is found whole (its start is after a letter, not in a run).
    length = len(text)
    ends = [length - run.end() for run in _CAPITAL_AFTER_RUN.finditer(text[::-1])]
    if not ends:
        return text
    ends.reverse()
    spans: list[tuple[int, int]] = []
    done = 0  # like `sub`, matches do not overlap: look again only after the last one
    for end in ends:
        if end < done:
            continue
        greeting = _GREETING_BEFORE.search(text, max(done, end - _LONGEST_GREETING), end)
        if greeting is None:
            continue
        match = _GREETED_NAME.match(text, greeting.start())
        if match is not None:
            spans.append(match.span())
            done = match.end()
    if not spans:
        return text
    parts = []
    previous = 0
    for start, end in spans:
        parts.append(text[previous:start])
        previous = end
    parts.append(text[previous:])
    return " ".join(parts)


def _without_names(text: str) -> str:
    text = _SIGNED_NAME.sub(" ", _without_greeted_names(text))
    # A last name word ends the text, or is followed by spaces only: most texts end with
    # something else ("!", "^JD"), and need no search.
    last_char = text[-1:]
    if not last_char or not (last_char in ascii_lowercase or last_char.isspace()):
        return text
    last = _LAST_NAME_WORD.search(text, max(0, len(text) - 40))  # only the end can hold it
    return text[: last.start()] if last else text


def reply_terms(text: str, lexicon: Lexicon, lower: str | None = None) -> frozenset[str]:
    """Content terms of a reply: names and requests for details removed, link slugs added.
    `lower`: `text.lower()`, when the caller has it."""
    if lower is None:
        lower = text.lower()
    if "http" not in lower and "www." not in lower:
        return content_terms(_without_names(text), lexicon, drop_detail_requests=True)
    without_links = _URL.sub(" ", text) if "http" in text or "www." in text else text
    without_names = _without_names(without_links)
    return content_terms(without_names, lexicon, drop_detail_requests=True) | link_terms(
        text, lexicon)
