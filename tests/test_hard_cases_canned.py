"""CAN001 / CAN002 hard cases written by a reviewer who had read only the label definitions.

Every reply here is hand-written. CAN001 cases name the stock phrase that must be
flagged (a flagged span has to overlap it), in the variants a customer meets: other
brands and tenses, British spelling, curly apostrophes, ALL CAPS, after @handles,
before signatures and emoji. Look-alikes use the same words naturally about this
customer's case and must stay quiet. CAN002 cases are whole replies that could go to
anyone (fire) or that name the product, problem, order, place or step (quiet).
"""

from __future__ import annotations

import pytest

from linter import Config, lint
from rules._canned_matcher import Phrase, PhraseMatcher, expand

CAN001 = Config(select=("CAN001",))
CAN002 = Config(select=("CAN002",))


def canned_spans(reply: str) -> list[tuple[int, int]]:
    return [(d.start, d.end) for d in lint(reply, config=CAN001) if d.code == "CAN001"]


def flags_phrase(reply: str, phrase: str) -> bool:
    """True when some CAN001 span overlaps the (first) occurrence of `phrase`."""
    start = reply.index(phrase)
    end = start + len(phrase)
    return any(s < end and start < e for s, e in canned_spans(reply))


def is_generic(reply: str) -> bool:
    return any(d.code == "CAN002" for d in lint(reply, config=CAN002))


# (reason, reply, the stock phrase that must be flagged)
STOCK = [
    ("sincerely apologise, British, 'caused'",
     "We sincerely apologise for any inconvenience caused. Your replacement ships Monday. ^KL",
     "apologise for any inconvenience caused"),
    ("bare 'Apologies for the inconvenience' after a handle",
     "@sam_j Apologies for the inconvenience! The app update is rolling out now.",
     "Apologies for the inconvenience"),
    ("apologize for the trouble this has caused you",
     "We apologize for the trouble this has caused you. A refund of $12 has been issued.",
     "We apologize for the trouble this has caused you"),
    ("sorry for any inconvenience this may have caused",
     "The driver has been spoken to. Sorry for any inconvenience this may have caused.",
     "Sorry for any inconvenience this may have caused"),
    ("we're sorry for the inconvenience",
     "We're sorry for the inconvenience, the lift at Kings Cross is fixed now.",
     "We're sorry for the inconvenience"),
    ("please accept our apologies",
     "Please accept our apologies for the delay with your passport photos.",
     "Please accept our apologies"),
    ("apologize for any confusion",
     "We apologize for any confusion: the sale ends Sunday, not Saturday.",
     "We apologize for any confusion"),
    ("ALL CAPS apology",
     "WE APOLOGIZE FOR ANY INCONVENIENCE. THE SITE IS BACK UP NOW.",
     "WE APOLOGIZE FOR ANY INCONVENIENCE"),
    ("thank you for reaching out to us",
     "Thank you for reaching out to us! Your seat upgrade is confirmed for Friday.",
     "Thank you for reaching out to us"),
    ("thanks so much for reaching out",
     "Thanks so much for reaching out. The voucher code is in your inbox.",
     "Thanks so much for reaching out"),
    ("two handles then thank you for reaching out",
     "@jenny_p @mark88 Thank you for reaching out! The fix is in version 4.2.",
     "Thank you for reaching out"),
    ("thanks for contacting us",
     "Thanks for contacting us. The store on Main St closes at 9pm.",
     "Thanks for contacting us"),
    ("thank you for getting in touch",
     "Thank you for getting in touch, your parcel is at the depot.",
     "Thank you for getting in touch"),
    ("bringing this to our attention",
     "Thank you for bringing this to our attention, we've removed the listing.",
     "Thank you for bringing this to our attention"),
    ("thanks for bringing this to our attention, lower case",
     "oh wow, thanks for bringing that to our attention! we've pulled the ad.",
     "thanks for bringing that to our attention"),
    ("appreciate your patience and understanding",
     "We appreciate your patience and understanding while we fix the login bug.",
     "We appreciate your patience and understanding"),
    ("thanks for your patience mid-sentence, about this case",
     "All done, and thanks for your patience while we rebooked you on the 6pm flight.",
     "thanks for your patience"),
    ("thank you for your understanding at the end",
     "The pool reopens on the 12th. Thank you for your understanding.",
     "Thank you for your understanding"),
    ("feedback is valuable to us",
     "Your feedback is valuable to us and I've shared it with the menu team.",
     "Your feedback is valuable to us"),
    ("feedback is important to us",
     "Noted about the new seats. Your feedback is important to us!",
     "Your feedback is important to us"),
    ("we value your feedback",
     "We value your feedback and will share it with the design team.",
     "We value your feedback"),
    ("we value your business",
     "We value your business and have added 500 points to your account.",
     "We value your business"),
    ("we value you as a customer",
     "We value you as a customer, so I've waived the late fee this time.",
     "We value you as a customer"),
    ("please be advised that",
     "Please be advised that the Elm Street branch is closed for renovation.",
     "Please be advised"),
    ("regret to inform you",
     "We regret to inform you that the concert on May 3 has been cancelled.",
     "We regret to inform you"),
    ("completely understand your frustration",
     "I completely understand your frustration with the delayed parcel.",
     "I completely understand your frustration"),
    ("understand how frustrating this must be",
     "I understand how frustrating this must be. The engineer is booked for 8am.",
     "I understand how frustrating this must be"),
    ("curly apostrophe more than happy to assist",
     "I\u2019d be more than happy to assist you with changing your plan.",
     "I\u2019d be more than happy to assist you"),
    ("we'd be happy to help",
     "We'd be happy to help! Which printer model do you have?",
     "We'd be happy to help"),
    ("we're here to help with exclamation",
     "We're here to help! Which router model do you have?",
     "We're here to help"),
    ("curly we\u2019re here to help",
     "We\u2019re here to help. Send us the error code you see on screen.",
     "We\u2019re here to help"),
    ("always here to help, before emoji",
     "The refund is on its way. We're always here to help \U0001F60A",
     "We're always here to help"),
    ("hope this helps at the end",
     "Restart the app after clearing the cache. Hope this helps!",
     "Hope this helps!"),
    ("we hope this helps before signature",
     "The size guide is under the product photos. We hope this helps! ^AL",
     "We hope this helps"),
    ("have a wonderful day",
     "Your package is out for delivery today. Have a wonderful day!",
     "Have a wonderful day!"),
    ("have a great day before signature",
     "The code is valid until June. Have a great day! ^MR",
     "Have a great day"),
    ("have a nice day before emoji",
     "Glad the refund came through. Have a nice day \U0001F31E",
     "Have a nice day"),
    ("enjoy the rest of your day",
     "Your table is booked for 7. Enjoy the rest of your day!",
     "Enjoy the rest of your day"),
    ("anything else I can assist you with today",
     "Your refund was processed this morning. "
     "Is there anything else I can assist you with today?",
     "Is there anything else I can assist you with today?"),
    ("anything else we can help with, let us know",
     "The app is updated now. If there's anything else we can help with, let us know!",
     "If there's anything else we can help with, let us know"),
    ("for further assistance",
     "Please DM us your order number for further assistance.",
     "for further assistance"),
    ("rest assured, comma",
     "Rest assured, your data was not affected by the outage.",
     "Rest assured"),
    ("do not hesitate to contact us",
     "Please do not hesitate to contact us if the charger fails again.",
     "Please do not hesitate to contact us"),
    ("don't hesitate to reach out",
     "The invoice is attached. Don't hesitate to reach out if anything looks off.",
     "Don't hesitate to reach out"),
    ("feel free to reach out with any questions",
     "It should arrive Thursday. Feel free to reach out with any other questions!",
     "Feel free to reach out"),
    ("we will look into this matter",
     "We will look into this matter and reply by Friday.",
     "We will look into this matter"),
    ("At Brand, we strive to",
     "At Zapco, we strive to deliver every order on time, so this one is on us.",
     "At Zapco, we strive to"),
    ("take this matter very seriously",
     "We take this matter very seriously and have spoken to the driver.",
     "We take this matter very seriously"),
    ("your satisfaction is our top priority",
     "Your satisfaction is our top priority, so we've sent a new blender.",
     "Your satisfaction is our top priority"),
    ("not the experience we want you to have",
     "That's not the experience we want you to have at our hotels. ^PB",
     "That's not the experience we want you to have"),
    ("look forward to hearing from you",
     "Send the photo by DM and we look forward to hearing from you.",
     "we look forward to hearing from you"),
    ("we'll pass this on to the relevant team",
     "Thanks for the idea about dark mode, we'll pass this on to the relevant team.",
     "we'll pass this on to the relevant team"),
    ("assist you further",
     "Could you DM us your postcode so we can assist you further?",
     "assist you further"),
    # --- round 2: more variants of the same families ---------------------------------
    ("apology with 'or frustration'",
     "We apologize for any inconvenience or frustration this may have caused.",
     "We apologize for any inconvenience or frustration"),
    ("apology, 'this inconvenience'",
     "We apologise for this inconvenience and have credited your account.",
     "We apologise for this inconvenience"),
    ("apology, 'this may cause'",
     "The M4 exit is closed tonight. We apologise for any disruption this may cause.",
     "We apologise for any disruption this may cause"),
    ("apology, 'caused you'",
     "We apologize for any inconvenience this has caused you. Your new card is posted.",
     "We apologize for any inconvenience this has caused you"),
    ("sorry about the inconvenience",
     "Sorry about the inconvenience! The gate code is 4411 now.",
     "Sorry about the inconvenience"),
    ("regret any inconvenience",
     "We regret any inconvenience caused by the late delivery.",
     "We regret any inconvenience caused"),
    ("sorry to inform you",
     "We're sorry to inform you that the blue kettle is discontinued.",
     "sorry to inform you"),
    ("thank you for contacting the brand",
     "Thank you for contacting Acme Support. Your ticket is #5521.",
     "Thank you for contacting"),
    ("one-word thankyou",
     "Thankyou for reaching out, the voucher works on sale items too.",
     "Thankyou for reaching out"),
    ("thank you for your message",
     "Thank you for your message. The shop in Bath stocks the size 9.",
     "Thank you for your message"),
    ("thanks for your email",
     "Thanks for your email! Your booking is moved to the 14th.",
     "Thanks for your email"),
    ("thanks for bearing with us",
     "The replacement left our warehouse today, thanks for bearing with us!",
     "thanks for bearing with us"),
    ("thank you for being a loyal customer",
     "Thank you for being a loyal customer, I've upgraded your room.",
     "Thank you for being a loyal customer"),
    ("ALL CAPS thanks for reaching out",
     "THANK YOU FOR REACHING OUT! THE STORE REOPENS MONDAY.",
     "THANK YOU FOR REACHING OUT"),
    ("understand how important this is",
     "We understand how important this is to you, so the engineer comes tomorrow.",
     "We understand how important this is to you"),
    ("imagine how frustrating",
     "I can imagine how frustrating that is! Let's reset the modem together.",
     "I can imagine how frustrating that is"),
    ("my pleasure to assist",
     "It would be my pleasure to assist you with the transfer.",
     "It would be my pleasure to assist you"),
    ("happy to assist at sentence start",
     "Happy to assist! The charger is under warranty until March.",
     "Happy to assist"),
    ("here for you 24/7 after handle",
     "@kim_w We're here for you 24/7 if the heating stops again.",
     "We're here for you 24/7"),
    ("anything else we can help with, bare question",
     "Your refund is done. Anything else we can help you with?",
     "Anything else we can help you with?"),
    ("if you have any further questions",
     "Your pass is in the app. If you have any further questions, please let us know.",
     "If you have any further questions"),
    ("let us know if you have any questions",
     "The new plan starts on the 1st. Let us know if you have any questions!",
     "Let us know if you have any questions"),
    ("feel free to contact us at any time",
     "Your points will show tomorrow. Please feel free to contact us at any time.",
     "feel free to contact us at any time"),
    ("hope this answers your question",
     "The lounge opens at 5am. We hope this answers your question!",
     "We hope this answers your question"),
    ("enjoy your day",
     "The parcel is in your safe place. Enjoy your day!",
     "Enjoy your day"),
    ("pls be advised",
     "Pls be advised the 7:10 train is running 20 min late.",
     "Pls be advised"),
    ("take your privacy seriously",
     "We take your privacy very seriously and have deleted the recording.",
     "We take your privacy very seriously"),
    ("take all complaints seriously",
     "We take all complaints seriously and the manager will call you.",
     "We take all complaints seriously"),
    ("committed to providing",
     "We are committed to providing a safe ride, so the driver is suspended.",
     "We are committed to providing"),
    ("pride ourselves",
     "We pride ourselves on fresh food, so a cold burger is not on.",
     "We pride ourselves on"),
]


@pytest.mark.parametrize(("reason", "reply", "phrase"), STOCK, ids=[c[0] for c in STOCK])
def test_stock_phrase_is_flagged(reason: str, reply: str, phrase: str) -> None:
    assert flags_phrase(reply, phrase), (reason, canned_spans(reply))


# (reason, reply): the same words used naturally about this case, no stock phrase anywhere.
NATURAL = [
    ("sorry + specific event",
     "Sorry your order arrived cold, @tom. I've refunded the delivery fee."),
    ("let us know if that works", "Let us know if that works for Tuesday at 3pm."),
    ("here at a place", "I'm here at the store until 5 if you want to bring the bike in."),
    ("we're here in a city", "We're here in Leeds until Sunday with the pop-up shop!"),
    ("have a look", "Have a look at the FAQ page under Billing > Refunds."),
    ("have a great time at a specific event",
     "Your tickets are in the app. Have a great time at the show on Saturday!"),
    ("apology naming our own mistake",
     "We apologise: the refund was our mistake, and it's been reversed."),
    ("apologies for a specific slip",
     "Apologies, I sent the wrong link earlier. This one works: acme.com/returns"),
    ("thanks for a specific thing", "Thanks for the photo, the crack is clearly on the hinge."),
    ("thanks for waiting, specific",
     "Thanks for waiting while I checked with the depot: it's on the van."),
    ("rest of your order", "The rest of your order will arrive tomorrow morning."),
    ("look into a specific bill",
     "I'll look into the billing error on your March invoice and call you by 5pm."),
    ("anything else in the box", "Is there anything else in the box, like a manual or a cable?"),
    ("hope about the product", "Hope the new battery fixes the drain on your phone!"),
    ("appreciate a specific act",
     "We appreciate you sending the receipt so quickly, the refund is done."),
    ("priority about the case",
     "Getting your power back is the crew's first job this morning; they're on Elm Road now."),
    ("further details on a page",
     "The full timetable is on our site for further details on each stop."),
    ("understand the request",
     "I understand: you want the red one, not the blue. I've changed the order."),
    ("contact at a place", "Please come to the desk when you land and we'll hand over the keys."),
    ("advise as a verb about steps", "I'd advise updating the firmware first, then pairing again."),
    ("feedback as a noun about a survey",
     "The survey link expired on Monday, so your feedback form won't load now."),
    ("value as a price", "The voucher value is $20 and it works on anything in store."),
    # --- round 2 ---
    ("thanks for contacting a third party",
     "Thanks for contacting the seller first, they handle returns for this item."),
    ("feel free with a concrete offer",
     "Feel free to pop into any store and they'll swap it on the spot."),
    ("committed as an adjective about the case",
     "Your payment is committed and the seat is yours."),
    ("message as a noun", "The error message means the card expired; add the new one in Wallet."),
    ("questions about a product",
     "Good questions! The lid is dishwasher safe but the base is not."),
    ("enjoy a specific thing", "Enjoy the new headphones, the noise cancelling is in the app."),
    ("pleasure as a noun",
     "The spa voucher is a pleasure to use: just show the code at reception."),
    ("bear with a specific wait",
     "The courier said to bear with them until 6pm, then call the depot."),
    ("love a product", "We'd love for you to try the new oat latte, it's on the menu from Monday."),
    # --- round 3: the words of the newer templates, used about the case ---
    ("disruption is the customer's event",
     "Sorry for the disruption to your journey this morning, "
     "the 8:10 was cancelled by a signal fault."),
    ("if you have any photos",
     "If you have any photos of the damage, send them over and I'll file the claim."),
    ("enjoy a new product", "Your phone is on its way. Enjoy your new Pixel when it lands!"),
    ("how important, then the specific thing",
     "We know how important it is to keep your Mac running for exams, so try Safe Mode first."),
    ("strive as a customer's word",
     "You said the staff strive hard; I've passed that praise to the Leeds team."),
]


@pytest.mark.parametrize(("reason", "reply"), NATURAL, ids=[c[0] for c in NATURAL])
def test_natural_words_stay_quiet(reason: str, reply: str) -> None:
    assert canned_spans(reply) == [], reason


GENERIC = [
    ("empty DM request with signature", "Sorry to hear that! Please DM us and we'll help. ^JD"),
    ("DM with more details",
     "Hi there, please send us a DM with more details so we can look into this for you."),
    ("stock confirmation-number request", "DM us your confirmation number and we'll take a look."),
    ("follow and DM account details",
     "Hey! Could you follow and DM us your account details? We'll look into it. -AB"),
    ("sorry + DM order number and email",
     "We're sorry to hear this. Please send us a DM with your order number and "
     "email address so we can assist."),
    ("reach out via DM", "Hi! Please reach out to us via DM so we can help. Thanks!"),
    ("not what we like to hear",
     "That's not what we like to hear. Shoot us a DM and we'll get this sorted. *MK"),
    ("booking reference request",
     "Please DM us your booking reference and we'll check this out for you."),
    ("private message with the details",
     "We'd like to help. Please send us a private message with the details."),
    ("emoji and DM", "Sorry to hear that \U0001F61F Please DM us so we can help!"),
    ("greets by name only",
     "@bob_k Hi Bob, please DM us your email address and we'll take a look. ^RS"),
    # --- round 2 ---
    ("take care of you", "Hey, please DM us and we'll take care of you."),
    ("name and order number",
     "Hello, could you please send us a DM with your full name and order number? Thanks!"),
    ("sorry for the trouble, account info",
     "Sorry for the trouble! Please DM us your account info so we can help. -Jo"),
    ("look into this, more info",
     "We'd like to look into this for you. Can you send us a DM with more info?"),
    ("happy to help closing",
     "We're sorry to hear about this. Can you DM us with more details? We'll be happy to help!"),
    ("DM and be in touch", "Send us a DM and we'll be in touch!"),
    ("thanks + account email",
     "Thanks for reaching out! Please DM us the email address on your account "
     "and we'll look into this."),
    ("follow and reservation number",
     "Please follow us and DM your reservation number so we can look into this. *RT"),
    ("want to help, more information",
     "Oh no! We want to help. Please send us a DM with more information."),
]


@pytest.mark.parametrize(("reason", "reply"), GENERIC, ids=[c[0] for c in GENERIC])
def test_generic_reply_fires(reason: str, reply: str) -> None:
    assert is_generic(reply), reason


SPECIFIC = [
    ("names the problem",
     "Sorry your order arrived cold! Please DM us the order number and we'll refund "
     "the delivery fee."),
    ("names the flight",
     "Please DM us your booking reference and we'll rebook you onto the 6pm flight to Dublin."),
    ("outage statement",
     "We're aware of an outage affecting broadband in the North West. Engineers are on it "
     "and we expect service back by 6pm."),
    ("feature-request form",
     "Thanks for the suggestion! You can submit feature requests here: https://acme.com/ideas"),
    ("error-code triage",
     "Error E42 usually means the filter is blocked. Can you DM us a photo of the display?"),
    ("a step to take", "Try clearing the app cache in Settings > Apps > Acme, then log in again."),
    ("a place", "The Market Street store opens at 9 tomorrow; they can swap the charger for you."),
    ("serial number for warranty",
     "Please DM us the serial number on the back of the TV and we'll check the warranty."),
    ("missing item",
     "Sorry about the missing fries! DM us your order number and we'll sort a refund."),
    ("refund status",
     "Your refund for the jacket was issued on Monday and should reach your card in 3-5 days."),
    ("device question",
     "Hi there, sorry the app keeps crashing. Which iPhone model are you using?"),
    ("tracking and courier",
     "Please DM us the tracking number and we'll chase the courier for you."),
    ("seat problem", "Please DM us your confirmation number so we can check your seat assignment."),
    # --- round 2 ---
    ("delayed bag",
     "Sorry about your delayed bag! Please DM us your file reference and we'll chase "
     "it with the airport."),
    ("deleted playlists",
     "We're sorry the update deleted your playlists. DM us your account email and "
     "we'll restore them."),
    ("refund for a product",
     "Please DM us your order number so we can check why the refund for the blender "
     "hasn't arrived."),
    ("login fixed",
     "Hi, the login issue should be fixed now; please try again and DM us if it persists."),
    ("streaming outage",
     "We're aware some customers can't stream tonight and our engineers are working on a fix."),
    ("double charge", "Please DM us your account email so we can look into the double charge."),
]


@pytest.mark.parametrize(("reason", "reply"), SPECIFIC, ids=[c[0] for c in SPECIFIC])
def test_specific_reply_stays_quiet(reason: str, reply: str) -> None:
    assert not is_generic(reply), reason


# --- the `!(...)` template group: "not followed here by" ------------------------------

def test_negative_group_rejects_only_the_listed_continuations() -> None:
    matcher = PhraseMatcher([Phrase("t", ("thanks for contacting !(the|a)",))])
    found = [m.end - m.start for m in matcher.finditer("Thanks for contacting Acme today.")]
    assert found == [len("Thanks for contacting")]  # the lookahead adds nothing to the span
    assert list(matcher.finditer("Thanks for contacting the seller first.")) == []
    assert list(matcher.finditer("thanks for contacting a lawyer")) == []
    assert expand("thanks for contacting !(the|a) [now]") == [
        "thanks for contacting", "thanks for contacting now"]
