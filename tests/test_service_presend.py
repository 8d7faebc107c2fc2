"""The pre-send contract without HTTP: request validation, narrowing, the blocking policy."""

from __future__ import annotations

from typing import Any

import pytest

from linter.config import config_from_mapping
from linter.diagnostic import apply_edits
from linter.service.presend import RequestError, parse_check_request, run_check

PLACEHOLDER_UNSIGNED = "Hi [Customer Name], the courier will redeliver your parcel tomorrow."
UNSIGNED = "Sorry your parcel is late. I've asked the depot to redeliver it tomorrow morning."
SIGNED = UNSIGNED + " ^JD"

# Tests that assert a verdict pin the rules, so new rules in the catalogue cannot change it.
TEAM = config_from_mapping({"select": ["PLH", "SIG"]})


def check(body: dict[str, Any], team: Any = TEAM) -> Any:
    return run_check(team, parse_check_request(body))


def codes(result: Any) -> list[str]:
    return [d.code for d in result.diagnostics]


@pytest.mark.parametrize(("body", "field"), [
    ([], "body"),
    ({}, "reply"),
    ({"reply": 42}, "reply"),
    ({"reply": "half a pair \ud83d here"}, "reply"),
    ({"reply": "x", "customer": "\udc00"}, "customer"),
    ({"reply": "x", "customer": ["a"]}, "customer"),
    ({"reply": "x", "channel": "fax"}, "channel"),
    ({"reply": "x", "custmer": "typo"}, "custmer"),
    ({"reply": "x", "config": "SIG001"}, "config"),
    ({"reply": "x", "config": {"select": "SIG001"}}, "config.select"),
    ({"reply": "x", "config": {"ignore": ["NOPE999"]}}, "config.ignore"),
    ({"reply": "x", "config": {"severity": {"PLH001": "info"}}}, "config.severity"),
    ({"reply": "x", "config": {"presend": {"block": []}}}, "config.presend"),
    ({"reply": "x", "config": {"signature": "^JD"}}, "config.signature"),
    ({"reply": "x", "config": {"signature": {"required": False}}}, "config.signature.required"),
    ({"reply": "x", "config": {"signature": {"agent": 7}}}, "config.signature.agent"),
    ({"reply": "x", "config": {"signature": {"agent": "x" * 201}}}, "config.signature.agent"),
])
def test_bad_requests_name_the_field(body: Any, field: str) -> None:
    with pytest.raises(RequestError) as caught:
        parse_check_request(body)
    assert caught.value.field == field
    assert caught.value.status == 400


def test_a_clean_signed_reply_is_sent() -> None:
    result = check({"reply": SIGNED})
    assert result.diagnostics == ()
    assert result.verdict == "send"
    assert result.blocking == ()


def test_warnings_ask_the_agent_to_confirm() -> None:
    result = check({"reply": UNSIGNED})
    assert codes(result) == ["SIG001"]
    assert result.verdict == "confirm"
    assert result.blocking == ()


def test_errors_block_and_are_listed_as_blocking() -> None:
    result = check({"reply": PLACEHOLDER_UNSIGNED})
    assert codes(result) == ["PLH001", "SIG001"]
    assert result.verdict == "block"
    assert result.blocking == ("PLH001",)


def test_team_presend_block_makes_a_warning_block() -> None:
    team = config_from_mapping({"select": ["PLH", "SIG"],
                                "presend": {"block": ["missing-signature"]}})
    result = check({"reply": UNSIGNED}, team)
    assert result.verdict == "block"
    assert result.blocking == ("SIG001",)


def test_request_may_switch_off_a_rule_that_does_not_block() -> None:
    result = check({"reply": UNSIGNED, "config": {"ignore": ["SIG001"]}})
    assert codes(result) == []
    assert result.verdict == "send"


def test_request_ignore_cannot_drop_an_error() -> None:
    result = check({"reply": PLACEHOLDER_UNSIGNED, "config": {"ignore": ["PLH001", "SIG001"]}})
    assert codes(result) == ["PLH001"]
    assert result.verdict == "block"


def test_request_select_cannot_drop_a_rule_the_team_config_blocks_on() -> None:
    team = config_from_mapping({"select": ["PLH", "SIG"], "presend": {"block": ["SIG001"]}})
    result = check({"reply": UNSIGNED, "config": {"select": ["PLH001"]}}, team)
    assert codes(result) == ["SIG001"]
    assert result.verdict == "block"


def test_request_select_narrows_but_never_widens_the_team_selection() -> None:
    team = config_from_mapping({"select": ["PLH"]})
    result = check({"reply": PLACEHOLDER_UNSIGNED,
                    "config": {"select": ["SIG001", "PLH001"]}}, team)
    assert codes(result) == ["PLH001"]  # SIG001 stays off: the team did not select it


def test_channel_defaults_apply_but_explicit_team_sections_survive() -> None:
    # Chat does not require a sign-off by default...
    assert codes(check({"reply": UNSIGNED, "channel": "chat"})) == []
    # ...unless the team's file says so explicitly.
    team = config_from_mapping({"select": ["PLH", "SIG"], "signature": {"required": True}})
    result = check({"reply": UNSIGNED, "channel": "chat"}, team)
    assert codes(result) == ["SIG001"]
    assert result.config.channel == "chat"


def test_agent_signature_fix_changes_the_verdict() -> None:
    first = check({"reply": UNSIGNED, "config": {"signature": {"agent": "^JD"}}})
    assert first.verdict == "confirm"
    (finding,) = first.diagnostics
    assert finding.fix is not None
    fixed = apply_edits(UNSIGNED, finding.fix.edits)
    assert fixed == SIGNED
    assert check({"reply": fixed}).verdict == "send"


def test_response_json_is_schema_v1_with_utf16_offsets() -> None:
    reply = "🙂 Hi [Customer Name], your parcel ships today."
    document = check({"reply": reply}).to_json()
    assert document["schema_version"] == 1
    assert document["verdict"] == "block"
    assert document["blocking"] == ["PLH001"]
    placeholder = document["diagnostics"][0]
    assert placeholder["code"] == "PLH001"
    assert placeholder["start"] == reply.index("[")
    assert placeholder["start_utf16"] == reply.index("[") + 1  # the emoji is two UTF-16 units
    assert placeholder["range"]["start"] == {"line": 1, "column": 6, "utf16_column": 7}
    assert document["config"] == {"channel": "twitter", "source": None, "block": []}


def test_reply_longer_than_the_engine_accepts_is_a_413() -> None:
    with pytest.raises(RequestError) as caught:
        check({"reply": "a" * 100_001})
    assert (caught.value.field, caught.value.status) == ("reply", 413)


def test_a_new_agent_sign_off_rebuilds_only_the_signature_rules(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Some rules take tens of milliseconds to build; a desk has many agents.
    from rules.plh001_unfilled_placeholder import UnfilledPlaceholder

    builds = []
    original = UnfilledPlaceholder.__init__

    def counting_init(self: Any, config: Any) -> None:
        builds.append(config.signature.agent)
        original(self, config)

    monkeypatch.setattr(UnfilledPlaceholder, "__init__", counting_init)
    for agent in ("^Q1", "^Q2", "^Q3", "^Q4"):
        result = check({"reply": PLACEHOLDER_UNSIGNED, "config": {"signature": {"agent": agent}}})
        assert codes(result) == ["PLH001", "SIG001"]
        signature_fix = result.diagnostics[1].fix
        assert signature_fix is not None and signature_fix.edits[0].text == f" {agent}"
    assert len(builds) <= 1
    assert all(agent == "" for agent in builds)
