"""Computing the agreement report in one pass over pages of finished work.

Each page (``FinishedPage``: the stored compact JSON of the annotations of about 2,000
documents) is parsed with ``review.parse``, added to the block and span accumulators
and dropped, so memory stays flat however large the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import orjson

from annotator.review.blocks import BlockAccumulator, page_values
from annotator.review.inputs import Finished
from annotator.review.matching import SpanAccumulator
from annotator.review.parse import Interner, parse_labelled, parse_quotes
from annotator.review.report import AgreementReport
from annotator.review.spans import QuoteCounts, SpanCounts


class FinishedPage(Protocol):
    """A page of finished work as ``store.reviewing.iter_finished_pages`` reads it:
    per annotation (grouped by document, annotators in name order) its document's index
    in ``doc_ids``, the annotator, and the stored JSON of its block labels, spans and
    quotes."""

    doc_ids: list[str]
    row_doc: np.ndarray
    sources: list[str]
    blocks: list[bytes]
    spans: list[bytes]
    quotes: list[bytes]


@dataclass(slots=True)
class Page:
    """A ``FinishedPage`` built in memory."""

    doc_ids: list[str]
    row_doc: np.ndarray
    sources: list[str]
    blocks: list[bytes]
    spans: list[bytes]
    quotes: list[bytes]


def page_layout(
    page: FinishedPage, coders: Interner
) -> tuple[np.ndarray, np.ndarray, int, np.ndarray]:
    """Each annotation's document and slot (its rank among the document's annotators),
    the widest document's annotator count, and ``doc_coders[d, s]``: the annotator
    (code in ``coders``, -1: none) in slot ``s`` of document ``d``."""
    n_docs = len(page.doc_ids)
    row_doc = np.asarray(page.row_doc, dtype=np.int64)
    first = np.searchsorted(row_doc, np.arange(n_docs))
    row_slot = np.arange(len(row_doc)) - first[row_doc]
    width = int(row_slot.max()) + 1 if len(row_slot) else 1
    doc_coders = np.full((n_docs, width), -1, dtype=np.int64)
    doc_coders[row_doc, row_slot] = [coders[name] for name in page.sources]
    return row_doc, row_slot, width, doc_coders


def compute_agreement_pages(
    pages: Iterable[FinishedPage],
    block_labels: Sequence[str] = (),
    entity_labels: Sequence[str] = (),
    entities: bool = True,
) -> AgreementReport:
    """The report over pages of documents that two or more annotators finished, in one
    pass: each page is parsed, added to the accumulators and dropped. ``entities=False``
    leaves spans and quotes out (for a block confusion matrix)."""
    block_codes, entity_codes, coders = Interner(block_labels), Interner(entity_labels), Interner()
    blocks, spans = BlockAccumulator(), SpanAccumulator()
    doc_ids: list[str] = []
    doc_annotators: list[tuple[str, ...]] = []
    for page in pages:
        n_docs = len(page.doc_ids)
        row_doc, row_slot, width, doc_coders = page_layout(page, coders)
        first = np.searchsorted(row_doc, np.arange(n_docs))
        ends = np.append(first[1:], len(row_doc)).tolist()
        doc_annotators.extend(
            tuple(page.sources[a:b]) for a, b in zip(first.tolist(), ends, strict=True)
        )
        doc_ids.extend(page.doc_ids)
        labels = parse_labelled(page.blocks, 1, block_codes)
        values, unit_doc = page_values(row_doc, row_slot, labels, n_docs, width)
        blocks.add_page(values, unit_doc, doc_coders, len(block_codes))
        if entities:
            spans.add_page(
                row_doc,
                row_slot,
                doc_coders,
                parse_labelled(page.spans, 2, entity_codes),
                parse_quotes(page.quotes),
                len(entity_codes),
            )
    coder_names = coders.names
    block = blocks.finish(block_codes.names, coder_names, _report_order(block_codes, block_labels))
    entity_names = entity_codes.names
    per_pair = {
        (coder_names[a], coder_names[b]): {
            entity_names[k]: SpanCounts(*row)
            for k, row in enumerate(table.tolist())
            if row[0] or row[1]
        }
        for (a, b), table in spans.entities.items()
    }
    seen = {label for table in per_pair.values() for label in table}
    doc_entity_f1, doc_quote_f1 = (
        spans.document_f1() if entities else ([None] * len(doc_ids), [None] * len(doc_ids))
    )
    return AgreementReport(
        documents=len(doc_ids),
        annotators=sorted(coder_names),
        blocks=block,
        doc_ids=doc_ids,
        doc_annotators=doc_annotators,
        entity_labels=list(entity_labels) + sorted(seen - set(entity_labels)),
        entities=dict(sorted(per_pair.items())),
        quotes={
            (coder_names[a], coder_names[b]): QuoteCounts(*row.tolist())
            for (a, b), row in sorted(
                spans.quotes.items(), key=lambda kv: (coder_names[kv[0][0]], coder_names[kv[0][1]])
            )
        },
        doc_entity_f1=doc_entity_f1,
        doc_quote_f1=doc_quote_f1,
    )


def _report_order(codes: Interner, schema: Sequence[str]) -> np.ndarray:
    """Category codes in report order: the schema's labels, then the others by name."""
    others = sorted(name for name in codes if name not in set(schema))
    return np.array([codes[name] for name in [*schema, *others]], dtype=np.int64)


def pages_of(items: Iterable[tuple[str, Finished]], size: int = 2000) -> Iterable[Page]:
    """``(document id, finished work)`` pairs as pages (documents with fewer than two
    annotators' finished work are passed over)."""
    page = Page([], np.zeros(0, dtype=np.int64), [], [], [], [])
    row_doc: list[int] = []
    for document_id, work in items:
        if len(work) < 2:
            continue
        d = len(page.doc_ids)
        page.doc_ids.append(document_id)
        for name in sorted(work):
            annotation = work[name]
            row_doc.append(d)
            page.sources.append(name)
            page.blocks.append(orjson.dumps(annotation.blocks))
            page.spans.append(orjson.dumps(annotation.spans))
            page.quotes.append(orjson.dumps(annotation.quotes))
        if len(page.doc_ids) >= size:
            page.row_doc = np.array(row_doc, dtype=np.int64)
            yield page
            page = Page([], np.zeros(0, dtype=np.int64), [], [], [], [])
            row_doc = []
    if page.doc_ids:
        page.row_doc = np.array(row_doc, dtype=np.int64)
        yield page


def compute_agreement(
    items: Iterable[tuple[str, Finished]],
    block_labels: Sequence[str] = (),
    entity_labels: Sequence[str] = (),
) -> AgreementReport:
    """The report over ``(document id, finished work)`` pairs held in memory."""
    return compute_agreement_pages(pages_of(items), block_labels, entity_labels)
