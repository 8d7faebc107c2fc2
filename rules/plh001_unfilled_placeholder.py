"""PLH001 unfilled-placeholder."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from linter.diagnostic import Edit, Finding, Fix, Severity
from linter.reply import Reply

from .base import Example, Rule

# Words that open a template slot: [Customer Name], <first name>, [insert link].
_SLOT = (r"(?:customer|client|first|last|agent|your|insert|user|order|account|case|ticket|name"
         r"|date|time|number|product|store|city|link|url|email|phone|signature)")

# The variable names a single-brace template uses: {name}, {first_name}, {order_id}.
_BRACED = (r"(?:first_?name|last_?name|name|customer(?:_?name)?|agent(?:_?name)?"
           r"|order_?(?:id|number)|case_?(?:id|number)|ticket_?(?:id|number))")

# Names written in angle brackets or percent signs that are not slots: keys to press
# ("<Enter>", "<CTRL>") and Windows folders ("%APPDATA%\\Acme").
_KEYS = r"(?:ENTER|RETURN|CTRL|CONTROL|ALT|DEL|DELETE|SHIFT|TAB|ESC|SPACE|HOME|END|CMD|WIN|FN)"
_ENV_VARS = (r"(?:APPDATA|LOCALAPPDATA|TEMP|TMP|USERPROFILE|PROGRAMFILES|PROGRAMDATA|WINDIR"
             r"|SYSTEMROOT|SYSTEMDRIVE|HOMEPATH|HOMEDRIVE|PATH|COMPUTERNAME|ALLUSERSPROFILE)")

# [Customer Name], {{first_name}}, {name}, <NAME>, <<agent>>, %FIRSTNAME%, $AGENT, XXXX,
# *|FNAME|*, £XX.XX, "XX days".
_PLACEHOLDER = re.compile(
    rf"""
      \[\s*{_SLOT}[\w .'#-]{{0,30}}\](?!\()  # not a markdown link: [link](https://...)
    | \{{\{{\s*[\w.\s-]{{1,40}}\}}\}}
    | \{{\s*{_BRACED}\s*\}}
    | <{{1,2}}\s*(?:(?-i:(?!{_KEYS}\s*>)[A-Z][A-Z_ ]{{2,30}})|{_SLOT}[\w ]{{0,30}})\s*>{{1,2}}
    | (?<!\\)%(?!{_ENV_VARS}%)[A-Z][A-Z_]{{2,30}}%(?!\\)
    | \$(?:AGENT|NAME|FIRST_?NAME|CUSTOMER|CUSTOMER_?NAME|ORDER|SIGNATURE)\b
    | \*\|[A-Z_:]{{2,30}}\|\*
    | \b(?:X{{4,}}|x{{4,}})\b
    | (?-i:[£$€]\s?X{{2,}}(?:[.,]X{{2}})?\b)
    | (?-i:\bX{{2,3}}(?=\s+(?:working\s+|business\s+)?(?:days?|hours?|minutes?|weeks?|months?)\b))
    | (?-i:(?=[NFC])(?:(?<=\bHi\s)|(?<=\bHey\s)|(?<=\bDear\s)|(?<=\bHello\s))
           (?:NAME|FNAME|FIRSTNAME|FIRST_NAME|CUSTOMER)\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Every placeholder above holds one of these characters or strings ("*|" holds "|"; a run
# of four x's in any case holds "XX", "xX", "Xx" or "xxxx"), and most replies hold none.
# Single-character `in` tests run at memchr speed: spelled out like this, the test is
# several times cheaper than one regex (a character class or an alternation) over the reply.
def _may_hold_placeholder(text: str) -> bool:
    return ("[" in text or "{" in text or "<" in text or "%" in text or "$" in text
            or "|" in text or "£" in text or "€" in text
            or ("X" in text and ("XX" in text or "xX" in text or "Xx" in text))
            or "xxxx" in text
            or ("M" in text and ("NAME" in text or "CUSTOMER" in text)))


# A step of a menu path ("Settings > [your name] > iCloud") tells the customer what to
# tap; it is written that way on purpose.
_PATH_BEFORE = re.compile(r"(?:>|&gt;|›|»|→)\s*\Z")
_PATH_AFTER = re.compile(r"\s*(?:>|&gt;|›|»|→)")

# XXXX is also how agents mask digits they have redacted on purpose ("card ending XXXX1234",
# "XXXX XXXX XXXX 4821").
_MASKED_DIGITS = re.compile(r"(?:[Xx*]{4,}[-\s]?)+\d{2,}|\d{2,}(?:[-\s]?[Xx*]{4,})+")
# Only a match made of these characters can lie inside a masked number.
_MASKABLE = re.compile(r"[Xx*\-\s\d]+")


class UnfilledPlaceholder(Rule):
    """
    ## What it does
    Finds template placeholders left in the reply: `[Customer Name]`, `{{first_name}}`,
    `<NAME>`, `%FIRSTNAME%`, `$AGENT`, `*|FNAME|*`, `XXXX`, `£XX.XX`. Masked card digits
    (`XXXX1234`), markdown links, key names (`<Enter>`) and Windows folders (`%APPDATA%`)
    are not placeholders.

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
    uses = ()
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

    def check(self, reply: Reply) -> Iterable[Finding]:
        # Not a generator itself: the common reply returns before one is created.
        if not _may_hold_placeholder(reply.text):
            return ()
        return self._placeholders(reply.text)

    def _placeholders(self, text: str) -> Iterator[Finding]:
        masked: list[tuple[int, int]] | None = None  # found only when a match could be masked
        for match in _PLACEHOLDER.finditer(text):
            start, end = match.span()
            if _MASKABLE.fullmatch(match.group()):
                if masked is None:
                    masked = [m.span() for m in _MASKED_DIGITS.finditer(text)]
                if any(s <= start and end <= e for s, e in masked):
                    continue
            if _PATH_BEFORE.search(text, max(0, start - 6), start) or _PATH_AFTER.match(text, end):
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
