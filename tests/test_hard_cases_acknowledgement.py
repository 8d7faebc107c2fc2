"""ACK001 hard cases written by a reviewer who had read only the label definitions.

Customer message + reply pairs. The rule fires when the customer raised an issue and
the reply shows no sign of having read it; it stays quiet when the reply restates the
substance (also in other words), answers the question, or asks a concrete question,
and when the customer raised no issue at all.
"""

from __future__ import annotations

import pytest

from linter import Config, lint

ACK = Config(select=("ACK001",))


def fires(reply: str, customer: str | None) -> bool:
    return any(d.code == "ACK001" for d in lint(reply, customer, ACK))


PACKAGE = "@AcmeShop my package never showed up and the tracking hasn't moved in 5 days"
CRASH = "Your app keeps crashing every time I open it on my phone. Useless."
CHARGED = "I've been charged twice for my subscription this month, what is going on??"
WIFI = "my wifi keeps dropping out every evening, third time this week"
TRAIN = "8:15 to Leeds cancelled AGAIN. How am I supposed to get to work?"
LOGIN = "Can't log in to my account, it just says password incorrect even after a reset"
RANT = (
    "I ordered a sofa from you six weeks ago, paid extra for next-day delivery, took a day "
    "off work to wait in, and nobody turned up. I called your helpline twice and was on hold "
    "for an hour each time. Then I got an email saying the sofa was delivered, which is a lie. "
    "Now the website says my order is cancelled but I still haven't had my money back. "
    "I want a refund of the delivery charge and compensation for the day off work."
)

ACKNOWLEDGED = [
    # restating in other words
    ("delivery for package", PACKAGE,
     "Sorry your delivery still hasn't arrived! DM us the order number and we'll chase it. ^JD"),
    ("crash named", CRASH,
     "Sorry the app is crashing on launch. Which phone and app version are you on? ^JD"),
    ("double charge for charged twice", CHARGED,
     "Sorry about the double charge! DM us your email and we'll refund one of them. -Sam"),
    ("connection for wifi", WIFI,
     "That's frustrating, sorry your internet keeps cutting out. Let's run a line test. ^AB"),
    ("cancellation restated", TRAIN,
     "Sorry about the cancellation, the 8:32 is running and your ticket is valid on it. ^JD"),
    ("login restated", LOGIN,
     "Sorry you're locked out! Try signing in through the app while we check your account. ^KT"),
    # answering directly
    ("yes to a question", "Do you ship to Canada?", "We do! Delivery takes 5-7 working days. ^JD"),
    ("hours answered", "Is the Leeds store open on Sunday?", "Yes, from 10am until 4pm. -Sam"),
    ("time answered", "What time does the sale start tomorrow?",
     "Midnight tonight, online first! ^JD"),
    # concrete clarifying question
    ("concrete question", CRASH, "Is that on iOS or Android, and which version of the app? ^JD"),
    # one detail picked from a long message
    ("long rant, one detail", RANT,
     "We're so sorry the sofa never arrived after you took the day off. Please DM us. ^JD"),
    ("concrete question, shared word", "broken again",
     "Sorry about that! Which page is broken? ^JD"),
    ("refund timing answered", "when will my refund come through?",
     "Refunds take 3-5 working days to show. ^JD"),
    ("place restated", "My flight got cancelled and I'm stuck in Rome",
     "Sorry you're stuck in Rome! DM us your booking ref. ^JD"),
    ("rebook for cancelled", "My flight got cancelled and I'm stuck in Rome",
     "Oh no! Please DM us your booking reference and we'll rebook you. ^JD"),
    ("sure to a yes/no question", "Can I change the delivery address on my order?",
     "Sure! Send us a DM with the new address. ^JD"),
    ("afraid not to a yes/no question", "Is the rooftop bar open in the rain?",
     "I'm afraid not, it closes in bad weather. ^JD"),
    ("explains the bill", "Why is my bill so high this month?",
     "It looks like the promo ended, so you're back on the standard price. ^JD"),
    ("toilets restated", "the toilets at King's Cross station are filthy",
     "Thanks for letting us know, we've sent a cleaner to the toilets. ^JD"),
    ("bus stop restated", "The 42 bus didn't stop for me this morning",
     "Sorry about that. Please DM us the time and stop. ^JD"),
]

NOT_ACKNOWLEDGED = [
    ("generic empathy, DM", PACKAGE, "Sorry to hear that! Please DM us and we'll help. ^JD"),
    ("understand frustration", CRASH,
     "We understand your frustration. Please send us a DM with more details. -Sam"),
    ("generic question", CRASH, "Are you getting an error message? ^JD"),
    ("tell us more", WIFI, "Can you tell us a bit more about what's happening? ^AB"),
    ("sent a DM", CHARGED, "Hi there! We've sent you a DM. ^JD"),
    ("inconvenience and details", TRAIN,
     "Sorry for the inconvenience. Please DM us your details and we'll look into it. ^JD"),
    ("long rant, generic reply", RANT,
     "We're sorry to hear about your experience. Please DM us so we can help. ^JD"),
    ("pass it on", LOGIN, "Thanks for letting us know, we'll pass this on. ^KT"),
    ("thanks does not hide the issue", "Thanks but my order still hasn't arrived",
     "You're welcome! ^JD"),
    ("question ignored", "ok but when is the refund coming", "Happy to help! ^JD"),
    ("details only", "My order still hasn't arrived",
     "Hi! Could you please DM us your full name, email and postcode? ^JD"),
    ("bill ignored", "Why is my bill so high this month?", "Sorry about that! Please DM us. ^JD"),
    ("no worries is no answer", "Can I take my dog on the train?",
     "No worries! Please DM us and we'll help. ^JD"),
]

NO_ISSUE = [
    ("thanks", "Thanks so much, all sorted now!", "Glad to hear it! Have a lovely day. ^JD"),
    ("I did", "I did", "Thanks! We'll take a look and reply shortly. ^JD"),
    ("ok", "ok", "Great, speak soon! -Sam"),
    ("emoji only", "👍👍", "Happy to help! ^JD"),
    ("bare yes", "yes", "Thanks for confirming, we'll get that sorted. ^AB"),
    ("me too", "me too", "Thanks for letting us know! ^JD"),
    ("done", "Done, just sent it", "Got it, thank you! ^JD"),
    ("praise", "@AcmeShop you guys are the best, love the new store!",
     "Aww thank you, we love having you! ^JD"),
    ("no customer message", None, "Sorry to hear that! Please DM us. ^JD"),
    ("laughing", "lol", "😂 ^JD"),
    ("greeting", "Hi", "Hi! How can we help today? ^JD"),
    ("thanks for upgrade", "@AcmeAir thank you for the upgrade today!!",
     "Enjoy the extra legroom! ^JD"),
]

# A message the rule cannot read: saying nothing beats guessing.
FOREIGN = [
    ("spanish", "Mi pedido no ha llegado todavía y nadie me responde",
     "Sorry to hear that! Please DM us. ^JD"),
    ("german", "Meine Bestellung ist immer noch nicht angekommen, was ist da los?",
     "Please send us a DM and we'll help. ^JD"),
    ("japanese", "注文した商品がまだ届きません", "Please DM us. ^JD"),
    ("french", "Ma commande n'est toujours pas arrivée, pourquoi ?",
     "Sorry about that, please DM us. ^JD"),
    ("dutch", "Mijn pakket is nog steeds niet bezorgd, waarom duurt het zo lang?",
     "Please DM us. ^JD"),
]


@pytest.mark.parametrize(("reason", "customer", "reply"), ACKNOWLEDGED,
                         ids=[c[0] for c in ACKNOWLEDGED])
def test_acknowledging_reply_is_quiet(reason: str, customer: str, reply: str) -> None:
    assert not fires(reply, customer), reason


@pytest.mark.parametrize(("reason", "customer", "reply"), NOT_ACKNOWLEDGED,
                         ids=[c[0] for c in NOT_ACKNOWLEDGED])
def test_reply_ignoring_the_issue_fires(reason: str, customer: str, reply: str) -> None:
    assert fires(reply, customer), reason


@pytest.mark.parametrize(("reason", "customer", "reply"), NO_ISSUE + FOREIGN,
                         ids=[c[0] for c in NO_ISSUE + FOREIGN])
def test_no_readable_issue_is_quiet(reason: str, customer: str | None, reply: str) -> None:
    assert not fires(reply, customer), reason
