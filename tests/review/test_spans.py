"""Entity and quote agreement between annotator pairs."""

import pytest

from annotator.review.spans import (
    compare_quotes,
    compare_spans,
    f1,
    overlap_matches,
)


def test_exact_and_overlap_f1_per_label():
    a = [(0, 5, "PERSON"), (10, 20, "ORG"), (30, 35, "GPE")]
    b = [(0, 5, "PERSON"), (12, 20, "ORG"), (30, 35, "LOC"), (40, 44, "PERSON")]
    counts = compare_spans(a, b)
    assert (counts["PERSON"].left, counts["PERSON"].right) == (1, 2)
    assert counts["PERSON"].exact == counts["PERSON"].overlap == 1
    assert counts["ORG"].exact == 0 and counts["ORG"].overlap == 1
    assert counts["GPE"].overlap == 0 and counts["LOC"].overlap == 0  # labels must agree
    assert f1(counts["PERSON"].exact, 1, 2) == pytest.approx(2 / 3)


def test_overlap_matching_is_one_to_one_and_prefers_larger_overlaps():
    left = [(0, 10), (20, 30)]
    right = [(5, 25)]  # overlaps both, more with neither: 5 each -> the first pair wins
    assert overlap_matches(left, right) == [(0, 0)]
    left = [(0, 10), (8, 30)]
    right = [(9, 29)]
    assert overlap_matches(left, right) == [(1, 0)]
    assert overlap_matches([(0, 4), (4, 8)], [(4, 8), (0, 4)]) == [(0, 1), (1, 0)]


def test_quotes_content_f1_and_speaker_agreement():
    a = [(100, 200, 80, 90), (300, 400, None, None), (500, 600, 10, 20)]
    b = [(100, 200, 85, 95), (310, 400, None, None), (500, 600, 40, 50), (700, 800, 1, 2)]
    counts = compare_quotes(a, b)
    assert (counts.left, counts.right) == (3, 4)
    assert counts.exact == 2 and counts.overlap == 3
    assert counts.matched == 3 and counts.speakers_agree == 2  # overlapping and both none
