"""DFL001 bare-phone-deflection."""

from __future__ import annotations

from collections.abc import Iterator

from linter.config import Config
from linter.diagnostic import Finding
from linter.reply import Reply

from ._phone import (
    acknowledges_issue,
    compile_all,
    offers_help_here,
    phone_lines,
    requested_channels,
)
from .base import Example, Rule


class BarePhoneDeflection(Rule):
    """
    ## What it does
    Finds replies that send the customer to a phone line and nothing else: the reply neither
    names the customer's issue nor offers to keep helping on this channel ("let us know",
    "DM us", "reply here"). The number is thrown out for the customer to navigate alone.

    When the customer's message is known, the reply acknowledges it by sharing its substance
    (a product, fault or step the customer named); when it is not, by naming a concrete
    product, fault or step itself. A team's name ("our baggage team") is not acknowledgement.

    ## Why is this bad?
    A bare number reads as "not our problem here". The customer has to call, wait, and
    explain everything again, with no sign anyone read their message and no way back if
    the call goes nowhere.

    ## Example
    ```
    Please give us a call at 1-800-555-0142 to assist you further.
    ```

    ## Use instead
    ```
    Sorry your card was declined twice! Please call 1-800-555-0142 (8am-8pm ET) so we can
    unlock it, or DM us and we'll start from here.
    ```
    """

    code = "DFL001"
    name = "bare-phone-deflection"
    summary = "A phone line is given with no acknowledgement of the issue and no offer to help."
    label = "bare_phone_deflection"
    uses = ()
    bad_examples = (
        Example("Please give us a call at 1-800-555-0142 to assist you further."),
        Example("Our baggage team can be reached directly at 1-800-555-0199. *BB"),
        Example("We're sorry we can't help, but their number is 0344 555 0787.",
                customer="Five people have told me five different things about my holiday."),
    )
    good_examples = (
        Example("Sorry your card was declined twice; please call 1-800-555-0142 so we can "
                "unlock it, or DM us."),
        Example("Please call us at 1-800-555-0142 (8a-5p PT, M-F). Let us know if you need "
                "anything else!"),
        Example("The replacement cartridge is covered: call HP phone support on 0800 555 0110.",
                customer="My new ink cartridge doesn't work and the shop won't refund it."),
        Example("Sure, it's 1-800-555-0142.", customer="What's your phone number?"),
    )

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        compile_all()

    def check(self, reply: Reply) -> Iterator[Finding]:
        text = reply.text
        lines = phone_lines(text, reply.lower, reply.framing.body_start)
        if not lines:
            return
        asked = requested_channels(reply.customer)
        if "phone" in asked or "any" in asked:
            return  # they asked for the number: giving it is the answer
        if offers_help_here(text) or acknowledges_issue(text, reply.customer):
            return
        line = next((s for s in lines if s.kind == "number"), lines[0])
        yield Finding(
            line.start, line.end,
            "Phone line given with nothing else: name the customer's problem (\"so we can "
            "unlock your card\") and offer to keep helping here (\"or DM us\", \"let us know "
            "how the call goes\").")
