"""The shared spaCy pipeline: blank English, built once, with a larger tokenizer memo."""

from __future__ import annotations

import itertools

import spacy

from linter.pipeline import TOKENIZER_CACHE_CHUNKS, get_nlp


def _replies(count: int) -> list[str]:
    """Varied replies with many distinct chunks: more than spaCy's stock memo holds."""
    shapes = ("Hi @user{n}, I'm sorry (order #{n}) didn't arrive!",
              "Don't worry: call 1-800-555-{n:04d} or see https://ex.com/a{n}?x=1.",
              "U.S. orders ship in {n}-{n} days :) 👍🏽 ^JD{n}",
              "\"Tracking\" says 'delivered'... we're on it, Dana{n}. ¿Qué pasó?")
    return [shape.format(n=n) for n, shape in zip(range(count), itertools.cycle(shapes))]


def _tokens(tokenizer, text: str) -> list[tuple[str, str, int]]:
    return [(token.text, token.whitespace_, token.idx) for token in tokenizer(text)]


def test_pipeline_is_blank_english_built_once() -> None:
    nlp = get_nlp()
    assert nlp is get_nlp()
    assert nlp.lang == "en" and nlp.pipe_names == []


def test_larger_memo_tokenizes_exactly_like_stock_spacy() -> None:
    ours = get_nlp().tokenizer
    assert ours.max_cache_size == TOKENIZER_CACHE_CHUNKS > 10_000
    stock = spacy.blank("en").tokenizer
    replies = _replies(16_000)  # ~40,000 distinct chunks: past the stock memo's 10,000
    for _ in range(2):  # the second pass reads our memo, where stock splits afresh
        differing = [reply for reply in replies if _tokens(ours, reply) != _tokens(stock, reply)]
        assert differing == []
