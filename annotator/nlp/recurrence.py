"""Cross-document context for block suggestions: which block texts recur on a site.

A block whose text appears on several pages of one site ("Share", "Sign up for our
newsletter", the footer) is almost surely boilerplate; a block the project's annotators
already labelled on that site most likely gets the same label again (the suggester
remembers those). ``RecurrenceIndex`` counts, per site, the documents each normalised
block text occurs in.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from annotator.core.model import Document

_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def normalise(text: str) -> str:
    """Lower case, digits as ``0``, runs of non-word characters as one space."""
    return _NON_WORD.sub(" ", _DIGITS.sub("0", text.lower())).strip()


def text_key(text: str) -> str:
    """A stable 16-hex-digit hash of the normalised text (stable across processes)."""
    return _hash(normalise(text))


def site_key(document: Document) -> str | None:
    """The URL host without ``www.``, else the publisher's name, else ``None``."""
    meta = document.meta
    for url in (meta.url, meta.extra.get("canonical_url") if meta.extra else None):
        if isinstance(url, str) and "//" in url:
            host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
            if host:
                return host
    if meta.publisher:
        return "publisher:" + meta.publisher.strip().lower()
    return None


def block_keys(document: Document) -> list[str]:
    return [text_key(document.block_text(i)) for i in range(len(document.blocks))]


def layout_keys(document: Document) -> list[tuple[str, str]]:
    """Per block: (a key of its place in the page template, a key of its tag path alone).

    The place is the importer's tag path with the block's and its ancestors' class/id
    tokens, digits dropped (``comment-1234`` and ``comment-99`` are one place); plain-text
    blocks have neither and get empty keys. Layout keys start with ``L:`` and ``P:`` so
    they never collide with text keys.
    """
    keys = []
    for block in document.blocks:
        f = block.features
        path = str(f.get("path", "")) if f else ""
        if not path:
            keys.append(("", ""))
            continue
        tokens = _DIGITS.sub("", f"{f.get('ctx', '')}|{f.get('cls', '')}")
        place = f"{path}|{tokens}"
        keys.append((f"L:{_hash(place)}", f"P:{_hash(path)}"))
    return keys


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


@dataclass
class _Site:
    documents: set[str] = field(default_factory=set)
    counts: Counter[str] = field(default_factory=Counter)


@dataclass
class RecurrenceIndex:
    """Per site: in how many documents each normalised block text occurs."""

    sites: dict[str, _Site] = field(default_factory=dict)

    @classmethod
    def build(cls, documents: Iterable[Document]) -> RecurrenceIndex:
        index = cls()
        for document in documents:
            index.add(document)
        return index

    def add(self, document: Document) -> None:
        key = site_key(document)
        if key is None:
            return
        site = self.sites.setdefault(key, _Site())
        if document.id in site.documents:
            return
        site.documents.add(document.id)
        site.counts.update(set(block_keys(document)))

    def recurrence(self, document: Document, keys: list[str]) -> tuple[int, list[int]]:
        """(other documents of the site, per block: how many of them hold its text)."""
        site = self.sites.get(site_key(document) or "")
        if site is None:
            return 0, [0] * len(keys)
        own = document.id in site.documents
        others = len(site.documents) - own
        counts = [site.counts[key] - own for key in keys]
        return others, [max(0, min(others, n)) for n in counts]
