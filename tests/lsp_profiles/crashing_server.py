"""The real server, with PLH001 made to crash on replies containing 💥.

Used by tests/test_lsp_server.py to check that an exception inside a rule
becomes a message to the user while every other rule keeps reporting.
"""

from __future__ import annotations

from rules.plh001_unfilled_placeholder import UnfilledPlaceholder

_original_check = UnfilledPlaceholder.check


def _check(self, reply):  # type: ignore[no-untyped-def]
    if "💥" in reply.text:
        raise RuntimeError("kaboom")
    return _original_check(self, reply)


UnfilledPlaceholder.check = _check  # type: ignore[method-assign]

if __name__ == "__main__":
    from lsp_server.server import main

    main()
