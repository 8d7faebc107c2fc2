"""PLH001 hard cases written by a reviewer who had read only the label definitions.

Template slots left in a reply must fire; brackets, braces, dollars and X runs that
a customer is meant to read (masked card digits, markdown links, prices, button
names, emoticons, code) must stay quiet.
"""

from __future__ import annotations

import pytest

from linter import Config, lint

PLH = Config(select=("PLH001",))


def fires(reply: str) -> bool:
    return any(d.code == "PLH001" for d in lint(reply, None, PLH))


UNFILLED = [
    ("square customer name", "Hi [Customer Name], your order has shipped! ^JD"),
    ("double-brace first name", "Hi {{first_name}}, thanks for getting in touch. -Sam"),
    ("double-brace dotted", "Hello {{ customer.first_name }}, your refund is on its way."),
    ("angle NAME", "Dear <NAME>, we have received your complaint."),
    ("XXXX tracking", "Your tracking number is XXXX, it should arrive tomorrow."),
    ("XXXX case", "I've opened case XXXX for you and a manager will call."),
    ("dollar AGENT", "Sorry for the wait! Thanks, $AGENT"),
    ("percent NAME", "Hello %NAME%, your booking is confirmed."),
    ("single-brace name", "Hi {name}, we've fixed the issue on your account."),
    ("insert link", "You can reset your password here: [INSERT LINK]"),
    ("dear lowercase name", "Dear [name],\n\nThank you for your patience."),
    ("first name caps", "Thanks [FIRST NAME]! We'll be in touch."),
    ("case number slot", "Your reference is [CASE NUMBER], please quote it when you call."),
    ("agent name after dash", "We'll look into this today. - [Agent Name]"),
    ("dollar-brace variable", "Hi ${firstName}, your parcel left our depot."),
    ("double angle", "Hi <<Name>>, thanks for your order."),
    ("order number XXXXX", "Order #XXXXX has been cancelled and refunded."),
    ("phone of Xs", "Please call us on XXX-XXX-XXXX between 9 and 5."),
    ("insert date", "Your new delivery date is [insert date]."),
    ("bare customer slot", "Hi [Customer], thanks for waiting!"),
    ("snake-case slot", "Hi [customer_name], your order shipped."),
    ("mailchimp merge tag", "Hi *|FNAME|*, welcome to the club!"),
    ("single-brace caps", "Hi {FIRST_NAME}, welcome back!"),
    ("angle customer", "Hi <customer>, sorry for the wait."),
    ("order hash slot", "Your order [ORDER #] is on the way."),
    ("date of Xs", "Delivery is booked for XX/XX/XXXX."),
    ("price of Xs", "Your refund of £XX.XX has been issued."),
    ("duration of Xs", "It will take XX working days to arrive."),
    ("bare NAME after greeting", "Hi NAME, your order has shipped."),
    ("link slot", "Use [link] to reset your password."),
]

FILLED = [
    ("masked card digits", "The card ending XXXX1234 was charged twice, we'll refund one."),
    ("masked card groups", "We can see a payment from XXXX-XXXX-XXXX-4821 on the 3rd."),
    ("sic in a quote", "Your message said it was 'definately' [sic] delivered, sorry!"),
    ("markdown link", "You can change it [here](https://example.com/settings). ^JD"),
    ("heart emoticon", "We love hearing this <3 ^JD"),
    ("price in dollars", "The upgrade is $5 a month and you can cancel anytime."),
    ("price range", "Plans start at $10 and go up to $25."),
    ("percent off", "Use the code for 20% off your next order!"),
    ("empty braces in code", "Set the value to `{}` in the config file and restart."),
    ("button names", "Tap [Settings] then [Privacy] to turn it off."),
    ("clothing size", "The XXL is back in stock in blue and black."),
    ("thread counter", "(1/2) We've checked your order and it left today."),
    ("angle arrow", "Go to Settings -> Account <- then Sign out."),
    ("less than", "Orders placed before 2pm and < 2kg ship the same day."),
    ("bracketed aside", "The store [on High Street] has it in stock."),
    ("filled greeting", "Hi Maria, your order has shipped! ^JD"),
    ("hashtag dollar", "We'll match the price, just pay $AUD 12 in store."),
    ("kisses", "Love you too xxx"),
    ("clothing size XS", "Size XS is back in stock."),
    ("Xbox", "It's on Xbox and PlayStation."),
    ("windows folder", "Delete the folder in %APPDATA%\\Acme and restart."),
    ("windows temp", "Open %TEMP% and clear everything in it."),
    ("key name", "Press <Enter> to continue."),
    ("key combo", "Press <Ctrl>+<Alt>+<Del> and open Task Manager."),
    ("key caps", "Press <ENTER> twice."),
    ("update tag", "[UPDATE] The outage is fixed."),
    ("footnote", "See the terms [1] for details."),
    ("windows XP", "It runs on Windows XP and later."),
    ("stars mask", "Your card ending ****1234 was charged."),
    ("spaced mask", "Card: XXXX XXXX XXXX 4821"),
    ("markdown link named link", "Reset it via this [link](https://example.com)."),
    ("menu path step", "Tap Settings > [your name] > iCloud and turn on Contacts."),
    ("escaped menu path", "Go to Settings &gt; [your name] &gt; Password &amp; Security."),
    ("arrow menu path", "Open Settings → [your name] → Subscriptions."),
    ("env var in path", "Look in C:\\Users\\%USERNAME%\\Documents for the file."),
]


@pytest.mark.parametrize(("reason", "reply"), UNFILLED, ids=[c[0] for c in UNFILLED])
def test_unfilled_placeholder_fires(reason: str, reply: str) -> None:
    assert fires(reply), reason


@pytest.mark.parametrize(("reason", "reply"), FILLED, ids=[c[0] for c in FILLED])
def test_lookalike_is_quiet(reason: str, reply: str) -> None:
    assert not fires(reply), reason
