"""The language server's pure parts: positions per encoding, settings precedence, and the
config edit behind "ignore CODE in this workspace"."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from lsprotocol import types

from linter.config import load_config
from linter.config_edit import ConfigEditError, add_ignore, config_file_for, with_ignored
from lsp_server.positions import PositionMap
from lsp_server.settings import ConfigProblem, ConfigResolver, parse_settings

TEXT = "ok\nHi 👋🏽 Zoë 東京 [Customer Name]!"


@pytest.mark.parametrize(("encoding", "character"), [
    ("utf-16", 15),  # 👋🏽 is two surrogate pairs
    ("utf-8", 24),  # four bytes per emoji, two for ë, three per kanji
    ("utf-32", 13),
])
def test_positions_count_code_units_of_the_negotiated_encoding(encoding: str,
                                                               character: int) -> None:
    positions = PositionMap(TEXT, encoding)
    offset = TEXT.index("[")
    assert positions.position(offset) == types.Position(line=1, character=character)
    assert positions.offset(types.Position(line=1, character=character)) == offset


def test_settings_prune_blank_editor_defaults_and_split_server_keys() -> None:
    settings = parse_settings({"replylint": {
        "channel": "", "select": [], "ignore": ["CAN001"], "signature": {"agent": ""},
        "debounce": 50, "path": ["replylint"], "trace": {"server": "off"}}})
    assert settings.overrides == {"ignore": ["CAN001"]}
    assert settings.debounce_ms == 50
    assert parse_settings({"debounce": -1}).problem is not None


def test_precedence_defaults_then_file_then_editor(tmp_path: Path) -> None:
    (tmp_path / "replylint.toml").write_text(
        'channel = "email"\n[signature]\nagent = "^AB"\nrequired = true\n', encoding="utf-8")
    resolver = ConfigResolver()
    from_file = resolver.resolve(tmp_path, parse_settings({}))
    assert from_file.channel == "email" and from_file.signature.agent == "^AB"
    edited = resolver.resolve(tmp_path, parse_settings({"signature": {"agent": "^JD"}}))
    assert edited.channel == "email"  # kept from the file
    assert edited.signature.agent == "^JD" and edited.signature.required  # merged table


def test_resolver_sees_config_edits_without_restart(tmp_path: Path) -> None:
    resolver = ConfigResolver()
    settings = parse_settings({})
    assert resolver.resolve(tmp_path, settings).channel == "twitter"
    config = tmp_path / "replylint.toml"
    config.write_text('channel = "chat"\n', encoding="utf-8")
    assert resolver.resolve(tmp_path, settings).channel == "chat"
    config.write_text('channel = "fax"\n', encoding="utf-8")
    problem = resolver.resolve(tmp_path, settings)
    assert isinstance(problem, ConfigProblem) and "replylint.toml" in problem.message
    config.unlink()
    assert resolver.resolve(tmp_path, settings).channel == "twitter"


def test_bad_editor_setting_is_named_as_such(tmp_path: Path) -> None:
    problem = ConfigResolver().resolve(tmp_path, parse_settings({"channel": "fax"}))
    assert isinstance(problem, ConfigProblem)
    assert problem.message.startswith("replylint editor settings: key 'replylint.channel'")


@pytest.mark.parametrize(("before", "after"), [
    ('channel = "email"\n\n[signature]\nagent = "^JD"\n',
     'channel = "email"\nignore = ["SIG001"]\n\n[signature]\nagent = "^JD"\n'),
    ('ignore = ["CAN001"]  # noisy for us\n', 'ignore = ["CAN001", "SIG001"]  # noisy for us\n'),
    ('ignore = [\n  "CAN001",  # why\n]\n', 'ignore = [\n  "CAN001",  # why\n  "SIG001",\n]\n'),
    ("ignore = 'CAN001'\r\n", "ignore = ['CAN001', \"SIG001\"]\r\n"),
    ('', 'ignore = ["SIG001"]\n'),
    ('ignore = ["SIG001"]\n', 'ignore = ["SIG001"]\n'),
])
def test_with_ignored_edits_only_the_ignore_list(before: str, after: str) -> None:
    assert with_ignored(before, "SIG001") == after


def test_with_ignored_in_pyproject_keeps_other_tables() -> None:
    before = ('[project]\nname = "shop"\n\n[tool.replylint]\nchannel = "chat"\n\n'
              '[tool.replylint.signature]\nagent = "^JD"\n\n[tool.ruff]\nline-length = 100\n')
    after = with_ignored(before, "CAN001", pyproject=True)
    assert after == before.replace('channel = "chat"\n', 'channel = "chat"\nignore = ["CAN001"]\n')
    no_table = with_ignored('[project]\nname = "shop"\n', "CAN001", pyproject=True)
    assert tomllib.loads(no_table)["tool"]["replylint"] == {"ignore": ["CAN001"]}


def test_with_ignored_refuses_a_broken_file() -> None:
    with pytest.raises(ConfigEditError):
        with_ignored('ignore = ["CAN001"\n', "SIG001")


def test_add_ignore_creates_or_updates_the_nearest_config(tmp_path: Path) -> None:
    folder = tmp_path / "replies" / "billing"
    folder.mkdir(parents=True)
    target = config_file_for(folder, tmp_path)
    assert target == tmp_path / "replylint.toml"
    assert add_ignore(target, "SIG001") is True
    assert load_config(target).ignore == ("SIG001",)
    assert add_ignore(target, "SIG001") is False
    assert config_file_for(folder, tmp_path) == target
