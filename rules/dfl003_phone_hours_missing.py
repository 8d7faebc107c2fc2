"""DFL003 phone-hours-missing."""

from __future__ import annotations

from collections.abc import Iterator

from linter.config import Config
from linter.diagnostic import Edit, Finding, Fix, Severity
from linter.reply import Reply

from ._phone import Span, compile_all, gives_hours_for, phone_lines
from .base import Example, Rule


class PhoneHoursMissing(Rule):
    """
    ## What it does
    Finds replies that send the customer to a phone line without saying when it is open:
    no times ("8am-8pm ET", "07:30-20:00"), no days ("Mon-Fri", "M-F") and no "24/7" or
    "anytime". Configure `[phone]` in replylint.toml: `hours = "8am-8pm ET, Mon-Fri"` puts
    your hours in the message and the fix; `open_24_7 = true` (a line that never closes) or
    `hours_required = false` silence the rule.

    ## Why is this bad?
    A customer who calls at the wrong time gets a closed line or a recorded message, and
    comes back angrier. Saying when the line is open costs a few characters.

    ## Example
    ```
    Please give us a call at 1-800-555-0142 to assist you further.
    ```

    ## Use instead
    ```
    Please give us a call at 1-800-555-0142 (8am-8pm ET, Mon-Fri) to assist you further.
    ```
    """

    code = "DFL003"
    name = "phone-hours-missing"
    summary = "A phone line is given without saying when it is open."
    default_severity = Severity.INFO
    label = None  # scored as phone_deflection and not phone_hours_given
    uses = ("phone",)
    bad_examples = (
        Example("Please contact our Online Support Team at 888 555 0184 for further help."),
        Example("Give us a ring on 0800 555 0123 and we'll sort it."),
    )
    good_examples = (
        Example("Please give us a call at 1-800-555-0142 (8a-5p PT, M-F)."),
        Example("Our team is available 24/7 at +44 20 5555 0100."),
        Example("Call us anytime at 1-800-555-0199 and we'll help."),
        Example("Sorry for the wait! We've fixed the double charge on your card. ^JD"),
    )

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        compile_all()
        policy = config.phone
        self._enabled = policy.hours_required and not policy.open_24_7
        self._hours = policy.hours.strip()

    def check(self, reply: Reply) -> Iterator[Finding]:
        if not self._enabled:
            return
        text = reply.text
        lines = phone_lines(text, reply.lower, reply.framing.body_start)
        if not lines or any(gives_hours_for(text, line) for line in lines):
            return
        line = next((s for s in lines if s.kind == "number"), lines[0])
        yield Finding(line.start, line.end, self._message(), self._fix(line))

    def _message(self) -> str:
        if self._hours:
            return ("Phone line given without its opening hours: add when it is open "
                    f"({self._hours}).")
        return ("Phone line given without its opening hours: say when it is open "
                "(\"8am-8pm ET, Mon-Fri\", \"24/7\").")

    def _fix(self, line: Span) -> Fix | None:
        if not self._hours or line.kind != "number":
            return None
        return Fix(f"Add the opening hours ({self._hours})",
                   (Edit(line.end, line.end, f" (open {self._hours})"),), safe=False)
