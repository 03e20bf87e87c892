"""Block agreement statistics against published worked examples and reference
implementations (krippendorff, statsmodels: test-only dependencies)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.review.agreement import (
    binary_confusion,
    cohen_from_confusion,
    cohen_kappa,
    confusion,
    grouped_nominal,
    nominal,
    nominal_from_counts,
)

krippendorff = pytest.importorskip("krippendorff")
inter_rater = pytest.importorskip("statsmodels.stats.inter_rater")

NA = -1

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: four
# observers, twelve units, values 1-5, missing data. Nominal alpha = 0.743.
KRIPPENDORFF_2011_C = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
        [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
    ]
).T  # units x observers

# Krippendorff (2011), example A: two observers, ten units, binary. Alpha = 0.095.
KRIPPENDORFF_2011_A = np.array([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]).T

# Fleiss (1971): ten subjects, fourteen raters, five categories. Kappa = 0.210.
FLEISS_1971 = np.array(
    [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
)


def test_krippendorff_2011_nominal_example_with_missing_data():
    result = nominal(KRIPPENDORFF_2011_C, 6)
    assert result.krippendorff_alpha == pytest.approx(0.743, abs=5e-4)
    assert result.units == 11  # unit 12 has a single value: not pairable
    assert result.labels == 40


def test_krippendorff_2011_binary_example():
    assert nominal(KRIPPENDORFF_2011_A, 2).krippendorff_alpha == pytest.approx(0.095, abs=5e-4)


def test_fleiss_1971_table():
    result = nominal_from_counts(FLEISS_1971)
    assert result.fleiss_kappa == pytest.approx(0.210, abs=5e-4)
    assert result.percent == pytest.approx(0.378, abs=5e-4)  # Fleiss' P-bar


def test_cohen_kappa_of_the_classic_two_by_two_table():
    # a said yes/b yes 20, yes/no 5, no/yes 10, no/no 15: p_o = 0.7, p_e = 0.5
    table = np.array([[20, 5], [10, 15]])
    result = cohen_from_confusion(table)
    assert result.cohen_kappa == pytest.approx(0.4)
    assert result.percent == pytest.approx(0.7)
    assert result.units == 50
    a = np.repeat([0, 0, 1, 1], [20, 5, 10, 15])
    b = np.repeat([0, 1, 0, 1], [20, 5, 10, 15])
    assert cohen_kappa(a, b).cohen_kappa == pytest.approx(0.4)


def test_undefined_statistics_are_none():
    same = np.array([[1, 1], [1, 1], [1, NA]])
    result = nominal(same, 3)
    assert result.percent == 1.0 and result.unanimous == 1.0
    assert result.fleiss_kappa is None and result.krippendorff_alpha is None
    assert nominal(np.array([[0, NA], [NA, 1]]), 2).units == 0
    assert cohen_kappa(np.array([0, 0]), np.array([0, 0])).cohen_kappa is None


def test_binary_confusion_is_one_label_against_the_rest():
    table = np.array([[5, 1, 0], [2, 7, 1], [0, 0, 4]])
    assert binary_confusion(table, 1).tolist() == [[9, 1], [3, 7]]
    assert binary_confusion(table, 1).sum() == table.sum()


def test_grouped_statistics_equal_the_statistics_of_each_group():
    values = KRIPPENDORFF_2011_C
    counts = np.stack([(values == k).sum(axis=1) for k in range(6)], axis=1)
    groups = np.array([0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2])
    grouped = grouped_nominal(counts, groups, 4)
    for g in range(3):
        alone = nominal_from_counts(counts[groups == g])
        for key, value in (
            ("percent", alone.percent),
            ("fleiss_kappa", alone.fleiss_kappa),
            ("krippendorff_alpha", alone.krippendorff_alpha),
        ):
            got = grouped[key][g]
            assert (value is None and math.isnan(got)) or got == pytest.approx(value)
    assert grouped["units"][3] == 0 and math.isnan(grouped["percent"][3])


# ------------------------------------------------------------ against reference code


@st.composite
def label_matrices(draw, complete=False, max_coders=5):
    coders = draw(st.integers(2, max_coders))
    units = draw(st.integers(1, 40))
    categories = draw(st.integers(2, 5))
    low = 0 if complete else -1
    cells = st.lists(
        st.lists(st.integers(low, categories - 1), min_size=coders, max_size=coders),
        min_size=units,
        max_size=units,
    )
    return np.array(draw(cells)), categories


def _reference_alpha(values):
    data = np.where(values < 0, np.nan, values).T.astype(float)
    try:
        return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    except ValueError:  # the reference refuses data with a single value or no pairs
        return None


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the reference's 0/0 on one-value data
@settings(max_examples=120, deadline=None)
@given(label_matrices())
def test_alpha_matches_the_krippendorff_package(matrix):
    values, k = matrix
    ours = nominal(values, k).krippendorff_alpha
    reference = _reference_alpha(values)
    if ours is None or reference is None or math.isnan(reference):
        assert ours is None or reference is None or math.isnan(reference) or ours == 1.0
        return
    assert ours == pytest.approx(reference, abs=1e-9)


@settings(max_examples=120, deadline=None)
@given(label_matrices(complete=True))
def test_fleiss_matches_statsmodels_on_complete_data(matrix):
    values, k = matrix
    table, _ = inter_rater.aggregate_raters(values, n_cat=k)
    with np.errstate(all="ignore"):
        reference = inter_rater.fleiss_kappa(table, method="fleiss")
    ours = nominal(values, k).fleiss_kappa
    if ours is None:
        assert not np.isfinite(reference) or reference == pytest.approx(1.0)
    else:
        assert ours == pytest.approx(reference, abs=1e-9)


@settings(max_examples=120, deadline=None)
@given(label_matrices(max_coders=2))
def test_cohen_matches_statsmodels(matrix):
    values, k = matrix
    a, b = values[:, 0], values[:, 1]
    table = confusion(a, b, k)
    ours = cohen_kappa(a, b, k).cohen_kappa
    if table.sum() == 0:
        assert ours is None
        return
    with np.errstate(all="ignore"):
        reference = inter_rater.cohens_kappa(table, return_results=False)
    if ours is None:
        assert not np.isfinite(reference)
    else:
        assert ours == pytest.approx(reference, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(label_matrices(complete=True, max_coders=2))
def test_two_coder_complete_data_percent_agreement_is_the_share_of_equal_pairs(matrix):
    values, k = matrix
    assert nominal(values, k).percent == pytest.approx(float((values[:, 0] == values[:, 1]).mean()))
