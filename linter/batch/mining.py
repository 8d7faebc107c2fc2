"""Mine canned templates: sentences and whole replies a team pastes again and again.

Each reply is normalised (handles, links, e-mails, numbers, greeted names and
sign-offs become placeholders) and split into sentences. Counting is lossy in the
Manku-Motwani sense: when the table is full, the rarest keys are dropped and the
`floor` says by how much any surviving count may be low. Canned text recurs by
definition, so it survives; memory stays bounded whatever the input size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

SENTENCE, REPLY = "s", "r"
MIN_WORDS = 4
AGENTS_KEPT = 64  # distinct agents remembered per template; enough to rank "used by many"

_LEADING_HANDLES = re.compile(r"^\s*(?:[@＠][\w.]+[\s,:;]*)+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_HANDLE = re.compile(r"[@＠]\w+")
# A number not glued to a word or a placeholder's "<": "#12", "+44 20", "3:30", "12/31".
# Each branch opens with its first character and checks what precedes it after that one
# (`(?<![<\w].)`), so the regex engine can skip to candidate characters instead of trying
# a lookbehind at every position (same matches as `(?<![<\w])[#+]?\d[\d,.:/-]*\d|...\d`).
_NUMBER = re.compile(r"[#+](?<![<\w].)\d[\d,.:/-]*\d|\d(?<![<\w].)(?:[\d,.:/-]*\d)?")
# Only the greeting word ignores case: the name must be capitalised ("Hi Sam", not "Hi there").
# The greeting opens with a character class, then checks that no word character precedes
# it and which word its first letter starts, so the regex engine skips to those letters
# (the same matches as `\b((?i:hi|hello|hey|dear|thanks|thank you|morning|afternoon|
# evening)[,!]?\s+)...`, whose leading `\b` was tried at every character).
_GREETED = re.compile(
    r"((?i:[hdtmae])(?<!\w.)"
    r"(?i:(?<=h)(?:i|ello|ey)|(?<=d)ear|(?<=t)hank(?:s| you)|(?<=m)orning|(?<=a)fternoon"
    r"|(?<=e)vening)[,!]?\s+)"
    r"(?!(?:There|Again|All|So|For|Everyone|Team|Guys|Folks|Very|You)\b)[A-Z][a-z]+\b")
# A sign-off at the end: "^JD", "*TR", "/AB", "- Janay", "~Sam", "-JB".
_SIGNOFF = re.compile(r"\s*(?:[\^*/~]|-{1,2}|–|—)\s*[A-Z][A-Za-z]{0,14}\.?\s*$")
_TAIL = re.compile(
    r"(?:\s*(?:<link>|#\w+|\(?\d{1,2}/\d{1,2}\)?|[\U0001F000-\U0001FAFF\u2600-\u27BF]))+\s*$")
# Cheap tests that let most replies skip the end-anchored and number patterns.
_SIGNOFF_MARKS = ("^", "*", "/", "~", "-", "–", "—")
_EMOJI_CHAR = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF]")
_WORD_CHAR = re.compile(r"\w")
_DIGIT = re.compile(r"\d")
# A sentence ends at a run of whitespace after ".", "!" or "?", or at one that holds a line
# break; the whole run goes. Written to open with `\s`, so the regex engine skips to
# whitespace instead of trying a lookbehind at every character (the same splits as
# `(?<=[.!?])\s+|\s*\n+\s*`).
_SENTENCES = re.compile(r"\s(?:(?<=[.!?]\s)\s*|\s*(?<=\n)\s*)")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_PLACEHOLDER = re.compile(r"<(?:link|email|handle|n|name)>")
# A greeting is its own (tiny) template; strip it so "Hi Sam, thanks for..." counts as
# "thanks for...".
_GREETING = re.compile(r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))"
                       r"(?: <name>| there| all| again)?[,!.]*\s*")
_GREETING_INITIALS = frozenset("hdg")  # a key that starts otherwise has no greeting


def normalise(text: str) -> str:
    """The reply with everything that varies between pastes replaced by a placeholder."""
    if not text.isascii():  # curly quotes are not ASCII; translate is slow even when idle
        text = text.translate(_QUOTES)
    text = _LEADING_HANDLES.sub("", text)
    # Cheap membership tests skip most substitutions on most replies (this runs per row).
    if "http" in text or "www." in text or "WWW." in text:
        text = _URL.sub("<link>", text)
    if "@" in text or "＠" in text:
        text = _EMAIL.sub("<email>", text)
        text = _HANDLE.sub("<handle>", text)
    text = _GREETED.sub(r"\1<name>", text)
    text = _strip_end(text)
    if _DIGIT.search(text):
        text = _NUMBER.sub("<n>", text)
    return text.strip()


def _strip_end(text: str) -> str:
    """Drop the trailing links, hashtags, counters, emoji and sign-off.

    The end-anchored patterns only look at the last 80 characters: searched over a
    whole reply they would try every position, which is most of the miner's time.
    """
    head, tail = text[:-80], text[-80:]
    # A link or counter may stand before the sign-off too.
    tail = _without_tail(_without_signoff(_without_tail(tail)))
    if not tail and head:
        return _strip_end(head)
    return head + tail


def _without_signoff(tail: str) -> str:
    """`tail` without a trailing sign-off (`_SIGNOFF`), found from the last mark.

    After its mark a sign-off holds only a name and spaces, so only the last mark in
    the tail can open one (or the first of a "--" ending there); the match starts at
    the whitespace before it. Searching from there gives what `_SIGNOFF.sub` over the
    whole tail gives, without trying the pattern at every character.
    """
    last = max(tail.rfind(mark) for mark in _SIGNOFF_MARKS)
    if last < 0:
        return tail
    start = last - 1 if last and tail[last] == "-" and tail[last - 1] == "-" else last
    while start and tail[start - 1].isspace():
        start -= 1
    found = _SIGNOFF.match(tail, start)
    return tail[:start] if found else tail


def _without_tail(tail: str) -> str:
    """`tail` without its trailing links, hashtags, counters and emoji (`_TAIL`).

    `_TAIL` tries every position; the last visible character says whether it can match
    at all: a link placeholder ends in ">", a counter in a digit or ")", a hashtag in a
    word character after a "#", an emoji is itself. Most replies end otherwise.
    """
    visible = tail.rstrip()
    if not visible:
        return tail
    last = visible[-1]
    if (last in ">)" or last.isdecimal() or _EMOJI_CHAR.match(last)
            or ("#" in visible and _WORD_CHAR.match(last))):
        return _TAIL.sub("", tail)
    return tail


def _key(fragment: str) -> str:
    # "for you!" and "for you." are the same paste. `split` and `\s` agree on what is
    # whitespace (both use str.isspace), and the strip removes any edge space either way.
    return " ".join(fragment.lower().split()).strip(" \t,;:-.!")


def _word_count(key: str) -> int:
    if "<" in key:
        key = _PLACEHOLDER.sub(" ", key)
    return len(_WORD.findall(key))


def template_keys(text: str) -> list[str]:
    """Keys to count for one reply: its sentences, then the whole normalised reply."""
    body = normalise(text)
    keys: list[str] = []
    sentences = [s for s in _SENTENCES.split(body) if s]
    seen: set[str] = set()
    words = 0  # in the whole reply: words never span the whitespace between sentences
    for sentence in sentences:
        key = _key(sentence)
        count = _word_count(key)
        words += count
        if key[:1] in _GREETING_INITIALS:
            shorter = _GREETING.sub("", key)
            if len(shorter) < len(key):
                key, count = shorter, _word_count(shorter)
        if count >= MIN_WORDS and key not in seen:
            seen.add(key)
            keys.append(SENTENCE + key)
    if len(sentences) > 1 and words >= MIN_WORDS:
        keys.append(REPLY + _key(body))
    return keys


# The miner's table: key -> [count, agents, example reply].
Tally = dict[str, list]


@dataclass(slots=True)
class ChunkTally:
    """One chunk's template counts, shaped to cross between processes cheaply.

    Flat lists rather than a list and a set per key: a worker builds them with appends,
    and they pickle and unpickle several times faster. Key `i` was seen in `counts[i]`
    replies, first in reply `first[i]` (an index into `examples` and `agents`); a key
    seen in several replies has all their agents in `agent_sets[i]`.
    """

    keys: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    first: list[int] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    agents: list[str | None] = field(default_factory=list)
    agent_sets: dict[int, set[str]] = field(default_factory=dict)

    def agents_of(self, index: int) -> set[str]:
        """The agents key `index` was seen with in this chunk (a new set)."""
        found = self.agent_sets.get(index)
        if found is not None:
            return found
        agent = self.agents[self.first[index]]
        return {agent} if agent else set()


def tally_chunk(items: Iterable[tuple[str, str | None]]) -> ChunkTally:
    """Count template keys over (reply, agent) pairs; one small tally per chunk."""
    tally = ChunkTally()
    index: dict[str, int] = {}
    keys, counts, first = tally.keys, tally.counts, tally.first
    examples, agents, agent_sets = tally.examples, tally.agents, tally.agent_sets
    for text, agent in items:
        reply = -1
        for key in template_keys(text):
            position = index.get(key)
            if position is None:
                if reply < 0:  # the reply's first new key: keep it as the example
                    reply = len(examples)
                    examples.append(text[:400])
                    agents.append(agent)
                index[key] = len(keys)
                keys.append(key)
                counts.append(1)
                first.append(reply)
                continue
            counts[position] += 1
            if agent:
                seen = agent_sets.get(position)
                if seen is None:
                    seen = agent_sets[position] = tally.agents_of(position)
                if len(seen) < AGENTS_KEPT:
                    seen.add(agent)
    return tally


@dataclass(frozen=True, slots=True)
class Template:
    kind: str  # "sentence" or "reply"
    text: str  # the normalised template
    count: int  # at least this many replies
    agents: int  # distinct agents seen using it (capped at AGENTS_KEPT)
    example: str


class CannedMiner:
    """Bounded-memory frequent-template counter fed with per-chunk tallies."""

    def __init__(self, capacity: int = 100_000) -> None:
        self.capacity = capacity
        self.entries: Tally = {}
        self.floor = 0  # any count may be low by at most this much
        self.replies = 0

    def merge(self, tally: ChunkTally, replies: int) -> None:
        """Add a chunk's tally (the agent sets in it become the miner's)."""
        self.replies += replies
        entries = self.entries
        examples, agents_of = tally.examples, tally.agents_of
        columns = zip(tally.keys, tally.counts, tally.first, strict=True)
        for index, (key, count, reply) in enumerate(columns):
            entry = entries.get(key)
            if entry is None:
                entries[key] = [count, agents_of(index), examples[reply]]
            else:
                entry[0] += count
                if len(entry[1]) < AGENTS_KEPT:
                    entry[1] |= tally.agents_of(index)
        if len(entries) > self.capacity:
            self._prune()

    def _prune(self) -> None:
        target = self.capacity * 3 // 4
        while len(self.entries) > target:
            self.floor += 1
            floor = self.floor
            self.entries = {k: v for k, v in self.entries.items() if v[0] > floor}

    def templates(self, *, min_count: int, min_agents: int, limit: int,
                  kind: str | None = None) -> list[Template]:
        found = [
            Template("sentence" if key[0] == SENTENCE else "reply", key[1:], count,
                     len(agents), example)
            for key, (count, agents, example) in self.entries.items()
            if count >= min_count and len(agents) >= min_agents
            and (kind is None or key[0] == (SENTENCE if kind == "sentence" else REPLY))
        ]
        found.sort(key=lambda t: (-t.count, -t.agents, t.text))
        return found[:limit]


def default_min_count(replies: int) -> int:
    """Recurring means at least 3 replies, and at least 1 in 2,000 on big exports."""
    return max(3, replies // 2000)


# --- writing the team's config -------------------------------------------------


def phrase_for_config(template: str) -> str | None:
    """The longest placeholder-free stretch of a template with enough words to match on."""
    parts = [part.strip(" ,;:-") for part in _PLACEHOLDER.split(template)]
    parts = [part for part in parts if _word_count(part) >= MIN_WORDS]
    if not parts:
        return None
    best = max(parts, key=_word_count)
    # A short run between placeholders ("left our depot on") is not what the team pastes.
    if _word_count(best) * 2 < _word_count(template):
        return None
    return best.rstrip(".!? ")


def canned_toml(templates: list[Template], source: str) -> str:
    """A replylint config fragment: `[canned] extra = [...]`, one commented phrase a line."""
    lines = [
        "# Canned phrases mined by `replylint` from " + _comment(source) + ".",
        "# Review them, then merge this [canned] table into replylint.toml.",
        "[canned]",
        "extra = [",
    ]
    seen: set[str] = set()
    for template in templates:
        phrase = phrase_for_config(template.text)
        if phrase is None or phrase in seen:
            continue
        seen.add(phrase)
        lines.append(f"    {_toml_string(phrase)},  # {template.count} replies, "
                     f"{template.agents} agents")
    lines.append("]")
    return "\n".join(lines) + "\n"


def write_canned_toml(path: Path, templates: list[Template], source: str) -> int:
    text = canned_toml(templates, source)
    path.write_text(text, encoding="utf-8")
    return text.count("  # ")


def _comment(text: str) -> str:
    return _SPACES.sub(" ", text)[:200]


def _toml_string(value: str) -> str:
    escaped = []
    for char in value:
        if char == "\\":
            escaped.append("\\\\")
        elif char == '"':
            escaped.append('\\"')
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'
