"""LEN001 over-channel-limit (X's weighted count) and RDB001 hard-to-read (offline textstat)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from linter import Config, lint
from linter.config import LengthPolicy, ReadabilityPolicy
from rules import _readability
from rules.len001_over_channel_limit import LengthCounter, char_weight

ROOT = Path(__file__).resolve().parent.parent
LEN = Config(select=("LEN001",))
RDB = Config(select=("RDB001",))
X = LengthCounter(LengthPolicy())


def codes(reply: str, config: Config) -> list:
    return [d for d in lint(reply, None, config)]


# --- LEN001 ------------------------------------------------------------------------

@pytest.mark.parametrize(("char", "weight"), [
    ("a", 1), ("é", 1), ("Ж", 1), ("\u2014", 1), ("\u2019", 1), ("\u2032", 1),
    ("日", 2), ("한", 2), ("\u2026", 2), ("€", 2),
])
def test_char_weights_follow_twitter_text(char: str, weight: int) -> None:
    assert char_weight(char) == weight


@pytest.mark.parametrize("emoji", ["👍", "👍🏽", "❤️", "👩‍👩‍👧", "🇬🇧", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"])
def test_every_emoji_sequence_counts_two(emoji: str) -> None:
    assert X.length(emoji) == 2
    assert X.length(f"ok {emoji} ok") == 8


def test_links_count_23_whatever_their_length() -> None:
    assert X.length("see https://example.com/" + "a" * 200) == 4 + 23
    assert X.length("see example.com/help.") == 4 + 23 + 1  # the stop is not the link's
    assert X.length("mail me@example.com") == len("mail me@example.com")  # not a link


def test_unweighted_channel_counts_code_points() -> None:
    counter = LengthCounter(LengthPolicy(max_chars=1000, weighted=False, url_length=0))
    assert counter.length("日本 👍 https://example.com/x") == len("日本 👍 https://example.com/x")


def test_at_the_limit_is_fine_one_over_fires_from_the_crossing() -> None:
    assert codes("x" * 280, LEN) == []
    reply = "@115712 " + "x" * 281
    [finding] = codes(reply, LEN)
    assert finding.severity.value == "error"
    assert (finding.start, finding.end) == (len("@115712 ") + 280, len(reply))
    assert "281" in finding.message and "280" in finding.message


def test_cjk_reply_crosses_at_half_the_characters() -> None:
    reply = "日" * 141
    [finding] = codes(reply, LEN)
    assert finding.start == 140 and "282" in finding.message


def test_emoji_and_links_are_weighed_in_the_finding() -> None:
    reply = "👍" * 130 + " https://example.com/" + "a" * 50
    [finding] = codes(reply, LEN)
    assert "284" in finding.message  # 130 * 2 + 1 + 23
    assert reply[finding.start:].startswith("https://")  # the link is what crosses


def test_html_escapes_and_attachment_links_are_not_counted_as_typed() -> None:
    assert codes("&amp;" * 250, LEN) == []
    reply = "x" * 270 + " https://t.co/AbCdEf123"  # an attached card, not typed text
    assert codes(reply, LEN) == []
    assert len(codes("x" * 270 + " https://example.com/a", LEN)) == 1


def test_a_merged_thread_is_checked_post_by_post() -> None:
    part = "y" * 200
    thread = f"@115712 {part} 1/2\n@115712 {part} 2/2"
    assert codes(thread, LEN) == []
    [finding] = codes(f"@115712 {part} 1/2\n@115712 {part}{part} 2/2", LEN)
    assert finding.end == len(thread) + len(part)


def test_no_limit_means_silence() -> None:
    assert codes("x" * 5000, Config.for_channel("email").narrowed(select=("LEN001",))) == []


# --- RDB001 ------------------------------------------------------------------------

HARD = (
    "Unfortunately, notwithstanding the aforementioned circumstances, reimbursement "
    "eligibility determinations for supplementary accommodation expenditures necessitate "
    "comprehensive documentation substantiating the operational irregularities experienced "
    "during your itinerary, which our specialized administrative department evaluates "
    "individually and communicates subsequently through the correspondence preferences "
    "registered on your membership profile, notwithstanding any intermediary "
    "communications previously received regarding compensation entitlements. ^JD")
PLAIN = (
    "We can refund the hotel. Please send us the receipt and your booking number. Our "
    "refunds team checks each claim and will reply within five days. Thanks for your "
    "patience while we sort this out for you today. ^JD")


def test_hard_reply_fires_plain_reply_is_quiet() -> None:
    [finding] = codes(HARD, RDB)
    assert finding.severity.value == "info"
    assert "grade" in finding.message and "11" in finding.message
    assert codes(PLAIN, RDB) == []


def test_replies_under_min_words_are_never_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> float:
        raise AssertionError("scored a short reply")

    monkeypatch.setattr(_readability, "flesch_kincaid_grade", refuse)
    short = "Notwithstanding aforementioned circumstances, reimbursement is impossible. ^JD"
    assert codes(short, RDB) == []
    config = Config(select=("RDB001",), readability=ReadabilityPolicy(max_grade=11, min_words=5))
    with pytest.raises(AssertionError, match="scored a short reply"):
        codes(short, config)


def test_links_and_handles_are_not_prose() -> None:
    cleaned = _readability.prose("@115712 See https://example.com/a-very-long-path here #help")
    assert "example" not in cleaned and "115712" not in cleaned and "help" in cleaned


def test_textstat_cmudict_lookup_is_replaced() -> None:
    textstat = _readability.offline_textstat()
    assert textstat is not None
    from textstat.backend.counts import _count_syllables

    assert _count_syllables.get_cmudict("en_US") is None
    assert _readability.flesch_kincaid_grade(_readability.prose(HARD)) > 11


def test_fallback_formula_agrees_with_textstat() -> None:
    for text in (_readability.prose(HARD), _readability.prose(PLAIN)):
        assert _readability._fallback_grade(text) == pytest.approx(
            _readability.flesch_kincaid_grade(text), abs=1.0)


OFFLINE_SCRIPT = textwrap.dedent("""
    import socket, sys
    def no_network(*args, **kwargs):
        raise OSError("network used")
    socket.socket.connect = no_network
    socket.create_connection = no_network
    import nltk
    def no_download(*args, **kwargs):
        print("DOWNLOAD", args, flush=True)
        raise SystemExit(3)
    nltk.download = no_download
    from linter import Config, lint
    reply = sys.argv[1]
    found = lint(reply, None, Config(select=("RDB001",)))
    print("CODES", [d.code for d in found])
    from rules import _readability
    print("GRADE", round(_readability.flesch_kincaid_grade(_readability.prose(reply)), 1))
""")


def test_readability_works_with_no_network_and_no_nltk_data(tmp_path: Path) -> None:
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {"PATH": "/usr/bin:/bin", "NLTK_DATA": str(empty), "HOME": str(tmp_path),
           "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", OFFLINE_SCRIPT, HARD], env=env,
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "DOWNLOAD" not in result.stdout
    assert "CODES ['RDB001']" in result.stdout
    grade = float(result.stdout.split("GRADE")[1].split()[0])
    assert grade > 11
    assert not any(empty.iterdir())  # nothing was fetched into NLTK_DATA


NO_NLTK_SCRIPT = textwrap.dedent("""
    import sys
    if sys.argv[2] == "textstat-first":  # a program that imported textstat before replylint
        import nltk
        nltk.download = lambda *args, **kwargs: sys.exit("DOWNLOAD")
        import textstat
    from linter import Config, lint
    found = lint(sys.argv[1], None, Config(select=("RDB001",)))
    print("CODES", [d.code for d in found], "NLTK", "nltk" in sys.modules)
""")


@pytest.mark.parametrize("order", ["replylint-first", "textstat-first"])
def test_readability_needs_no_nltk_whoever_imports_textstat_first(order: str) -> None:
    # replylint supplies textstat's CMU-dictionary module itself, so NLTK (0.1 s to import)
    # is never imported; a textstat imported earlier gets its lookup replaced instead.
    result = subprocess.run([sys.executable, "-c", NO_NLTK_SCRIPT, HARD, order],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    expected_nltk = order == "textstat-first"
    assert f"CODES ['RDB001'] NLTK {expected_nltk}" in result.stdout
