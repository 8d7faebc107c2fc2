"""PLH001 unfilled-placeholder."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.diagnostic import Edit, Finding, Fix, Severity
from linter.reply import Reply

from .base import Example, Rule

# [Customer Name], {{first_name}}, {name}, <NAME>, <<agent>>, %FIRSTNAME%, $AGENT, XXXX.
_PLACEHOLDER = re.compile(
    r"""
      \[\s*(?:customer|client|first|last|agent|your|insert|user|order|account|case|ticket|name|date|time|number|product|store|city|link|url|email|phone|signature)[\w .'-]{0,30}\]
    | \{\{\s*[\w.\s-]{1,40}\}\}
    | \{\s*(?:first_?name|last_?name|name|customer(?:_?name)?|agent(?:_?name)?|order_?(?:id|number)|case_?(?:id|number)|ticket_?(?:id|number))\s*\}
    | <{1,2}\s*(?:[A-Z][A-Z_ ]{2,30}|(?:customer|first|agent|your)[\w ]{0,30})\s*>{1,2}
    | %[A-Z][A-Z_]{2,30}%
    | \$(?:AGENT|NAME|FIRST_?NAME|CUSTOMER|CUSTOMER_?NAME|ORDER|SIGNATURE)\b
    | \b(?:X{4,}|x{4,})\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

# XXXX is also how agents mask digits they have redacted on purpose ("card ending XXXX1234").
_MASKED_DIGITS = re.compile(r"[Xx*]{4,}[-\s]?\d{2,}|\d{2,}[-\s]?[Xx*]{4,}")


class UnfilledPlaceholder(Rule):
    """
    ## What it does
    Finds template placeholders left in the reply: `[Customer Name]`, `{{first_name}}`,
    `<NAME>`, `%FIRSTNAME%`, `$AGENT`, `XXXX`.

    ## Why is this bad?
    A placeholder tells the customer, in public, that they got a form letter that
    nobody read before sending. It is the most embarrassing kind of canned reply.

    ## Example
    ```
    Hi [Customer Name], thanks for your patience while we look into this. ^JD
    ```

    ## Use instead
    ```
    Hi Dana, thanks for your patience while we look into the missing refund. ^JD
    ```
    """

    code = "PLH001"
    name = "unfilled-placeholder"
    summary = "A template placeholder ([Customer Name], {{first_name}}, XXXX) was left in."
    default_severity = Severity.ERROR
    label = "unfilled_placeholder"
    bad_examples = (
        Example("Hi [Customer Name], your refund has been issued today. ^JD"),
        Example("Hello {{first_name}}! The replacement ships Monday. -Sam"),
        Example("Your case number is XXXX, we'll email you shortly. ^AB"),
        Example("Thanks for waiting, $AGENT will follow up on the billing error."),
    )
    good_examples = (
        Example("Hi Dana, your refund for the blue kettle was issued today. ^JD"),
        Example("The card ending XXXX1234 was charged twice; we've reversed one charge. ^JD"),
        Example("Please DM us [we can't see order details here] and we'll check. -Sam"),
    )

    def check(self, reply: Reply) -> Iterator[Finding]:
        text = reply.text
        masked = [m.span() for m in _MASKED_DIGITS.finditer(text)]
        for match in _PLACEHOLDER.finditer(text):
            start, end = match.span()
            if any(s <= start and end <= e for s, e in masked):
                continue
            yield Finding(
                start, end,
                f"Unfilled placeholder '{match.group()}': replace it with the real value "
                "before sending.",
                _removal(text, start, end))


def _removal(text: str, start: int, end: int) -> Fix:
    """Delete the placeholder and the space before it: "Hi [Name], thanks" -> "Hi, thanks"."""
    if start > 0 and text[start - 1] == " ":
        start -= 1
    elif end < len(text) and text[end] == " ":
        end += 1
    return Fix("Remove the placeholder", (Edit(start, end, ""),), safe=False)
