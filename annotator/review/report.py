"""The agreement report of a corpus, and its JSON shape (``agreement.v1``).

Computed over the documents that two or more annotators finished (status ``done``;
``gold`` and ``suggestions`` are not annotators). ``AgreementReport.as_dict()`` gives::

    {
      "format": "agreement.v1",
      "documents": 120,                  # documents finished by >= 2 annotators
      "annotators": ["alice", "bob", "carol"],
      "blocks": {
        "labels": ["body", "boilerplate", ...],    # schema labels, then any others seen
        "overall": NOMINAL,
        "per_label": {"body": {**NOMINAL, "given": 812}, ...},  # that label against the
                                             # rest; "given": times annotators chose it
        "pairs": [
          {"annotators": ["alice", "bob"], "units": 800, "percent_agreement": 0.93,
           "cohen_kappa": 0.88,
           "per_label": {"body": {"units": 800, "percent_agreement": 0.95,
                                  "cohen_kappa": 0.90}, ...}},
          ...
        ],
        "mean_cohen_kappa": 0.87            # mean over pairs (null without a pair)
      },
      "entities": {
        "labels": ["PERSON", "ORG", ...],
        "overall": SPANS,                    # summed over pairs and labels
        "per_label": {"PERSON": SPANS, ...},  # summed over pairs
        "pairs": [{"annotators": ["alice", "bob"], "overall": SPANS,
                   "per_label": {"PERSON": SPANS, ...}}, ...]
      },
      "quotes": {
        "overall": QUOTES,
        "pairs": [{"annotators": ["alice", "bob"], ...QUOTES}, ...]
      },
      "per_document": [                      # only with as_dict(documents=True)
        {"id": "doc-1", "annotators": ["alice", "bob"], "blocks": NOMINAL-without-labels,
         "entity_f1": 1.0, "quote_f1": null}, ...
      ]
    }

    NOMINAL = {"units": int, "labels": int, "percent_agreement": float, "unanimous": float,
               "fleiss_kappa": float, "krippendorff_alpha": float}
    SPANS   = {"spans_a": int, "spans_b": int, "exact_matches": int, "overlap_matches": int,
               "exact_f1": float, "overlap_f1": float}
    QUOTES  = {"quotes_a": int, "quotes_b": int, "exact_matches": int, "overlap_matches": int,
               "exact_f1": float, "overlap_f1": float, "speaker_agreement": float}

Every float is ``null`` where undefined (nothing to compare, or chance agreement of 1).
``units`` are blocks labelled by at least two annotators; ``a``/``b`` are the first and
second annotator of a pair in name order (summed over pairs in ``overall``). The
definitions are in ``review.agreement`` and ``review.spans``; docs/agreement.md explains
them for users.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import orjson

from annotator.review.blocks import BlockAccumulator, BlockAgreement, page_values
from annotator.review.inputs import Finished
from annotator.review.matching import SpanAccumulator
from annotator.review.parse import Interner, parse_labelled, parse_quotes
from annotator.review.spans import QuoteCounts, SpanCounts, f1, total, total_quotes

FORMAT = "agreement.v1"


def span_dict(c: SpanCounts, noun: str = "spans") -> dict[str, Any]:
    return {
        f"{noun}_a": c.left,
        f"{noun}_b": c.right,
        "exact_matches": c.exact,
        "overlap_matches": c.overlap,
        "exact_f1": f1(c.exact, c.left, c.right),
        "overlap_f1": f1(c.overlap, c.left, c.right),
    }


def quote_dict(c: QuoteCounts) -> dict[str, Any]:
    out = span_dict(c, "quotes")
    out["speaker_agreement"] = None if c.matched == 0 else c.speakers_agree / c.matched
    return out


def _floats(values: np.ndarray) -> list[float | None]:
    """Floats for JSON, None where NaN."""
    out = values.astype(object)
    out[np.isnan(values)] = None
    return out.tolist()


@dataclass(slots=True)
class AgreementReport:
    documents: int
    annotators: list[str]
    blocks: BlockAgreement
    doc_ids: list[str]
    doc_annotators: list[tuple[str, ...]]  # each document's annotators, in name order
    entity_labels: list[str]
    entities: dict[tuple[str, str], dict[str, SpanCounts]]
    quotes: dict[tuple[str, str], QuoteCounts]
    doc_entity_f1: list[float | None]
    doc_quote_f1: list[float | None]

    @property
    def mean_cohen_kappa(self) -> float | None:
        kappas = [p.cohen_kappa for p in self.blocks.pairs.values() if p.cohen_kappa is not None]
        return sum(kappas) / len(kappas) if kappas else None

    def entity_totals(self) -> tuple[SpanCounts, dict[str, SpanCounts]]:
        per_label = {
            label: total(pair.get(label, SpanCounts()) for pair in self.entities.values())
            for label in self.entity_labels
        }
        return total(per_label.values()), per_label

    def confusion_matrix(self, a: str, b: str) -> ConfusionMatrix:
        """Block labels of ``a`` (rows) against ``b`` (columns) over the blocks both
        labelled (all zeros when they finished no document together)."""
        names = self.blocks.categories
        table = self.blocks.confusions.get((a, b))
        if table is None:
            swapped = self.blocks.confusions.get((b, a))
            table = swapped.T if swapped is not None else np.zeros((len(names),) * 2)
        return ConfusionMatrix((a, b), names, table.astype(int).tolist())

    def document_rows(self) -> list[dict[str, Any]]:
        table = self.blocks.per_document
        columns = zip(
            self.doc_ids,
            self.doc_annotators,
            table["units"].tolist(),
            _floats(table["percent"]),
            _floats(table["unanimous"]),
            _floats(table["fleiss_kappa"]),
            _floats(table["krippendorff_alpha"]),
            self.doc_entity_f1,
            self.doc_quote_f1,
            strict=True,
        )
        return [
            {
                "id": doc_id,
                "annotators": list(names),
                "blocks": {
                    "units": units,
                    "percent_agreement": percent,
                    "unanimous": unanimous,
                    "fleiss_kappa": fleiss,
                    "krippendorff_alpha": alpha,
                },
                "entity_f1": entity_f1,
                "quote_f1": quote_f1,
            }
            for doc_id, names, units, percent, unanimous, fleiss, alpha, entity_f1, quote_f1 in (
                columns
            )
        ]

    def as_dict(self, documents: bool = False) -> dict[str, Any]:
        blocks = self.blocks
        entity_overall, entity_per_label = self.entity_totals()
        out: dict[str, Any] = {
            "format": FORMAT,
            "documents": self.documents,
            "annotators": self.annotators,
            "blocks": {
                "labels": blocks.categories,
                "overall": blocks.overall.as_dict(),
                "per_label": {
                    k: {**v.as_dict(), "given": blocks.given[k]}
                    for k, v in blocks.per_label.items()
                },
                "pairs": [
                    {
                        "annotators": list(pair),
                        **agreement.as_dict(),
                        "per_label": {
                            k: v.as_dict() for k, v in blocks.pairs_per_label[pair].items()
                        },
                    }
                    for pair, agreement in blocks.pairs.items()
                ],
                "mean_cohen_kappa": self.mean_cohen_kappa,
            },
            "entities": {
                "labels": self.entity_labels,
                "overall": span_dict(entity_overall),
                "per_label": {k: span_dict(v) for k, v in entity_per_label.items()},
                "pairs": [
                    {
                        "annotators": list(pair),
                        "overall": span_dict(total(per_label.values())),
                        "per_label": {
                            k: span_dict(per_label.get(k, SpanCounts())) for k in self.entity_labels
                        },
                    }
                    for pair, per_label in sorted(self.entities.items())
                ],
            },
            "quotes": {
                "overall": quote_dict(total_quotes(self.quotes.values())),
                "pairs": [
                    {"annotators": list(pair), **quote_dict(counts)}
                    for pair, counts in sorted(self.quotes.items())
                ],
            },
        }
        if documents:
            out["per_document"] = self.document_rows()
        return out


@dataclass(frozen=True, slots=True)
class ConfusionMatrix:
    """Block labels of two annotators over the blocks both labelled in documents both
    finished: ``counts[i][j]`` blocks ``annotators[0]`` labelled ``labels[i]`` and
    ``annotators[1]`` labelled ``labels[j]``."""

    annotators: tuple[str, str]
    labels: list[str]
    counts: list[list[int]]

    @property
    def total(self) -> int:
        return sum(map(sum, self.counts))

    def as_dict(self) -> dict[str, Any]:
        return {"annotators": list(self.annotators), "labels": self.labels, "counts": self.counts}


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
