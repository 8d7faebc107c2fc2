"""LEN001 over-channel-limit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.config import Config, LengthPolicy
from linter.diagnostic import Finding, Severity
from linter.reply import Reply

from .base import Example, Rule

# Links as X/Twitter's counter sees them: with a scheme, "www.", or a bare domain with a
# common top-level domain ("example.com/help"). Trailing punctuation is not part of it.
_SCHEME_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]'’]", re.IGNORECASE)
_TLDS = r"(?:com|org|net|io|co|uk|us|ly|gl|me|tv|app|info|biz|gov|edu)"
_TLD_HINT = re.compile(rf"\.{_TLDS}\b", re.IGNORECASE)  # cheap test before the full scan
_BARE_URL = re.compile(
    rf"""(?<![@\w.\-/])(?:[a-z0-9-]+\.)+{_TLDS}
        (?:/[^\s<>"]*[^\s<>".,;:!?)\]'’])?(?![\w@])""",
    re.VERBOSE | re.IGNORECASE,
)

# One emoji as a person sees it: a pictograph with its variation selector, skin tone,
# zero-width-joined partners and tag characters ("👩🏽‍💻", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"), a flag (two regional
# indicators) or a keycap ("1️⃣"). X counts each such sequence as 2, however many code
# points it has.
_PICTOGRAPH = ("\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u2190-\u21FF"
               "\u3030\u303D")
_MODIFIERS = "\uFE0E\uFE0F\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F\u20E3"
_EMOJI = re.compile(
    rf"""[\U0001F1E6-\U0001F1FF]{{2}}
      | [0-9#*]\uFE0F?\u20E3
      | [\u00A9\u00AE]\uFE0F
      | [{_PICTOGRAPH}\u203C\u2049\u2122\u2139][{_MODIFIERS}]*
        (?:\u200D[{_PICTOGRAPH}\u2640\u2642\u2695\u2696\u2708\u2764][{_MODIFIERS}]*)*""",
    re.VERBOSE,
)

# Replies copied from the X API or a helpdesk export keep HTML escapes: "&amp;" is one "&".
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});")

# A merged thread ("... 1/2\n@115712 ... 2/2") is several posts: each gets the limit.
# A part ends after a counter k/n with k < n, or where a new post starts with an @handle.
_PART_END = re.compile(r"(?<!\S)\(?(\d{1,2})/(\d{1,2})\)?(?=\s)|\n(?=[@＠]\w)")
_LEADING_HANDLES = re.compile(r"\s*(?:[@＠][\w.]+[\s,:;]*)*")
# Text taken from the X API ends with t.co links for attached media, quoted posts and
# DM cards; the platform does not count them (sent replies in the corpus run up to 303
# characters that way). A typed link is never a t.co link, so this spares real drafts.
_ATTACHMENT_LINKS = re.compile(r"(?:\s+https://t\.co/\w+)+\s*\Z")

# twitter-text's weighting (config v3): these code point ranges weigh 1, all others 2.
_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
_HEAVY_CHAR = re.compile(r"[^\u0000-\u10FF\u2000-\u200D\u2010-\u201F\u2032-\u2037]")


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of the reply that the channel counts as one: a character, a link or an emoji."""

    start: int
    end: int
    weight: int


def char_weight(char: str) -> int:
    code = ord(char)
    return 1 if any(low <= code <= high for low, high in _LIGHT_RANGES) else 2


def _plain_weight(text: str, weighted: bool) -> int:
    return len(text) + (len(_HEAVY_CHAR.findall(text)) if weighted else 0)


class LengthCounter:
    """Counts a reply the way the channel does (X/Twitter: twitter-text's weighted length)."""

    def __init__(self, policy: LengthPolicy) -> None:
        self.policy = policy

    def links(self, text: str, start: int, end: int) -> list[Unit]:
        if self.policy.url_length <= 0:
            return []
        units = [Unit(m.start(), m.end(), self.policy.url_length)
                 for m in _SCHEME_URL.finditer(text, start, end)]
        if _TLD_HINT.search(text, start, end):
            units += [Unit(m.start(), m.end(), self.policy.url_length)
                      for m in _BARE_URL.finditer(text, start, end)
                      if not any(u.start <= m.start() < u.end for u in units)]
        return units

    def special_units(self, text: str, start: int, end: int) -> list[Unit]:
        """Links, HTML escapes and emoji sequences, which count differently from their text."""
        units = self.links(text, start, end)
        if "&" in text:
            taken = [(u.start, u.end) for u in units]
            units += [Unit(m.start(), m.end(), 1) for m in _ENTITY.finditer(text, start, end)
                      if not any(s <= m.start() < e for s, e in taken)]
        # Every emoji contains a character outside the weight-1 ranges.
        if self.policy.weighted and _HEAVY_CHAR.search(text, start, end):
            taken = [(u.start, u.end) for u in units]
            units += [Unit(m.start(), m.end(), 2) for m in _EMOJI.finditer(text, start, end)
                      if not any(s <= m.start() < e for s, e in taken)]
        return sorted(units, key=lambda unit: unit.start)

    def quick_bound(self, text: str, lower: str, start: int) -> int:
        """A looser upper bound than `upper_bound`, from string counts alone: a character
        weighs at most 2 (exactly 1 in ASCII text) and a link adds at most `url_length`.
        A link with a scheme holds "://" or "www." (`lower` is text.lower()), and a bare
        link a ".com"-like ending that `_TLD_HINT` finds (a scan that jumps between dots)."""
        rest = len(text) - start
        total = rest if not self.policy.weighted or text.isascii() else 2 * rest
        if self.policy.url_length > 0:
            links = text.count("://", start) + lower.count("www.")
            if "." in text:
                links += len(_TLD_HINT.findall(text, start))
            total += self.policy.url_length * links
        return total

    def upper_bound(self, text: str, start: int) -> int:
        """At least the counted length (emoji and escapes only lower it): cheap to compute."""
        weighted = self.policy.weighted
        total = _plain_weight(text[start:], weighted)
        for link in self.links(text, start, len(text)):
            total += link.weight - _plain_weight(text[link.start:link.end], weighted)
        return total

    def length(self, text: str, start: int = 0, end: int | None = None,
               units: list[Unit] | None = None) -> int:
        """The counted length of text[start:end] (`units`: its `special_units`, if known)."""
        end = len(text) if end is None else end
        weighted = self.policy.weighted
        total = _plain_weight(text[start:end], weighted)
        for unit in self.special_units(text, start, end) if units is None else units:
            total += unit.weight - _plain_weight(text[unit.start:unit.end], weighted)
        return total

    def crossing(self, text: str, start: int, end: int, limit: int,
                 units: list[Unit] | None = None) -> int:
        """Offset of the first character (or link/emoji) that takes the count past `limit`."""
        weighted = self.policy.weighted
        total, index = 0, start
        if units is None:
            units = self.special_units(text, start, end)
        # Whole runs of plain text are weighed at once; only the run that crosses the
        # limit is walked character by character.
        for unit in [*units, Unit(end, end, 0)]:
            run = text[index:unit.start]
            run_weight = _plain_weight(run, weighted)
            if total + run_weight > limit:
                if not weighted or run.isascii():  # every character weighs 1
                    return index + (limit - total)
                for offset, char in enumerate(run):
                    total += char_weight(char) if weighted else 1
                    if total > limit:
                        return index + offset
            total += run_weight + unit.weight
            if total > limit:
                return unit.start
            index = unit.end
        return end


def thread_parts(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each post in a merged thread, without each post's opening @handles."""
    bounds: list[tuple[int, int]] = []
    if "/" not in text and "\n" not in text and "t.co/" not in text:
        return [(start, len(text))]
    part_start = start
    for match in _PART_END.finditer(text, start):
        if match.group(1) and int(match.group(1)) >= int(match.group(2)):
            continue  # "2/2" closes the last post: nothing follows it in this post
        bounds.append((part_start, match.end()))
        part_start = match.end()
    bounds.append((part_start, len(text)))
    parts = []
    for part_start, part_end in bounds:
        handles = _LEADING_HANDLES.match(text, part_start, part_end)
        body_start = handles.end() if handles else part_start
        attachments = _ATTACHMENT_LINKS.search(text, body_start, part_end)
        part_end = attachments.start() if attachments else part_end
        if text[body_start:part_end].strip():
            parts.append((body_start, part_end))
    return parts


class OverChannelLimit(Rule):
    """
    ## What it does
    Checks that the reply fits the channel's size limit (`[length] max_chars`; 280 on
    X/Twitter, none by default for email). On X the count follows the platform's own
    rules: every link counts as 23 characters (`url_length`) whatever its real length,
    CJK characters and emoji count as 2 (`weighted`), and the @handles that open a reply
    do not count at all. A thread written as one text ("... 1/2 ... 2/2", or posts
    starting with a new line and an @handle) is checked post by post.

    ## Why is this bad?
    The platform refuses a post that is too long, or the agent's tool cuts it, and the
    customer receives half a sentence. Splitting into a thread after the fact reads
    badly; writing to the limit reads well.

    ## Example
    ```
    Thanks for waiting! (a reply of 300 characters on X, where the limit is 280)
    ```

    ## Use instead
    ```
    Shorten the reply, or move the details to a help article and link it (23 characters).
    ```
    """

    code = "LEN001"
    name = "over-channel-limit"
    summary = "The reply is longer than the channel allows (280 weighted characters on X)."
    # The platform refuses the post: it cannot be sent as written, so it is an error.
    default_severity = Severity.ERROR
    label = None
    uses = ("length",)
    bad_examples = (
        Example("@115712 " + "Your replacement card is on its way and should arrive soon. " * 5),
        Example("ご不便をおかけして申し訳ございません。" * 8 + " ^JD"),
        Example("Sorry! 🙏 " * 30 + "^JD"),
    )
    good_examples = (
        Example("@115712 Your replacement card ships today; tracking is in your email. ^JD"),
        Example("Steps are here: https://example.com/" + "a" * 300 + " ^JD"),
        Example("@" + "a" * 15 + " " + "x" * 270 + " ^JD"),
    )

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self.policy = config.length
        self.counter = LengthCounter(self.policy)

    def check(self, reply: Reply) -> Iterator[Finding]:
        limit = self.policy.max_chars
        if limit <= 0:
            return
        text = reply.text
        # X does not count the @handles a reply opens with; they are addressing metadata.
        start = reply.framing.body_start
        # Most replies are provably under the limit without the exact count, and most of
        # those without any regular expression.
        if (self.counter.quick_bound(text, reply.lower, start) <= limit
                or self.counter.upper_bound(text, start) <= limit):
            return
        for part_start, part_end in thread_parts(text, start):
            units = self.counter.special_units(text, part_start, part_end)
            length = self.counter.length(text, part_start, part_end, units)
            if length > limit:
                crossing = self.counter.crossing(text, part_start, part_end, limit, units)
                yield Finding(crossing, part_end, self._message(length, limit))

    def _message(self, length: int, limit: int) -> str:
        how = []
        if self.policy.url_length > 0:
            how.append(f"links count {self.policy.url_length}")
        if self.policy.weighted:
            how.append("emoji and CJK count 2")
        counted = f" ({', '.join(how)})" if how else ""
        return (f"Reply is {length} characters as the channel counts them{counted}; the limit "
                f"is {limit}. Cut {length - limit} characters or split it.")
