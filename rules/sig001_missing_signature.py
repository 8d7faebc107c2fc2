"""SIG001 missing-signature."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from linter.config import Config, SignaturePolicy
from linter.diagnostic import Edit, Finding, Fix, Severity
from linter.reply import Reply

from ._phone import aligned_lower
from ._required_text import any_of
from .base import Example, Rule

DATA = Path(__file__).resolve().parent / "data" / "signature.toml"

# A sign-off sits in the last few words: looking further back only costs time. The
# longest real ones ("Thanks, Rahul - HP Social Media Tech Support") are ~50 characters.
_TAIL_CHARS = 90

# What may follow a sign-off inside the body and still leave it "the end": stray dots
# ("^AP ."), a closing period ("Phil."), quotes. `frame()` already removed links,
# hashtags, emoji and thread counters.
_TRAILING_JUNK = " \t\r\n.…'\"’”"

# Cheap tests that rule a pattern out before the full (slower) regex runs.
_VALEDICTION_WORDS = any_of((
    "regard", "rgds", "thank", "thx", "ty", "cheers", "best", "sincerely", "truly", "care",
    "soon", "sorry", "apolog", "kasih", "br", "salud", "atentamente", "gracias",
    "cordialement", "merci", "grüß", "grüss", "gruß", "gruss", "groet", "salut",
    "cumprimentos", "abraço", "obrigad"))

# The last character of anything the three sign-off patterns accept: a name ends with a
# letter, an affiliation with a word character, "&'’.@-" or ")". A body that ends in "!",
# "?", ":" or an emoji cannot end with a sign-off, and half of the unsigned replies do.
# (`str.isalnum` is what `\w` means besides "_".)
_NAME_END_MARKS = "_&'’.@)-"
# A thread counter ("2/2") needs a digit, a slash and a digit: one quick scan rules out
# most replies before the full counter pattern (which starts with a lookbehind) runs.
_DIGIT_SLASH_DIGIT = re.compile(r"\d/\d")


# A name token: letters, inner apostrophes/hyphens/dots ("O'Neil", "Mary-Jo", "J.D").
_TOKEN = r"[^\W\d_](?:[\w'’.-]*[^\W\d_])?"
_CAP_TOKEN = r"[A-Z](?:[\w'’.-]*[^\W\d_])?"

# Affiliation after a name: "Tom from Acme", "Rahul - HP Social Media Support", "Sam @Acme".
_AFFILIATION = (r"(?:[ \t]*(?:[ \t](?:from|at|of)[ \t]|@|[,\-–—|/])[ \t]*"
                r"[\w&'’.@-]+(?:[ \t][\w&'’.@-]+){0,4}"
                r"|[ \t]+\([ \t]*[\w&'’.@-]+(?:[ \t][\w&'’.@-]+){0,4}[ \t]*\))?")  # "(Acme Care)"

_EMOJI = r"\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F"

# ^JD  *TKR  /SM  🙂/TB  ~Sam  - Sarah  --KR  – Jeh  .-Ed  😉-Jazz  day-Mariya  day- Mi
# The pattern starts with the marker itself, one character class (so that `re` can skip
# ahead to candidate characters; "[\^*/]|[-–—~]{1,2}" would be tried at every position);
# what may stand before the marker is checked in `_marker_kind`.
_MARKER_SIGNATURE = re.compile(
    rf"""
    (?P<marker>[\^*/\-–—~](?:(?<=[-–—~])[-–—~])?)
    [ \t]*\n?[ \t]*
    (?P<name>{_TOKEN}(?:[ \t]+{_CAP_TOKEN})?)
    (?P<affiliation>{_AFFILIATION})
    \Z
    """,
    re.VERBOSE,
)

# Regards, Vicky  /  Thanks - Nod  /  Rgds, Mahindra  /  Thanks, Tom from Acme  /  Sorry-Mi
_VALEDICTION_SIGNATURE = re.compile(
    rf"""
    (?:(?<![\w])|\A)
    (?:
        (?i:kind(?:est)?\s+regards|best\s+regards|warm(?:est)?\s+regards|regards|rgds|br
           |many\s+thanks|thanks(?:\s+again)?|thank\s+you|thx|ty|cheers|(?<!the\s)best(?:\s+wishes)?
           |all\s+the\s+best|sincerely|yours\s+truly|take\s+care|talk\s+soon
           # the same closings in the other languages support teams answer in
           |(?:un\s+)?saludos?(?:\s+cordiales)?|atentamente|gracias|cordialement|merci
           |(?:viele\s+|liebe\s+|beste\s+|freundliche\s+)?gr(?:ü|ue)(?:ß|ss)e
           |mit\s+freundlichen\s+gr(?:ü|ue)(?:ß|ss)en|(?:met\s+vriendelijke\s+)?groet(?:en|jes)?
           |(?:cordiali\s+)?saluti|cumprimentos|abraços?|obrigad[oa])
        [\s,.:;!\-–—]+
      | (?i:sorry|apologies|thank|terima\s+kasih)\s*[-–—]+\s*  # not "Sorry, Dana"
    )
    (?P<name>{_CAP_TOKEN}(?:\s+{_CAP_TOKEN})?)
    (?P<affiliation>{_AFFILIATION})
    \Z
    """,
    re.VERBOSE,
)

# Where a closing can start, lower-case: the first word (or the start of it: "salu" for
# "saludos" and "saluti") of every closing `_VALEDICTION_SIGNATURE` accepts. Keep in step
# with it. Its matches start only where one of these does, so trying it there alone (it
# would be tried at every position of the tail) finds the same match.
_VALEDICTION_STARTS = any_of((
    "kind", "best", "warm", "regards", "rgds", "br", "many", "thank", "thx", "ty", "cheers",
    "all", "sincerely", "yours", "take", "talk", "un", "salu", "atentamente", "gracias",
    "cordial", "merci", "viele", "liebe", "freundliche", "gr", "mit", "met", "cumprimentos",
    "abra", "obrigad", "sorry", "apologies", "terima"))


def _valediction_search(tail: str) -> re.Match[str] | None:
    """`_VALEDICTION_SIGNATURE.search(tail)`, trying the pattern only where a closing starts."""
    lower = tail.lower()
    if aligned_lower(tail, lower) is None:
        # Lower-casing moved offsets, or the tail holds "ſ", "ı" or "İ", which the pattern
        # matches as "s" or "i" although their lower case is another letter.
        return _VALEDICTION_SIGNATURE.search(tail)
    for start in _VALEDICTION_STARTS.finditer(lower):
        match = _VALEDICTION_SIGNATURE.match(tail, start.start())
        if match:
            return match
    return None


# A bare first name after a finished sentence or a link: "... your browser? Lewis",
# "... for you =) Yana", "... https://example.com/help Sasha".
_BARE_NAME_SIGNATURE = re.compile(
    rf"""
    (?:\A|[.!?…)\]\n{_EMOJI}]|[:;=]-?[)D(P]|https?://\S+|www\.\S+)
    \s*
    (?P<name>[A-Z][a-z'’]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z'’]*)?)
    \Z
    """,
    re.VERBOSE,
)

# Thread counters: "- Mike 2/2" closes a thread even when the parts were merged out of order.
_COUNTER = re.compile(r"(?<!\S)\(?(\d{1,2})/(\d{1,2})\)?(?=\s|\Z)")

_HANDLE = re.compile(r"[@＠](\w+)")
# Kisses after a sign-off ("... Jess x", "Sam xx") are warmth, not part of the name.
_KISSES = re.compile(r"[ \t]+[xX]{1,3}\Z")
# The last line of an email sign-off when it names the role or the company, not the
# agent: "Maria\nAcme Support", "Maria Lopez\nCustomer Support Advisor".
_ROLE_LINE = re.compile(r"\n[ \t]*(?P<words>[A-Z][\w&'’.-]*(?:[ \t,]+[\w&'’.-]+){0,5})[ \t]*\Z")
_LOWER_INITIALS = re.compile(r"[b-df-hj-np-tv-xz]{2,3}")  # "-kc", "-jd": no vowel, no word
# An earlier use of the name that is itself a sign-off (a merged thread signs every part).
_SIGNOFF_BEFORE = re.compile(
    r"(?:(?i:regards|rgds|thanks|thank you|thx|ty|cheers|best)[\s,.:;\-–—]*|[\^*~/\-–—]\s*)\Z")


@dataclass(frozen=True)
class Vocabulary:
    """The word lists from `rules/data/signature.toml`."""

    first_names: frozenset[str]
    not_names: frozenset[str]  # lower-case
    team_words: frozenset[str]  # lower-case
    brands: frozenset[str]  # lower-case


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return Vocabulary(
        first_names=frozenset(data["first_names"]),
        not_names=frozenset(word.lower() for word in data["not_names"]),
        team_words=frozenset(word.lower() for word in data["team_words"]),
        brands=frozenset(word.lower() for word in data["brands"]),
    )


class SignatureDetector:
    """Decides whether a reply's body ends with an agent's sign-off. Built once per policy."""

    def __init__(self, policy: SignaturePolicy) -> None:
        words = vocabulary()
        self._first_names = words.first_names
        self._not_names = words.not_names
        self._team_words = words.team_words
        self._brands = words.brands | {
            part.lower() for name in policy.brand_names for part in name.split()}
        self._brand_phrases = tuple(name.lower() for name in policy.brand_names if name.strip())
        self._forms = (
            re.compile(r"(?:" + "|".join(f"(?:{form})" for form in policy.forms) + r")\Z")
            if policy.forms else None)

    def is_signed(self, text: str, body_start: int, body_end: int,
                  customer: str | None = None) -> bool:
        """True when the body ends with a sign-off, or the last part of a thread does."""
        if self.signed_before(text, body_start, body_end, customer):
            return True
        # Merged threads may come out of order ("... - Mike 2/2 @h Hi Matt ... 1/2"): the
        # part numbered n/n closes the thread when only earlier parts follow it.
        if "/" not in text or _DIGIT_SLASH_DIGIT.search(text, body_start) is None:
            return False
        counters = [(m, int(m.group(1)), int(m.group(2)))
                    for m in _COUNTER.finditer(text, body_start)]
        for index, (match, part, total) in enumerate(counters):
            if part != total or total < 2:
                continue
            later = counters[index + 1:]
            if later and all(p < t == total for _, p, t in later) and self.signed_before(
                    text, body_start, match.start(), customer):
                return True
        return False

    def signed_before(self, text: str, start: int, end: int,
                      customer: str | None = None) -> bool:
        """True when a sign-off ends at `end` (give or take a closing dot). `customer`: the
        customer's message, whose @handles name the brand (read only when a name needs it)."""
        customer = customer or ""
        window_start = max(start, end - _TAIL_CHARS)
        tail = text[window_start:end].rstrip(_TRAILING_JUNK)
        if not tail:
            return False
        if self._forms is not None and self._forms.search(tail):
            return True
        prefix = text[start:window_start]
        if tail[-1] in "xX":
            tail_signed = self._tail_signed(_KISSES.sub("", tail), prefix, customer)
        else:
            tail_signed = self._tail_signed(tail, prefix, customer)
        if tail_signed:
            return True
        # An email sign-off may put the role or the company on the lines after the name
        # ("Kind regards,\nMaria\nAcme Support"): the name above them is the sign-off.
        if "\n" not in tail:
            return False
        for _ in range(2):
            role = _ROLE_LINE.search(tail)
            if role is None or not self._is_role(role.group("words")):
                return False
            tail = tail[:role.start()].rstrip(_TRAILING_JUNK)
            if tail and self._tail_signed(tail, prefix, customer):
                return True
        return False

    def _tail_signed(self, tail: str, prefix: str, customer: str) -> bool:
        if tail and not (tail[-1].isalnum() or tail[-1] in _NAME_END_MARKS):
            return False  # ends in "!", "?", an emoji...: no sign-off pattern can match
        return (self._marker_signed(tail, customer)
                or self._valediction_signed(tail, prefix, customer)
                or self._bare_name_signed(tail, prefix, customer))

    def _is_role(self, line: str) -> bool:
        """'Acme Support', 'Customer Support Advisor', 'Acme': a team, a title or the brand."""
        words = [word.lower().strip(".,'’") for word in line.replace(",", " ").split()]
        return bool(words) and (words[-1] in self._team_words
                                or all(word in self._brands for word in words))

    def _marker_signed(self, tail: str, customer: str) -> bool:
        position = 0
        while (match := _MARKER_SIGNATURE.search(tail, position)) is not None:
            kind = _marker_kind(tail, match)
            if kind is not None:
                return self._marker_name_ok(match, kind, customer)
            position = match.start() + 1
        return False

    def _marker_name_ok(self, match: re.Match[str], kind: str,
                        customer: str) -> bool:
        name = match.group("name").rstrip(".")
        conventional = kind in ("caret", "slash")
        if not name[:1].isupper():
            # "^cr", "*kc" are initials; after a dash "- maybe" ends a sentence, unless it
            # is a known first name written in lower case ("-yana").
            if kind == "caret":
                if len(name) > 4:
                    return False
            elif not (kind == "dash" and (name.title() in self._first_names
                                          or (_LOWER_INITIALS.fullmatch(name)
                                              and name not in self._not_names))):
                return False
        # One to four ASCII letters (as a regex, [A-Za-z]{1,4}): initials.
        if len(name) <= 4 and name.isascii() and name.isalpha() and (
                conventional or name.isupper()):
            # "^AM", "^HD", "/hp", "-CO" are an agent's initials, whatever else they spell;
            # only the configured brand (and, after a dash, a known brand) is not, nor a
            # team word written as a word ("^Team", "/Help"), not as initials.
            if name.lower() in self._brand_phrases:
                return False
            if not name.isupper() and name.lower() in self._team_words:
                return False
            return conventional or name.lower() not in self._brands
        return self._is_person(name, match.group("affiliation"), customer)

    def _valediction_signed(self, tail: str, prefix: str,
                            customer: str) -> bool:
        if _VALEDICTION_WORDS.search(tail[-70:].lower()) is None:
            return False
        match = _valediction_search(tail)
        if not match:
            return False
        name = match.group("name").rstrip(".")
        return (self._is_person(name, match.group("affiliation"), customer)
                and not _named_earlier(name, prefix + tail[: match.start("name")]))

    def _bare_name_signed(self, tail: str, prefix: str,
                          customer: str) -> bool:
        for word in tail.rsplit(None, 2)[-2:]:
            if word.split("-")[0] in self._first_names:
                break
        else:
            return False  # neither of the last two words starts with a first name
        match = _BARE_NAME_SIGNATURE.search(tail)
        if not match:
            return False
        name = match.group("name")
        first = name.split()[0]
        return (first in self._first_names
                and self._is_person(name, "", customer)
                and not _named_earlier(first, prefix + tail[: match.start("name")]))

    def _is_person(self, name: str, affiliation: str, customer: str) -> bool:
        """A name that is not a closing word, a team ("Acme Support") or the brand."""
        words = name.split()
        lowered = [word.lower().strip(".'’") for word in words]
        if lowered[0] in self._not_names or lowered[-1] in self._team_words:
            return False
        if name.lower() in self._brand_phrases or all(w in self._brands for w in lowered):
            return False
        if len(words) == 1 and _is_brand_handle(lowered[0], _brand_handles(customer),
                                                self._team_words):
            return False
        if affiliation and not _affiliation_ok(affiliation, self._team_words, self._brands):
            return False
        return True


_DASH_AFTER = frozenset(" \t\r\n.!?,;:)(]-")


def _marker_kind(tail: str, match: re.Match[str]) -> str | None:
    """Which kind of marker this is, judged by what stands before it; None if not one."""
    marker, start = match.group("marker"), match.start()
    before = tail[start - 1] if start else ""
    if marker in "^*":  # anything but a letter before it: "ok ^JD", "07:30^" has no name
        # ("" is `in` every string: a reply that is only "^JD" has nothing before it)
        return "caret" if not before or (not before.isalpha() and before not in "^*") else None
    if marker == "/":  # not "and/or", "24/7", or a link's path
        return "slash" if not before or not (before.isalnum() or before in "/:") else None
    if not before or before in _DASH_AFTER or _is_emoji(before):
        return "dash"  # "- Sarah", ".-Ed", "😉-Jazz"
    if before.isalpha():
        after = tail[match.end("marker"):match.end("marker") + 1]
        if after.isspace():
            return "loose_dash"  # "great day- Mi"
        word = tail[:start].rsplit(None, 1)[-1]
        if marker == "-" and word.isalpha() and word.islower() and len(word) >= 2:
            return "joined"  # "day-Mariya"; not "Wi-Fi", "T-Mobile", "USB-C"
    return None


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or code == 0xFE0F


@lru_cache(maxsize=16)
def _brand_handles(customer: str) -> tuple[str, ...]:
    """The @handles in the customer's message, lower-case: the brand is usually one. Asked
    only when a one-word name needs checking, not for every reply."""
    return tuple(handle.lower() for handle in _HANDLE.findall(customer))


def _is_brand_handle(word: str, handles: tuple[str, ...], team_words: frozenset[str]) -> bool:
    """'-Dropbox' when the customer wrote to @DropboxSupport: the brand, not a person."""
    if len(word) < 3:
        return False
    for handle in handles:
        if handle == word or (handle.startswith(word) and handle[len(word):] in team_words):
            return True
    return False


def _affiliation_ok(affiliation: str, team_words: frozenset[str],
                    brands: frozenset[str]) -> bool:
    """'from Acme', '@Acme', '- HP Social Media Support': a team after a name, not a sentence."""
    text = affiliation.strip()
    if re.match(r"(?:from|at|of)\s|@", text):
        return True
    words = [word.lower().strip(".'’") for word in re.findall(r"[\w&'’.@-]+", text)]
    return bool(words) and (words[-1] in team_words or all(word in brands for word in words))


def _named_earlier(name: str, before: str) -> bool:
    """A name used earlier in the reply ("Hi Dana, ...") is the customer's, not the agent's."""
    for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", before):
        if not _SIGNOFF_BEFORE.search(before, max(0, match.start() - 20), match.start()):
            return True
    return False


class MissingSignature(Rule):
    """
    ## What it does
    Checks that the reply ends with the agent's sign-off: initials or a name after a
    marker (`^JD`, `*TKR`, `/SM`, `-Becky`, `~Sam`, `– Sarah`), after a closing
    (`Regards, Vicky`, `Thanks, Tom from Acme`), or a first name standing alone as the
    last words (`... your browser? Lewis`). Links, hashtags, emoji and thread counters
    (`2/2`) may follow it, and in an email the lines after the name may give the role
    or the company (`Kind regards,` / `Maria` / `Acme Support`). In a merged thread,
    the part numbered `n/n` may carry it.

    A brand name alone (`- Acme Support`, `The Acme Team`) is not a sign-off, nor is a
    lone `^` or `-`.

    Configure with `[signature]`: `required = false` turns the rule off for channels
    that do not sign; `agent = "^JD"` is appended by the fix; `forms` adds regular
    expressions that count as a sign-off (matched at the end of the reply's body);
    `brand_names` lists words that name the brand, never a person.

    ## Why is this bad?
    On a public channel the customer cannot tell which person helped them, so they
    cannot ask for the same agent again, and the reply reads like a faceless form
    letter. Teams that sign replies also find them easier to audit.

    ## Example
    ```
    Sorry about the delay! Your refund was issued this morning. - Acme Support
    ```

    ## Use instead
    ```
    Sorry about the delay! Your refund was issued this morning. ^JD
    ```
    """

    code = "SIG001"
    name = "missing-signature"
    summary = "The reply does not end with the agent's sign-off (^JD, -Sam, Regards, Vicky)."
    default_severity = Severity.WARNING
    label = "signature"
    uses = ("signature",)
    bad_examples = (
        Example("@115712 Your refund was issued this morning and should land in 3-5 days."),
        Example("Sorry about the delay! The courier has your parcel now. - Acme Support"),
        Example("We've passed this to the stores team. They're open 07:30-20:00^"),
        Example("Thanks for flagging this, we'll update the app soon. Thanks!"),
        Example("Which version of the app are you on, Dana?"),
    )
    good_examples = (
        Example("Your refund was issued this morning. ^JD"),
        Example("Can you try clearing the cache? https://example.com/help *TKR 🙂"),
        Example("We'll check with the depot and reply here today. Regards, Vicky"),
        Example("Is this happening in every browser? Lewis"),
        Example("Sorry about that. -Becky https://example.com/status #outage"),
        Example("First part of the answer here. 1/2 ^AB\nSecond part with the link. ^AB 2/2"),
    )

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self.policy = config.signature
        self.detector = SignatureDetector(self.policy)
        self._message = self._message_text()
        self._fixes = bool(self.policy.agent.strip())  # else `_fix` gives None

    def check(self, reply: Reply) -> Iterable[Finding]:
        # A plain function, not a generator: half the replies are signed and return here.
        if not self.policy.required:
            return ()
        text = reply.text
        start, end = reply.framing.body_start, reply.framing.body_end
        if self.detector.is_signed(text, start, end, reply.customer):
            return ()
        return (Finding(*_last_word_span(text, start, end), self._message,
                        self._fix(text, end) if self._fixes else None),)

    def _message_text(self) -> str:
        message = ("Reply does not end with the agent's sign-off: add your initials or name "
                   "(e.g. ^JD or -Sam) so the customer knows who helped them.")
        if not self.policy.agent:
            message += (" Set `agent` under [signature] in replylint.toml (e.g. agent = \"^JD\") "
                        "to get an automatic fix.")
        return message

    def _fix(self, text: str, body_end: int) -> Fix | None:
        agent = self.policy.agent
        if not agent.strip():
            return None
        separator = "" if agent[:1].isspace() or body_end == 0 else " "
        return Fix(f"Sign with '{agent.strip()}'",
                   (Edit(body_end, body_end, separator + agent),), safe=True)


def _last_word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The body's last word; the reply's last word when the body is empty (only a link)."""
    if end <= start:
        start, end = 0, len(text)
    body = text[start:end].rstrip()
    # After the last space, line break or tab (-1 when there is none: the whole body).
    return start + max(body.rfind(" "), body.rfind("\n"), body.rfind("\t")) + 1, start + len(body)
