"""Brand policy files: discovery, validation with clear errors, and precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter import Config, ConfigError, Severity, lint
from linter.config import config_from_mapping, find_config_file, load_config, resolve_config


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_twitter() -> None:
    config = Config()
    assert config.channel == "twitter"
    assert config.length.max_chars == 280
    assert config == Config.for_channel("twitter")


def test_replylint_toml_found_by_walking_up(tmp_path: Path) -> None:
    write(tmp_path / "replylint.toml", 'channel = "email"\n')
    draft = write(tmp_path / "a" / "b" / "draft.reply", "hi")
    assert find_config_file(draft) == tmp_path / "replylint.toml"
    assert resolve_config(draft).channel == "email"


def test_pyproject_without_tool_section_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "replylint.toml", 'channel = "chat"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert resolve_config(tmp_path / "sub" / "r.reply").channel == "chat"
    write(tmp_path / "sub" / "pyproject.toml", '[tool.replylint]\nchannel = "email"\n')
    assert resolve_config(tmp_path / "sub" / "r.reply").channel == "email"


def test_full_policy_file(tmp_path: Path) -> None:
    path = write(tmp_path / "replylint.toml", """
channel = "email"
select = ["ALL"]
ignore = ["RDB"]
[severity]
PLH001 = "warning"
missing-signature = "error"
[signature]
agent = "^JD"
forms = ['\\^[A-Z]{2}']
[canned]
extra = ["We are on it"]
allow = ["Have a great day"]
[phone]
open-24-7 = true
[readability]
max_grade = 9
[presend]
block = ["PII001"]
""")
    config = load_config(path)
    assert config.channel == "email" and config.length.max_chars == 0
    assert config.signature.agent == "^JD"
    assert config.canned.allow == ("Have a great day",)
    assert config.phone.open_24_7 is True
    assert config.readability.max_grade == 9.0
    assert config.severity_for("PLH001", "unfilled-placeholder", Severity.ERROR) is Severity.WARNING
    assert not config.is_enabled("RDB001", "hard-to-read")
    assert config.blocks("PII001", "x", Severity.INFO)


@pytest.mark.parametrize(("text", "key", "fragment"), [
    ('chanel = "twitter"', "chanel", "unknown key"),
    ('channel = "fax"', "channel", "must be one of"),
    ('select = "SIG999"', "select", "matches no rule"),
    ('[severity]\nPLH001 = "fatal"', "severity.PLH001", "unknown severity"),
    ('[signature]\nrequired = "yes"', "signature.required", "true/false"),
    ('[signature]\nforms = ["(unclosed"]', "signature.forms", "invalid regular expression"),
    ('[readability]\nmin_words = 1.5', "readability.min_words", "whole number"),
    ('[phone]\nvoicemail = true', "phone.voicemail", "unknown key"),
    ('channel = ', None, "invalid TOML"),
])
def test_bad_config_names_file_key_and_allowed(tmp_path: Path, text: str, key: str | None,
                                               fragment: str) -> None:
    path = write(tmp_path / "replylint.toml", text + "\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert str(path) in message and fragment in message
    if key:
        assert f"key '{key}'" in message


def test_pyproject_keys_are_reported_with_their_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.replylint]\nbogus = 1\n")
    with pytest.raises(ConfigError, match=r"key 'tool\.replylint\.bogus'"):
        load_config(path)


def test_severity_override_reaches_diagnostics() -> None:
    config = config_from_mapping({"select": ["PLH001"], "severity": {"PLH001": "info"}})
    (diagnostic,) = lint("Hi {{first_name}}", config=config)
    assert diagnostic.severity is Severity.INFO


def test_request_narrowing_cannot_enable_what_the_team_turned_off() -> None:
    team = config_from_mapping({"ignore": ["PLH001"]})
    assert not team.narrowed(select=("PLH001",)).is_enabled("PLH001", "unfilled-placeholder")
    assert team.narrowed(select=("SIG",)).is_enabled("SIG001", "missing-signature") is \
        team.is_enabled("SIG001", "missing-signature")
    # The command line, by contrast, is the user's explicit choice and replaces the selection.
    assert team.overridden(select=("PLH001",)).is_enabled("PLH001", "unfilled-placeholder")


def test_channel_switch_keeps_explicit_sections() -> None:
    team = config_from_mapping({"signature": {"agent": "^JD"}})
    chat = team.narrowed(channel="chat")
    assert chat.channel == "chat" and chat.length.max_chars == 1000
    assert chat.signature.agent == "^JD"


def test_rules_are_shared_by_configs_that_agree_on_what_they_read() -> None:
    from linter.engine import built_rule
    from rules import find_rule

    signature, canned = find_rule("SIG001"), find_rule("CAN001")
    first = config_from_mapping({"signature": {"agent": "^AB"}})
    second = config_from_mapping({"signature": {"agent": "^CD"}})
    assert built_rule(canned, first) is built_rule(canned, second)
    assert built_rule(signature, first) is not built_rule(signature, second)
    # And each agent still gets their own fix.
    for config, agent in ((first, "^AB"), (second, "^CD")):
        (diagnostic,) = lint("Your refund for the kettle went out today.",
                             config=config.overridden(select=("SIG001",)))
        assert diagnostic.fix.edits[0].text.strip() == agent
