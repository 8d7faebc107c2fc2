"""The social framing of a reply: leading @handles and the trailing tail are not its words."""

from __future__ import annotations

import pytest

from linter.reply import frame


@pytest.mark.parametrize(("text", "body"), [
    ("@a_b @c Thanks so much! ^JD 😀😀 https://t.co/x #Help 1/2", "Thanks so much! ^JD"),
    ("Hi there!😀", "Hi there!"),
    ("All fixed -Sam :)", "All fixed -Sam"),
    ("Fine (2/2)\n\nhttps://example.com/help  ", "Fine"),
    ("@x", ""),
    ("   ", ""),
    ("Your refund is on its way. #AcmeCares", "Your refund is on its way."),
    ("No tail at all.", "No tail at all."),
])
def test_body_excludes_handles_and_tail(text: str, body: str) -> None:
    framing = frame(text)
    assert text[framing.body_start : framing.body_end] == body
