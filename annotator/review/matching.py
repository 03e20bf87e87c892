"""Entity and quote agreement of a corpus, a page of documents at a time, vectorised.

The definitions are those of ``review.spans`` (exact and one-to-one overlap matching,
speaker agreement); this module computes the same counts for every annotator pair of
every document of a page at once: exact matches by sorting keys, a lone leftover on
each side of a (document, label) group by one comparison, and only groups with several
leftovers on both sides through ``spans.overlap_matches`` in Python.
"""

from __future__ import annotations

import numpy as np

from annotator.review.parse import Labelled, Quotes
from annotator.review.spans import compare_quotes, overlap_matches

_PAIR_SHIFT = 31


def _dedupe(keys: list[np.ndarray]) -> np.ndarray:
    """Indices of the first of each run of equal key tuples, in key order."""
    if not len(keys[0]):
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort(keys[::-1])
    sorted_keys = [k[order] for k in keys]
    new = np.ones(len(order), dtype=bool)
    same = np.ones(len(order) - 1, dtype=bool)
    for k in sorted_keys:
        same &= k[1:] == k[:-1]
    new[1:] = ~same
    return order[new]


def match(
    left: tuple[np.ndarray, np.ndarray, np.ndarray],
    right: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Match two sides' ranges ``(group, start, end)`` (no range twice in a group on one
    side): identical ranges of a group first, then one to one by overlap (largest first).
    Returns index pairs: exact ``(left, right)`` and overlap-only ``(left, right)``."""
    (gl, sl, el), (gr, sr, er) = left, right
    n = len(gl)
    g, s, e = np.concatenate((gl, gr)), np.concatenate((sl, sr)), np.concatenate((el, er))
    side = np.concatenate((np.zeros(n, dtype=np.int8), np.ones(len(gr), dtype=np.int8)))
    order = np.lexsort((side, e, s, g))
    gs, ss, es, sides = g[order], s[order], e[order], side[order]
    equal = (gs[1:] == gs[:-1]) & (ss[1:] == ss[:-1]) & (es[1:] == es[:-1])
    at = np.flatnonzero(equal & (sides[:-1] == 0) & (sides[1:] == 1))
    exact_l, exact_r = order[at], order[at + 1] - n
    free_l = np.ones(n, dtype=bool)
    free_l[exact_l] = False
    free_r = np.ones(len(gr), dtype=bool)
    free_r[exact_r] = False
    li, ri = np.flatnonzero(free_l), np.flatnonzero(free_r)
    common = np.intersect1d(gl[li], gr[ri])
    li = li[np.isin(gl[li], common)]
    ri = ri[np.isin(gr[ri], common)]
    li = li[np.argsort(gl[li], kind="stable")]
    ri = ri[np.argsort(gr[ri], kind="stable")]
    count_l = np.bincount(np.searchsorted(common, gl[li]), minlength=len(common))
    count_r = np.bincount(np.searchsorted(common, gr[ri]), minlength=len(common))
    first_l = np.concatenate(([0], np.cumsum(count_l)[:-1])).astype(np.int64)
    first_r = np.concatenate(([0], np.cumsum(count_r)[:-1])).astype(np.int64)
    lone = np.flatnonzero((count_l == 1) & (count_r == 1))
    a, b = li[first_l[lone]], ri[first_r[lone]]
    hit = np.minimum(el[a], er[b]) - np.maximum(sl[a], sr[b]) > 0
    over_l, over_r = [a[hit]], [b[hit]]
    for group in np.flatnonzero((count_l > 1) | (count_r > 1)).tolist():
        mine = li[first_l[group] : first_l[group] + count_l[group]]
        theirs = ri[first_r[group] : first_r[group] + count_r[group]]
        mine = mine[np.lexsort((el[mine], sl[mine]))]
        theirs = theirs[np.lexsort((er[theirs], sr[theirs]))]
        found = overlap_matches(
            list(zip(sl[mine].tolist(), el[mine].tolist(), strict=True)),
            list(zip(sr[theirs].tolist(), er[theirs].tolist(), strict=True)),
        )
        if found:
            i, j = zip(*found, strict=True)
            over_l.append(mine[list(i)])
            over_r.append(theirs[list(j)])
    return exact_l, exact_r, np.concatenate(over_l), np.concatenate(over_r)


class SpanAccumulator:
    """Entity counts ``[left, right, exact, overlap]`` per annotator pair and label, and
    quote counts ``[left, right, exact, overlap, matched, speakers_agree]`` per pair,
    summed over pages; per document the exact-match counts over all its pairs."""

    def __init__(self) -> None:
        self.entities: dict[tuple[int, int], np.ndarray] = {}  # pair -> labels x 4
        self.quotes: dict[tuple[int, int], np.ndarray] = {}  # pair -> 6
        self._doc_entities: list[np.ndarray] = []  # pages of docs x 3 (left, right, exact)
        self._doc_quotes: list[np.ndarray] = []

    def add_page(
        self,
        row_doc: np.ndarray,
        row_slot: np.ndarray,
        doc_coders: np.ndarray,
        spans: Labelled,
        quotes: Quotes,
        n_labels: int,
    ) -> None:
        n_docs, width = doc_coders.shape
        keep = _dedupe([spans.owner, spans.numbers[0], spans.numbers[1], spans.code])
        s_doc, s_slot = row_doc[spans.owner[keep]], row_slot[spans.owner[keep]]
        s_start, s_end, s_label = spans.numbers[0][keep], spans.numbers[1][keep], spans.code[keep]
        keep = _dedupe(
            [quotes.owner, quotes.start, quotes.end, quotes.speaker_start, quotes.speaker_end]
        )
        q = _QuoteArrays(quotes, keep, row_doc, row_slot)
        odd_docs = q.odd_documents(n_docs)
        doc_e = np.zeros((n_docs, 3), dtype=np.int64)
        doc_q = np.zeros((n_docs, 3), dtype=np.int64)
        for i in range(width):
            for j in range(i + 1, width):
                both = (doc_coders[:, i] >= 0) & (doc_coders[:, j] >= 0)
                if not both.any():
                    continue
                keys, doc_pair = np.unique(
                    np.where(both, doc_coders[:, i] * (1 << _PAIR_SHIFT) + doc_coders[:, j], -1),
                    return_inverse=True,
                )
                pairs = [(k >> _PAIR_SHIFT, k & ((1 << _PAIR_SHIFT) - 1)) for k in keys.tolist()]
                self._entity_pair(
                    (s_doc, s_slot, s_start, s_end, s_label),
                    (i, j, both, doc_pair, pairs, n_labels),
                    doc_e,
                )
                self._quote_pair(q, (i, j, both & ~odd_docs, doc_pair, pairs), doc_q)
                self._odd_quote_pairs(q, i, j, both & odd_docs, doc_pair, pairs, doc_q)
        self._doc_entities.append(doc_e)
        self._doc_quotes.append(doc_q)

    def _entity_pair(self, spans: tuple, pair_of: tuple, doc_e: np.ndarray) -> None:
        s_doc, s_slot, s_start, s_end, s_label = spans
        i, j, both, doc_pair, pairs, n_labels = pair_of
        on = both[s_doc]
        li = np.flatnonzero(on & (s_slot == i))
        ri = np.flatnonzero(on & (s_slot == j))
        group_l = s_doc[li] * n_labels + s_label[li]
        group_r = s_doc[ri] * n_labels + s_label[ri]
        exact_l, _, over_l, _ = match(
            (group_l, s_start[li], s_end[li]), (group_r, s_start[ri], s_end[ri])
        )
        n_pairs = len(pairs)
        size = n_pairs * n_labels

        def per_pair_label(items: np.ndarray) -> np.ndarray:
            flat = doc_pair[s_doc[items]] * n_labels + s_label[items]
            return np.bincount(flat, minlength=size).reshape(n_pairs, n_labels)

        left, right = per_pair_label(li), per_pair_label(ri)
        exact = per_pair_label(li[exact_l])
        overlap = exact + per_pair_label(li[over_l])
        table = np.stack([left, right, exact, overlap], axis=2)  # pairs x labels x 4
        for p, pair in enumerate(pairs):
            if both[doc_pair == p].any() and table[p, :, :2].any():
                self.entities[pair] = _grow(self.entities.get(pair), n_labels) + table[p]
        doc_e[:, 0] += np.bincount(s_doc[li], minlength=len(doc_e))
        doc_e[:, 1] += np.bincount(s_doc[ri], minlength=len(doc_e))
        doc_e[:, 2] += np.bincount(s_doc[li[exact_l]], minlength=len(doc_e))

    def _quote_pair(self, q: _QuoteArrays, pair_of: tuple, doc_q: np.ndarray) -> None:
        i, j, both, doc_pair, pairs = pair_of
        on = both[q.doc]
        li = np.flatnonzero(on & (q.slot == i))
        ri = np.flatnonzero(on & (q.slot == j))
        exact_l, exact_r, over_l, over_r = match(
            (q.doc[li], q.start[li], q.end[li]), (q.doc[ri], q.start[ri], q.end[ri])
        )
        ml = np.concatenate((li[exact_l], li[over_l]))
        mr = np.concatenate((ri[exact_r], ri[over_r]))
        agree = q.speakers_agree(ml, mr)
        n_pairs = len(pairs)

        def per_pair(items: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
            return np.bincount(doc_pair[q.doc[items]], weights=weights, minlength=n_pairs)

        matched = per_pair(ml)
        rows = np.stack(
            [
                per_pair(li),
                per_pair(ri),
                per_pair(li[exact_l]),
                matched,
                matched,
                per_pair(ml, agree.astype(np.float64)).astype(np.int64),
            ],
            axis=1,
        )
        for p, pair in enumerate(pairs):
            if both[doc_pair == p].any():
                self.quotes[pair] = self.quotes.get(pair, np.zeros(6, dtype=np.int64)) + rows[p]
        doc_q[:, 0] += np.bincount(q.doc[li], minlength=len(doc_q))
        doc_q[:, 1] += np.bincount(q.doc[ri], minlength=len(doc_q))
        doc_q[:, 2] += np.bincount(q.doc[li[exact_l]], minlength=len(doc_q))

    def _odd_quote_pairs(
        self,
        q: _QuoteArrays,
        i: int,
        j: int,
        docs: np.ndarray,
        doc_pair: np.ndarray,
        pairs: list[tuple[int, int]],
        doc_q: np.ndarray,
    ) -> None:
        """Documents where an annotator repeats a quote's content or gives an empty
        speaker: ``spans.compare_quotes`` document by document."""
        for d in np.flatnonzero(docs).tolist():
            qa, qb = q.keys(d, i), q.keys(d, j)
            if not qa and not qb:
                counts = (0, 0, 0, 0, 0, 0)
            elif qa == qb:
                counts = (len(qa),) * 6
            else:
                c = compare_quotes(qa, qb)
                counts = (c.left, c.right, c.exact, c.overlap, c.matched, c.speakers_agree)
            pair = pairs[int(doc_pair[d])]
            self.quotes[pair] = self.quotes.get(pair, np.zeros(6, dtype=np.int64)) + counts
            doc_q[d] += counts[:3]

    def document_f1(self) -> tuple[list[float | None], list[float | None]]:
        """Per document: exact entity F1 and exact quote F1 over all its pairs."""
        return _f1(self._doc_entities), _f1(self._doc_quotes)


class _QuoteArrays:
    """A page's quotes, one per annotator and content (duplicates dropped)."""

    def __init__(self, quotes: Quotes, keep: np.ndarray, row_doc: np.ndarray, row_slot: np.ndarray):
        self.owner = quotes.owner[keep]
        self.doc, self.slot = row_doc[self.owner], row_slot[self.owner]
        self.start, self.end = quotes.start[keep], quotes.end[keep]
        self.speaker_start, self.speaker_end = quotes.speaker_start[keep], quotes.speaker_end[keep]

    def odd_documents(self, n_docs: int) -> np.ndarray:
        """Documents where one annotator gives one content range twice (with different
        speakers) or a speaker range is empty: matched one by one."""
        odd = np.zeros(n_docs, dtype=bool)
        empty = (self.speaker_start >= 0) & (self.speaker_end <= self.speaker_start)
        odd[self.doc[empty]] = True
        if len(self.owner) > 1:
            order = np.lexsort((self.end, self.start, self.owner))
            o, s, e = self.owner[order], self.start[order], self.end[order]
            again = (o[1:] == o[:-1]) & (s[1:] == s[:-1]) & (e[1:] == e[:-1])
            odd[self.doc[order[1:][again]]] = True
        return odd

    def speakers_agree(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        a0, a1 = self.speaker_start[left], self.speaker_end[left]
        b0, b1 = self.speaker_start[right], self.speaker_end[right]
        none = (a0 < 0) & (b0 < 0)
        some = (a0 >= 0) & (b0 >= 0)
        return none | (some & (np.minimum(a1, b1) - np.maximum(a0, b0) > 0))

    def keys(self, doc: int, slot: int) -> set[tuple[int, int, int | None, int | None]]:
        mine = np.flatnonzero((self.doc == doc) & (self.slot == slot)).tolist()
        return {
            (
                int(self.start[k]),
                int(self.end[k]),
                None if self.speaker_start[k] < 0 else int(self.speaker_start[k]),
                None if self.speaker_end[k] < 0 else int(self.speaker_end[k]),
            )
            for k in mine
        }


def _f1(pages: list[np.ndarray]) -> list[float | None]:
    if not pages:
        return []
    counts = np.concatenate(pages).astype(np.float64)
    total = counts[:, 0] + counts[:, 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = 2.0 * counts[:, 2] / total
    out = scores.astype(object)
    out[total == 0] = None
    return out.tolist()


def _grow(table: np.ndarray | None, n_labels: int) -> np.ndarray:
    out = np.zeros((n_labels, 4), dtype=np.int64)
    if table is not None:
        out[: table.shape[0]] = table
    return out
