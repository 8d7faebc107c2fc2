"""ACK001 missing-acknowledgement: hand-written customer message + reply pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter import Config, lint
from rules._issue_terms import content_terms, load_lexicon, reply_terms, stem

CONFIG = Config(select=("ACK001",))
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "realreplies"
LABELS = CORPUS / "dev_labels.jsonl"


def fires(reply: str, customer: str | None) -> bool:
    return any(d.code == "ACK001" for d in lint(reply, customer, CONFIG))


PARCEL = "My parcel says delivered but it's not on my doorstep and nobody left a card."
HEADPHONES = "My new headphones won't pair with my laptop over bluetooth, any ideas?"
REFUND = "Still waiting on my refund for the cancelled concert, it's been 3 weeks!"
FLIGHT = "@FlyAcme flight AC123 to Denver delayed again, am I going to miss my connection?"


@pytest.mark.parametrize(("customer", "reply"), [
    # restating the substance
    (PARCEL, "So sorry the parcel hasn't turned up! DM us the tracking number and we'll "
             "check with the driver. ^JD"),
    (REFUND, "Sorry the refund is taking this long. DM us and we'll chase it. -Sam"),
    (FLIGHT, "We're sorry about the delay on AC123. Let us check your connection. ^AB"),
    # synonyms count: delivery ~ parcel, money back ~ refund
    (PARCEL, "That delivery should never be marked done before it arrives; DM us. ^JD"),
    (REFUND, "Sorry! You'll get your money back within 5 days of the event date. -Sam"),
    # answering directly
    ("Do you accept Apple Pay at the Leeds store?", "Hi Sam, yes we do at every till! ^JD"),
    ("Can I bring a sealed laptop through security?", "Hi there, yes you can. -Suli"),
    ("The checkout page on your website is broken again",
     "Sorry! Our engineers are working on it and it should be back shortly. ^MK"),
    # concrete clarifying question
    (HEADPHONES, "Which version of Windows is the laptop running? ^AB"),
    ("My Windows update keeps failing with an error",
     "Which version of Windows are you on? We'll find the right fix. ^AB"),
    # a help article whose address names the topic
    ("How do I reset my password? I can't log in.",
     "Here you go: https://help.example.com/articles/reset-your-password ^JD"),
    # the customer asks how to reach support; pointing to the channel answers it
    ("Do you still have a live chat? I can't find it anywhere",
     "Hi! You can reach our live chat here: https://example.com/contact ^LS"),
])
def test_acknowledging_reply_is_quiet(customer: str, reply: str) -> None:
    assert not fires(reply, customer)


@pytest.mark.parametrize(("customer", "reply"), [
    # generic empathy only
    (PARCEL, "Sorry to hear that! Please DM us and we'll be happy to help. ^JD"),
    (REFUND, "We understand your frustration. Please send us a DM so we can assist. -Sam"),
    (FLIGHT, "We apologize for any inconvenience this may have caused. ^AB"),
    # clarifying questions that fit any problem
    (HEADPHONES, "Hi there! Are you getting an error message? Let us know. ^AB"),
    (PARCEL, "Can you tell us more about what happened? DM us. ^JD"),
    # deflection to a form, email or ticket
    (REFUND, "Please submit a ticket here and we will help: https://example.com/ticket ^MM"),
    ("I bought a texture pack and it won't load, what do I do?",
     "Please send us an email at https://example.com/requests/new and we'll assist. ^JR"),
    # asking for details by DM without naming the problem
    ("The app logs me out every time I close it, so annoying",
     "Please DM us your account email address and we'll take a look. ^TM"),
])
def test_generic_reply_fires(customer: str, reply: str) -> None:
    assert fires(reply, customer)


@pytest.mark.parametrize("customer", [
    "Thanks so much for sorting that out, you lot are great!",
    "I did.",
    "Yes",
    "@AcmeHelp Yes, I would.",
    "me too",
    "I need help",
    "Shoutout to the crew on the 7am train, lovely bunch",
    "https://t.co/abc123",
])
def test_customer_message_without_an_issue_is_quiet(customer: str) -> None:
    assert not fires("Please DM us and we'll be happy to help. ^JD", customer)


def test_no_customer_message_is_quiet() -> None:
    assert not fires("Sorry to hear that! Please DM us. ^JD", None)
    assert not fires("Sorry to hear that! Please DM us. ^JD", "   ")


def test_finding_covers_the_reply_body_and_says_what_to_do() -> None:
    reply = "@123 Sorry to hear that! Please DM us and we'll help. ^JD https://t.co/x"
    (diagnostic,) = lint(reply, PARCEL, CONFIG)
    assert reply[diagnostic.start:diagnostic.end] == (
        "Sorry to hear that! Please DM us and we'll help. ^JD")
    assert "problem" in diagnostic.message


def test_names_and_brand_handles_are_not_acknowledgement() -> None:
    # "Chris" signs the complaint and the agent greets Chris: that is not the problem.
    customer = "@AskAcme my card was charged twice for one coffee. Regards, Chris"
    assert fires("Hi Chris! Please DM us so we can help. ^JD", customer)
    # Naming the brand the customer tagged is not naming the problem either.
    assert fires("Sorry! Please DM us about your Acme account. ^JD",
                 "@AskAcme my coffee order never arrived and I was charged")


def test_stemming_folds_plural_and_verb_endings() -> None:
    assert stem("parcels") == stem("parcel")
    assert stem("delivered") == stem("delivering") == stem("deliver")
    assert stem("cancelled") == stem("cancel")
    assert stem("charges") == stem("charged") == stem("charge")
    assert stem("batteries") == stem("battery")


def test_terms_drop_handles_links_boilerplate_and_detail_requests() -> None:
    lexicon = load_lexicon()
    assert content_terms("@AcmeHelp please help, issue with https://x.io/a", lexicon) == set()
    terms = reply_terms("Please DM us your order number and email address. ^JD", lexicon)
    assert not terms  # "order number" asks for details, it does not name the order


@pytest.mark.corpus
@pytest.mark.skipif(not LABELS.exists(), reason="shared labelled corpus not present")
def test_dev_labels_precision_and_recall() -> None:
    items = [json.loads(line) for line in LABELS.open(encoding="utf-8") if line.strip()]
    tp = fp = fn = 0
    for item in items:
        fired = fires(item["reply"], item.get("customer"))
        expected = item["acknowledges_issue"] is False
        tp += fired and expected
        fp += fired and not expected
        fn += expected and not fired
    assert tp / (tp + fp) >= 0.88, (tp, fp, fn)
    assert tp / (tp + fn) >= 0.78, (tp, fp, fn)
