"""Agreement on nominal labels: percent agreement, Cohen's, Fleiss' and Krippendorff's.

Reliability data is a matrix ``values`` of units x slots (numpy, ``-1`` = no label), one
row per unit (a block of a document) and one column per annotator slot; which annotator
fills a slot may differ from document to document (``BlockData.doc_coders``), which keeps
the matrix as narrow as the largest number of annotators on one document.

Definitions (all nominal; a unit is *pairable* when it holds two or more labels; ``m_u``
is its number of labels, ``n_uk`` how many of them are category ``k``):

- percent agreement: the share of agreeing pairs of labels within a unit, averaged over
  pairable units (for two annotators: the share of units where they agree);
- Fleiss' kappa (1971), generalised to units with different numbers of labels:
  ``P_u = sum_k n_uk (n_uk - 1) / (m_u (m_u - 1))``, ``P = mean P_u``,
  ``p_k = sum_u n_uk / sum_u m_u``, ``kappa = (P - sum p_k^2) / (1 - sum p_k^2)``; with the
  same number of labels in every unit this is Fleiss' formula exactly;
- Krippendorff's alpha (nominal, Krippendorff 2011): from the coincidence matrix,
  ``alpha = 1 - (n - 1) (n - sum_c o_cc) / (n^2 - sum_c n_c^2)``;
- Cohen's kappa for two annotators over the units both labelled.

A statistic whose chance agreement is total (every label the same category) is
undefined and returned as ``None``; so is any statistic without a pairable unit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MISSING = -1


@dataclass(frozen=True, slots=True)
class NominalAgreement:
    """Agreement statistics of one set of units (a corpus, a document, or one label)."""

    units: int  # pairable units
    labels: int  # labels in pairable units
    percent: float | None
    unanimous: float | None  # share of pairable units where all labels are the same
    fleiss_kappa: float | None
    krippendorff_alpha: float | None

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "units": self.units,
            "labels": self.labels,
            "percent_agreement": self.percent,
            "unanimous": self.unanimous,
            "fleiss_kappa": self.fleiss_kappa,
            "krippendorff_alpha": self.krippendorff_alpha,
        }


def _kappa(observed: float | None, expected: float) -> float | None:
    if observed is None or expected >= 1.0 - 1e-12:
        return None
    return float((observed - expected) / (1.0 - expected))


def category_columns(values: np.ndarray, n_categories: int) -> list[np.ndarray]:
    """Per category, how many labels of it every unit holds: the columns of the units x
    categories count matrix, built without that matrix."""
    values = np.asarray(values)
    columns = [np.zeros(values.shape[0], dtype=np.int32) for _ in range(n_categories)]
    for s in range(values.shape[1] if values.ndim == 2 else 0):
        slot = values[:, s]
        for k in range(n_categories):
            columns[k] += slot == k
    return columns


Counts = np.ndarray | list[np.ndarray]
"""A units x categories count matrix, or its columns."""


def _columns(counts: Counts) -> list[np.ndarray]:
    if isinstance(counts, list):
        return counts
    counts = np.asarray(counts)
    return [np.ascontiguousarray(counts[:, k], dtype=np.int32) for k in range(counts.shape[1])]


def _pairable(
    columns: list[np.ndarray], weights: np.ndarray | None = None
) -> tuple[list[np.ndarray], np.ndarray, np.ndarray | None]:
    """The columns, label counts and weights of the units holding two or more labels."""
    m = columns[0].copy()
    for col in columns[1:]:
        m += col
    keep = m >= 2
    if keep.all():
        return columns, m, weights
    return [col[keep] for col in columns], m[keep], None if weights is None else weights[keep]


def nominal_from_columns(
    columns: list[np.ndarray],
    pairable: np.ndarray | None = None,
    weights: np.ndarray | None = None,
) -> NominalAgreement:
    """The statistics from per-category count vectors over the same units (column-wise:
    numpy reduces along a narrow axis slowly). ``pairable``: the label count of every
    unit when the caller has already kept only units with two or more labels.
    ``weights``: how many units each row stands for (rows are then distinct patterns)."""
    if not columns:
        return NominalAgreement(0, 0, None, None, None, None)
    if pairable is None:
        columns, m, weights = _pairable(columns, weights)
    else:
        m = pairable
    w = np.ones(len(m), dtype=np.int64) if weights is None else np.asarray(weights)
    units = int(w.sum())
    if units == 0:
        return NominalAgreement(0, 0, None, None, None, None)
    same = np.zeros(len(m), dtype=np.int64)
    top = np.zeros(len(m), dtype=m.dtype)
    totals = []
    for c in columns:
        same += c * (c - 1)  # ordered agreeing pairs per unit
        np.maximum(top, c, out=top)
        totals.append(float(c @ w) if weights is not None else float(c.sum(dtype=np.int64)))
    n = float(m @ w)
    mf = m.astype(np.float64)
    if weights is None:
        percent = float((same / (mf * (mf - 1))).mean())
        unanimous = float((top == m).mean())
        o_same = float((same / (mf - 1)).sum())
    else:
        percent = float((same / (mf * (mf - 1))) @ w) / units
        unanimous = float((top == m) @ w) / units
        o_same = float((same / (mf - 1)) @ w)
    expected = sum((t / n) ** 2 for t in totals)
    alpha_den = n * n - sum(t * t for t in totals)
    alpha = None if alpha_den <= 0 else 1.0 - (n - 1.0) * (n - o_same) / alpha_den
    return NominalAgreement(units, int(n), percent, unanimous, _kappa(percent, expected), alpha)


def nominal_from_counts(counts: Counts, weights: np.ndarray | None = None) -> NominalAgreement:
    """All the multi-annotator statistics from a units x categories count matrix
    (``weights``: units per row, when rows are distinct patterns)."""
    return nominal_from_columns(_columns(counts), weights=weights)


def nominal(values: np.ndarray, n_categories: int | None = None) -> NominalAgreement:
    """Statistics of a units x annotators matrix of category codes (``-1`` = missing)."""
    values = np.asarray(values)
    if n_categories is None:
        n_categories = int(values.max()) + 1 if values.size else 0
    return nominal_from_columns(category_columns(values, n_categories))


def label_agreement(counts: Counts, weights: np.ndarray | None = None) -> list[NominalAgreement]:
    """Each category against all the others (one-vs-rest), in category order."""
    columns = _columns(counts)
    if not columns:
        return []
    columns, m, weights = _pairable(columns, weights)
    return [nominal_from_columns([m - col, col], m, weights) for col in columns]


def grouped_nominal(counts: Counts, groups: np.ndarray, n_groups: int) -> dict[str, np.ndarray]:
    """The statistics of every group of units at once (e.g. per document): arrays of
    length ``n_groups`` with NaN where undefined."""
    columns = _columns(counts)
    m = np.zeros(len(groups), dtype=np.int32)
    for col in columns:
        m += col
    keep = m >= 2
    m, groups = m[keep], np.asarray(groups)[keep]
    columns = [col[keep] for col in columns]
    same = np.zeros(len(m), dtype=np.int32)
    top = np.zeros(len(m), dtype=np.int32)
    sum_sq = np.zeros(n_groups)
    for col in columns:
        same += col * (col - 1)
        np.maximum(top, col, out=top)
        total_k = np.bincount(groups, weights=col, minlength=n_groups)
        sum_sq += total_k**2
    mf = m.astype(np.float64)
    units = np.bincount(groups, minlength=n_groups).astype(np.float64)
    n = np.bincount(groups, weights=mf, minlength=n_groups)
    o_same = np.bincount(groups, weights=same / np.maximum(mf - 1, 1), minlength=n_groups)
    p_unit = same / np.maximum(mf * (mf - 1), 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        percent = np.bincount(groups, weights=p_unit, minlength=n_groups) / units
        unanimous = np.bincount(groups, weights=top == m, minlength=n_groups) / units
        expected = sum_sq / (n * n)
        fleiss = np.where(expected < 1 - 1e-12, (percent - expected) / (1 - expected), np.nan)
        alpha_den = n * n - sum_sq
        alpha = np.where(alpha_den > 0, 1.0 - (n - 1.0) * (n - o_same) / alpha_den, np.nan)
    return {
        "units": units.astype(np.int64),
        "percent": percent,
        "unanimous": unanimous,
        "fleiss_kappa": fleiss,
        "krippendorff_alpha": alpha,
    }


# ------------------------------------------------------------------------ two annotators


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """Two annotators over the units both labelled."""

    units: int
    percent: float | None
    cohen_kappa: float | None

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "units": self.units,
            "percent_agreement": self.percent,
            "cohen_kappa": self.cohen_kappa,
        }


def confusion(a: np.ndarray, b: np.ndarray, n_categories: int) -> np.ndarray:
    """Categories x categories counts: rows are ``a``'s labels, columns ``b``'s."""
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    both = (a >= 0) & (b >= 0)
    flat = a[both] * n_categories + b[both]
    return np.bincount(flat, minlength=n_categories * n_categories).reshape(
        n_categories, n_categories
    )


def cohen_from_confusion(table: np.ndarray) -> PairAgreement:
    table = np.asarray(table, dtype=np.float64)
    total = float(table.sum())
    if total == 0:
        return PairAgreement(0, None, None)
    observed = float(np.trace(table)) / total
    expected = float((table.sum(axis=1) / total) @ (table.sum(axis=0) / total))
    return PairAgreement(int(total), observed, _kappa(observed, expected))


def cohen_kappa(a: np.ndarray, b: np.ndarray, n_categories: int | None = None) -> PairAgreement:
    """Cohen's kappa of two label vectors (``-1`` = missing; such units are left out)."""
    a = np.asarray(a)
    b = np.asarray(b)
    if n_categories is None:
        n_categories = int(max(a.max(initial=-1), b.max(initial=-1))) + 1
    return cohen_from_confusion(confusion(a, b, max(n_categories, 1)))


def binary_confusion(table: np.ndarray, k: int) -> np.ndarray:
    """The 2x2 table of category ``k`` against the rest, from a full confusion table."""
    table = np.asarray(table, dtype=np.int64)
    hit_hit = table[k, k]
    a_hit = table[k, :].sum()
    b_hit = table[:, k].sum()
    total = table.sum()
    return np.array(
        [[total - a_hit - b_hit + hit_hit, b_hit - hit_hit], [a_hit - hit_hit, hit_hit]]
    )
