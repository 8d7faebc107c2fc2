"""PII001 hard cases written by a reviewer who had read only the label definitions.

Asking a customer to post personal or account details in the open must fire; asking
for them by private message, naming them without asking, or asking for a bare
reference number with no name attached must stay quiet.
"""

from __future__ import annotations

import pytest

from linter import Config, lint

PII = Config(select=("PII001",))


def fires(reply: str) -> bool:
    return any(d.code == "PII001" for d in lint(reply, None, PII))


PUBLIC_ASKS = [
    ("reply with name and email",
     "Could you reply with your full name and email address so we can look into it? ^JD"),
    ("tweet account number and postcode", "Please tweet us your account number and postcode. -Sam"),
    ("last four digits", "What are the last 4 digits of the card you paid with? ^AB"),
    ("phone number here", "Reply here with your phone number and we'll give you a call. ^JD"),
    ("let us know email", "Can you let us know the email address on your account? ^KT"),
    ("order number and booking name",
     "Please share your order number and the name on the booking below. ^JD"),
    ("date of birth", "Could you confirm your date of birth and postcode for us? -Lee"),
    ("home address", "What's your home address? We'll send a courier round. ^JD"),
    ("comment below with phone",
     "Comment below with your mobile number and we'll text you the code."),
    ("what's your email", "Sorry about that! What's your email so we can resend the receipt? ^JD"),
    ("tweet linked email", "Can you please tweet us the email address linked to your account?"),
    ("drop below", "Drop your account number below 👇"),
    ("provide name and address",
     "Please provide your full name and address so we can send a replacement."),
    ("order number with full name", "Can you reply with the order number and your full name?"),
    ("account phone", "Please share the phone number on the account so we can verify you."),
]

PRIVATE_OR_HARMLESS = [
    ("DM email and order", "Please DM us your email address and order number. ^JD"),
    ("private message phone", "Send us a private message with your phone number. -Sam"),
    ("follow and DM", "Could you follow us and DM your account details? ^AB"),
    ("don't share here", "Please don't share your card number here, DM us instead. ^JD"),
    ("email it to us", "Please email your address and order number to help@example.com. ^KT"),
    ("bare transaction id", "What's the transaction ID on the receipt? ^JD"),
    ("zip code", "Which ZIP code are you in? We'll check local stock. -Lee"),
    ("statement, no ask", "We've updated the email address on your account. ^JD"),
    ("never ask password", "We'll never ask for your password, so please ignore that text. ^JD"),
    ("check your email", "Please check your email address for the confirmation link. -Sam"),
    ("DM then list", "Please send us a DM. Include your full name and email address. ^JD"),
    ("DM first, details next", "Could you DM us? We'll need your account number and postcode. ^AB"),
    ("in a DM at the end", "Reply with your email address in a DM and we'll sort it. ^JD"),
    ("secure page", "Enter your card number on the secure payment page to finish. ^JD"),
    ("have it handy for call", "Give us a call with your account number handy. ^KT"),
    ("which city", "Which city are you flying from? ^JD"),
    ("don't post publicly", "For security, please don't post your account number publicly."),
    ("advice, no ask", "Make sure your email address is verified."),
    ("we sent a code", "We've sent a code to your phone number ending 45."),
    ("ask then DM it", "What's the email address you used? Please DM it to us."),
    ("postcode after DM", "Please DM us. What's your postcode?"),
    ("postcode alone", "Can you confirm your postcode?"),
    ("our number to call", "Can you give us a call on 0800 123 4567?"),
    ("our email", "Please email us at help@example.com"),
    ("sender address", "What email address did the message come from?"),
    ("if changed, DM", "Has your phone number changed recently? If so, DM us the new one."),
    ("DM a list", "Please DM us your name, email and phone number. We'll take it from there!"),
    ("DM with emoji", "Send us a DM with the email address on the account 📩"),
    ("direct message spelled out",
     "Please send your phone number and address via direct message. -Sam"),
]


@pytest.mark.parametrize(("reason", "reply"), PUBLIC_ASKS, ids=[c[0] for c in PUBLIC_ASKS])
def test_public_request_fires(reason: str, reply: str) -> None:
    assert fires(reply), reason


@pytest.mark.parametrize(("reason", "reply"), PRIVATE_OR_HARMLESS,
                         ids=[c[0] for c in PRIVATE_OR_HARMLESS])
def test_private_or_harmless_request_is_quiet(reason: str, reply: str) -> None:
    assert not fires(reply), reason
