"""What every rule is: a code, a kebab-case name, a docstring that is its documentation,
good and bad examples that the tests run, and a `check` that yields findings."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from linter.config import Config
from linter.diagnostic import Finding, Severity
from linter.reply import Reply


@dataclass(frozen=True, slots=True)
class Example:
    """A reply (and optionally the customer message it answers) for docs and tests."""

    reply: str
    customer: str | None = None


class Rule:
    """Base class. Subclasses set the class attributes and implement `check`.

    A rule is built once per configuration (`__init__` compiles what the config
    asks for) and then called on many replies, so `check` must not keep state.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]  # one line for `replylint rules`
    default_severity: ClassVar[Severity] = Severity.WARNING
    label: ClassVar[str | None] = None  # the dev-label field it is scored against
    bad_examples: ClassVar[tuple[Example, ...]] = ()
    good_examples: ClassVar[tuple[Example, ...]] = ()
    # The Config sections `__init__` reads ("signature", "canned", ...). A built rule is
    # shared by every config that agrees on them, so a new agent's sign-off rebuilds
    # only the signature rule. None: the rule depends on the whole config.
    uses: ClassVar[tuple[str, ...] | None] = None

    def __init__(self, config: Config) -> None:
        # Deliberately not stored: a built rule may be shared by several configs
        # (see `uses`); `check` reads per-reply settings from `reply.config`.
        pass

    def check(self, reply: Reply) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def documentation(cls) -> str:
        """The user-facing doc: the class docstring, dedented."""
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def doc_url(cls) -> str:
        return f"https://replylint.invalid/rules/{cls.code}"
