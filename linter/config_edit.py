"""Add a rule to `ignore` in a project's replylint config, keeping the rest of the file intact.

There is no TOML writer in the standard library, so this is a careful text edit:
it touches only the `ignore` array (or adds one line), keeps comments, spacing and
line endings, and re-parses the result: unless the new file means exactly the old
one plus the ignored rule, nothing is written.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from .config import find_config_file

_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_TOOL_HEADER = re.compile(
    r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*replylint[ \t]*\][ \t]*(?:#[^\r\n]*)?\r?$",
    re.MULTILINE)
_IGNORE_KEY = re.compile(r"""^([ \t]*)(?:ignore|"ignore"|'ignore')[ \t]*=[ \t]*""", re.MULTILINE)
_STRING_VALUE = re.compile(r""""(?:[^"\\\n]|\\.)*"|'[^'\n]*'""")


class ConfigEditError(Exception):
    """The file could not be edited safely; it was left untouched."""


def config_file_for(folder: Path, workspace_root: Path | None = None) -> Path:
    """The config file that governs `folder`, or where a new `replylint.toml` should go:
    the workspace root when the folder is inside it, else the folder itself."""
    found = find_config_file(folder)
    if found is not None:
        return found
    if workspace_root is not None and folder.resolve().is_relative_to(workspace_root.resolve()):
        return workspace_root / "replylint.toml"
    return folder / "replylint.toml"


def add_ignore(path: Path, code: str) -> bool:
    """Ignore `code` in the config at `path` (created if missing). False if already ignored."""
    if not path.exists():
        header = "[tool.replylint]\n" if path.name == "pyproject.toml" else ""
        _write(path, f"{header}ignore = [{json.dumps(code)}]\n")
        return True
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigEditError("not valid UTF-8") from None
    new_text = with_ignored(text, code, pyproject=path.name == "pyproject.toml")
    if new_text == text:
        return False
    _write(path, new_text)
    return True


def with_ignored(text: str, code: str, pyproject: bool = False) -> str:
    """`text` with `code` added to the replylint table's `ignore` list."""
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigEditError(f"invalid TOML ({error}); fix it before adding rules") from None
    table = before.get("tool", {}).get("replylint", {}) if pyproject else before
    current = table.get("ignore", [])
    current = [current] if isinstance(current, str) else current
    if isinstance(current, list) and code in current:
        return text
    new_text = _edited(text, code, pyproject)
    _verify(before, new_text, code, pyproject)
    return new_text


def _edited(text: str, code: str, pyproject: bool) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    quoted = json.dumps(code)
    region = _table_region(text, pyproject)
    if region is None:  # pyproject.toml without a [tool.replylint] table yet
        separator = "" if not text or text.endswith("\n") else newline
        return f"{text}{separator}{newline}[tool.replylint]{newline}ignore = [{quoted}]{newline}"
    start, end = region
    key = _IGNORE_KEY.search(text, start, end)
    if key is None:
        body_end = start + len(text[start:end].rstrip())
        if body_end == start:
            return f"{text[:start]}ignore = [{quoted}]{newline}{text[start:]}"
        return f"{text[:body_end]}{newline}ignore = [{quoted}]{text[body_end:]}"
    value_start = key.end()
    if text.startswith("[", value_start):
        return _insert_into_array(text, value_start, quoted, newline)
    string = _STRING_VALUE.match(text, value_start)
    if string is None:
        raise ConfigEditError("'ignore' is neither a list nor a string")
    return f"{text[:value_start]}[{string.group()}, {quoted}]{text[string.end():]}"


def _table_region(text: str, pyproject: bool) -> tuple[int, int] | None:
    """Where the replylint table's own keys live: [start, end) offsets."""
    if pyproject:
        header = _TOOL_HEADER.search(text)
        if header is None:
            return None
        start = text.find("\n", header.end())
        start = len(text) if start < 0 else start + 1
    else:
        start = 0
    following = _HEADER.search(text, start)
    return start, following.start() if following else len(text)


def _insert_into_array(text: str, open_index: int, quoted: str, newline: str) -> str:
    close, last = _array_bounds(text, open_index)
    if last is None:
        return f"{text[:open_index + 1]}{quoted}{text[close:]}"
    trailing_comma = text[last] == ","
    if "\n" in text[last + 1:close]:  # a multi-line array: add one more line like the last
        line_start = text.rfind("\n", 0, last) + 1
        line_end = text.index("\n", last)  # after any comment on the last item's line
        if text[line_end - 1] == "\r":
            line_end -= 1
        indent = re.match(r"[ \t]*", text[line_start:]).group()  # type: ignore[union-attr]
        comma = "" if trailing_comma else ","
        item = f"{newline}{indent}{quoted}" + ("," if trailing_comma else "")
        return f"{text[:last + 1]}{comma}{text[last + 1:line_end]}{item}{text[line_end:]}"
    addition = f" {quoted}" if trailing_comma else f", {quoted}"
    return f"{text[:last + 1]}{addition}{text[last + 1:]}"


def _array_bounds(text: str, open_index: int) -> tuple[int, int | None]:
    """(index of the matching ']', index of the array's last significant character)."""
    depth = 0
    last: int | None = None
    index = open_index
    while index < len(text):
        char = text[index]
        if char == "#":
            newline = text.find("\n", index)
            index = len(text) if newline < 0 else newline
            continue
        if char in "\"'":
            string = _STRING_VALUE.match(text, index)
            if string is None:
                raise ConfigEditError("cannot read the 'ignore' list (multi-line string?)")
            index = string.end()
            last = index - 1
            continue
        if char == "[":
            depth += 1
            if depth > 1:
                raise ConfigEditError("'ignore' holds nested lists")
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index, last
        elif not char.isspace():
            last = index
        index += 1
    raise ConfigEditError("unterminated 'ignore' list")


def _verify(before: dict[str, Any], new_text: str, code: str, pyproject: bool) -> None:
    try:
        after = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigEditError(f"the edit would break the file ({error}); left untouched") from None
    expected = copy.deepcopy(before)
    table = expected.setdefault("tool", {}).setdefault("replylint", {}) if pyproject else expected
    current = table.get("ignore", [])
    table["ignore"] = ([current] if isinstance(current, str) else list(current)) + [code]
    if after != expected:
        raise ConfigEditError("the edit would change more than 'ignore'; left untouched")


def _write(path: Path, text: str) -> None:
    """Replace the file in one step, so a crash never leaves half a config behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        # mkstemp makes 0600 files; a config is shared project data.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
