"""Train/dev/test splits that never put one site, or two near-duplicates, in two splits.

Documents are grouped first, then whole groups are dealt to the splits:

- *site*: the host of the document's URL (``www.`` dropped), else its publisher; a
  document with neither is a site of its own;
- *near-duplicates*: MinHash (datasketch, 128 permutations, fixed seed) over lowercased
  5-word shingles, banded as datasketch's MinHashLSH bands them for Jaccard threshold 0.8
  (:data:`NEAR_DUPLICATE`) weighted against missing a pair: 12 bands of 10 rows. Two
  documents whose signatures share a band are joined, so the threshold is a curve: a
  pair is joined with probability 0.07 at Jaccard 0.6, 0.29 at 0.7, 0.74 at 0.8, 0.93
  at 0.85, 0.994 at 0.9 and 0.9999 at 0.95. A wrong join only makes a group larger; a
  missed one could leak a copy across splits, hence the weighting.

Groups are merged with union-find. Dealing: the groups are shuffled with the seed, then
taken largest first (equal sizes keep the shuffled order) and each goes to the split
furthest below its target share. The same documents, fractions and seed give the same
split; another seed gives another one.

Memory: the grouping keeps, per document, its key and its 12 band hashes (about 310 bytes
measured); not its text.
"""

from __future__ import annotations

import random
import re
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np
from datasketch import MinHash, MinHashLSH

SPLIT_NAMES = ("train", "dev", "test")
NEAR_DUPLICATE = 0.8
NUM_PERM = 128
LSH_WEIGHTS = (0.2, 0.8)  # false positive / false negative weights: favour joining
SHINGLE = 5
_MINHASH_SEED = 1
_WORD = re.compile(r"\w+")


class SplitError(ValueError):
    pass


def parse_fractions(text: str) -> tuple[float, ...]:
    """``"0.8,0.1,0.1"`` -> fractions for train, dev (and test); they must sum to 1."""
    try:
        values = tuple(float(part) for part in text.split(","))
    except ValueError:
        raise SplitError(f"--split wants numbers like 0.8,0.1,0.1, not {text!r}") from None
    if not 2 <= len(values) <= 3:
        raise SplitError(f"--split wants two or three fractions (train,dev[,test]): {text!r}")
    if any(v < 0 for v in values) or abs(sum(values) - 1.0) > 1e-6:
        raise SplitError(f"split fractions must be non-negative and sum to 1: {text!r}")
    return values


def site_of(url: str | None, publisher: str | None) -> str | None:
    if url:
        host = (urlsplit(url).hostname or "").lower()
        if host.startswith("www."):
            host = host[4:]
        if host:
            return host
    if publisher and publisher.strip():
        return publisher.strip().lower()
    return None


def _same(value: int) -> int:
    return value


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=_MINHASH_SEED).permutations
_MASK = np.uint64(0xFFFFFFFF)
_MIX = np.uint64(1_000_003)
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)


class _WordHashes(dict):
    """CRC-32 of each word, remembered (the vocabulary of a corpus is small)."""

    def __missing__(self, word: str) -> int:
        if len(self) > 500_000:
            self.clear()
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


_word_hashes = _WordHashes()


def minhash_of(text: str) -> MinHash | None:
    """The signature of a text's 5-word shingles (a shorter text is one shingle).

    A shingle's 32-bit hash is a polynomial of its words' CRC-32s, computed with numpy
    for the whole text at once: hashing each shingle string was 5x slower."""
    words = np.array(list(map(_word_hashes.__getitem__, _WORD.findall(text.lower()))), np.uint64)
    if not len(words):
        return None
    n = max(len(words) - SHINGLE + 1, 1)
    shingles = np.zeros(n, dtype=np.uint64)
    for j in range(min(SHINGLE, len(words))):
        shingles = (shingles * _MIX + words[j : j + n]) & _MASK
    signature = MinHash(
        num_perm=NUM_PERM, hashfunc=_same, permutations=_PERMUTATIONS, scheme="affine32"
    )
    signature.update_batch(np.unique(shingles).tolist())
    return signature


class _UnionFind:
    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, item: int) -> int:
        parent = self.parent
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class Grouper:
    """Collects documents and joins those of one site or near-duplicates of each other.

    The LSH banding (bands and rows chosen by datasketch's MinHashLSH for the threshold
    and weights) is kept as one 64-bit hash per band and document in an array, matched
    when the groups are asked for: 96 bytes a document, where a MinHashLSH index held
    about 3.8 KB (measured on 10,000 documents)."""

    def __init__(self, threshold: float = NEAR_DUPLICATE) -> None:
        self.keys: list[str] = []
        self._index: dict[str, int] = {}
        self._sets = _UnionFind()
        self._sites: dict[str, int] = {}
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
        self.bands, self.rows = lsh.b, lsh.r
        self._band_hashes = array("Q")  # bands per document, documents in order
        self._signed = array("q")  # the documents that have a signature
        self.near_duplicate_links = 0
        self._grouped = False

    def add(self, key: str, text: str, site: str | None) -> None:
        if key in self._index:
            return
        item = self._sets.add()
        self._index[key] = item
        self.keys.append(key)
        if site is not None:
            first = self._sites.setdefault(site, item)
            self._sets.union(first, item)
        signature = minhash_of(text)
        if signature is None:
            return
        values = signature.hashvalues[: self.bands * self.rows].astype(np.uint64)
        rows = values.reshape(self.bands, self.rows)
        mixed = np.zeros(self.bands, dtype=np.uint64)
        for j in range(self.rows):  # wraps modulo 2^64: a polynomial hash of each band
            mixed = mixed * _BAND_MIX + rows[:, j]
        self._band_hashes.extend(mixed.tolist())
        self._signed.append(item)
        self._grouped = False

    def _join_near_duplicates(self) -> None:
        if self._grouped:
            return
        self._grouped = True
        items = np.frombuffer(self._signed, dtype=np.int64)
        if len(items) < 2:
            return
        table = np.frombuffer(self._band_hashes, dtype=np.uint64).reshape(-1, self.bands)
        linked: set[tuple[int, int]] = set()
        for band in range(self.bands):
            order = np.argsort(table[:, band], kind="stable")
            column = table[order, band]
            for at in np.flatnonzero(column[1:] == column[:-1]).tolist():
                a, b = int(items[order[at]]), int(items[order[at + 1]])
                linked.add((min(a, b), max(a, b)))
        self.near_duplicate_links = len(linked)
        for a, b in sorted(linked):
            self._sets.union(a, b)

    def groups(self) -> list[list[str]]:
        """Document keys by group, each group in insertion order, groups by first member."""
        self._join_near_duplicates()
        by_root: dict[int, list[str]] = defaultdict(list)
        for item, key in enumerate(self.keys):
            by_root[self._sets.find(item)].append(key)
        return list(by_root.values())


@dataclass(frozen=True, slots=True)
class SplitPlan:
    names: tuple[str, ...]
    fractions: tuple[float, ...]
    seed: int
    assignment: dict[str, str]  # document key -> split name
    groups: int
    largest_group: int

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(self.names, 0)
        for name in self.assignment.values():
            counts[name] += 1
        return counts


def deal(groups: Iterable[list[str]], fractions: tuple[float, ...], seed: int) -> SplitPlan:
    """Deal whole groups to the splits (see the module docstring)."""
    names = SPLIT_NAMES[: len(fractions)]
    ordered = list(groups)
    random.Random(seed).shuffle(ordered)
    ordered.sort(key=len, reverse=True)  # stable: equal sizes keep the seeded order
    total = sum(len(group) for group in ordered)
    targets = [fraction * total for fraction in fractions]
    filled = [0] * len(names)
    assignment: dict[str, str] = {}
    for group in ordered:
        # the split furthest below its target (ties: the earlier split)
        best = max(
            (i for i in range(len(names)) if fractions[i] > 0),
            key=lambda i: (targets[i] - filled[i], -i),
        )
        filled[best] += len(group)
        for key in group:
            assignment[key] = names[best]
    largest = len(ordered[0]) if ordered else 0
    return SplitPlan(names, tuple(fractions), seed, assignment, len(ordered), largest)
