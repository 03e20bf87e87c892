"""Block-label agreement of a corpus, accumulated a page of documents at a time.

A unit is a block someone labelled in a document; its *pattern* is how many labels of
each category it got. Every corpus statistic (overall and per label) depends on the
units only through their patterns, and a corpus has few distinct ones (three annotators
and six labels allow 77 with two or more labels), so a page adds its pattern
frequencies to a table and is dropped: memory stays flat however large the corpus.
Per-document figures and each annotator pair's confusion table are accumulated the
same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from annotator.review.agreement import (
    MISSING,
    NominalAgreement,
    PairAgreement,
    binary_confusion,
    cohen_from_confusion,
    grouped_nominal,
    label_agreement,
    nominal_from_counts,
)
from annotator.review.parse import Labelled

Pair = tuple[str, str]


@dataclass(slots=True)
class BlockAgreement:
    categories: list[str]
    overall: NominalAgreement
    per_label: dict[str, NominalAgreement]
    pairs: dict[Pair, PairAgreement]
    pairs_per_label: dict[Pair, dict[str, PairAgreement]]
    confusions: dict[Pair, np.ndarray]  # rows: the pair's first annotator's labels
    per_document: dict[str, np.ndarray]  # arrays over the documents, in report order
    given: dict[str, int]  # how many times each label was given


def page_values(
    row_doc: np.ndarray, row_slot: np.ndarray, labels: Labelled, n_docs: int, width: int
) -> tuple[np.ndarray, np.ndarray]:
    """The page's units x slots matrix of category codes (``-1``: no label) and each
    unit's document. A document's units are its block indices up to the highest one
    labelled."""
    index = labels.numbers[0]
    item_doc = row_doc[labels.owner]
    top = np.zeros(n_docs, dtype=np.int64)
    if len(index):
        # items come grouped by document: the highest index of each group
        order = np.argsort(item_doc, kind="stable") if (np.diff(item_doc) < 0).any() else None
        docs = item_doc if order is None else item_doc[order]
        highest = index if order is None else index[order]
        cuts = np.flatnonzero(np.concatenate(([True], docs[1:] != docs[:-1])))
        top[docs[cuts]] = np.maximum.reduceat(highest, cuts) + 1
    base = np.concatenate(([0], np.cumsum(top)[:-1]))
    values = np.full((int(top.sum()), max(width, 1)), MISSING, dtype=np.int16)
    values[base[item_doc] + index, row_slot[labels.owner]] = labels.code
    return values, np.repeat(np.arange(n_docs), top)


def _count_matrix(values: np.ndarray, n_categories: int) -> np.ndarray:
    """Units x categories: how many labels of each category every unit got."""
    units = np.arange(values.shape[0], dtype=np.int64)[:, None]
    valid = values >= 0
    flat = (units * n_categories + values)[valid]
    size = values.shape[0] * n_categories
    return np.bincount(flat, minlength=size).reshape(values.shape[0], n_categories)


class BlockAccumulator:
    """Adds pages of block labels; ``finish`` gives the ``BlockAgreement``."""

    def __init__(self) -> None:
        self._patterns: dict[tuple[int, ...], int] = {}
        self._given: dict[int, int] = {}
        self._confusions: dict[tuple[int, int], np.ndarray] = {}
        self._per_document: list[dict[str, np.ndarray]] = []

    def add_page(
        self,
        values: np.ndarray,
        unit_doc: np.ndarray,
        doc_coders: np.ndarray,
        n_categories: int,
    ) -> None:
        """``values``/``unit_doc`` from ``page_values``; ``doc_coders[d, s]`` the
        annotator (a global id, -1: none) in slot ``s`` of document ``d``."""
        n_docs = doc_coders.shape[0]
        counts = _count_matrix(values, n_categories)
        columns = [np.ascontiguousarray(counts[:, k]) for k in range(n_categories)]
        self._per_document.append(grouped_nominal(columns, unit_doc, n_docs))
        for k, total in enumerate(counts.sum(axis=0).tolist()):
            self._given[k] = self._given.get(k, 0) + total
        self._add_patterns(counts)
        self._add_confusions(values, unit_doc, doc_coders, n_categories)

    def _add_patterns(self, counts: np.ndarray) -> None:
        m = counts.sum(axis=1)
        counts = counts[m >= 2]
        if not len(counts):
            return
        base = int(counts.max()) + 1
        k = counts.shape[1]
        if base**k <= 1 << 20:  # the usual case: a pattern is a number, counted by bincount
            powers = base ** np.arange(k, dtype=np.int64)
            found = np.bincount(counts.astype(np.int64) @ powers)
            codes = np.flatnonzero(found)
            rows = (codes[:, None] // powers) % base
            freq = found[codes]
        else:
            rows, freq = np.unique(counts, axis=0, return_counts=True)
        for row, n in zip(rows.tolist(), freq.tolist(), strict=True):
            while row and row[-1] == 0:
                row.pop()
            key = tuple(row)
            self._patterns[key] = self._patterns.get(key, 0) + n

    def _add_confusions(
        self, values: np.ndarray, unit_doc: np.ndarray, doc_coders: np.ndarray, k: int
    ) -> None:
        width = doc_coders.shape[1]
        for i in range(width):
            for j in range(i + 1, width):
                ci, cj = doc_coders[:, i], doc_coders[:, j]
                both = (ci >= 0) & (cj >= 0)
                if not both.any():
                    continue
                keys, doc_pair = np.unique(
                    np.where(both, ci * (1 << 31) + cj, -1), return_inverse=True
                )
                vi, vj = values[:, i], values[:, j]
                labelled = (vi >= 0) & (vj >= 0)
                flat = (doc_pair[unit_doc][labelled] * k + vi[labelled]) * k + vj[labelled]
                tables = np.bincount(flat, minlength=len(keys) * k * k).reshape(-1, k, k)
                for key, table in zip(keys.tolist(), tables, strict=True):
                    if key < 0:
                        continue
                    pair = (key >> 31, key & ((1 << 31) - 1))
                    self._confusions[pair] = _grow(self._confusions.get(pair), k) + table

    def finish(self, categories: list[str], coders: list[str], order: np.ndarray) -> BlockAgreement:
        """``categories``/``coders``: the names of the codes used in the pages;
        ``order``: category codes in report order (a permutation)."""
        k = len(categories)
        names = [categories[c] for c in order.tolist()]
        where = np.empty(k, dtype=np.int64)
        where[order] = np.arange(k)  # old code -> report position
        patterns = np.zeros((len(self._patterns), k), dtype=np.int64)
        for row, key in enumerate(self._patterns):
            patterns[row, where[: len(key)]] = key
        weights = np.fromiter(self._patterns.values(), dtype=np.int64, count=len(self._patterns))
        per_label = dict(zip(names, label_agreement(patterns, weights), strict=True))
        pairs: dict[Pair, PairAgreement] = {}
        pairs_per_label: dict[Pair, dict[str, PairAgreement]] = {}
        confusions: dict[Pair, np.ndarray] = {}
        for (ci, cj), raw in self._confusions.items():
            table = _grow(raw, k)[np.ix_(order, order)]
            a, b = coders[ci], coders[cj]
            if a > b:
                a, b, table = b, a, table.T
            confusions[(a, b)] = table
        for pair in sorted(confusions):
            table = confusions[pair]
            pairs[pair] = cohen_from_confusion(table)
            pairs_per_label[pair] = {
                name: cohen_from_confusion(binary_confusion(table, c))
                for c, name in enumerate(names)
            }
        per_document = {
            key: np.concatenate([page[key] for page in self._per_document])
            if self._per_document
            else np.zeros(0)
            for key in ("units", "percent", "unanimous", "fleiss_kappa", "krippendorff_alpha")
        }
        return BlockAgreement(
            categories=names,
            overall=nominal_from_counts(patterns, weights),
            per_label=per_label,
            pairs=pairs,
            pairs_per_label=pairs_per_label,
            confusions={pair: confusions[pair] for pair in sorted(confusions)},
            per_document=per_document,
            given={names[where[c]]: self._given.get(c, 0) for c in range(k)},
        )


def _grow(table: np.ndarray | None, k: int) -> np.ndarray:
    """A k x k table holding ``table`` (smaller when categories appeared later)."""
    out = np.zeros((k, k), dtype=np.int64)
    if table is not None:
        n = table.shape[0]
        out[:n, :n] = table
    return out
