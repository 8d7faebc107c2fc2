"""DFL001 / DFL002 / DFL003 hard cases by a reviewer who had read only the label definitions.

Every reply and customer message here is hand-written (none is copied from the labelled
corpus). Each case is (reason, reply, customer message or None). A case in a FIRES list
must produce a finding of that rule; a case in a QUIET list must produce none.

The label definitions these follow (shared/data/realreplies/LABELS.md):
- bare phone deflection (DFL001): the reply sends the customer to a phone line and neither
  names the customer's specific issue nor offers to keep helping here (reply, DM, "let me
  know if you need further assistance").
- channel switch (DFL002): the customer must go to another medium and explain again (phone,
  email, web form or ticket, live chat, a store, another support account). Not: a DM on the
  same platform, a self-help article, a form that IS the answer, the company contacting the
  customer.
- phone hours (DFL003): a phone deflection that does not say when the line is open.
"""

from __future__ import annotations

import pytest

from linter import Config, lint

DFL001 = Config(select=("DFL001",))
DFL002 = Config(select=("DFL002",))
DFL003 = Config(select=("DFL003",))


def fires(code: str, config: Config, reply: str, customer: str | None) -> bool:
    return any(d.code == code for d in lint(reply, customer, config))


def ids(cases: list[tuple[str, str, str | None]]) -> list[str]:
    return [reason for reason, _, _ in cases]


# --- DFL001 bare phone deflection -----------------------------------------------------------

BARE_FIRES = [
    ("bare number, no customer", "Please call 1-800-555-0100.", None),
    ("bare number with sorry", "Sorry to hear that! Please call 1-800-555-0100. ^MK", None),
    ("give us a ring, UK freephone",
     "Give us a ring on 0800 123 4567 and the team will take a look.", None),
    ("hotline with brackets",
     "Call our hotline at (888) 555-0199 for help.",
     "my package never showed up and nobody answers emails"),
    ("international number, reach our team",
     "You can reach our team at +44 20 7946 0000.",
     "the app keeps logging me out every five minutes"),
    ("vanity number", "Please give 1-800-FLOWERS a call and we'll sort it. ^DS", None),
    ("vanity number with customer",
     "Hi there, please call us at 1-800-FLOWERS.",
     "the bouquet I ordered for my mum arrived wilted"),
    ("phone with no number: contact customer care by phone",
     "Please contact our customer care team by phone.", None),
    ("give us a call, generic empathy only",
     "We're sorry for the trouble. Please give us a call at 1-888-555-0142. -JT",
     "charged twice for my subscription this month?!"),
    ("ring our team, no number",
     "Sorry about that, please ring our team and they'll help. ^AB", None),
    ("call us, generic sorry, handles and hashtag",
     "@sam_k Sorry to hear this. Please call us on 0344 555 0787. #help", None),
    ("number after a colon",
     "Our support line: 1-877-555-0111. Thank you!", None),
    ("dial a number",
     "Please dial 1-800-555-0175 to speak to an agent.", None),
    ("phone us",
     "Hi Jen, please phone us on 0161 555 0123 so an advisor can help.", None),
    ("speak to someone on number",
     "You can speak to someone on 1-866-555-0190. Thanks, Tom", None),
    ("team named, generic 'for further help'",
     'Please reach out to our Support team at 1 (800) 555-0100 for further help.',
     None),
    ('customer shares only boilerplate words',
     'Sorry to hear that. Please call our Customer Relations team on 0333 555 0123.',
     'Worst service ever, nobody helps'),
    ('press option 2',
     'Call 1-800-555-0100 and press option 2.',
     None),
    ('phone team named, nothing else',
     "Hi! That's something our phone team handles: 0800 555 0123. ^CC",
     None),
    ("'happy to help' is theirs, not an offer here",
     "Please call our Customer Service team on 1-800-555-0100 and they'll be happy to help.",
     None),
    ("'with any questions' is not an offer here",
     'Please contact us on 1-800-555-0100 with any questions.',
     None),
    ('recommend calling',
     "We'd recommend calling 1-800-555-0100.",
     None),
    ('Tel: prefix',
     'Tel: 0800 555 0123. Thanks!',
     None),
    ('dotted number',
     'Call us: 1.800.555.0100',
     None),
]

BARE_QUIET = [
    ("names the issue: reset router",
     "Please call 1-800-555-0100 so we can reset your router remotely.",
     "my internet has been down since last night"),
    ("names the issue: double charge",
     "Please give us a call on 0800 123 4567 about the double charge so we can refund it.",
     "you charged me twice for the same order"),
    ("offers DM as well",
     "Please call 1-800-555-0100 or DM us and we'll help.", None),
    ("let us know how it goes",
     "Give us a ring on 0800 123 4567 and let us know how it goes!", None),
    ("further assistance closing",
     "You can call us at (888) 555-0199. Let me know if you need further assistance.", None),
    ("reply here offer",
     "Our team can help on 1-800-555-0142, or just reply here and I'll look into it.", None),
    ("names the product and fault",
     "Sorry your washer is leaking again. Our repair team can book an engineer on "
     "1-800-555-0188.",
     "my washing machine is leaking AGAIN after the repair"),
    ("names the flight",
     "Sorry flight 221 was cancelled. Our rebooking desk at 1-800-555-0133 can find you "
     "a seat tonight.",
     "flight 221 cancelled, stuck in Denver"),
    ("no phone deflection: order number only",
     "Your order 112-5555555-5555555 shipped today and arrives Friday.", None),
    ("no phone deflection: price and date",
     "The plan is $19.99 a month from 03/04/2024. Let me know if you have questions.", None),
    ("close call",
     "That was a close call! Glad it arrived in time. ^RB", None),
    ("call it a bug",
     "We'll call it a bug and get it fixed in the next update.", None),
    ("callback is not a deflection",
     "DM us a good time and we'll call you back tomorrow. ^LP", None),
    ("we'll give you a call",
     "Our manager will give you a call this afternoon.", None),
    ("we're here if you need anything else",
     "You can reach us at 1-800-555-0100. We're here if you need anything else!", None),
    ("keep us posted",
     "Please call 1-800-555-0100 and keep us posted here.", None),
    ("answers the question directly",
     "Yes, the store on Main St stocks it. You can call them on (312) 555-0187 to "
     "check your size.",
     "does the Main St store have the blue trainers?"),
    ("tracking number, no phone",
     "Tracking 9400 1000 0000 0000 0000 00 shows it out for delivery today.", None),
    ("phone as a device",
     "Is your phone running the latest version of the app? Let us know!", None),
    ('keep chatting here',
     "Our number is 1-800-555-0100 if you'd prefer to talk it through, or we can keep "
     "chatting here.",
     None),
    ('tweet us back',
     'Call 1-800-555-0100, or tweet us back if the line is busy.',
     None),
    ('DM anytime',
     'Please call 1-800-555-0100, or DM anytime.',
     None),
    ('help further here',
     'Please call 1-800-555-0100. Happy to help further here too!',
     None),
    ('customer asked for the number',
     "Sure, it's 0800 555 0123.",
     'Can I have your phone number please?'),
    ('customer asked which number to call',
     "It's 1-800-555-0100, open 24/7.",
     'what number do I call to cancel?'),
    ('names the step: cancel membership',
     'Call 1-800-555-0100 to cancel your membership.',
     None),
    ('names the step: return',
     'Please call 1-800-555-0100 to arrange your return.',
     None),
    ('negated: no need to call',
     "You don't need to call us, we can sort it out here in DM.",
     None),
    ('past: had to call',
     'Sorry you had to call us twice about this.',
     None),
    ('past: tried to call',
     'Sorry nobody picked up when you tried to call our helpline yesterday.',
     None),
    ('own number on the account',
     "We've updated the phone number on your account to 555-123-4567.",
     None),
    ('ring in the new year',
     'Ring in the new year with 20% off all jackets!',
     None),
    ('call me crazy',
     'Call me crazy, but that sounds like a great idea.',
     None),
]


@pytest.mark.parametrize(("reason", "reply", "customer"), BARE_FIRES, ids=ids(BARE_FIRES))
def test_bare_phone_deflection_fires(reason: str, reply: str, customer: str | None) -> None:
    assert fires("DFL001", DFL001, reply, customer), reason


@pytest.mark.parametrize(("reason", "reply", "customer"), BARE_QUIET, ids=ids(BARE_QUIET))
def test_not_a_bare_phone_deflection(reason: str, reply: str, customer: str | None) -> None:
    assert not fires("DFL001", DFL001, reply, customer), reason


# --- DFL002 channel switch ------------------------------------------------------------------

SWITCH_FIRES = [
    ("email us at", "Please email us at help@acme.com with the details. ^JD", None),
    ("send an email", "Could you send an email to support@example.co.uk? Thanks!", None),
    ("drop us an email", "Drop us an email at care@shop.com and we'll check.", None),
    ("fill in the form",
     "Please fill in the form at acme.com/contact and our team will be in touch.",
     "my refund still hasn't arrived"),
    ("complete our contact form",
     "Could you complete our online contact form so we can look into this?", None),
    ("open a ticket", "Please open a ticket at support.acme.com and we'll take a look.", None),
    ("submit a support request",
     "Please submit a support request via our help centre. ^TS", None),
    ("live chat", "Our live chat team can help with that: acme.com/chat", None),
    ("chat with us online", "Please chat with us on our website and an agent will help.", None),
    ("visit your local store",
     "Please visit your local store and they can swap it for you.",
     "the charger I bought stopped working"),
    ("pop into a branch",
     "Pop into any branch with your ID and they'll sort it.", None),
    ("other support account", "Please contact @AcmeBankHelp for help with this.", None),
    ("tweet other account",
     "Our colleagues at @AcmeRailSupport can help with that one.", None),
    ("call us", "Please call us on 1-800-555-0100.", None),
    ("give us a call, no number", "Give us a call and we'll look into it.", None),
    ("reach out to the seller",
     "Please reach out to the seller directly about the return.", None),
    ("contact the retailer",
     "You'll need to contact the retailer you bought it from for a refund.", None),
    ("message us on Facebook",
     "Please message us on Facebook so we can help. ^NR", None),
    ('another account can help',
     'Our colleagues at @AcmeRailSupport can help with that one.',
     None),
    ('send an email to an address',
     'Could you send an email to support@example.co.uk? Thanks!',
     None),
    ('message us on another platform',
     'Please message us on Facebook so we can help. ^NR',
     None),
    ('speak to the airline',
     "You'll need to speak to the airline about your baggage.",
     None),
    ('contact the hotel',
     'Please contact the hotel directly about the refund.',
     None),
    ('get in touch with the courier',
     "You'll need to get in touch with the courier about this.",
     None),
    ('contact us at an email address',
     'Please contact us at help@acme.com.',
     None),
    ('send an email to us',
     'Please send an email to us with your order number.',
     None),
    ('use the contact form',
     'Please use the Contact Us form on our website.',
     None),
    ('get in touch via the website',
     "Please get in touch via our website and we'll help: https://acme.com/contact",
     None),
    ('email the photos to an address',
     'Please email the photos to help@acme.com.',
     None),
    ('call into a branch',
     'Please call into your local branch with photo ID.',
     None),
    ('check with the provider',
     'Best to check with your network provider.',
     None),
]

SWITCH_QUIET = [
    ("DM us", "Please DM us your order number and we'll look into it. ^JD", None),
    ("send us a private message",
     "Send us a private message with your account email and we'll help.", None),
    ("direct message", "Can you send us a direct message? We'll check it out.", None),
    ("self-help article",
     "Here's how to reset it: acme.com/help/reset-password. Let us know if it works!",
     "how do I reset my password?"),
    ("form that is the answer: report abuse",
     "You can report it here: acme.com/report-abuse. Thanks for flagging it.",
     "how do I report this fake account?"),
    ("claim form that starts the refund",
     "You can start your refund with this claim form: acme.com/claims. It takes 2 minutes.",
     "how do I claim a refund for my delayed flight?"),
    ("callback", "We'll call you tomorrow morning to sort it out. ^KL", None),
    ("billing team will email you",
     "I've passed this on and our billing team will email you today.", None),
    ("check your email for the reset link",
     "Please check your email for the reset link we just sent.", None),
    ("email as the company sending one",
     "We emailed you a confirmation yesterday; could you check your spam folder?", None),
    ("chat as a verb",
     "Thanks for the chat earlier! Glad we got it sorted.", None),
    ("let's chat here",
     "Happy to chat about this here. Which model do you have?", None),
    ("store as a verb",
     "We never store your card details on our servers.", None),
    ("in the form of",
     "The refund will come back in the form of a gift card. ^MP", None),
    ("store as place of purchase, no switch",
     "Sorry the jacket from our Leeds store ripped. I've issued a refund today.", None),
    ("email address update in-app",
     "You can change your email in the app under Settings > Account.", None),
    ("close call", "That was a close call, glad it arrived in time!", None),
    ("store credit",
     "We've added $20 store credit to your account for the trouble.", None),
    ("ticket as in train ticket",
     "Your train ticket is still valid on the next service. Safe travels!", None),
    ("form as in shape",
     "Great form on the bike! Thanks for the shout-out. ^AL", None),
    ("we'll DM you",
     "We've sent you a DM with the next steps. ^BB", None),
    ("reply here",
     "Reply here with the error message you see and we'll take it from there.", None),
    ('chat named, not offered',
     "We're aware the chat feature isn't loading for some users. A fix is coming.",
     None),
    ('web chat praised',
     'Our web chat won an award this year, thanks for the kind words!',
     None),
    ('negated: no need to visit a store',
     "There's no need to visit a store; we'll send a courier to collect it.",
     None),
    ("negated: don't visit the store",
     "Please don't visit the store while you're unwell; we'll arrange a collection.",
     None),
    ('negated: no need to call',
     "You don't need to call us, we can sort it out here.",
     None),
    ('past: had to call',
     'Sorry you had to call us twice about this.',
     None),
    ('help centre article is self-help',
     'The steps are in our Help Center: https://help.acme.com/reset',
     'how do I reset my password'),
    ("store is the answer to 'where is your store'",
     'You can visit our Leeds store at 12 Briggate, open until 8pm.',
     "where's your closest store to Leeds?"),
    ('company will email',
     'You should receive an email from our billing team within 24 hours.',
     None),
    ('agent opened the ticket',
     "I've opened a ticket for you and our engineers will follow up.",
     None),
    ('thanks for visiting',
     'Thanks for visiting our store!',
     None),
    ("we'll send the form by email",
     "We'll send you a form to fill in by email.",
     None),
    ("we'll be in touch by email",
     "We'll be in touch by email within 2 days.",
     None),
    ('check spam for our email',
     'Please check your spam folder for our email.',
     None),
]


@pytest.mark.parametrize(("reason", "reply", "customer"), SWITCH_FIRES, ids=ids(SWITCH_FIRES))
def test_channel_switch_fires(reason: str, reply: str, customer: str | None) -> None:
    assert fires("DFL002", DFL002, reply, customer), reason


@pytest.mark.parametrize(("reason", "reply", "customer"), SWITCH_QUIET, ids=ids(SWITCH_QUIET))
def test_not_a_channel_switch(reason: str, reply: str, customer: str | None) -> None:
    assert not fires("DFL002", DFL002, reply, customer), reason


# --- DFL003 phone hours missing -------------------------------------------------------------

HOURS_MISSING = [
    ("number, no hours", "Please call 1-800-555-0100.", None),
    ("give us a call, no hours", "Give us a call and our team will help!", None),
    ("hotline, no hours", "Our hotline (888) 555-0199 can sort that for you.", None),
    ("ring us, with a date that is not hours",
     "Please ring us on 0800 123 4567 before your trip on 12/06.", None),
    ("call with an order number and price",
     "Please call 1-800-555-0100 about order 1234567 ($49.99).", None),
    ("'within 24 hours' is a delay, not hours",
     "Call us on 0800 555 0123, we'll respond within 24 hours.",
     None),
    ('today is not hours',
     'Call us today on 0800 555 0123.',
     None),
    ('call our helpline, no number',
     'Please call our helpline.',
     None),
]

HOURS_GIVEN = [
    ("24/7", "Please call 1-800-555-0100, we're available 24/7.", None),
    ("weekday range with time zone",
     "Give us a call on 0800 123 4567, Mon-Fri 8am-8pm ET.", None),
    ("open until", "Our hotline is open until 10pm tonight: (888) 555-0199.", None),
    ("around the clock", "Our team answers 1-800-555-0100 around the clock.", None),
    ("24 hours a day", "You can call 1-800-555-0100 24 hours a day, 7 days a week.", None),
    ("from ... to ...",
     "Please call us on 0344 555 0787 from 9am to 5pm, Monday to Friday.", None),
    ("weekday words",
     "Our phone team is there weekdays 8:00-18:00 on 0161 555 0123.", None),
    ("not a phone deflection at all: DM",
     "DM us your order number and we'll check. ^JD", None),
    ("callback is not a phone deflection",
     "We'll give you a call tomorrow to arrange the repair.", None),
    ('8 till 8',
     "Please call 0800 123 4567, we're open 8 till 8 every day.",
     None),
    ('24-hour helpline',
     'Call our 24-hour helpline on 0800 555 0123.',
     None),
    ('opens at',
     'Our lines open at 8am tomorrow: 0800 123 4567.',
     None),
    ('24h clock with days',
     'Call us on 0800 555 0123 (Monday - Friday, 9:00 - 17:30).',
     None),
    ('daily range',
     'Our helpline is open daily 7am-11pm: 0800 555 0123.',
     None),
]


@pytest.mark.parametrize(("reason", "reply", "customer"), HOURS_MISSING, ids=ids(HOURS_MISSING))
def test_phone_hours_missing_fires(reason: str, reply: str, customer: str | None) -> None:
    assert fires("DFL003", DFL003, reply, customer), reason


@pytest.mark.parametrize(("reason", "reply", "customer"), HOURS_GIVEN, ids=ids(HOURS_GIVEN))
def test_phone_hours_given_or_no_phone_is_quiet(
    reason: str, reply: str, customer: str | None,
) -> None:
    assert not fires("DFL003", DFL003, reply, customer), reason
