"""DFL001 bare-phone-deflection, DFL002 channel-switch, DFL003 phone-hours-missing.

Every reply here is written for these tests (none is copied from the labelled corpus).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from linter import Config, lint
from linter.config import PhonePolicy, config_from_mapping
from linter.diagnostic import Severity, apply_edits
from rules._phone import hours_expressions, phone_deflections, phone_numbers

ONLY_DFL001 = Config(select=("DFL001",))
ONLY_DFL002 = Config(select=("DFL002",))
ONLY_DFL003 = Config(select=("DFL003",))
ALL_DFL = Config(select=("DFL",))


def found(reply: str, config: Config, customer: str | None = None) -> list[str]:
    """The exact text each finding points at."""
    return [reply[d.start:d.end] for d in lint(reply, customer, config)]


# --- phone numbers ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "number"), [
    ("Call 1-800-555-0142 today.", "1-800-555-0142"),
    ("Reach us on 800.555.0199.", "800.555.0199"),
    ("Our line is 1 (800) 555 0123.", "1 (800) 555 0123"),
    ("Try (312) 555-0187 instead.", "(312) 555-0187"),
    ("Dial +44 (0) 20 7946 0018 from abroad.", "+44 (0) 20 7946 0018"),
    ("Our Tokyo desk is on +81 50-5555-0142.", "+81 50-5555-0142"),
    ("UK customers can ring 0344 555 0787.", "0344 555 0787"),
    ("Freephone 0800 555 0123 is free from mobiles.", "0800 555 0123"),
    ("In Australia call 1300 65 55 01.", "1300 65 55 01"),
    ("Call 1-800-FLY-ACME and ask for rebooking.", "1-800-FLY-ACME"),
    ("Please call 8005550142 when you can.", "8005550142"),
    ("Our number is 03445550650 for store queries.", "03445550650"),
    ("Contact the team (800-555-0100 US).", "800-555-0100"),
])
def test_phone_numbers_in_every_common_format(text: str, number: str) -> None:
    assert [text[s.start:s.end] for s in phone_numbers(text)] == [number]


@pytest.mark.parametrize("text", [
    "Your order 112-5555555-5555555 has shipped.",
    "Flight 670 leaves on 12/03/2017 at 10:45 from gate 22.",
    "We refunded $1,299.99 to your card ending 4421.",
    "Tracking number 9400 1000 0000 0000 0000 00 shows it out for delivery.",
    "Your case reference is VT-111017-0301.",
    "Item DPCI 030-02-8711 is out of stock.",
    "Ticket # 044306762 is with our engineers.",
    "Your alternate number 9093555782 is not in service.",
    "Please DM us your phone number, e.g. 07700 900123, so we can call you back.",
    "Version 11.0.2 fixes this; see https://example.com/kb/800-555-0142 for details.",
    "Booking ZLH5WM departs 1820-2205 on 4 Dec.",
])
def test_things_that_look_like_numbers_are_not_phone_lines(text: str) -> None:
    assert phone_numbers(text) == []


@pytest.mark.parametrize("text", [
    "That was a close call, glad it arrived in time!",
    "We'll call it a bug and get it fixed in the next update.",
    "Our agent will give you a call tomorrow morning.",
    "DM us a good time and we'll call you back.",
    "Thanks for calling us out on this, you're right.",
    "Is your phone running the latest update?",
    "Please note that phone support is only available to business admins.",
    "I called the store and they have your size in stock.",
    "It's upsetting that you'd call us that.",
])
def test_call_in_other_senses_is_not_a_deflection(text: str) -> None:
    assert phone_deflections(text) == ()


@pytest.mark.parametrize(("text", "phrase"), [
    ("Please give us a call so we can fix this.", "give us a call"),
    ("For that one you'll want to call our hotline.", "call our hotline"),
    ("Best to ring our team, they can reset it.", "ring our team"),
    ("You can reach them by phone about the refund.", "reach them by phone"),
    ("Please contact us by phone or chat here.", "contact us by phone"),
    ("Give our card experts a call and they'll sort it.", "Give our card experts a call"),
])
def test_call_phrases_without_a_number(text: str, phrase: str) -> None:
    assert [text[s.start:s.end] for s in phone_deflections(text)] == [phrase]


# --- opening hours ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Call 1-800-555-0142 (8a-5p PT, M-F).",
    "Lines are open 8am-8pm ET.",
    "They're open 07:30-20:00.",
    "Open Mon-Fri.",
    "Available Monday to Friday.",
    "Call between 8a &amp; 7p Eastern.",
    "We're there from 9 am until 6 pm.",
    "Our team is available 24/7.",
    "The line is staffed around the clock.",
    "We answer 24 hours a day.",
    "They're available 24 hours.",
    "7 days a week from 7:00 a.m. to 11:00 p.m. Central.",
])
def test_hours_formats(text: str) -> None:
    assert hours_expressions(text)


@pytest.mark.parametrize("text", [
    "Refunds take 3-5 business days.",
    "Allow 24 hours for the change to show.",
    "The update arrives within 24 hours.",
    "Your flight departs at 10:45 on Monday.",
    "Parts 1-2 of the guide are here.",
    "Call us during business hours.",
])
def test_not_hours(text: str) -> None:
    assert not hours_expressions(text)


# --- DFL001 bare-phone-deflection ------------------------------------------------------------

@pytest.mark.parametrize(("reply", "customer", "span"), [
    ("Please give us a call at 1-800-555-0142 to assist you further.", None, "1-800-555-0142"),
    ("Our returns team can be reached directly at 0800 555 0123. *BB", None, "0800 555 0123"),
    ("For that, call our hotline. ^KT", None, "call our hotline"),
    ("Thanks for connecting with us. Ring our team on 0161 555 0134.", None, "0161 555 0134"),
    ("Call 1-800-FLY-ACME for further assistance.", None, "1-800-FLY-ACME"),
    ("Sorry to hear you're getting an error. Pls contact our Online Team at 888 555 0184 for "
     "further assistance.", None, "888 555 0184"),
    ("Please contact our Customer Care team at 1-888-555-0100.",
     "My parcel never arrived and the tracking hasn't moved in a week", "1-888-555-0100"),
    ("We're sorry we can't help, but their number is 0344 555 0787 (calls charged at local "
     "rate).", "I've spoken to five people and nobody can sort out my holiday.",
     "0344 555 0787"),
])
def test_dfl001_fires_on_a_bare_number(reply: str, customer: str | None, span: str) -> None:
    assert found(reply, ONLY_DFL001, customer) == [span]


@pytest.mark.parametrize(("reply", "customer"), [
    # names the problem and offers DM: the brief's own example
    ("Sorry your card was declined twice; please call 1-800-555-0142 so we can unlock it, "
     "or DM us.", None),
    # offers to keep helping here
    ("Please call us at 1-800-555-0142. Let us know if you need further assistance!", None),
    ("Give us a ring on 0800 555 0123, or we're here if you'd rather sort it over DM.", None),
    # acknowledges through the customer's own words
    ("Our rebooking line is 1-800-555-0101 and they can move you to the morning departure.",
     "My flight to Denver got cancelled and I need the morning departure"),
    # acknowledges without the customer message: names the fault
    ("That charge looks like a pre-authorisation; our card team can release it on "
     "1-800-555-0111.", None),
    # engages the report even without naming it
    ("Everything looks good on our end. If it still won't load, call 1-800-555-0142.", None),
    # the customer asked for the number
    ("Sure, it's 1-800-555-0142.", "What's your phone number?"),
    # no phone line at all
    ("Please DM us your order number and we'll check on it.", None),
])
def test_dfl001_quiet_when_the_reply_helps(reply: str, customer: str | None) -> None:
    assert found(reply, ONLY_DFL001, customer) == []


def test_dfl001_acknowledgement_needs_more_than_a_team_name() -> None:
    # "baggage" names the team here, not the customer's bag.
    assert found("Our baggage team can be reached at 1-800-555-0199.", ONLY_DFL001)
    assert not found("Your bag is at the airport; our baggage team can deliver it, call "
                     "1-800-555-0199.", ONLY_DFL001)


def test_dfl001_default_severity_is_warning() -> None:
    [diagnostic] = lint("Please give us a call at 1-800-555-0142.", None, ONLY_DFL001)
    assert diagnostic.severity is Severity.WARNING
    assert "DM us" in diagnostic.message


# --- DFL002 channel-switch -------------------------------------------------------------------

@pytest.mark.parametrize(("reply", "span"), [
    ("Please email us at help@example.com and we'll look into it.", "email us"),
    ("You can send us an email through our website and we'll reply.", "send us an email"),
    ("Please fill out the form at https://example.com/contact so our team can review it.",
     "fill out the form"),
    ("Kindly raise a ticket on our support portal and attach the receipt.", "raise a ticket"),
    ("Our live chat can sort this quickly: https://example.com/chat", "live chat"),
    ("Please pop into your local branch with photo ID.", "pop into your local branch"),
    ("You'll need to contact your bank about the hold on the funds.", "contact your bank"),
    ("Please reach out to @AcmeBilling, they handle refunds.", "reach out to @AcmeBilling"),
    ("Give us a ring on 0800 555 0123 and we'll check.", "Give us a ring"),
    ("We'd recommend reaching out to our Payments team here: https://example.com/pay",
     "reaching out to our Payments team"),
    ("Please see any of our agents at the airport on the day.", "see any of our agents"),
    ("Have you contacted your carrier to check the line on their side?",
     "contacted your carrier"),
    ("If the error persists, please go here so we can help: https://example.com/help",
     "go here"),
    ("Our @AcmeCareUK team will take it from here.", "Our @AcmeCareUK"),
])
def test_dfl002_fires_on_each_channel(reply: str, span: str) -> None:
    assert found(reply, ONLY_DFL002) == [span]


@pytest.mark.parametrize(("reply", "customer"), [
    # a DM on the same platform
    ("Please DM us your order number and we'll check.", None),
    ("Send us a direct message with the email address on your account so we can look.", None),
    ("DM us and we can chat about your options there!", None),
    ("Please reach out to our team via DM with your booking reference.", None),
    # the company contacts the customer
    ("Our billing team will email you within the day.", None),
    ("We'll give you a call tomorrow morning to go through it.", None),
    ("I've raised a ticket with our engineers and will update you here.", None),
    ("We've passed this to our delivery team; they'll reach out to you directly.", None),
    ("You should receive an email confirmation shortly.", None),
    ("Please check your email for the reset link.", None),
    # self-help that answers the question
    ("You can change your plan under Settings > Account. Here's how: "
     "https://example.com/help/plan", None),
    ("Check out https://example.com/help/stolen for what to do next.", None),
    # a form that IS the answer to what they asked
    ("You can fill out the report form here: https://example.com/report",
     "How do I report a scam listing?"),
    # the channel they asked about
    ("Yes! Live chat is on our help page from 8am to 6pm.", "Do you have a live chat?"),
    ("Our product team is the best place to start: https://example.com/product",
     "Who can I talk to about pricing?"),
    # other senses of the words
    ("Apologies, when did you last visit the store? I'll look into it.", None),
    ("Head to the App Store and update the app.", None),
    ("Thanks for reaching out to us for support! Which device are you on?", None),
    ("Are you sending the photos by email or by text?", None),
    ("We also have Spanish support via email, but we're happy to keep helping here.", None),
    ("We'll make sure your thoughts on the feature reach the right team.", None),
])
def test_dfl002_quiet_when_the_customer_goes_nowhere(reply: str, customer: str | None) -> None:
    assert found(reply, ONLY_DFL002, customer) == []


def test_dfl002_one_finding_per_sentence() -> None:
    reply = ("Please contact our billing team by email or live chat. You can also pop into "
             "your local store.")
    assert found(reply, ONLY_DFL002) == ["contact our billing team by email",
                                         "pop into your local store"]


def test_dfl002_message_names_the_channel() -> None:
    [diagnostic] = lint("Please email us at help@example.com.", None, ONLY_DFL002)
    assert "email" in diagnostic.message
    assert diagnostic.severity is Severity.WARNING


def test_dfl002_leading_handles_are_addressing_not_a_switch() -> None:
    assert found("@AcmeBilling @someone Thanks, that's sorted now!", ONLY_DFL002) == []


# --- DFL003 phone-hours-missing --------------------------------------------------------------

def test_dfl003_flags_the_number_as_info() -> None:
    reply = "Please call us at 1-800-555-0142 about the refund."
    [diagnostic] = lint(reply, None, ONLY_DFL003)
    assert reply[diagnostic.start:diagnostic.end] == "1-800-555-0142"
    assert diagnostic.severity is Severity.INFO
    assert diagnostic.fix is None  # no hours configured: nothing to insert


def test_dfl003_call_phrase_without_number() -> None:
    assert found("Please give us a call so we can sort the refund.", ONLY_DFL003) == [
        "give us a call"]


@pytest.mark.parametrize("reply", [
    "Please call us at 1-800-555-0142 (8a-5p PT, M-F).",
    "Call 0344 555 0787, they're open 07:30-20:00.",
    "Our team is on 1-800-555-0199 24/7.",
    "You can contact us anytime at 1-800-555-0142.",
    "Ring 0800 555 0123 between 8am and 6pm, Monday to Friday.",
    "Sorry for the wait! We've refunded the double charge. ^JD",
])
def test_dfl003_quiet_with_hours_or_no_line(reply: str) -> None:
    assert found(reply, ONLY_DFL003) == []


def test_dfl003_anytime_must_belong_to_the_line() -> None:
    # "anytime" here is about DMs, not the phone line.
    reply = "DM us anytime. For card issues, call 1-800-555-0142."
    assert found(reply, ONLY_DFL003) == ["1-800-555-0142"]


def test_dfl003_fix_inserts_the_configured_hours() -> None:
    config = replace(ONLY_DFL003, phone=PhonePolicy(hours="8am-8pm ET, Mon-Fri"))
    reply = "Please call us at 1-800-555-0142 about the refund."
    [diagnostic] = lint(reply, None, config)
    assert "8am-8pm ET, Mon-Fri" in diagnostic.message
    assert diagnostic.fix is not None and diagnostic.fix.safe is False
    assert apply_edits(reply, diagnostic.fix.edits) == (
        "Please call us at 1-800-555-0142 (open 8am-8pm ET, Mon-Fri) about the refund.")


@pytest.mark.parametrize("phone", [{"hours_required": False}, {"open_24_7": True}])
def test_dfl003_config_switches_silence_it(phone: dict) -> None:
    config = config_from_mapping({"select": ["DFL003"], "phone": phone})
    assert found("Please call us at 1-800-555-0142.", config) == []


def test_dfl003_switches_leave_the_other_rules_alone() -> None:
    config = config_from_mapping({"select": ["DFL"], "phone": {"open_24_7": True}})
    codes = {d.code for d in lint("Please call us at 1-800-555-0142.", None, config)}
    assert codes == {"DFL001", "DFL002"}


# --- the three together ------------------------------------------------------------------------

def test_bare_number_trips_all_three_with_exact_spans() -> None:
    reply = "Please give us a call at 1-800-555-0142 to assist you further."
    got = {(d.code, reply[d.start:d.end]) for d in lint(reply, None, ALL_DFL)}
    assert got == {("DFL001", "1-800-555-0142"), ("DFL002", "give us a call"),
                   ("DFL003", "1-800-555-0142")}


def test_helpful_deflection_only_misses_hours() -> None:
    reply = ("Sorry your card was declined twice; please call 1-800-555-0142 so we can unlock "
             "it, or DM us.")
    assert {d.code for d in lint(reply, None, ALL_DFL)} == {"DFL002", "DFL003"}


# --- the labelled corpus (read at run time, never copied) ---------------------------------------

SHARED = Path(__file__).resolve().parents[2] / "shared"
LABELS = SHARED / "data" / "realreplies" / "dev_labels.jsonl"
GOLD = {
    "DFL001": lambda item: bool(item["bare_phone_deflection"]),
    "DFL002": lambda item: bool(item["channel_switch"]),
    "DFL003": lambda item: bool(item["phone_deflection"]) and not item["phone_hours_given"],
}


@pytest.mark.corpus
@pytest.mark.skipif(not LABELS.exists(), reason="shared labelled corpus not present")
@pytest.mark.parametrize(("code", "min_precision", "min_recall"), [
    ("DFL001", 0.90, 0.80), ("DFL002", 0.90, 0.80), ("DFL003", 0.85, 0.70)])
def test_dev_set_quality(code: str, min_precision: float, min_recall: float) -> None:
    items = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line]
    config = Config(select=(code,))
    tp = fp = fn = 0
    for item in items:
        fired = any(d.code == code for d in lint(item["reply"], item.get("customer"), config))
        expected = GOLD[code](item)
        tp += fired and expected
        fp += fired and not expected
        fn += expected and not fired
    assert tp / (tp + fp) >= min_precision
    assert tp / (tp + fn) >= min_recall


# --- the speed-ups give the same answers as the plain definitions ----------------------------

@pytest.mark.parametrize("text", [
    "Sorry!  Please call us.\n\nThanks (1/2) more", "One. Two!\tThree?\n", "no end at all",
    "Ends here.  ", "\n\nLeading breaks. Then (12/3) x", "Odd. \u2028spaces.\u00a0Here", "",
])
def test_sentence_at_agrees_with_sentences(text: str) -> None:
    from rules._phone import sentence_at, sentences

    for offset in range(len(text) + 1):
        expected = next(((s, e) for s, e in sentences(text) if s <= offset < e), (0, len(text)))
        assert sentence_at(text, offset) == expected


def test_gate_table_agrees_with_each_pattern_gates() -> None:
    import re
    from itertools import combinations

    from rules._phone import Gated, GateTable

    words = ["call", "us", "email", "team", "store", "via", "the", "number"]
    patterns = [
        Gated("a", re.compile(r"\bcall\s+us\b")),
        Gated("b", re.compile(r"\bemail\s+the\s+team\b"), (frozenset({"email"}),)),
        Gated("c", re.compile(r"x"), (frozenset({"store", "number"}), frozenset({"via"}))),
        Gated("d", re.compile(r"anything")),
    ]
    table = GateTable(patterns)
    for size in range(len(words) + 1):
        for chosen in combinations(words, size):
            for aligned in (True, False):
                expected = tuple(
                    p for p in patterns
                    if all(not g.isdisjoint(chosen)
                           for g in (p.all_gates if aligned else p.gates)))
                assert table.applying(chosen, aligned) == expected
