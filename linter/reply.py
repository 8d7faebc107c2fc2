"""What a rule sees: the reply, its tokens, its social framing, the customer's message and
the config."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .config import Config

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Leading @handles ("@115712 @acme_help Hi there") are addressing, not content.
_LEADING_HANDLES = re.compile(r"^\s*(?:[@＠][\w.]+[\s,:;]*)*")

# What may trail a reply after its last words, one whitespace-separated chunk at a time:
# links, hashtags, @mentions, thread counters ("1/2", "(2/2)"), emoji and ascii smileys.
_TAIL_CHUNK = re.compile(
    r"""(?:
        https?://\S+ | www\.\S+ | pic\.twitter\.com/\S+
      | [#＃][\w-]+[.!]? | [@＠][\w.]+
      | \(?\d{1,2}/\d{1,2}\)?
      | [:;]-?[)(DPp] | <3
    )""",
    re.VERBOSE,
)
_EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\U000E0000-\U000E007F]+$")


@dataclass(frozen=True, slots=True)
class Framing:
    """Offsets of the reply's content between leading handles and the trailing social tail."""

    body_start: int
    body_end: int


def frame(text: str) -> Framing:
    start = _LEADING_HANDLES.match(text)
    body_start = start.end() if start else 0
    end = len(text.rstrip())
    while end > body_start:
        chunk_start = max(text.rfind(" ", body_start, end), text.rfind("\n", body_start, end),
                          text.rfind("\t", body_start, end)) + 1
        chunk_start = max(chunk_start, body_start)
        if _TAIL_CHUNK.fullmatch(text, chunk_start, end):
            new_end = chunk_start
        else:
            emoji = _EMOJI.search(text, chunk_start, end)
            if emoji is None:
                break
            new_end = emoji.start()
        end = len(text[:new_end].rstrip()) if new_end > body_start else body_start
    return Framing(body_start, max(end, body_start))


class Reply:
    """One reply being linted. Built by the engine; rules only read it."""

    __slots__ = ("text", "doc", "customer", "config", "framing", "lower")

    def __init__(self, text: str, doc: Doc, customer: str | None, config: Config) -> None:
        self.text = text
        self.doc = doc
        self.customer = customer if customer and customer.strip() else None
        self.config = config
        self.framing = frame(text)
        # Nearly every rule gates on the lower-cased text: compute it once, eagerly
        # (a cached_property would cost more than `str.lower` itself).
        self.lower: str = text.lower()

    @property
    def body(self) -> str:
        """The reply without leading @handles and trailing links/hashtags/emoji/counters."""
        return self.text[self.framing.body_start : self.framing.body_end]
