"""The vectorised parse of stored block labels gives what a JSON parser gives, and the
page path computes the same report as the document-by-document path."""

import json

import numpy as np
import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.compact import StoredAnnotation
from annotator.review.blocks import BlockCollector, parse_label_lists
from annotator.review.inputs import finished
from annotator.review.report import compute_agreement, compute_agreement_pages

LABELS = st.one_of(
    st.sampled_from(["body", "boilerplate", "title", "heading", "caption", "byline"]),
    st.text(min_size=0, max_size=20),
)
ITEM_LISTS = st.lists(
    st.lists(
        st.tuples(st.integers(0, 10**6), LABELS, st.one_of(st.none(), st.floats(0, 1))),
        max_size=8,
    ),
    min_size=1,
    max_size=6,
)


def _dump(items, spaced):
    data = [[i, label] if score is None else [i, label, score] for i, label, score in items]
    if spaced:  # PostgreSQL's jsonb text output
        return json.dumps(data, ensure_ascii=False).encode()
    return orjson.dumps(data)


@settings(max_examples=200, deadline=None)
@given(ITEM_LISTS, st.booleans())
def test_parse_matches_json(lists, spaced):
    raw = [_dump(items, spaced) for items in lists]
    starts = np.cumsum([0] + [len(r) for r in raw[:-1]])
    buffer = b"".join(raw)
    parsed = parse_label_lists(buffer, starts)
    expected = [(n, i, label) for n, items in enumerate(lists) for i, label, _ in items]
    if parsed is None:  # escapes or long labels: the caller parses those one by one
        assert b"\\" in buffer or any(len(label.encode()) > 64 for _, _, label in expected)
        return
    got = [
        (
            int(o),
            int(i),
            buffer[int(s) : int(s) + int(n)].decode(),
        )
        for o, i, s, n in zip(
            parsed.owner, parsed.index, parsed.label_start, parsed.label_length, strict=True
        )
    ]
    assert got == expected
    by_key = {}
    for key, (_, _, label) in zip(parsed.key.tolist(), got, strict=True):
        assert by_key.setdefault(key, label) == label
    assert len(set(by_key.values())) == len(by_key)


def _stored(name, labels, spans=()):
    return StoredAnnotation(name, "done", [[i, x] for i, x in labels], list(spans), [], {})


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.dictionaries(st.integers(0, 12), st.sampled_from(["body", "title", "x\\y", "é"])),
            min_size=1,
            max_size=4,
        ),
        max_size=12,
    )
)
def test_page_path_equals_document_path(docs):
    items = []
    page_rows = []
    for d, per_annotator in enumerate(docs):
        anns = [_stored(f"a{k}", sorted(labels.items())) for k, labels in enumerate(per_annotator)]
        items.append((f"d{d}", finished(anns)))
        page_rows += [(d, a.source, orjson.dumps(a.blocks), [], []) for a in anns]
    ids = [f"d{d}" for d in range(len(docs))]
    one = compute_agreement(items, ["body", "title"]).as_dict(documents=True)
    two = compute_agreement_pages([(ids, page_rows)], ["body", "title"]).as_dict(documents=True)
    assert one == two


def test_collector_places_labels_in_units_and_slots():
    collector = BlockCollector(["body", "title"])
    collector.add_page(
        ["d0", "d1"],
        [["alice", "bob"], ["bob", "carol"]],
        [(0, 0), (0, 1), (1, 0), (1, 1)],
        [b'[[0,"body"],[2,"title"]]', b'[[1,"body"]]', b"[]", b'[[0,"new"]]'],
    )
    data = collector.finish()
    assert data.categories == ["body", "title", "new"]
    assert data.coders == ["alice", "bob", "carol"]
    assert data.values.tolist() == [[0, -1], [-1, 0], [1, -1], [-1, 2]]
    assert data.unit_doc.tolist() == [0, 0, 0, 1]
    assert data.doc_coders.tolist() == [[0, 1], [1, 2]]
