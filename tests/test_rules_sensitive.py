"""PII001 public-sensitive-info-request: hand-written public vs private requests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter import Config, lint
from linter.diagnostic import Severity

CONFIG = Config(select=("PII001",))
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "realreplies"
LABELS = CORPUS / "dev_labels.jsonl"


def findings(reply: str) -> list:
    return [d for d in lint(reply, None, CONFIG) if d.code == "PII001"]


@pytest.mark.parametrize("reply", [
    "Sorry about that! Can you reply with your email address so we can find the order? ^JD",
    "Please tweet us your account number and we'll check the outage. -Sam",
    "Can you share your phone number? Our engineer will call you. ^AB",
    "Hi Dana, may we have your full name and booking number please?",
    "What's your home address? We'll send a courier for the return. ^KT",
    "Could you confirm the last 4 digits of the card that was charged? -Lee",
    "Kindly provide your date of birth and the email used for the booking.",
    "Post your order number below and we'll chase the warehouse. ^JD",
    "Ok, send us your mobile number and we'll text you a code. ^MB",
    "We'll need your account details to look into this. Please reply here with them. -Sam",
])
def test_public_request_fires(reply: str) -> None:
    found = findings(reply)
    assert len(found) == 1, reply
    assert found[0].severity is Severity.ERROR


@pytest.mark.parametrize("reply", [
    "DM us your order number and we'll take a look. ^JD",
    "Please send us a DM with your email address so we can check. -Sam",
    "Follow and DM us your email and we'll sort it. ^AB",
    "Please confirm the email on the account via DM. ^JD",
    "Can you send your phone number in a private message? -Lee",
    "Please DM us. Include your full name and account number. ^KT",
    "Without sharing your email here, can you tell us the exact error message? ^JD",
    "Please don't post your card number publicly, we'll never ask for it. -Sam",
    "Please fill in your account details here: https://example.com/form and we'll call. ^AB",
    "What's your ZIP code? We'll check for outages in your area. ^JD",
    "Can you share the transaction ID from the receipt? ^MB",
    "Could you reply with your case number so we can find the ticket? -Sam",
    "We've sent you an email with the return label. ^JD",
    "We can help with your password reset: follow the steps in the app. -Lee",
    "The app will confirm whether your address is in the delivery area. ^KT",
    "Did you get an email from us about the refund? -Sam",
    "Please email your order number to us at help@example.com. ^JD",
])
def test_private_or_harmless_request_is_quiet(reply: str) -> None:
    assert findings(reply) == [], reply


def test_span_is_the_requesting_sentence() -> None:
    reply = "@123 Sorry for the wait! Can you reply with your email address? We'll check. ^JD"
    (finding,) = findings(reply)
    assert reply[finding.start:finding.end] == "Can you reply with your email address?"


def test_dm_in_a_neighbouring_sentence_keeps_the_request_private() -> None:
    reply = "Send us a DM. Please include your phone number and the order number. ^JD"
    assert findings(reply) == []


def test_thread_continues_a_request_across_tweets() -> None:
    reply = ("@1 Please share 1/2 https://t.co/abc\n"
             "@1 your full name and home address so we can check. 2/2")
    assert len(findings(reply)) == 1


@pytest.mark.corpus
@pytest.mark.skipif(not LABELS.exists(), reason="shared labelled corpus not present")
def test_dev_labels_precision() -> None:
    items = [json.loads(line) for line in LABELS.open(encoding="utf-8") if line.strip()]
    fired = [bool(findings(item["reply"])) for item in items]
    false_alarms = sum(f and not item["asks_sensitive_info_publicly"]
                       for f, item in zip(fired, items, strict=True))
    hits = sum(f and item["asks_sensitive_info_publicly"]
               for f, item in zip(fired, items, strict=True))
    assert false_alarms == 0
    assert hits >= 2
