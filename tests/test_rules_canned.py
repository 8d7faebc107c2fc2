"""CAN001 canned-phrase and CAN002 generic-reply: hand-written replies in, diagnostics out."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from linter import Config, ConfigError, Severity, apply_edits, lint
from linter.config import CannedPolicy, config_from_mapping
from rules._canned_matcher import (
    Phrase,
    PhraseMatcher,
    TemplateError,
    expand,
    load_catalogue,
    template_regex,
)

CAN001 = Config(select=("CAN001",))
CAN002 = Config(select=("CAN002",))
DEV_LABELS = (Path(__file__).resolve().parents[2] / "shared" / "data" / "realreplies"
              / "dev_labels.jsonl")


def phrases(reply: str, config: Config = CAN001) -> list[str]:
    """The exact text of every CAN001 span, checking each is a slice of the reply."""
    found = []
    for diagnostic in lint(reply, config=config):
        assert diagnostic.code == "CAN001"
        assert 0 <= diagnostic.start < diagnostic.end <= len(reply)
        found.append(reply[diagnostic.start:diagnostic.end])
    return found


# --- the template language --------------------------------------------------------

def test_template_expands_alternatives_and_optional_groups() -> None:
    assert expand("[we|I] (apologize|apologise) [again]") == sorted([
        "apologize", "apologise", "apologize again", "apologise again",
        "we apologize", "we apologise", "we apologize again", "we apologise again",
        "i apologize", "i apologise", "i apologize again", "i apologise again",
    ])


def test_optional_groups_do_not_demand_extra_spaces() -> None:
    matcher = PhraseMatcher([Phrase("p", ("[we] [do] apologize [for] [any] inconvenience",))])
    text = "We apologize inconvenience. we do apologize for any inconvenience"
    assert [text[m.start:m.end] for m in matcher.finditer(text)] == [
        "We apologize inconvenience", "we do apologize for any inconvenience"]


def test_match_inside_a_word_does_not_hide_one_at_the_next_word_start() -> None:
    # "(na|ba) na na" first matches at "xna na na" (inside a word: rejected); the match
    # that starts at the next word overlaps it and must still be found.
    matcher = PhraseMatcher([Phrase("p", ("(na|ba) na na",))])
    text = "xna na na na"
    assert [(m.start, m.end) for m in matcher.finditer(text)] == [(4, 12)]
    assert matcher.matches("banana na na") == []


def test_optional_only_template_still_matches_at_word_starts() -> None:
    matcher = PhraseMatcher([Phrase("p", ("[oh] [no]",))])
    assert [(m.start, m.end) for m in matcher.matches("ohno oh no")] == [(5, 10)]


def test_group_glued_to_a_word_keeps_the_word_whole() -> None:
    matcher = PhraseMatcher([Phrase("p", ("safety is[, and always will be,] our priority",))])
    for text in ("Safety is our priority", "Safety is, and always will be, our priority"):
        assert [m.start for m in matcher.finditer(text)] == [0]


def test_vocabulary_spells_out_words_glued_to_groups() -> None:
    matcher = PhraseMatcher([Phrase("p", ("I understand how frustrat(ed|ing) it is",))])
    assert {"frustrated", "frustrating", "understand"} <= matcher.vocabulary
    assert "frustrat" not in matcher.vocabulary


@pytest.mark.parametrize("template", ["(we|I apologize", "we] apologize", "(we||I) sorry", ""])
def test_malformed_templates_are_rejected(template: str) -> None:
    with pytest.raises(TemplateError):
        template_regex(template)


def test_every_catalogue_entry_compiles_and_says_what_to_write_instead() -> None:
    for table in ("phrase", "boilerplate"):
        entries = load_catalogue(table=table)
        assert entries, table
        assert len({e.id for e in entries}) == len(entries)
        PhraseMatcher(entries)  # raises on a bad template
    for entry in load_catalogue():
        assert entry.suggestion and not entry.suggestion.endswith("."), entry.id


# --- CAN001: what it finds ----------------------------------------------------------

@pytest.mark.parametrize(("reply", "expected"), [
    ("We apologize for any inconvenience this may have caused. ^JD",
     ["We apologize for any inconvenience this may have caused"]),
    ("I apologise for the inconvenience that has caused. -Sam",
     ["I apologise for the inconvenience that has caused"]),
    ("We do apologize for any inconvenience caused to you.",
     ["We do apologize for any inconvenience caused to you"]),
    ("So sorry for the trouble you're running into with the app!",
     ["So sorry for the trouble you're running into"]),
    ("Thank you for reaching out to us. The update ships Monday.",
     ["Thank you for reaching out"]),
    ("The update ships Monday. Is there anything else I can help you with?",
     ["Is there anything else I can help you with"]),
    ("Your feedback is important to us and we read it all.", ["Your feedback is important to us"]),
    ("Please call 0800 123 456 for further assistance.", ["for further assistance"]),
    ("Reset the router. Hope this helps! Have a great day :)",
     ["Hope this helps", "Have a great day"]),
    ("Rest assured, the refund is on its way.", ["Rest assured"]),
    ("We take these concerns very seriously. Should you have any further questions, DM us.",
     ["We take these concerns very seriously", "Should you have any further questions"]),
])
def test_stock_phrases_are_found_with_exact_spans(reply: str, expected: list[str]) -> None:
    assert phrases(reply) == expected


def test_contractions_match_their_long_form() -> None:
    for reply in ("We are so sorry for the trouble.", "We're so sorry for the trouble."):
        assert phrases(reply) == [reply.rstrip(".")]
    assert phrases("We would be happy to help with that.") == ["We would be happy to help"]


def test_curly_apostrophes_and_case_do_not_hide_a_phrase() -> None:
    reply = "WE’RE HERE TO HELP. I’d be happy to assist you."
    assert phrases(reply) == ["WE’RE HERE TO HELP", "I’d be happy to assist"]


def test_spans_stay_exact_when_lower_casing_changes_length() -> None:
    # "İ".lower() is two characters; offsets must still point into the original reply.
    reply = "İSTANBUL flight İ: we apologize for the inconvenience."
    assert phrases(reply) == ["we apologize for the inconvenience"]


def test_one_diagnostic_per_phrase_even_where_templates_overlap() -> None:
    reply = "Do let us know if any further assistance is needed."
    assert phrases(reply) == ["let us know if any further assistance is needed"]


def test_sentence_start_phrases_need_a_sentence_start() -> None:
    assert phrases("@acme Here to help! What happened?") == ["Here to help"]
    assert phrases("Click the link here to help us improve the app.") == []


@pytest.mark.parametrize("reply", [
    "Try clearing the cache and let us know if that works.",
    "Sorry your order arrived cold, I've refunded the delivery fee.",
    "We'll pass your feedback to our Ads team /NQ",
    "I'll take a look at your order now.",
    "Sorry to hear that! Which station were you travelling from?",
    "Sorry for the delay on the 8:15, a signal failed at Reading.",
    "The interest assured by the bond is fixed.",
    "We completely understand wanting your photos back; here's how.",
    "Our billing team is a good place to start. Feel free to reach out to them here.",
])
def test_ordinary_words_used_naturally_are_not_canned(reply: str) -> None:
    assert phrases(reply) == []


# --- CAN001: message and fix ----------------------------------------------------------

def test_message_names_the_phrase_and_suggests_a_human_alternative() -> None:
    [diagnostic] = lint("Sorry for any inconvenience. ^JD", config=CAN001)
    assert diagnostic.message.startswith("Canned phrase 'Sorry for any inconvenience':")
    assert "Sorry your parcel is late" in diagnostic.message
    assert diagnostic.severity is Severity.WARNING


def test_fix_replaces_the_phrase_and_needs_review() -> None:
    reply = "We regret to inform you that the 9:40 is cancelled. Call us for further assistance."
    diagnostics = lint(reply, config=CAN001)
    fixes = [d.fix for d in diagnostics]
    assert all(fix is not None and not fix.safe for fix in fixes)
    edits = tuple(edit for fix in fixes if fix for edit in fix.edits)
    assert apply_edits(reply, edits) == "Unfortunately, the 9:40 is cancelled. Call us for help."


def test_fix_keeps_sentence_case_mid_sentence() -> None:
    reply = "Thanks, and we apologize for any inconvenience."
    [diagnostic] = lint(reply, config=CAN001)
    assert diagnostic.fix is not None
    assert apply_edits(reply, diagnostic.fix.edits) == "Thanks, and sorry about this."


def test_phrases_without_a_good_rewording_carry_no_fix() -> None:
    [diagnostic] = lint("I understand your frustration.", config=CAN001)
    assert diagnostic.fix is None


# --- CAN001: the team's config ----------------------------------------------------------

def test_config_extra_adds_phrases_with_the_template_syntax() -> None:
    config = replace(CAN001, canned=CannedPolicy(extra=("(cheers|thanks) for your message",)))
    reply = "Cheers for your message! The fix is live."
    assert phrases(reply, config) == ["Cheers for your message"]
    assert phrases(reply) == []


def test_config_allow_silences_a_phrase_and_its_longer_forms() -> None:
    config = replace(CAN001, canned=CannedPolicy(allow=("thanks for reaching out",)))
    reply = "Thanks for reaching out to us! Have a great day."
    assert phrases(reply, config) == ["Have a great day"]


def test_config_allow_takes_a_catalogue_id() -> None:
    config = replace(CAN001, canned=CannedPolicy(allow=("have-a-great-day",)))
    assert phrases("Your table is booked. Have a great evening!", config) == []


def test_config_file_keys_reach_the_rule() -> None:
    config = config_from_mapping({
        "select": ["CAN001"],
        "canned": {"extra": ["per my last tweet"], "allow": ["rest assured"]},
    })
    reply = "Per my last tweet, rest assured it ships today."
    assert phrases(reply, config) == ["Per my last tweet"]


@pytest.mark.parametrize("code", ["CAN001", "CAN002"])
def test_a_broken_extra_phrase_is_a_config_error(code: str) -> None:
    config = Config(select=(code,), canned=CannedPolicy(extra=("(unclosed group",)))
    with pytest.raises(ConfigError, match="canned.extra"):
        lint("Hello", config=config)


# --- CAN002 -------------------------------------------------------------------------

def generic(reply: str, customer: str | None = None) -> bool:
    found = [d for d in lint(reply, customer, CAN002) if d.code == "CAN002"]
    assert len(found) <= 1
    return bool(found)


@pytest.mark.parametrize("reply", [
    "@acme_help Sorry to hear that! Please DM us and we'll help. ^JD",
    "Hey Dana! Can you DM us your account's email address? We'll take a look backstage /NS",
    "Please DM us your confirmation number so we can look into this. *AB",
    "Please give us a call at 1-800-555-0100 (8a-5p PT, M-F) to assist you further.",
    "We're here to help! Send us a note at https://t.co/AbCdEf so our team can connect.",
    "You're most welcome. Let us know if you need anything else. Have a great day - Mia",
    "Thanks for reaching out. We apologize for any inconvenience. Our team will be in touch soon.",
])
def test_replies_that_fit_anyone_are_generic(reply: str) -> None:
    assert generic(reply)


@pytest.mark.parametrize("reply", [
    "Sorry your parcel is late. DM us the order number and I'll chase the courier. ^JD",
    "We're aware of an outage affecting streaming in the UK; engineers expect a fix by 6pm. -Sam",
    "Thanks for reaching out. Which version of Windows are you on? ^KT",
    "Hey Dana! Can you DM us your gamertag and the code you redeemed? /NS",
    "Try the steps here: https://help.example.com/articles/reset-your-router-password ^AB",
    "Please call 1-800-555-0100 about the refund for flight 212.",
])
def test_replies_naming_the_case_are_not_generic(reply: str) -> None:
    assert not generic(reply)


def test_generic_span_is_the_body_without_handles_and_trailing_links() -> None:
    reply = "@115712 Please DM us for further assistance. ^RK https://t.co/c9WoAf"
    [diagnostic] = lint(reply, config=CAN002)
    assert reply[diagnostic.start:diagnostic.end] == "Please DM us for further assistance. ^RK"
    assert diagnostic.severity is Severity.INFO


def test_team_extra_phrases_count_as_scaffolding_for_can002() -> None:
    reply = "Big love from the crew! Please DM us."
    assert not generic(reply)
    config = replace(CAN002, canned=CannedPolicy(extra=("big love from the crew",)))
    assert [d.code for d in lint(reply, config=config)] == ["CAN002"]


# --- the labelled corpus ------------------------------------------------------------

@pytest.mark.corpus
@pytest.mark.skipif(not DEV_LABELS.exists(), reason=f"labelled corpus not found at {DEV_LABELS}")
@pytest.mark.parametrize(("code", "label", "min_precision", "min_recall"), [
    ("CAN001", "canned_phrases", 0.90, 0.80),
    ("CAN002", "generic_reply", 0.85, 0.50),
])
def test_dev_set_scores(code: str, label: str, min_precision: float, min_recall: float) -> None:
    items = [json.loads(line) for line in DEV_LABELS.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    config = Config(select=(code,))
    tp = fp = fn = 0
    for item in items:
        fired = any(d.code == code for d in lint(item["reply"], item.get("customer"), config))
        expected = bool(item[label])
        tp += fired and expected
        fp += fired and not expected
        fn += expected and not fired
    assert tp / (tp + fp) >= min_precision
    assert tp / (tp + fn) >= min_recall
