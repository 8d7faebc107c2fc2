"""Reply files with a quoted customer message, and offset conversions for adapters."""

from __future__ import annotations

from linter import lint_source
from linter.document import parse_reply_file
from linter.positions import LineIndex, utf16_length


def test_quoted_lines_become_the_customer_message() -> None:
    parsed = parse_reply_file("> My parcel is late\n> again\n\nSorry about the parcel.\n")
    assert parsed.quoted_customer == "My parcel is late\nagain"
    assert parsed.reply == "Sorry about the parcel.\n"


def test_offsets_map_back_around_interleaved_quotes() -> None:
    source = "First [Agent Name] line\n> quoted\nSecond {{first_name}} line\n"
    parsed = parse_reply_file(source)
    for needle in ("[Agent Name]", "{{first_name}}"):
        start = parsed.reply.index(needle)
        mapped = parsed.to_source(start)
        assert source[mapped : mapped + len(needle)] == needle


def test_end_of_reply_maps_before_a_trailing_quote() -> None:
    source = "Sorted now\n> thanks\n"
    parsed = parse_reply_file(source)
    assert parsed.to_source(len("Sorted now")) == len("Sorted now")


def test_lint_source_offsets_index_the_file() -> None:
    source = "> order 123 missing\n\nHi {{first_name}}, it's on its way.\n"
    (diagnostic,) = [d for d in lint_source(source) if d.code == "PLH001"]
    assert source[diagnostic.start : diagnostic.end] == "{{first_name}}"


def test_no_quotes_means_identity() -> None:
    parsed = parse_reply_file("plain reply")
    assert parsed.reply == "plain reply" and parsed.quoted_customer is None
    assert parsed.to_source(5) == 5


def test_line_index_columns_in_every_encoding() -> None:
    text = "ab\n😀é中x"
    index = LineIndex(text)
    position = index.position(text.index("x"))
    assert (position.line, position.column) == (1, 3)
    assert position.column_utf16 == 4  # the emoji is a surrogate pair
    assert position.column_utf8 == 4 + 2 + 3
    for encoding, column in (("utf-16", 4), ("utf-8", 9), ("utf-32", 3)):
        assert index.offset(1, column, encoding) == text.index("x")
    assert utf16_length("😀") == 2


def test_lone_surrogates_do_not_crash_the_engine() -> None:
    from linter import lint
    from linter.engine import lint_many

    text = "Hi {{first_name}} \ud800 sorry"
    (diagnostic,) = [d for d in lint(text, customer="broken \udc00") if d.code == "PLH001"]
    assert text[diagnostic.start : diagnostic.end] == "{{first_name}}"
    (result,) = list(lint_many([(text, None)]))
    assert any(d.code == "PLH001" for d in result)
