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

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from annotator.review.blocks import BlockAgreement, BlockCollector, BlockData, block_agreement
from annotator.review.inputs import Finished
from annotator.review.spans import (
    QuoteCounts,
    SpanCollector,
    SpanCounts,
    f1,
    total,
    total_quotes,
)

FORMAT = "agreement.v1"


def _clean(value: Any) -> Any:
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


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


@dataclass(slots=True)
class AgreementReport:
    documents: int
    annotators: list[str]
    blocks: BlockAgreement
    data: BlockData
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

    def document_rows(self) -> list[dict[str, Any]]:
        table = self.blocks.per_document
        rows = []
        for d, doc_id in enumerate(self.data.doc_ids):
            coders = [self.data.coders[c] for c in self.data.doc_coders[d] if c >= 0]
            rows.append(
                {
                    "id": doc_id,
                    "annotators": coders,
                    "blocks": {
                        "units": int(table["units"][d]),
                        "percent_agreement": _clean(table["percent"][d]),
                        "unanimous": _clean(table["unanimous"][d]),
                        "fleiss_kappa": _clean(table["fleiss_kappa"][d]),
                        "krippendorff_alpha": _clean(table["krippendorff_alpha"][d]),
                    },
                    "entity_f1": self.doc_entity_f1[d],
                    "quote_f1": self.doc_quote_f1[d],
                }
            )
        return rows

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


def confusion_matrix(
    items: Iterable[tuple[str, Finished]], a: str, b: str, block_labels: Sequence[str] = ()
) -> ConfusionMatrix:
    collector = BlockCollector(list(block_labels))
    for document_id, work in items:
        if a in work and b in work:
            collector.add(document_id, {a: work[a], b: work[b]})
    data = collector.finish()
    table = data.confusion(a, b) if data.doc_ids else np.zeros((len(data.categories),) * 2)
    return ConfusionMatrix((a, b), data.categories, table.astype(int).tolist())


def compute_agreement_pages(
    pages: Iterable[tuple[list[str], list[tuple[int, str, bytes, list[Any], list[Any]]]]],
    block_labels: Sequence[str] = (),
    entity_labels: Sequence[str] = (),
) -> AgreementReport:
    """The report over pages as ``store.reviewing.iter_finished_pages`` reads them:
    ``(document ids, rows)``, a row ``(document index, annotator, raw block labels JSON,
    spans, quotes)`` of a done annotation, rows grouped by document. The block labels of
    a page are parsed at once (``blocks.parse_label_lists``)."""
    blocks = BlockCollector(list(block_labels))
    spans = SpanCollector()
    for doc_ids, rows in pages:
        doc_names: list[list[str]] = []
        owners: list[tuple[int, int]] = []
        raws: list[bytes] = []
        kept: list[str] = []
        start = 0
        while start < len(rows):
            doc = rows[start][0]
            end = start
            while end < len(rows) and rows[end][0] == doc:
                end += 1
            group = sorted(rows[start:end], key=lambda r: r[1])
            start = end
            if len(group) < 2:
                continue
            d = len(kept)
            kept.append(doc_ids[doc])
            doc_names.append([r[1] for r in group])
            for slot, row in enumerate(group):
                owners.append((d, slot))
                raws.append(row[2])
            spans.add_lists(doc_names[-1], [r[3] for r in group], [r[4] for r in group])
        blocks.add_page(kept, doc_names, owners, raws)
    return _report(blocks, spans, entity_labels)


def compute_agreement(
    items: Iterable[tuple[str, Finished]],
    block_labels: Sequence[str] = (),
    entity_labels: Sequence[str] = (),
) -> AgreementReport:
    """The report over ``(document id, finished work)`` pairs; documents with fewer than
    two annotators' finished work are passed over."""
    blocks = BlockCollector(list(block_labels))
    spans = SpanCollector()
    for document_id, work in items:
        if len(work) < 2:
            continue
        blocks.add(document_id, work)
        spans.add(work)
    return _report(blocks, spans, entity_labels)


def _report(
    blocks: BlockCollector, spans: SpanCollector, entity_labels: Sequence[str]
) -> AgreementReport:
    seen_entities: set[str] = set()
    data = blocks.finish()
    entities = spans.entities
    for per_label in entities.values():
        seen_entities.update(per_label)
    labels = list(entity_labels) + sorted(seen_entities - set(entity_labels))
    return AgreementReport(
        documents=len(data.doc_ids),
        annotators=sorted(data.coders),
        blocks=block_agreement(data),
        data=data,
        entity_labels=labels,
        entities=entities,
        quotes=spans.quotes,
        doc_entity_f1=spans.doc_entity_f1,
        doc_quote_f1=spans.doc_quote_f1,
    )
