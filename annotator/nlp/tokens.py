"""Token boundaries for span selections: spaCy's English tokenizer, no model needed.

``token_offsets`` returns the ``[start, end)`` character offsets of a text's tokens
(whitespace tokens left out), cached per document so the caret of span mode moves
over a document that was tokenized once.

The text is tokenized line by line: spaCy splits on whitespace before anything else,
so the tokens are the same as for the whole text, and a worker thread tokenizing a long
document hands the interpreter back to the UI thread between lines instead of holding
it for the whole document.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from functools import lru_cache

CACHE_SIZE = 64
_cache: OrderedDict[tuple[str, int, int], list[tuple[int, int]]] = OrderedDict()
_lock = threading.Lock()
_LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def tokenizer():
    """spaCy's rule-based English tokenizer (``spacy.blank("en")``), loaded once."""
    import spacy

    return spacy.blank("en").tokenizer


def warm_up() -> None:
    """Import spaCy and build the tokenizer now (a worker thread calls this at start)."""
    with _lock:
        tokenizer()("warm up")


def token_offsets(text: str, key: str | None = None) -> list[tuple[int, int]]:
    """Offsets of the tokens of ``text``; ``key`` (a document id) names the cache entry."""
    cache_key = (key or "", len(text), hash(text))
    with _lock:
        found = _cache.get(cache_key)
        if found is not None:
            _cache.move_to_end(cache_key)
            return found
        tokenize = tokenizer()
        offsets = []
        for line in _LINE.finditer(text):
            base = line.start()
            offsets.extend(
                (base + t.idx, base + t.idx + len(t.text))
                for t in tokenize(line.group())
                if not t.is_space
            )
        _cache[cache_key] = offsets
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
        return offsets
