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

from dataclasses import dataclass
from typing import Any

import numpy as np

from annotator.review.blocks import BlockAgreement
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
