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
from array import array
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from multiprocessing import get_context

CACHE_SIZE = 64
_cache: OrderedDict[tuple[str, int, int], list[tuple[int, int]]] = OrderedDict()
_lock = threading.Lock()
_LINE = re.compile(r"[^\n]+")


# A dash right after an abbreviation's final period starts a new token, so a name that
# ends inside a compound can be marked: "U.S.-led" -> "U.S." "-" "led" (spaCy splits
# "well-known" already, but not after a period).
NAME_INFIXES = ("(?<=[A-Za-z]\\.)[-\u2010\u2011\u2013\u2014](?=[A-Za-z0-9])",)


def blank_english():
    """A new blank English pipeline (no model) whose tokenizer also splits
    ``NAME_INFIXES``: what NER training starts from, so a trained model tokenizes as span
    mode does (the tokenizer's rules are saved with the model)."""
    import spacy
    from spacy.util import compile_infix_regex

    nlp = spacy.blank("en")
    infixes = list(nlp.Defaults.infixes) + list(NAME_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


@lru_cache(maxsize=1)
def english():
    """The shared ``blank_english()`` pipeline: the one tokenizer of span mode and the
    token exports (never add components to it)."""
    return blank_english()


def tokenizer():
    """spaCy's rule-based English tokenizer with ``NAME_INFIXES``, loaded once."""
    return english().tokenizer


_pool: ProcessPoolExecutor | None = None


def use_subprocess(enabled: bool = True) -> None:
    """Tokenize in a helper process instead of this one.

    The desktop app turns this on: importing spaCy takes seconds of CPU that hold the
    interpreter lock, and a thread doing it in the app's process delays keypresses by
    tens of milliseconds. A process has its own interpreter, so the window stays quick.
    """
    global _pool
    if enabled and _pool is None:
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
    elif not enabled and _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None


def warm_up() -> None:
    """Import spaCy and build the tokenizer now (a worker thread calls this at start)."""
    if _pool is not None:
        _pool.submit(_offsets, "warm up").result()
        return
    with _lock:
        tokenizer()("warm up")


def _offsets(text: str) -> list[tuple[int, int]]:
    tokenize = tokenizer()
    offsets = []
    for line in _LINE.finditer(text):
        base = line.start()
        offsets.extend(
            (base + t.idx, base + t.idx + len(t.text))
            for t in tokenize(line.group())
            if not t.is_space
        )
    return offsets


def token_offsets(text: str, key: str | None = None) -> list[tuple[int, int]]:
    """Offsets of the tokens of ``text``; ``key`` (a document id) names the cache entry."""
    cache_key = (key or "", len(text), hash(text))
    with _lock:
        found = _cache.get(cache_key)
        if found is not None:
            _cache.move_to_end(cache_key)
            return found
    pool = _pool
    if pool is not None:  # wait outside the lock: the helper process does the work
        offsets = pool.submit(_offsets, text).result()
    else:
        with _lock:
            offsets = _offsets(text)
    with _lock:
        _cache[cache_key] = offsets
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
        return offsets


def offsets_uncached(text: str) -> list[tuple[int, int]]:
    """The offsets ``token_offsets`` gives, computed in this process without the cache,
    for exports, which see each document once. Line by line here too: spaCy stops caching
    its tokenizations for the rest of a call after the first special case, so one call per
    line keeps its cache warm. Offsets are read as one array per line rather than token by
    token (the Python side was half the time)."""
    from spacy.attrs import IDX, IS_SPACE, LENGTH

    columns = [IDX, LENGTH, IS_SPACE]
    offsets: list[tuple[int, int]] = []
    with _lock:
        tokenize = tokenizer()
        for line in _LINE.finditer(text):
            base = line.start()
            rows = tokenize(line.group()).to_array(columns).tolist()
            offsets.extend((base + i, base + i + n) for i, n, space in rows if not space)
    return offsets


def packed_offsets(texts: list[str]) -> list[bytes]:
    """``offsets_uncached`` of each text, packed as int32 start/end pairs: what a helper
    process sends back (a tenth of the pickling cost of lists of tuples)."""
    return [
        array("i", [n for pair in offsets_uncached(text) for n in pair]).tobytes() for text in texts
    ]


def unpack_offsets(data: bytes) -> list[tuple[int, int]]:
    numbers = array("i")
    numbers.frombytes(data)
    it = iter(numbers)
    return list(zip(it, it, strict=True))
