"""Canned templates: normalisation, bounded counting, and the config round trip."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.batch import mining
from linter.batch.mining import (
    CannedMiner,
    ChunkTally,
    Template,
    canned_toml,
    normalise,
    tally_chunk,
    template_keys,
)
from linter.cli import main
from linter.config import load_config

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


def test_normalise_replaces_what_varies_between_pastes() -> None:
    text = ("@cust42 Hi Priya, your refund of $25.00 for order 88123 is on its way: "
            "https://ex.example/r/1 ^PK")
    # The trailing link and sign-off are the social tail, not the template.
    assert normalise(text) == "Hi <name>, your refund of $<n> for order <n> is on its way:"
    assert normalise("See https://ex.example/a for details.") == "See <link> for details."
    assert normalise("Hi there, sorry to hear that!") == "Hi there, sorry to hear that!"


@pytest.mark.parametrize(("text", "expected"), [
    ("Call +44 20 7946 0958 or quote #4471.", "Call <n> <n> <n> <n> or quote <n>."),
    ("Open 8:30-17:00, ref 12/31/2024, 3 items", "Open <n>, ref <n>, <n> items"),
    ("Codes A12 and B7 stay, 1.5 goes.", "Codes A12 and B7 stay, <n> goes."),  # glued to a word
    ("Room #7 or 42", "Room #<n> or <n>"),
])
def test_numbers_become_placeholders_unless_glued_to_a_word(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_same_sentence_from_different_agents_has_one_key() -> None:
    first = template_keys(
        "@a1 Hi Sam, we're sorry for the wait on this. Your box ships today. - Ben")
    second = template_keys("@b2 Hello Lena! We’re sorry for the wait on this! ^AN")
    assert "swe're sorry for the wait on this" in first
    assert "swe're sorry for the wait on this" in second


def _tally(entries: dict[str, tuple[int, set[str], str]]) -> ChunkTally:
    """A chunk tally holding `entries` (key -> count, agents, example)."""
    tally = ChunkTally()
    for index, (key, (count, agents, example)) in enumerate(entries.items()):
        tally.keys.append(key)
        tally.counts.append(count)
        tally.first.append(index)
        tally.examples.append(example)
        tally.agents.append(next(iter(agents)) if len(agents) == 1 else None)
        if len(agents) > 1:
            tally.agent_sets[index] = set(agents)
    return tally


def test_miner_memory_is_bounded_and_keeps_the_frequent() -> None:
    miner = CannedMiner(capacity=1_000)
    for chunk in range(50):
        entries = {f"sunique sentence number {chunk}-{i}": (1, set(), "x") for i in range(200)}
        entries["sthanks for your patience with us"] = (20, {f"agent{chunk % 5}"}, "x")
        miner.merge(_tally(entries), 220)
        assert len(miner.entries) <= 1_000
    top = miner.templates(min_count=10, min_agents=2, limit=5)
    assert [t.text for t in top] == ["thanks for your patience with us"]
    assert top[0].count == 1_000 and top[0].agents == 5
    assert miner.floor >= 1  # rare keys were dropped, and the listing can say so


def test_canned_toml_round_trips_through_load_config(tmp_path: Path) -> None:
    templates = [Template("sentence", 'we "really" appreciate your patience \\ today',
                          9, 3, "x"),
                 Template("sentence",
                          "your parcel <n> left our depot on <n> and should arrive soon",
                          8, 2, "x"),  # no placeholder-free run long enough to match on
                 Template("sentence", "thanks for reaching out to us", 7, 4, "x")]
    path = tmp_path / "canned.toml"
    path.write_text(canned_toml(templates, "export.csv"), encoding="utf-8")
    config = load_config(path)
    assert config.canned.extra == ('we "really" appreciate your patience \\ today',
                                   "thanks for reaching out to us")


def test_batch_mine_canned_writes_loadable_config(tmp_path: Path) -> None:
    path = tmp_path / "canned.toml"
    result = CliRunner().invoke(main, ["batch", str(FIXTURES / "replies.csv"), "-q",
                                       "--workers", "1", "--mine-canned", str(path)])
    assert result.exit_code == 0, result.output
    extra = load_config(path).canned.extra
    assert "please send us a dm with your order number so we can take a closer look" in extra
    assert "we're sorry for the trouble this has caused" in extra


def test_mine_command_prints_config_and_listing() -> None:
    result = CliRunner().invoke(main, ["mine", str(FIXTURES / "replies.csv"), "-q",
                                       "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Canned phrases mined")
    assert "[canned]" in result.stdout
    assert "16    4 agents  sentence please send us a dm" in result.stderr


# The plain forms of two fast paths in the miner (the reference they must agree with).
_SENTENCES_PLAIN = re.compile(r"(?<=[.!?])\s+|\s*\n+\s*")
_PIECES = [" ", "  ", "\n", "\t", "\r\n", "\u00a0", ".", "!", "?", "-", "--", "–", "—", "^",
           "*", "/", "~", "JD", "Sam", "Jo.", "we", "Hi ", "hello", "good morning", "<link>",
           "5", "#tag", "(1/2)", "🙂", "it's", "ΟΔΟΣ", "e-mail", ",", "please DM us"]


def _random_texts(count: int) -> list[str]:
    rng = random.Random(20261125)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 30)))
            for _ in range(count)]


def test_sentence_split_agrees_with_the_plain_pattern() -> None:
    for text in _random_texts(20_000):
        assert mining._SENTENCES.split(text) == _SENTENCES_PLAIN.split(text), repr(text)


def test_signoff_found_from_the_last_mark_agrees_with_a_full_search() -> None:
    for text in _random_texts(20_000):
        assert mining._without_signoff(text) == mining._SIGNOFF.sub("", text), repr(text)


@pytest.mark.parametrize(("tail", "expected"), [
    ("Glad to help! ^JD", "Glad to help!"),
    ("Glad to help ---Sam", "Glad to help -"),  # the sign-off is "--Sam"
    ("Glad to help – -Sam\n", "Glad to help –"),
    ("Call 1-800-555-0100 today", "Call 1-800-555-0100 today"),  # no name after the mark
    ("^JD thanks again", "^JD thanks again"),  # a mark, then more than a name
])
def test_signoff_is_stripped_only_at_the_end(tail: str, expected: str) -> None:
    assert mining._without_signoff(tail) == expected


def test_whole_reply_key_counts_words_across_all_its_sentences() -> None:
    # Two sentences of two words each: neither is a template on its own, the reply is.
    assert template_keys("Thanks, Sam. Glad you're sorted!") == [
        "rthanks, <name>. glad you're sorted"]
    assert template_keys("Hi there. Sorted!") == []  # three words in all


def test_merging_tallies_adds_counts_keeps_the_first_example_and_unions_agents() -> None:
    miner = CannedMiner()
    miner.merge(_tally({"sa shared sentence here": (2, {"ann"}, "first"),
                        "sonly in the first chunk": (1, set(), "one")}), 2)
    miner.merge(_tally({"sa shared sentence here": (3, {"bob", "dee"}, "second"),
                        "sonly in the second chunk": (1, {"cy"}, "two")}), 3)
    assert miner.entries == {
        "sa shared sentence here": [5, {"ann", "bob", "dee"}, "first"],
        "sonly in the first chunk": [1, set(), "one"],
        "sonly in the second chunk": [1, {"cy"}, "two"],
    }
    assert list(miner.entries) == ["sa shared sentence here", "sonly in the first chunk",
                                   "sonly in the second chunk"]
    assert miner.replies == 5


def test_a_chunk_tally_counts_each_key_once_per_reply_with_its_agents() -> None:
    tally = tally_chunk([
        ("Thanks for your patience with us. We are on it!", "ann"),
        ("Thanks for your patience with us.", "bob"),
        ("Thanks for your patience with us.", None),
        ("Something else entirely that is long enough.", "cy"),
    ])
    patience = tally.keys.index("sthanks for your patience with us")
    assert tally.counts[patience] == 3
    assert tally.agents_of(patience) == {"ann", "bob"}
    assert tally.examples[tally.first[patience]].startswith("Thanks for your patience with us.")
    other = tally.keys.index("ssomething else entirely that is long enough")
    assert tally.counts[other] == 1 and tally.agents_of(other) == {"cy"}
