"""The spaCy pipeline: `spacy.blank("en")` plus replylint's components, built once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# spaCy refuses longer texts by default; replies are far shorter, and anything this
# long is an input error the adapters report, not something to tokenize.
MAX_REPLY_CHARS = 100_000

# spaCy's tokenizer memoizes how each whitespace-separated chunk splits, but stops adding
# chunks after 10,000 (it never evicts). Real replies hold far more distinct chunks
# (~65,000 in the corpus: handles, links, names, typos), so past the first few thousand
# replies most chunks were split afresh every time. A larger memo halves the time spent
# tokenizing the corpus (`benchmarks/throughput.py`) and costs at most ~15 MB (about
# 150 bytes a chunk). Tokens are the same: the memo holds the split it would compute.
TOKENIZER_CACHE_CHUNKS = 100_000


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline. Blank English: a tokenizer and no trained weights, so no download."""
    import spacy

    nlp = spacy.blank("en")
    nlp.max_length = MAX_REPLY_CHARS + 1
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE_CHUNKS
    return nlp
