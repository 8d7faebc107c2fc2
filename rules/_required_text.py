"""Cheap tests that rule a regex out before it runs.

Python's `re` has no multi-string search: an alternation that starts with `\\b` is tried
alternative by alternative at every position of the text, which costs microseconds per
reply. Most replies contain none of the words such a pattern needs, and `str.__contains__`
finds out far faster. The words are read from the pattern itself, so a phrase list edited
in `rules/data/*.toml` can never make a gate wrong, only less useful.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The parser behind `re.compile`. Private, so every use is guarded: a pattern it cannot
# analyse simply gets no gate (it always runs).
try:
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - other Python versions
    _sre = _sre_parse = None  # type: ignore[assignment]


def required_groups(pattern: str, flags: int = 0) -> tuple[tuple[str, ...], ...]:
    """Groups of strings such that every text the pattern matches in holds at least one
    string of each group. Empty when nothing is certain (then the pattern always runs).

    Only case-sensitive parts are read: under IGNORECASE a literal may appear in any case.
    """
    if _sre_parse is None or flags & re.IGNORECASE:
        return ()
    try:
        parsed = _sre_parse.parse(pattern, flags)  # VERBOSE changes what is a literal
    except Exception:  # noqa: BLE001 - an unusual pattern just gets no gate
        return ()
    if parsed.state.flags & re.IGNORECASE:
        return ()
    groups = {_simplest(group) for group in _groups(parsed) if min(map(len, group)) >= 2}
    # Longest shortest-string first: longer strings are rarer, so the test fails sooner.
    return tuple(sorted(groups, key=lambda g: (-min(map(len, g)), len(g), g)))


def lower_case_only(pattern: str, flags: int = 0) -> bool:
    """True when every character the pattern names is ASCII and not upper-case, so that,
    written for IGNORECASE, it finds the same in an ASCII text lower-cased without it.
    (IGNORECASE also pairs some other letters with ASCII ones, "ſ" with "s": none allowed.)"""
    if _sre_parse is None:
        return False
    try:
        parsed = _sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001
        return False
    return _lower_only(parsed)


def _lower_only(sequence: object) -> bool:
    for op, value in sequence:  # type: ignore[attr-defined]
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            if not _ascii_lower(value):
                return False
        elif op is _sre.IN:
            for item_op, item in value:
                if item_op is _sre.LITERAL and not _ascii_lower(item):
                    return False
                if item_op is _sre.RANGE and not all(
                        _ascii_lower(c) for c in range(item[0], item[1] + 1)):
                    return False
        elif op is _sre.SUBPATTERN:
            if not _lower_only(value[3]):
                return False
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            if not _lower_only(value[2]):
                return False
        elif op is _sre.BRANCH:
            if not all(_lower_only(alternative) for alternative in value[1]):
                return False
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if not _lower_only(value[1]):
                return False
        elif op is _sre.ATOMIC_GROUP:
            if not _lower_only(value):
                return False
        elif op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS, _sre.GROUPREF_IGNORE):
            return False  # not worth reasoning about
    return True


def _ascii_lower(code: int) -> bool:
    return code < 128 and not 65 <= code <= 90


def _groups(sequence: object) -> list[tuple[str, ...]]:
    groups: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, value in sequence:  # type: ignore[attr-defined]
        if op is _sre.LITERAL:
            run.append(chr(value))
            continue
        if run:
            groups.append(("".join(run),))
            run = []
        if op is _sre.SUBPATTERN:
            _, add_flags, _, sub = value
            if not add_flags & re.IGNORECASE:
                groups.extend(_groups(sub))
        elif op is _sre.ATOMIC_GROUP:
            groups.extend(_groups(value))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            low, _, sub = value
            if low >= 1:
                groups.extend(_groups(sub))
        elif op is _sre.BRANCH:
            # One string from each alternative: every match takes one of them.
            choices = [_best(_groups(alternative)) for alternative in value[1]]
            if all(choices):
                groups.append(tuple(sorted({s for choice in choices for s in choice})))
    if run:
        groups.append(("".join(run),))
    return groups


def _best(groups: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    return max(groups, key=lambda g: (min(map(len, g)), -len(g)), default=None)


def _simplest(group: tuple[str, ...]) -> tuple[str, ...]:
    """Drop strings that contain another of the group ("birthday" when "birth" is there)."""
    return tuple(sorted(s for s in group if not any(o != s and o in s for o in group)))


_BOUNDARY = re.compile(r"\b")


@dataclass(frozen=True, slots=True)
class GatedPattern:
    r"""A regex and the strings it needs: `search` skips the regex when one is missing.

    A pattern that starts with `\b` is searched without it (so `re` can skip ahead to
    its first letters instead of trying every position), and each match start is then
    checked for the boundary: the same leftmost match, several times faster.
    """

    regex: re.Pattern[str]
    groups: tuple[tuple[str, ...], ...]
    scan: re.Pattern[str] | None = None  # the pattern without its leading \b

    @classmethod
    def compile(cls, pattern: str, flags: int = 0) -> GatedPattern:
        return cls(re.compile(pattern, flags), required_groups(pattern, flags),
                   _without_leading_boundary(pattern, flags))

    def possible(self, text: str) -> bool:
        for group in self.groups:  # plain loops: this runs for every pattern on every reply
            for needed in group:
                if needed in text:
                    break
            else:
                return False
        return True

    def search(self, text: str) -> re.Match[str] | None:
        """`regex.search(text)`, without the regex when a needed string is missing."""
        if not self.possible(text):
            return None
        scan = self.scan
        if scan is None:
            return self.regex.search(text)
        match = scan.search(text)
        # `pos` does not slice: \b and lookbehinds still see the text before it.
        while match is not None and _BOUNDARY.match(text, match.start()) is None:
            match = scan.search(text, match.start() + 1)
        return match


def _without_leading_boundary(pattern: str, flags: int) -> re.Pattern[str] | None:
    r"""The pattern minus a leading `\b`, when the pattern is `\b` followed by the rest
    (not `\bfoo|bar`, whose `\b` belongs to one alternative only)."""
    if not pattern.startswith(r"\b") or _sre_parse is None:
        return None
    try:
        first_op = _sre_parse.parse(pattern, flags)[0]
    except Exception:  # noqa: BLE001 - an unusual pattern is searched as it is
        return None
    if first_op != (_sre.AT, _sre.AT_BOUNDARY):
        return None
    return re.compile(pattern[2:], flags)


class GatedSet:
    """Several gated patterns tested together: the strings of the first (most telling)
    group of every pattern are looked for in one scan of the text. Strings that contain
    another key ("numbers" and "number") are folded into it."""

    def __init__(self, patterns: tuple[GatedPattern, ...]) -> None:
        self.patterns = patterns
        self._always = 0  # bit i set: pattern i needs no string
        owners: dict[str, int] = {}
        for index, pattern in enumerate(patterns):
            if not pattern.groups:
                self._always |= 1 << index
            for needed in pattern.groups[0] if pattern.groups else ():
                owners[needed] = owners.get(needed, 0) | 1 << index
        # "numbers" in a text means "number" is too: look for the shorter one only.
        for needed in sorted(owners, key=len, reverse=True):
            shorter = next((o for o in owners if o != needed and o in needed), None)
            if shorter is not None:
                owners[shorter] |= owners.pop(needed)
        self._owners = owners
        # One scan for every key at once, written as a trie ("c(?:ard|ell|o(?:de|ntact))")
        # so that `re` tests one alternative per position instead of all of them.
        self._any_key = re.compile(_trie(sorted(owners))) if owners else None

    def possible(self, text: str) -> list[GatedPattern]:
        """The patterns (in their order) whose needed strings are all in `text`."""
        mask = self._always
        if self._any_key is not None:
            search, owners = self._any_key.search, self._owners
            match = search(text)
            while match is not None:
                mask |= owners[match.group()]
                match = search(text, match.start() + 1)  # keys may overlap: step by one
        if not mask:
            return []
        return [pattern for index, pattern in enumerate(self.patterns)
                if mask >> index & 1 and pattern.possible(text)]


def any_of(strings: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """A regex that finds whether any of `strings` occurs: `bool(any_of(ws).search(t))`
    is `any(w in t for w in ws)`, in one scan instead of one per string."""
    return re.compile(_trie(sorted(set(strings))) if strings else "(?!)")


def _trie(strings: list[str]) -> str:
    """An alternation matching exactly `strings`, as a trie. When no string is a prefix of
    another (`GatedSet` folds such keys away), every match is one of the strings."""
    by_first: dict[str, list[str]] = {}
    whole = False
    for string in strings:
        if string:
            by_first.setdefault(string[0], []).append(string[1:])
        else:
            whole = True
    parts = [re.escape(first + rests[0]) if len(rests) == 1
             else re.escape(first) + "(?:" + _trie(rests) + ")"
             for first, rests in by_first.items()]
    if whole:
        parts.append("")
    return "|".join(parts)


def first_match(patterns: list[GatedPattern] | tuple[GatedPattern, ...], text: str
                ) -> re.Match[str] | None:
    """The leftmost match of any pattern, as `re.compile("|".join(...)).search` finds it:
    the same start and, at equal starts, the earlier pattern, as in an alternation."""
    best: re.Match[str] | None = None
    for pattern in patterns:
        match = pattern.search(text)
        if match is not None and (best is None or match.start() < best.start()):
            best = match
    return best


def any_match(patterns: list[GatedPattern] | tuple[GatedPattern, ...], text: str) -> bool:
    for pattern in patterns:
        if pattern.search(text) is not None:
            return True
    return False
