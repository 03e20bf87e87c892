"""Agreement charts: the data behind them on a small corpus computed by hand, and the PNG
files they make (valid, of the size the figure asks for)."""

import pytest
from PIL import Image

from annotator.core.compact import StoredAnnotation
from annotator.review.charts import (
    DPI,
    Bar,
    chart_pair,
    label_chart,
    save_confusion_chart,
    save_label_chart,
)
from annotator.review.compute import compute_agreement
from annotator.review.inputs import finished

NONE = [None] * 4  # no speaker, no cue


def _ann(name, labels, spans=(), quotes=()):
    return StoredAnnotation(
        name, "done", [[i, x] for i, x in enumerate(labels)], list(spans), list(quotes), {}
    )


@pytest.fixture(scope="module")
def report():
    # alice vs bob on 6 blocks: body/body, body/boilerplate, title/title (doc 1);
    # title/title, body/body, boilerplate/boilerplate (doc 2). carol finished doc 3 alone.
    d1 = [
        _ann(
            "alice",
            ["body", "body", "title"],
            [[0, 5, "PERSON"], [10, 20, "ORG"]],
            [[30, 40, 0, 5, None, None]],
        ),
        _ann(
            "bob",
            ["body", "boilerplate", "title"],
            [[0, 5, "PERSON"], [12, 20, "ORG"]],
            [[30, 40, 0, 5, None, None]],
        ),
    ]
    d2 = [
        _ann("alice", ["title", "body", "boilerplate"], [[3, 8, "PERSON"]], [[50, 60, *NONE]]),
        _ann("bob", ["title", "body", "boilerplate"], [], [[52, 60, 3, 8, None, None]]),
    ]
    d3 = [_ann("carol", ["body"])]
    items = [("d1", finished(d1)), ("d2", finished(d2)), ("d3", finished(d3))]
    labels = ["body", "boilerplate", "title", "caption"]
    return compute_agreement(items, labels, ["PERSON", "ORG", "GPE"])


def test_label_chart_data_computed_by_hand(report):
    chart = label_chart(report)
    assert chart.documents == 2 and chart.annotators == ["alice", "bob"]
    # alpha = 1 - (n - 1)(n - o_same) / (n^2 - sum n_c^2), n = 12 labels, o_same = 10
    assert [b.name for b in chart.blocks] == ["body", "boilerplate", "title", "overall"]
    assert [b.count for b in chart.blocks] == [5, 3, 4, 12]  # caption: never given, left out
    expected = [1 - 22 / 70, 1 - 22 / 54, 1.0, 1 - 22 / 94]
    assert [b.values[0] for b in chart.blocks] == pytest.approx(expected)
    # PERSON: 2 vs 1 spans, 1 exact; ORG: 1 vs 1, overlapping only
    assert chart.entities == [
        Bar("PERSON", pytest.approx((2 / 3, 2 / 3)), 3),
        Bar("ORG", (0.0, 1.0), 2),
        Bar("overall", pytest.approx((0.4, 0.8)), 5),
    ]
    # quotes: one exact, one overlapping; speakers agree on the first only
    assert chart.quotes == [Bar("content", (0.5, 1.0), 4), Bar("speaker", (0.5,), 2)]


def test_confusion_matrix_counts_computed_by_hand(report):
    matrix = report.confusion_matrix("alice", "bob")
    assert matrix.labels == ["body", "boilerplate", "title", "caption"]
    assert matrix.counts == [[2, 1, 0, 0], [0, 1, 0, 0], [0, 0, 2, 0], [0, 0, 0, 0]]
    flipped = report.confusion_matrix("bob", "alice")
    assert flipped.counts[0] == [2, 0, 0, 0] and flipped.counts[1] == [1, 1, 0, 0]


def _png_size(path):
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(path) as image:
        image.verify()
        return image.size


def test_charts_are_png_files_of_the_expected_size(report, tmp_path):
    chart = label_chart(report)
    path = save_label_chart(chart, tmp_path / "charts" / "labels.png")
    rows = len(chart.blocks) + 1.4 * (len(chart.entities) + len(chart.quotes))
    width, height = _png_size(path)
    assert width == 9 * DPI
    assert height == pytest.approx((2.2 + 0.42 * rows) * DPI, abs=1)
    matrix = save_confusion_chart(report.confusion_matrix("alice", "bob"), tmp_path / "m.png", 0.5)
    side = 1.1 + 0.85 * 3  # caption, used by neither, is left out
    assert _png_size(matrix) == pytest.approx(((side + 2.6) * DPI, (side + 1.6) * DPI), abs=1)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["charts", "labels.png", "m.png"]


def test_pair_defaults_to_most_documents_in_common_and_bad_names_are_refused(report):
    assert chart_pair(report, None) == ("alice", "bob")
    assert chart_pair(report, ("bob", "alice")) == ("bob", "alice")
    with pytest.raises(ValueError, match="unknown annotator 'zed'.*annotators: alice, bob"):
        chart_pair(report, ("alice", "zed"))
    with pytest.raises(ValueError, match="two different annotators"):
        chart_pair(report, ("alice", "alice"))
