"""The pre-send verdict a compose tool acts on: send, confirm (ask the agent) or block."""

from __future__ import annotations

from collections.abc import Iterable

from .config import Config
from .diagnostic import Diagnostic, Severity

SEND, CONFIRM, BLOCK = "send", "confirm", "block"


def verdict(diagnostics: Iterable[Diagnostic], config: Config) -> str:
    """`block` if any finding blocks (error severity, or a rule in `[presend] block`),
    `confirm` if any warning remains, else `send`. Info findings never stop a send."""
    result = SEND
    for diagnostic in diagnostics:
        if config.blocks(diagnostic.code, diagnostic.name, diagnostic.severity):
            return BLOCK
        if diagnostic.severity is Severity.WARNING:
            result = CONFIRM
    return result
