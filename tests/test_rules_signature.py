"""SIG001 missing-signature: which endings sign a reply, the fix, and the config switches."""

from __future__ import annotations

import pytest

from linter import Config, apply_edits, lint
from linter.config import SignaturePolicy

SIG = Config(select=("SIG001",))


def sig_findings(reply: str, customer: str | None = None, config: Config = SIG) -> list:
    return [d for d in lint(reply, customer, config) if d.code == "SIG001"]


SIGNED = [
    # markers with initials or names
    "Your refund was issued today. ^JD",
    "We've reset the router remotely. *TKR",
    "Let us know how it goes /SM",
    "Happy to help! ~Sam",
    "Your order ships Monday. – Sarah",
    "Sorry for the wait! -Becky",
    "We'll chase the courier today. ^kc",
    "Please try again now.-Ed",
    "Thank you and have a great day-Mariya",
    "Have a great day- Mi",
    "Thanks for waiting!--KR",
    "We'll pass it on to the team 🙂/TB",
    "Thanks for the shout out 😉-Jazz",
    "Apologies again. ^AM",  # initials that spell a word are still initials
    "Good catch, fixed now. ^HD",
    "Thank you for choosing us. -CO",
    # closings with a name
    "We'll look into it and get back to you. Regards, Vicky",
    "The store has been told. Thanks, Tom from Acme",
    "We've raised it with the depot. Regards,\nYogita",
    "Please check your inbox. Thanks-Sha",
    "The flight is fully booked today. Sorry-Mi",
    "That one is out of stock. Thanks James.",
    "We've let the supplier know. Thanks, Rahul - Acme Social Media Support.",
    # a bare first name standing alone as the last words
    "Have you tried another browser? Lewis",
    "I'll look into this for you. Steven",
    "We've updated the booking for you =) Yana",
    "Apologies for the delay on that journey. Phil.",
    # what may follow a sign-off
    "Try the steps here ^JD https://example.com/help",
    "Sorry about that. -Becky https://example.com/status #outage",
    "We're on it! ^JD 🙂🎉",
    "Have a lovely weekend /LP 😊",
    "That's the last of the steps. ^Anoop 2/2",
    "Stray dot after the initials ^AP .",
    "Sorry for the inconvenience. - Aaron (3/3)",
    # a merged thread signs each part, even out of order
    "First part of the answer. 1/2 ^AB\n@115712 Second part of the answer. 2/2 ^AB",
    "We don't set an age limit there. TY - Mike 2/2\n"
    "@115712 Hi Matt, the bays are for families. 1/2",
]

UNSIGNED = [
    "Your refund was issued today.",
    "Sorry about the delay! - Acme Support",
    "Thanks for your patience. The Acme Team",
    "We've passed this on. They're open 07:30-20:00^",  # a lone ^ is not a signature
    "Let us know if you have any questions -",
    "We're glad you liked it. Thanks!",
    "Let us know how the new phone works out. Enjoy",
    "You can download it from the App Store. Apple",
    "Your show is back on tomorrow. Netflix",
    "Which version of the app are you on, Dana?",
    "We love your dedication, Elizabeth!",  # the customer's name, not a sign-off
    "See us soon for yours, Mel.",
    "Breakfast with you is the best, Hannah.",
    "Hi Dana, thanks for the photos. We'll replace it today. Dana",  # named earlier
    "Please use the Wi-Fi",
    "You can switch to T-Mobile",
    "Check the steps here https://example.com/help",
    "Signed in an earlier part only. 1/2 ^AB\n@115712 The part that ends it. 2/2",
    "Part three is signed. Regards, Vicky 3/3 https://t.co/Abc123\n"
    "@115712 We're awaiting your response. Rgds, Idea Care",
    "🎉",
]


@pytest.mark.parametrize("reply", SIGNED)
def test_signed_replies_are_quiet(reply: str) -> None:
    assert sig_findings(reply) == []


@pytest.mark.parametrize("reply", UNSIGNED)
def test_unsigned_replies_fire(reply: str) -> None:
    assert len(sig_findings(reply)) == 1


def test_brand_named_by_the_customers_handle_is_not_a_person() -> None:
    reply = "Your account is fixed now. -Zingo"
    assert sig_findings(reply) == []
    assert len(sig_findings(reply, customer="@ZingoSupport my account is locked")) == 1


def test_span_is_the_last_word_of_the_body_not_the_whole_reply() -> None:
    reply = "@115712 Your refund was issued today. https://example.com/r"
    [finding] = sig_findings(reply)
    assert reply[finding.start:finding.end] == "today."
    assert finding.severity.value == "warning"


def test_fix_appends_the_agent_before_the_trailing_link() -> None:
    config = Config(select=("SIG001",), signature=SignaturePolicy(agent="^JD"))
    reply = "@115712 Your refund was issued today. https://example.com/r #refunds"
    [finding] = sig_findings(reply, config=config)
    assert finding.fix is not None and finding.fix.safe
    fixed = apply_edits(reply, finding.fix.edits)
    assert fixed == "@115712 Your refund was issued today. ^JD https://example.com/r #refunds"
    assert sig_findings(fixed, config=config) == []


def test_fix_goes_before_a_thread_counter() -> None:
    config = Config(select=("SIG001",), signature=SignaturePolicy(agent="- Sam"))
    reply = "That's everything you need. 2/2"
    [finding] = sig_findings(reply, config=config)
    assert apply_edits(reply, finding.fix.edits) == "That's everything you need. - Sam 2/2"


def test_without_an_agent_there_is_no_fix_and_the_message_says_how_to_get_one() -> None:
    [finding] = sig_findings("Your refund was issued today.")
    assert finding.fix is None
    assert "agent" in finding.message and "[signature]" in finding.message


def test_required_false_silences_the_rule() -> None:
    config = Config(select=("SIG001",), signature=SignaturePolicy(required=False))
    assert sig_findings("Your refund was issued today.", config=config) == []


def test_chat_channel_does_not_require_signatures() -> None:
    config = Config.for_channel("chat").narrowed(select=("SIG001",))
    assert sig_findings("Your refund was issued today.", config=config) == []


def test_extra_forms_count_as_a_signature() -> None:
    reply = "Your refund was issued today. [agent 42]"
    assert len(sig_findings(reply)) == 1
    config = Config(select=("SIG001",),
                    signature=SignaturePolicy(forms=(r"\[agent \d+\]",)))
    assert sig_findings(reply, config=config) == []


def test_brand_names_are_never_a_person() -> None:
    reply = "Your parcel is out for delivery. - Zingo"
    assert sig_findings(reply) == []  # an unknown capitalised word after a dash: a name
    config = Config(select=("SIG001",), signature=SignaturePolicy(brand_names=("Zingo",)))
    assert len(sig_findings(reply, config=config)) == 1
    # The brand may still follow the person's name.
    assert sig_findings("Your parcel is out. Thanks, Tom from Zingo", config=config) == []


# Every closing `_VALEDICTION_SIGNATURE` accepts, as written in a reply.
CLOSINGS = [
    "Kind regards", "Kindest regards", "Best regards", "Warm regards", "Warmest regards",
    "Regards", "Rgds", "BR", "Many thanks", "Thanks", "Thanks again", "Thank you", "Thx", "Ty",
    "Cheers", "Best", "Best wishes", "All the best", "Sincerely", "Yours truly", "Take care",
    "Talk soon", "Saludos", "Un saludo", "Saludos cordiales", "Atentamente", "Gracias",
    "Cordialement", "Merci", "Grüße", "Viele Grüße", "Liebe Gruesse", "Beste Grüsse",
    "Freundliche Grüße", "Mit freundlichen Grüßen", "Groeten", "Met vriendelijke groeten",
    "Groetjes", "Saluti", "Cordiali saluti", "Cumprimentos", "Abraço", "Abraços", "Obrigado",
    "Obrigada",
]


def _valediction_tails() -> list[str]:
    tails = []
    for closing in CLOSINGS + ["Sorry", "Apologies", "Thank", "Terima kasih"]:
        for written in (closing, closing.lower(), closing.upper()):
            for sign in (", Vicky", " - Nod", ":\nMaria Lopez", ",Tom from Acme",
                         " – Jo (Acme Care)", "-Mi", ", vicky", "!", ""):
                for before in ("", "We fixed it. ", "the best ", "Thanks!\n", "ſorry İt, "):
                    tails.append(before + written + sign)
    return tails


def test_valediction_search_finds_what_the_pattern_finds() -> None:
    """The closing pattern is tried only where a closing word starts: the same matches."""
    from rules.sig001_missing_signature import _VALEDICTION_SIGNATURE, _valediction_search

    found = 0
    for tail in _valediction_tails():
        expected = _VALEDICTION_SIGNATURE.search(tail)
        got = _valediction_search(tail)
        assert (got and (got.span(), got.groupdict())) == (
            expected and (expected.span(), expected.groupdict())), tail
        found += expected is not None
    assert found > 500
