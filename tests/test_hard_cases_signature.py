"""SIG001 hard cases written by a reviewer who had read only the label definitions.

Each case carries a short reason. Signed replies must stay quiet; replies whose last
words are a brand, a bare marker, a customer's name or an ordinary word must fire.
"""

from __future__ import annotations

import pytest

from linter import Config, lint
from linter.config import SignaturePolicy

SIG = Config(select=("SIG001",))


def fires(reply: str, config: Config = SIG) -> bool:
    return any(d.code == "SIG001" for d in lint(reply, None, config))


SIGNED = [
    # emoji around the sign-off
    ("emoji then caret initials", "Your replacement is on the way 😊 ^JD"),
    ("caret initials then emoji", "Glad we could sort that out! ^JD 🙏"),
    ("two emoji then dash name", "Enjoy the new headphones 🎧🎶 -Dani"),
    ("name then emoji and hashtag", "Have a great show tonight! -Dani 🎶 #LiveAtAcme"),
    ("emoji glued to tilde name", "Thanks for the lovely feedback 💙~Sam"),
    # links, hashtags, handles before or after
    ("link then initials", "Here's how to reset it: https://example.com/help/reset ^MK"),
    ("initials then link", "Steps are in this guide ^MK https://example.com/help/reset"),
    ("hashtag then dash name", "We're on it! #AcmeCares -Lou"),
    ("initials then hashtag", "The new menu launches Friday ^PR #NewMenu"),
    # thread counters
    ("initials then 2/2", "DM us the order number and we'll take a look. ^RB 2/2"),
    ("counter prefix, initials last", "(1/3) We've checked with the depot and it left today. ^RB"),
    ("initials then (2/2)", "Sorry again for the wait. -Kim (2/2)"),
    # every marker style
    ("star initials", "We've reset the password for you. *TKR"),
    ("slash initials", "That's been refunded now /SM"),
    ("tilde name", "Have a lovely weekend ~Sam"),
    ("en dash name", "Your table is booked for 7pm. – Sarah"),
    ("em dash glued name", "We've passed that on to the kitchen.—Becky"),
    ("regards comma name", "We'll be in touch by Friday. Regards, Vicky"),
    ("thanks name from brand", "The store has been updated. Thanks, Tom from Acme"),
    ("cheers bang name", "All sorted on our end. Cheers! Priya"),
    ("best comma name", "Let us know if the code works. Best, Nadia"),
    ("many thanks name", "Your voucher is attached. Many thanks, Olu"),
    # bare first name as the last words
    ("bare name after question", "Have you tried clearing the cache in your browser? Lewis"),
    ("bare name after exclamation", "That should be fixed now! Hannah"),
    ("bare name after full stop", "We've added the credit to your account. Megan"),
    # multi-line email sign-offs
    ("kind regards name team",
     "We've refunded the delivery charge.\n\nKind regards,\nMaria\nAcme Support"),
    ("best wishes name surname",
     "Your parcel is back in the warehouse.\n\nBest wishes,\nJoanne Price"),
    ("thanks dash name lines", "Thanks for waiting!\n- Anna"),
    ("name and team on one line", "Sorry again for the mix-up. – Sarah, Acme Support"),
    # non-English names and accents
    ("accented name after dash", "Nous avons bien reçu votre demande. – Zoë"),
    ("nordic name after caret", "The refund is on its way. ^Søren"),
    ("spanish closing", "Tu pedido ya está en camino. Saludos, José"),
    ("irish name after regards", "We'll call you tomorrow. Regards, Siobhán"),
    ("accented initials", "Merci pour votre patience ^ÉL"),
    # lowercase initials
    ("lowercase caret initials", "We've chased the courier for you ^jd"),
    ("lowercase dash initials", "Sorry about that, fixed now -kc"),
    # more second-round cases
    ("ascii smiley then initials", "Hope that helps :) ^JD"),
    ("initials then ascii smiley", "Thanks for waiting ^JD :)"),
    ("cheers name smiley", "It's been rebooked for Tuesday. Cheers, Priya :)"),
    ("dash space initials", "We'll look into it. - JD"),
    ("initials full stop", "Sorted now ^JD."),
    ("take care name", "Hope you feel better soon. Take care, Ana"),
    ("speak soon newline", "We'll ring you on Monday.\nSpeak soon,\nLiam"),
    ("name surname title lines",
     "We've reissued the invoice.\n\nKind regards\n\nMaria Lopez\nCustomer Support Advisor"),
    ("name then team after thanks",
     "We've credited your account.\n\nThanks!\n\nLiam\nAcme Customer Care"),
    ("name, title, company lines",
     "We'll call you back.\nSarah Jones\nSenior Support Specialist\nAcme Ltd"),
    ("name then kiss", "Any more questions, just let us know. Jess x"),
    ("two agents", "Thanks for your patience! ^JD ^AB"),
    ("short name after dash", "ty! -Mo"),
    ("initials, counter after", "We'll check it now -JD 2/2"),
    ("initials, hashtag next line", "We'll chase it ^JD\n#AcmeCares"),
    ("spaced tilde, sparkle", "Thanks so much! ~ Ellie ✨"),
    ("name, emoji, link", "Thanks! – Aoife 💚 https://example.com"),
    ("german closing", "Ihre Bestellung ist unterwegs.\nViele Grüße\nJonas"),
    ("spanish closing lines", "Ya lo hemos solucionado.\nSaludos cordiales,\nJavier"),
    ("gracias name", "Ya está enviado. Gracias, Lucia"),
    ("only a sign-off", "^JD (1/2)"),
    ("name with team in brackets", "Yes, it's included – Hana (Acme Care)"),
    ("emoji with skin tone", "Thanks for your patience 🙏🏽 -Kat"),
    ("sign-off on its own line", "Happy to help! 😊\n^JD"),
    ("bare name after emoji", "Let us know if it works ✌️ Dan"),
    ("west african name", "Thanks for sticking with us. – Ngozi"),
]

UNSIGNED = [
    # brand or team sign-offs: nobody in particular helped
    ("dash brand support", "Please DM us your order number. - Acme Support"),
    ("the brand team", "We're sorry for the delay. The Acme Team"),
    ("thanks brand support", "We're looking into it now. Thanks, Acme Support"),
    ("regards customer service", "We've logged your complaint. Regards, Customer Service"),
    ("kind regards team lines", "We've refunded the charge.\n\nKind regards,\nThe Acme Team"),
    ("dash customer care team", "Sorry for the trouble. - Customer Care Team"),
    # bare markers
    ("lone caret", "Let us know how you get on! ^"),
    ("lone dash", "Thanks for the heads up. -"),
    ("lone caret then emoji", "Thanks for waiting ^ 😊"),
    # the customer's name, not the agent's
    ("vocative customer name", "Thanks for waiting, Sarah!"),
    ("hi name at the end", "Glad to hear it's working again, Tom."),
    # ordinary capitalised last words
    ("weekday", "We'll have it with you on Monday"),
    ("payment brand", "You can pay for that order via PayPal"),
    ("city", "Our flagship store is in London"),
    ("month", "The new range launches in September."),
    ("product name", "That feature is only on the Pro plan."),
    ("closing word after question", "Have you tried turning it off and on again? Thanks"),
    ("cheers alone", "Let us know how you get on! Cheers"),
    ("enjoy alone", "You're welcome! Enjoy"),
    ("welcome alone", "No problem at all! Welcome"),
    ("capitalised abbreviation", "Your item will be delivered by DHL"),
    ("size letter", "That jacket is back in stock in size M"),
    # placeholders and trailing decoration only
    ("placeholder agent", "Thanks for your patience! ^[AGENT]"),
    ("hashtag only", "Thanks for shopping with us! #AcmeCares"),
    ("emoji only", "We hope that helps! 😊🙏"),
    ("link only", "Here's the guide: https://example.com/help"),
    ("handle at the end", "Please DM our care team @AcmeHelp"),
    ("counter only", "Send us a DM and we'll look into it. 2/2"),
    # more second-round cases
    ("dash support", "Sorry! - Support"),
    ("caret team", "Sorry for the wait! ^Team"),
    ("love team brand", "Thanks for being with us! Love, Team Acme ❤️"),
    ("regards the support team", "We've passed it on.\n\nRegards,\nThe Support Team"),
    ("regards role only", "We've passed it on.\nRegards,\nSupport Advisor"),
    ("thanks then team line", "We're on it.\nThanks,\nAcme Support"),
    ("team line after sentence", "Sorry about that!\n\nAcme Support"),
    ("dash the team", "Thanks for your patience! -The Team"),
    ("store name", "You can download it on the App Store"),
    ("browser", "It works best using Chrome"),
    ("greeting", "Happy New Year!"),
    ("city after exclamation", "See you in Paris!"),
    ("thanks after exclamation", "Let us know! Thanks"),
    ("vocative after comma", "Have a great day, Emma!"),
    ("DM as capitals", "Sorry! Send us a DM"),
    ("ASAP", "We'll reply ASAP"),
    ("OK question", "Is that OK?"),
    ("country abbreviation", "That's only available in the UK"),
    ("kiss only", "Love you too x"),
    ("dash ok", "Sorry it's broken - ok"),
    ("chat abbreviation after dash", "Thanks for waiting, DM us - lmk"),
]


@pytest.mark.parametrize(("reason", "reply"), SIGNED, ids=[c[0] for c in SIGNED])
def test_signed_reply_is_quiet(reason: str, reply: str) -> None:
    assert not fires(reply), reason


@pytest.mark.parametrize(("reason", "reply"), UNSIGNED, ids=[c[0] for c in UNSIGNED])
def test_unsigned_reply_fires(reason: str, reply: str) -> None:
    assert fires(reply), reason


BRANDED = Config(select=("SIG001",), signature=SignaturePolicy(brand_names=("Acme",)))


@pytest.mark.parametrize("reply", [
    "Thanks for flagging this. ^Acme",
    "Sorry about the wait -Acme",
    "We'll fix it today. Thanks, Acme",
])
def test_configured_brand_after_marker_fires(reply: str) -> None:
    assert fires(reply, BRANDED)
