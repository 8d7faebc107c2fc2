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


# --- the fast first looks: they may only skip what cannot match -------------------------

# At least one reply for every phrase of [[blm002.phrases]] (the test below checks that).
BLM002_SAMPLES = [
    "As you were already told, the offer ended on Sunday.",
    "As you've been told several times, the fare can't change.",
    "As we told you last week, it ships on Monday.",
    "As I've already explained twice, the booking is final.",
    "Like I said, the store is closed on Sundays.",
    "As previously advised, the fare is non-refundable.",
    "As per my previous email, we can't refund it.",
    "You failed to cancel before the renewal date.",
    "You ignored the warning on the checkout page.",
    "You missed the deadline for returns.",
    "You didn't follow the setup guide, so it failed.",
    "You never read the email we sent.",
    "You entered the wrong address at checkout.",
    "You've given us an incorrect account number.",
    "You must have deleted the confirmation email.",
    "If you had checked your email, you'd have seen it.",
    "Had you read the terms you would know.",
    "If you'd double-checked the date this wouldn't have happened.",
    "It's your responsibility to keep the receipt.",
    "That is the account holder's own responsibility.",
    "Customers are responsible for ensuring the address is right.",
    "That was your fault, I'm afraid.",
    "This is user error, not a fault.",
    "That's all on you, sorry.",
    "You were clearly told about the fee.",
    "You've been warned twice now.",
    "It clearly states the opening times on the page.",
    "You agreed to these terms when you booked.",
    "The fee was stated and agreed to during check out.",
    "Did you even read it?",
    "You should have read the terms before booking.",
    "You shouldn't have paid in cash.",
    "You ought to have known the rules.",
]


def _variants(text: str) -> list[str]:
    """The reply as written, shouted, with curly apostrophes and with odd spacing."""
    return [text, text.upper(), text.replace("'", "\u2019"), text.replace(" ", "  \n ")]


def _blame_texts() -> list[str]:
    replies = [_reply(entry) for key in RULES for part in PARTS
               for entry in CASES[key][part]["blame"]]
    replies += [reply for key in RULES for part in PARTS
                for group in CASES[key][part]["lookalike"].values() for reply in group]
    return [variant for text in BLM002_SAMPLES + replies for variant in _variants(text)]


def _customer_blame() -> object:
    from linter.engine import built_rule
    from rules.blm002_customer_blame import CustomerBlame

    return built_rule(CustomerBlame, Config())


def test_blm002_every_phrase_has_a_sample() -> None:
    rule = _customer_blame()
    for phrase in rule._possible._phrases:
        assert any(phrase.pattern.search(text) for text in BLM002_SAMPLES), phrase.pattern


def test_blm002_every_match_holds_the_words_its_phrase_needs() -> None:
    """`needs` in rules/data/blame.toml is what lets most replies skip every phrase: each
    group must have a word standing alone in every match (and in the reply)."""
    from rules._blame import plain_apostrophes
    from rules._phone import word_set

    rule = _customer_blame()
    checked = 0
    for text in _blame_texts():
        words = word_set(text)
        gate = rule._possible.given(words, text.lower())
        for phrase in rule._possible._phrases:
            for match in phrase.pattern.finditer(plain_apostrophes(text)):
                inside = word_set(match.group())
                for group in phrase.needs:
                    assert group & inside & words, (phrase.pattern.pattern, text, group)
                if phrase.needs_text:
                    assert any(s in match.group().lower() for s in phrase.needs_text), text
                assert phrase.pattern in gate, (phrase.pattern.pattern, text)
                checked += 1
    assert checked >= len(BLM002_SAMPLES)


def test_blm002_gate_lets_every_phrase_through_when_letters_fold() -> None:
    # "ſ" matches "s" under IGNORECASE but is no letter run: no gate, every phrase runs.
    assert _spans("BLM002", "You ſhould have read the terms.") == ["You ſhould have read"]
    assert _spans("BLM002", "It's your reſponsibility to check.") == [
        "It's your reſponsibility"]


def test_blm001_party_word_that_only_ends_longer_names_needs_the_word_before() -> None:
    from linter.engine import built_rule
    from rules._phone import word_set
    from rules.blm001_other_team_blame import OtherTeamBlame

    rule = built_rule(OtherTeamBlame, Config())
    found = frozenset({"service", "team", "them"})
    assert rule._could_end_parties(found, word_set("Our customer service team")) == {
        "team", "them"}
    assert "service" in rule._could_end_parties(found, word_set("the postal service"))
    assert _spans("BLM001", "The postal service messed up your order, sorry.") == [
        "The postal service messed up"]
    assert _spans("BLM001", "The call centre dropped the ball here.") == [
        "The call centre dropped the ball"]
    assert _findings("BLM001", "Customer service messed up your order, sorry.") == []


def test_blm001_before_patterns_end_as_the_cheap_test_expects() -> None:
    """`_ending` decides when the `_before` and `_error_on` searches may run at all."""
    import re

    from linter.engine import built_rule
    from rules.blm001_other_team_blame import _BEFORE_ENDS, OtherTeamBlame, _ending

    rule = built_rule(OtherTeamBlame, Config())
    starts = 0
    for text in _blame_texts():
        for word in re.finditer(r"(?<!\w)\w", text):
            start = word.start()
            window = max(0, start - 60)
            ending = _ending(text, window, start)
            if rule._before.search(text, window, start):
                assert ending is None or ending.endswith(_BEFORE_ENDS), text[window:start]
                starts += 1
            if rule._error_on.search(text, window, start):
                assert ending is None or ending.endswith("on"), text[window:start]
    assert starts >= 10


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
