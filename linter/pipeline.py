"""The spaCy pipeline: `spacy.blank("en")` plus replylint's components, built once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# spaCy refuses longer texts by default; replies are far shorter, and anything this
# long is an input error the adapters report, not something to tokenize.
MAX_REPLY_CHARS = 100_000


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline. Blank English: a tokenizer and no trained weights, so no download."""
    import spacy

    nlp = spacy.blank("en")
    nlp.max_length = MAX_REPLY_CHARS + 1
    return nlp
