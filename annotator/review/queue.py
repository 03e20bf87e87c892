"""The review queue: every document's disagreement score, computed a page at a time
without building the differences themselves (``disagreements.find_disagreements`` does
that for the documents a reviewer opens).

The counts follow ``review.disagreements``: items are the blocks anyone labelled, the
distinct spans and the distinct quote contents; a block disagrees unless every annotator
gave it the same label, a span unless every annotator marked it, a quote content unless
every annotator marked it with one speaker and cue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from annotator.review.blocks import page_values
from annotator.review.compute import FinishedPage, page_layout
from annotator.review.parse import Interner, parse_labelled, parse_quotes


@dataclass(frozen=True, slots=True)
class QueueEntry:
    document_id: str
    items: int
    disagreements: int

    @property
    def score(self) -> float:
        return self.disagreements / self.items if self.items else 0.0


def _group_ids(keys: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """For rows of key columns: each row's group (rows with equal keys; numbered in key
    order) and the first row of every group."""
    order = np.lexsort(keys[::-1])
    new = np.ones(len(order), dtype=bool)
    if len(order) > 1:
        same = np.ones(len(order) - 1, dtype=bool)
        for k in keys:
            ordered = k[order]
            same &= ordered[1:] == ordered[:-1]
        new[1:] = ~same
    ids = np.empty(len(order), dtype=np.int64)
    ids[order] = np.cumsum(new) - 1
    return ids, order[new]


def _per_group(group: np.ndarray, keys: list[np.ndarray], n_groups: int) -> np.ndarray:
    """How many distinct ``keys`` the rows of each group hold."""
    _, first = _group_ids([group, *keys])
    return np.bincount(group[first], minlength=n_groups)


def _score_page(
    page: FinishedPage, blocks: Interner, entities: Interner, coders: Interner
) -> tuple[np.ndarray, np.ndarray]:
    """Items and disagreements of every document of the page."""
    n_docs = len(page.doc_ids)
    row_doc, row_slot, width, _ = page_layout(page, coders)
    annotators = np.bincount(row_doc, minlength=n_docs)
    items = np.zeros(n_docs, dtype=np.int64)
    worse = np.zeros(n_docs, dtype=np.int64)
    # blocks: not everyone gave the same label (no label is an answer too)
    labels = parse_labelled(page.blocks, 1, blocks)
    values, unit_doc = page_values(row_doc, row_slot, labels, n_docs, width)
    given = values >= 0
    labelled = given.any(axis=1)
    same = given.sum(axis=1) == annotators[unit_doc]
    for s in range(1, width):
        same &= (values[:, s] == values[:, 0]) | (s >= annotators[unit_doc])
    items += np.bincount(unit_doc[labelled], minlength=n_docs)
    worse += np.bincount(unit_doc[labelled & ~same], minlength=n_docs)
    # spans: marked by fewer than everyone
    spans = parse_labelled(page.spans, 2, entities)
    span_doc = row_doc[spans.owner]
    span, first = _group_ids([span_doc, *spans.numbers, spans.code])
    marked = _per_group(span, [spans.owner], len(first))
    items += np.bincount(span_doc[first], minlength=n_docs)
    worse += np.bincount(span_doc[first][marked < annotators[span_doc[first]]], minlength=n_docs)
    # quotes, by content: marked by fewer than everyone, or with other speakers or cues
    q = parse_quotes(page.quotes)
    quote_doc = row_doc[q.owner]
    content, first = _group_ids([quote_doc, q.start, q.end])
    marked = _per_group(content, [q.owner], len(first))
    links = [q.speaker_start, q.speaker_end, q.cue_start, q.cue_end]
    variants = _per_group(content, links, len(first))
    bad = (marked < annotators[quote_doc[first]]) | (variants > 1)
    items += np.bincount(quote_doc[first], minlength=n_docs)
    worse += np.bincount(quote_doc[first][bad], minlength=n_docs)
    return items, worse


def review_queue(pages: Iterable[FinishedPage], skip: set[str] = frozenset()) -> list[QueueEntry]:
    """Documents with any disagreement, worst first (highest score, then most
    disagreements; equal ones in import order), leaving out ``skip``."""
    blocks, entities, coders = Interner(), Interner(), Interner()
    found: list[QueueEntry] = []
    for page in pages:
        items, worse = _score_page(page, blocks, entities, coders)
        for doc_id, n, bad in zip(page.doc_ids, items.tolist(), worse.tolist(), strict=True):
            if bad and doc_id not in skip:
                found.append(QueueEntry(doc_id, n, bad))
    return sorted(found, key=lambda e: (-e.score, -e.disagreements))
