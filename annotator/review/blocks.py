"""Block labels of many documents gathered into one reliability matrix, and the block
agreement of a corpus computed from it (per label, per document, per pair).

The collector is fed one document at a time and keeps only compact arrays (two bytes per
label), so a corpus of millions of labelled blocks fits in memory and is computed with a
handful of vectorised passes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from annotator.review.agreement import (
    MISSING,
    NominalAgreement,
    PairAgreement,
    binary_confusion,
    category_columns,
    cohen_from_confusion,
    grouped_nominal,
    label_agreement,
    nominal_from_counts,
)
from annotator.review.inputs import Finished


class _Codes(dict):
    """Label -> category code; labels outside the schema get the next codes."""

    def __missing__(self, key: str) -> int:
        code = self[key] = len(self)
        return code


@dataclass(slots=True)
class BlockData:
    """The reliability matrix of a corpus.

    ``values[u, s]``: the category code annotator slot ``s`` gave unit ``u`` (``-1``: none);
    ``unit_doc[u]``: the document of unit ``u`` (an index into ``doc_ids``);
    ``doc_coders[d, s]``: the annotator (index into ``coders``) of slot ``s`` in document ``d``.
    """

    categories: list[str]
    coders: list[str]
    doc_ids: list[str]
    values: np.ndarray
    unit_doc: np.ndarray
    doc_coders: np.ndarray

    def counts(self) -> list[np.ndarray]:
        """Per category, how many labels of it each unit got (``category_columns``)."""
        return category_columns(self.values, len(self.categories))

    def pair_values(self, a: str, b: str) -> tuple[np.ndarray, np.ndarray]:
        """The labels ``a`` and ``b`` gave to the units of documents both finished."""
        if a not in self.coders or b not in self.coders:
            empty = np.zeros(0, dtype=np.int16)
            return empty, empty
        ia, ib = self.coders.index(a), self.coders.index(b)
        has_a = self.doc_coders == ia
        has_b = self.doc_coders == ib
        both = has_a.any(axis=1) & has_b.any(axis=1)
        slot_a = has_a.argmax(axis=1)
        slot_b = has_b.argmax(axis=1)
        units = np.flatnonzero(both[self.unit_doc])
        docs = self.unit_doc[units]
        return self.values[units, slot_a[docs]], self.values[units, slot_b[docs]]

    def confusion(self, a: str, b: str) -> np.ndarray:
        """Rows: ``a``'s labels, columns: ``b``'s, over blocks both labelled."""
        k = len(self.categories)
        x, y = self.pair_values(a, b)
        keep = (x >= 0) & (y >= 0)
        flat = x[keep].astype(np.int64) * k + y[keep]
        return np.bincount(flat, minlength=k * k).reshape(k, k)

    def pairs(self) -> list[tuple[str, str]]:
        """Annotator pairs that finished at least one document together."""
        found: set[tuple[int, int]] = set()
        for row in np.unique(self.doc_coders, axis=0) if len(self.doc_coders) else []:
            ids = sorted(int(c) for c in row if c >= 0)
            found.update(combinations(ids, 2))
        named = [tuple(sorted((self.coders[i], self.coders[j]))) for i, j in found]
        return sorted(named)  # type: ignore[arg-type]


_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
_MAX_LABEL_BYTES = 64


@dataclass(slots=True)
class ParsedLabels:
    """Block labels parsed from many compact JSON lists at once: per item its list
    (``owner``), block index, and label (hash, plus where its bytes are)."""

    owner: np.ndarray
    index: np.ndarray
    key: np.ndarray
    label_start: np.ndarray
    label_length: np.ndarray


def parse_label_lists(buffer: bytes, starts: np.ndarray) -> ParsedLabels | None:
    """Parse concatenated JSON lists of ``[index, "label"(, score)]`` items (``starts``:
        where each list begins in ``buffer``) without a Python object per item. Returns None
        for input it does not handle (escapes, long labels, huge indices): parse those
        one by one instead. Labels are told apart by a 64-bit hash of their bytes (FNV-style,
    a word at a time), so two different labels colliding is a 2**-64 matter."""
    if b"\\" in buffer:
        return None
    data = np.frombuffer(buffer, dtype=np.uint8)
    size = len(data)
    is_quote = data == 34
    quotes = np.flatnonzero(is_quote)
    quotes_before = np.cumsum(is_quote, dtype=np.int32) - is_quote  # quotes before each byte
    digit = (data >= 48) & (data <= 57)
    # an item starts with "[" followed by a digit, outside any string
    cand = np.flatnonzero((data[:-1] == 91) & digit[1:])
    o = quotes_before[cand]
    outside = o % 2 == 0
    cand, o = cand[outside], o[outside]
    if not len(cand):
        empty = np.zeros(0, dtype=np.int64)
        return ParsedLabels(empty, empty, np.zeros(0, dtype=np.uint64), empty, empty)
    if (o + 1 >= len(quotes)).any():
        return None
    q_open = quotes[o]
    length = quotes[o + 1] - q_open - 1
    # the index: the digits between "[" and the next non-digit
    value = np.zeros(len(cand), dtype=np.int64)
    alive = np.ones(len(cand), dtype=bool)
    k = 1
    while alive.any():
        if k > 10:
            return None
        pos = np.minimum(cand + k, size - 1)
        alive &= digit[pos]
        value = np.where(alive, value * 10 + data[pos] - 48, value)
        k += 1
    width = int(length.max()) if len(length) else 0
    if width > _MAX_LABEL_BYTES or (length < 0).any():
        return None
    # the label bytes, zero-padded to whole 8-byte words, hashed word by word
    words = -(-width // 8)
    span = np.arange(words * 8)
    padded = np.concatenate([data, np.zeros(words * 8 + 1, dtype=np.uint8)])
    grid = padded[q_open[:, None] + 1 + span]
    grid[span[None, :] >= length[:, None]] = 0
    grid = np.ascontiguousarray(grid).view(np.uint64)
    key = np.full(len(cand), _FNV_OFFSET, dtype=np.uint64) ^ length.astype(np.uint64)
    for w in range(words):
        key = (key ^ grid[:, w]) * _FNV_PRIME
        key ^= key >> np.uint64(29)
    owner = np.searchsorted(starts, cand, side="right") - 1
    return ParsedLabels(owner, value, key, q_open + 1, length)


class BlockCollector:
    """Gathers block labels document by document (``add``) or by pages of raw stored
    JSON (``add_page``), into a ``BlockData``."""

    def __init__(self, categories: list[str]) -> None:
        self._codes = _Codes((name, i) for i, name in enumerate(categories))
        self._keys = np.zeros(0, dtype=np.uint64)  # label hashes seen, sorted
        self._key_codes = np.zeros(0, dtype=np.int16)
        self._coders: dict[str, int] = {}
        self._chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # unit, slot, code
        self._doc_units: list[np.ndarray] = []
        self._doc_coders: list[tuple[int, ...]] = []
        self.doc_ids: list[str] = []
        self._units = 0

    def _coder_ids(self, names: Iterable[str]) -> tuple[int, ...]:
        coders = self._coders
        return tuple(coders.setdefault(n, len(coders)) for n in names)

    def add(self, document_id: str, work: Finished) -> None:
        """One document's finished work, parsed already."""
        self.doc_ids.append(document_id)
        self._doc_coders.append(self._coder_ids(work))
        code = self._codes.__getitem__
        units: list[int] = []
        slots: list[int] = []
        codes: list[int] = []
        for slot, annotation in enumerate(work.values()):
            for item in annotation.blocks:
                units.append(item[0])
                slots.append(slot)
                codes.append(code(item[1]))
        top = max(units) + 1 if units else 0
        self._push(np.array(units, dtype=np.int64) + self._units, slots, codes)
        self._doc_units.append(np.array([top], dtype=np.int64))
        self._units += top

    def _push(self, units: np.ndarray, slots: object, codes: object) -> None:
        self._chunks.append(
            (
                np.asarray(units, dtype=np.int64),
                np.asarray(slots, dtype=np.int16),
                np.asarray(codes, dtype=np.int16),
            )
        )

    def add_page(
        self,
        doc_ids: list[str],
        doc_names: list[list[str]],
        owners: list[tuple[int, int]],
        raw: list[bytes],
    ) -> None:
        """A page of documents: ``doc_names[d]`` the annotators of document ``d`` (in
        slot order), and for each annotation ``owners[i] = (document, slot)`` and
        ``raw[i]`` its stored block labels (compact JSON)."""
        n_docs = len(doc_ids)
        self.doc_ids.extend(doc_ids)
        self._doc_coders.extend(self._coder_ids(names) for names in doc_names)
        lengths = np.fromiter(map(len, raw), dtype=np.int64, count=len(raw))
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(raw) else lengths
        parsed = parse_label_lists(b"".join(raw), starts)
        owner_arr = np.array(owners, dtype=np.int64).reshape(-1, 2)
        if parsed is None:
            index, codes, owner = self._parse_slowly(raw)
        else:
            index, owner = parsed.index, parsed.owner
            codes = self._codes_of(parsed, b"".join(raw))
        item_doc = owner_arr[owner, 0]
        top = np.zeros(n_docs, dtype=np.int64)
        if len(index):
            np.maximum.at(top, item_doc, index + 1)
        base = self._units + np.concatenate(([0], np.cumsum(top)[:-1]))
        self._push(base[item_doc] + index, owner_arr[owner, 1], codes)
        self._doc_units.append(top)
        self._units += int(top.sum())

    def _parse_slowly(self, raw: list[bytes]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        code = self._codes.__getitem__
        index: list[int] = []
        codes: list[int] = []
        owner: list[int] = []
        for i, text in enumerate(raw):
            for item in json.loads(text):
                index.append(item[0])
                codes.append(code(item[1]))
                owner.append(i)
        return (
            np.array(index, dtype=np.int64),
            np.array(codes, dtype=np.int16),
            np.array(owner, dtype=np.int64),
        )

    def _codes_of(self, parsed: ParsedLabels, buffer: bytes) -> np.ndarray:
        key = parsed.key
        where = np.searchsorted(self._keys, key)
        where = np.minimum(where, max(len(self._keys) - 1, 0))
        known = self._keys[where] == key if len(self._keys) else np.zeros(len(key), dtype=bool)
        if not known.all():
            new, first = np.unique(key[~known], return_index=True)
            items = np.flatnonzero(~known)[first]
            keys = list(self._keys) + list(new)
            codes = list(self._key_codes)
            for i in items:
                start = int(parsed.label_start[i])
                label = buffer[start : start + int(parsed.label_length[i])].decode("utf-8")
                codes.append(self._codes[label])
            order = np.argsort(np.array(keys, dtype=np.uint64))
            self._keys = np.array(keys, dtype=np.uint64)[order]
            self._key_codes = np.array(codes, dtype=np.int16)[order]
            where = np.searchsorted(self._keys, key)
        return self._key_codes[where]

    def finish(self) -> BlockData:
        width = max((len(c) for c in self._doc_coders), default=0)
        values = np.full((self._units, max(width, 1)), MISSING, dtype=np.int16)
        for units, slots, codes in self._chunks:
            values[units, slots] = codes
        self._chunks = []
        doc_units = (
            np.concatenate(self._doc_units) if self._doc_units else np.zeros(0, dtype=np.int64)
        )
        unit_doc = np.repeat(np.arange(len(doc_units), dtype=np.int32), doc_units)
        doc_coders = np.full((len(self._doc_coders), max(width, 1)), -1, dtype=np.int32)
        for d, ids in enumerate(self._doc_coders):
            doc_coders[d, : len(ids)] = ids
        coders = sorted(self._coders, key=self._coders.__getitem__)
        categories = sorted(self._codes, key=self._codes.__getitem__)
        return BlockData(categories, coders, self.doc_ids, values, unit_doc, doc_coders)


@dataclass(slots=True)
class BlockAgreement:
    categories: list[str]
    overall: NominalAgreement
    per_label: dict[str, NominalAgreement]
    pairs: dict[tuple[str, str], PairAgreement]
    pairs_per_label: dict[tuple[str, str], dict[str, PairAgreement]]
    per_document: dict[str, np.ndarray]  # arrays over BlockData.doc_ids
    given: dict[str, int]  # how many times each label was given


def block_agreement(data: BlockData) -> BlockAgreement:
    counts = data.counts()
    per_label = dict(zip(data.categories, label_agreement(counts), strict=True))
    pairs: dict[tuple[str, str], PairAgreement] = {}
    pairs_per_label: dict[tuple[str, str], dict[str, PairAgreement]] = {}
    for a, b in data.pairs():
        table = data.confusion(a, b)
        pairs[(a, b)] = cohen_from_confusion(table)
        pairs_per_label[(a, b)] = {
            name: cohen_from_confusion(binary_confusion(table, k))
            for k, name in enumerate(data.categories)
        }
    per_document = grouped_nominal(counts, data.unit_doc, len(data.doc_ids))
    given = {
        name: int(col.sum(dtype=np.int64))
        for name, col in zip(data.categories, counts, strict=True)
    }
    return BlockAgreement(
        data.categories,
        nominal_from_counts(counts),
        per_label,
        pairs,
        pairs_per_label,
        per_document,
        given,
    )
