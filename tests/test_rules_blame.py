"""BLM001 other-team-blame and BLM002 customer-blame, judged on hand-written cases.

The case file (tests/fixtures/blame_cases.toml) holds varied blame and look-alikes; the
targets are the project's: catch at least 9 in 10, fire on at most 1 in 10 look-alikes.
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

import pytest

from linter import Config, lint
from linter.config import BlamePolicy, config_from_mapping
from linter.diagnostic import Severity

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = ROOT / "tests" / "fixtures" / "blame_cases.toml"
DEV_LABELS = ROOT.parent / "shared" / "data" / "realreplies" / "dev_labels.jsonl"
RULES = {"blm001": "BLM001", "blm002": "BLM002"}
PARTS = ("dev", "heldout")

with CASES_FILE.open("rb") as _handle:
    CASES = tomllib.load(_handle)


def _reply(entry: str | dict[str, str]) -> str:
    return entry if isinstance(entry, str) else entry["reply"]


def _findings(code: str, reply: str, config: Config | None = None) -> list:
    config = config or Config(select=(code,))
    return [d for d in lint(reply, None, config) if d.code == code]


def _spans(code: str, reply: str) -> list[str]:
    return [reply[d.start:d.end] for d in _findings(code, reply)]


# --- the fixture file itself ----------------------------------------------------------

@pytest.mark.parametrize("key", RULES)
@pytest.mark.parametrize("part", PARTS)
def test_case_file_is_big_enough(key: str, part: str) -> None:
    data = CASES[key][part]
    looks = [reply for group in data["lookalike"].values() for reply in group]
    minimum = {("blm001", "dev"): 60, ("blm002", "dev"): 40}.get((key, part), 15)
    assert len(data["blame"]) >= minimum
    assert len(looks) >= minimum
    everything = [_reply(e) for e in data["blame"]] + looks
    assert len(everything) == len(set(everything)), "a case is listed twice"


# --- the targets -----------------------------------------------------------------------

@pytest.mark.parametrize("key", RULES)
@pytest.mark.parametrize("part", PARTS)
def test_catches_nine_in_ten_blames(key: str, part: str) -> None:
    code = RULES[key]
    replies = [_reply(e) for e in CASES[key][part]["blame"]]
    missed = [reply for reply in replies if not _findings(code, reply)]
    assert 1 - len(missed) / len(replies) >= 0.9, f"{code} missed {len(missed)}: {missed}"


@pytest.mark.parametrize("key", RULES)
@pytest.mark.parametrize("part", PARTS)
def test_fires_on_at_most_one_in_ten_lookalikes(key: str, part: str) -> None:
    code = RULES[key]
    looks = [r for group in CASES[key][part]["lookalike"].values() for r in group]
    fired = [reply for reply in looks if _findings(code, reply)]
    assert len(fired) / len(looks) <= 0.1, f"{code} fired on {len(fired)}: {fired}"


def _span_cases() -> list:
    return [pytest.param(RULES[key], entry["reply"], entry["span"], id=entry["span"])
            for key in RULES for part in PARTS
            for entry in CASES[key][part]["blame"] if isinstance(entry, dict)]


@pytest.mark.parametrize(("code", "reply", "span"), _span_cases())
def test_span_is_exactly_the_blame(code: str, reply: str, span: str) -> None:
    start = reply.index(span)
    found = [(d.start, d.end) for d in _findings(code, reply)]
    assert (start, start + len(span)) in found, f"want {span!r}, got {_spans(code, reply)}"


# --- behaviour worth pinning down ------------------------------------------------------

def test_blm001_spans_index_into_a_social_reply() -> None:
    reply = "@acme_help @kaya_r Sorry Kaya, the warehouse messed up your order. ^KL #help"
    [finding] = _findings("BLM001", reply)
    assert reply[finding.start:finding.end] == "the warehouse messed up"
    assert finding.severity is Severity.WARNING
    assert "own the problem" in finding.message


@pytest.mark.parametrize("reply", [
    "The courier messed up your delivery, but honestly that's on us and I've sent a new one.",
    "The courier damaged it. Our fault for using them, I've refunded you.",
])
def test_blm001_owning_the_fault_silences_it(reply: str) -> None:
    assert _findings("BLM001", reply) == []


def test_blm001_negated_owning_does_not_silence_it() -> None:
    reply = "The courier damaged it in transit, not our fault at all."
    assert _spans("BLM001", reply) == ["The courier damaged it"]


@pytest.mark.parametrize(("reply", "blamed"), [
    ("I'm not saying the warehouse messed up.", False),
    ("The warehouse messed up, I'm not going to pretend otherwise.", True),
    ("It wasn't us, the carrier damaged it.", True),
    ("If the store didn't process the return, let me know.", False),
])
def test_blm001_negation_is_scoped_to_the_clause(reply: str, blamed: bool) -> None:
    assert bool(_findings("BLM001", reply)) is blamed


@pytest.mark.parametrize(("reply", "blamed"), [
    ("The courier should have left a card, could you check by the door?", False),
    ("The seller should have sent you a tracking email.", False),
    ("The courier should have delivered it by now.", False),
    ("The courier should have knocked instead of leaving a card.", True),
])
def test_blm001_should_have_guess_versus_reproach(reply: str, blamed: bool) -> None:
    assert bool(_findings("BLM001", reply)) is blamed


def test_blm001_pronoun_needs_a_party_named_first() -> None:
    assert _findings("BLM001", "They messed up the order, I'm afraid.") == []
    assert _spans("BLM001", "I spoke to the depot. They messed up the order.") == [
        "They messed up"]


def test_blm001_config_teams_add_party_names() -> None:
    reply = "Swiftpost dropped the ball on your delivery, sorry."
    assert _findings("BLM001", reply) == []
    config = Config(select=("BLM001",), blame=BlamePolicy(teams=("Swiftpost",)))
    assert [reply[d.start:d.end] for d in _findings("BLM001", reply, config)] == [
        "Swiftpost dropped the ball"]
    from_file = config_from_mapping({"select": ["BLM001"], "blame": {"teams": ["Swiftpost"]}})
    assert _findings("BLM001", reply, from_file)


def test_blm002_message_and_severity() -> None:
    [finding] = _findings("BLM002", "@peta_m You failed to cancel before renewal. ^NS")
    assert finding.severity is Severity.WARNING
    assert "customer" in finding.message


@pytest.mark.parametrize(("reply", "blamed"), [
    ("If you had signed up, the account should be there.", False),
    ("If you had signed up earlier, you would have got the discount.", True),
    ("I'm sorry to hear you booked the wrong date, let me see what I can do.", False),
    ("Sorry, but you booked the wrong date.", True),
    ("Please share the error code and your error message.", False),
    ("That was your error, the code was typed wrong.", True),
])
def test_blm002_context_decides(reply: str, blamed: bool) -> None:
    assert bool(_findings("BLM002", reply)) is blamed


def test_blame_rules_are_quiet_on_an_empty_or_plain_reply() -> None:
    for code in RULES.values():
        assert _findings(code, "Thanks, Dana! Your refund went out today. ^JD") == []


# --- the labelled real replies: precision on replies that mention another party ------

@pytest.mark.skipif(not DEV_LABELS.exists(), reason=f"shared corpus absent ({DEV_LABELS})")
@pytest.mark.parametrize(("code", "label"), [("BLM001", "blame_other_team"),
                                             ("BLM002", "blames_customer")])
def test_dev_set_false_alarms_are_rare(code: str, label: str) -> None:
    items = [json.loads(line) for line in DEV_LABELS.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    config = Config(select=(code,))
    fired = [item for item in items if _findings(code, item["reply"], config)]
    false_alarms = [item["item"] for item in fired if not item[label]]
    assert len(false_alarms) <= 1, f"{code} false alarms: {false_alarms}"
    assert len(fired) - len(false_alarms) >= 2, f"{code} finds too little on the dev set"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
