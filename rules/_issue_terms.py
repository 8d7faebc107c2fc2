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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "acknowledgement.toml"

_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE_OR_URL = re.compile(r"https?://\S+|www\.\S+|[@＠][\w.]+")
# Words, model numbers ("ps4", "dl2907", "17c") and numbers of 2+ digits ("1270").
_WORD = re.compile(r"[a-z][a-z0-9]*(?:[-'’][a-z]+)*|\d{2,}[a-z]*")
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
    problem_cues: frozenset[str]
    request_cues: frozenset[str]
    praise_cues: frozenset[str]
    contact_requests: re.Pattern[str]
    ignored: frozenset[str]  # stopwords | generic: stems that are never content
    english_function: frozenset[str]  # the stopwords as words, for telling the language
    foreign_function: frozenset[str]  # function words of other languages, stemmed



def _words(block: str) -> list[str]:
    return block.split()


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted((p.lower() for p in phrases), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)")


@lru_cache(maxsize=4)
def load_lexicon(path: Path = DATA) -> Lexicon:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    stop = {stem(w) for w in _words(data["stopwords"])} | set(_words(data["stopwords"]))
    generic = {stem(w) for w in _words(data["generic"])}
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
        problem_cues=frozenset(stem(w) for w in _words(data["problem_cues"])),
        request_cues=frozenset(stem(w) for w in _words(data["request_cues"])),
        praise_cues=frozenset(stem(w) for w in _words(data["praise_cues"])),
        contact_requests=re.compile("|".join(f"(?:{p})" for p in data["contact_requests"]),
                                    re.IGNORECASE),
        ignored=frozenset(stop | generic),
        english_function=frozenset(stop),
        foreign_function=frozenset(
            {stem(w) for w in _words(data.get("foreign_function_words", ""))}
            | set(_words(data.get("foreign_function_words", "")))) - stop,
    )


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
    return _HANDLE_OR_URL.sub(" ", lower)


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
    words = frozenset(_stem(w) for w in _WORD.findall(lower))
    return MessageTerms(lower, _terms_of(lower, words, lexicon), words)


def content_terms(text: str, lexicon: Lexicon, *, drop_detail_requests: bool = False
                  ) -> frozenset[str]:
    """The stemmed content terms of `text`, synonyms folded to their group's term."""
    lower = plain_text(text)
    if drop_detail_requests:
        lower = lexicon.detail_phrases.sub(" ", lower)
    return _terms_of(lower, frozenset(_stem(w) for w in _WORD.findall(lower)), lexicon)


def _terms_of(lower: str, stems: frozenset[str], lexicon: Lexicon) -> frozenset[str]:
    heads = lexicon.phrase_heads
    found = {heads[m] for m in lexicon.phrase_synonyms.findall(lower)}
    synonyms = lexicon.synonyms
    found.update(synonyms.get(term, term) for term in stems - lexicon.ignored
                 if len(term) > 1)
    return frozenset(found)


def link_terms(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Content terms from the paths of the links in `text` (help-article slugs)."""
    words: list[str] = []
    for url in _URL.findall(text.lower()):
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
_SIGNED_NAME = re.compile(r"[\^~*/–—-]\s?[A-Z]\w*|,\s[A-Z][a-z]+(?=[.!?]|\s*$)")
_LAST_NAME_WORD = re.compile(r"\b[A-Z][a-z]+\s*$")


def _without_names(text: str) -> str:
    text = _SIGNED_NAME.sub(" ", _GREETED_NAME.sub(" ", text))
    last = _LAST_NAME_WORD.search(text, max(0, len(text) - 40))  # only the end can hold it
    return text[: last.start()] if last else text


def reply_terms(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Content terms of a reply: names and requests for details removed, link slugs added."""
    without_names = _without_names(_URL.sub(" ", text))
    return content_terms(without_names, lexicon, drop_detail_requests=True) | link_terms(
        text, lexicon)
