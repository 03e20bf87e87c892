"""The one-pass, vectorised agreement over pages gives what the definitions give: the
parse of stored JSON what a JSON parser reads, and every figure of the report what the
plain per-matrix and per-pair functions compute."""

import json
import math
from itertools import combinations

import numpy as np
import orjson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.core.compact import StoredAnnotation
from annotator.review.agreement import cohen_kappa, nominal
from annotator.review.compute import compute_agreement, pages_of
from annotator.review.disagreements import find_disagreements, worst_first
from annotator.review.inputs import finished
from annotator.review.parse import Interner, parse_labelled, parse_quotes
from annotator.review.queue import review_queue
from annotator.review.spans import compare_quotes, compare_spans

LABELS = st.one_of(
    st.sampled_from(["body", "boilerplate", "title", "PERSON", "a_rather_long_label_name"]),
    st.text(min_size=0, max_size=20),
)


def _dump(data, spaced):
    if spaced:  # PostgreSQL's jsonb text output
        return json.dumps(data, ensure_ascii=False).encode()
    return orjson.dumps(data)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(
                st.integers(0, 10**7),
                st.integers(0, 10**7),
                LABELS,
                st.one_of(st.none(), st.floats(0, 1)),
            ),
            max_size=8,
        ),
        max_size=6,
    ),
    st.booleans(),
    st.sampled_from([1, 2]),
)
def test_parse_labelled_reads_what_json_reads(lists, spaced, numbers):
    def row(item):
        return [*item[:numbers], item[2], *([] if item[3] is None else [item[3]])]

    raw = [_dump([row(item) for item in items], spaced) for items in lists]
    labels = Interner(["body"])
    parsed = parse_labelled(raw, numbers, labels)
    names = labels.names
    got = [
        (int(o), *(int(v[k]) for v in parsed.numbers), names[int(c)])
        for k, (o, c) in enumerate(zip(parsed.owner, parsed.code, strict=True))
    ]
    expected = [(n, *item[:numbers], item[2]) for n, items in enumerate(lists) for item in items]
    assert got == expected


QUOTE = st.tuples(
    st.integers(0, 10**6),
    st.integers(0, 10**6),
    st.one_of(st.none(), st.tuples(st.integers(0, 999), st.integers(0, 999))),
    st.one_of(st.none(), st.tuples(st.integers(0, 999), st.integers(0, 999))),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(QUOTE, max_size=4), max_size=5), st.booleans())
def test_parse_quotes_reads_what_json_reads(lists, spaced):
    def row(q):
        s, c = q[2] or (None, None), q[3] or (None, None)
        return [q[0], q[1], *s, *c]

    parsed = parse_quotes([_dump([row(q) for q in items], spaced) for items in lists])
    got = list(
        zip(
            *(a.tolist() for a in (parsed.owner, parsed.start, parsed.end)),
            parsed.speaker_start.tolist(),
            parsed.speaker_end.tolist(),
            strict=True,
        )
    )
    expected = [
        (n, q[0], q[1], *(q[2] if q[2] else (-1, -1)))
        for n, items in enumerate(lists)
        for q in items
    ]
    assert got == expected


# ------------------------------------------------------------------ the whole report

SPAN = st.tuples(st.integers(0, 30), st.integers(1, 8), st.sampled_from(["PERSON", "ORG"]))
SPEAKER = st.one_of(st.none(), st.tuples(st.integers(0, 30), st.integers(0, 6)))
DOC_QUOTE = st.tuples(st.integers(0, 40), st.integers(1, 10), SPEAKER)
ANNOTATION = st.tuples(
    st.dictionaries(st.integers(0, 9), st.sampled_from(["body", "title", "caption", "é"])),
    st.lists(SPAN, max_size=5),
    st.lists(DOC_QUOTE, max_size=3),
)


def _stored(name, annotation):
    labels, spans, quotes = annotation
    return StoredAnnotation(
        name,
        "done",
        [[i, x] for i, x in sorted(labels.items())],
        sorted([s, s + n, label] for s, n, label in spans),
        sorted(
            (
                [s, s + n, *((sp[0], sp[0] + sp[1]) if sp else (None, None)), None, None]
                for s, n, sp in quotes
            ),
            key=lambda row: [-1 if v is None else v for v in row],  # None: no speaker
        ),
        {},
    )


def _close(got, want):
    if want is None or (isinstance(want, float) and math.isnan(want)):
        return got is None or (isinstance(got, float) and math.isnan(got))
    return got == pytest.approx(want, rel=1e-9, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(ANNOTATION, min_size=1, max_size=4), max_size=8))
@example([[({}, [], [(0, 1, None), (0, 1, (0, 0))])]])  # same quote, with and without speaker
@example([[({}, [], []), ({}, [], [(0, 1, None), (0, 1, (0, 0))])]])  # and another annotator
def test_report_equals_the_definitions(docs):
    names = ["ann", "bob", "cy", "dee"]
    items = [
        (f"d{d}", finished([_stored(names[k], a) for k, a in enumerate(per)]))
        for d, per in enumerate(docs)
    ]
    report = compute_agreement(items, ["body", "title"], ["PERSON"])
    shared = [(doc_id, work) for doc_id, work in items if len(work) >= 2]
    assert report.doc_ids == [doc_id for doc_id, _ in shared]
    codes = {name: k for k, name in enumerate(report.blocks.categories)}
    # blocks: one units x annotators matrix, as the definitions take it
    rows, unit_doc = [], []
    for d, (_, work) in enumerate(shared):
        labels = [dict((i, x) for i, x in a.blocks) for a in work.values()]
        top = max((max(lab, default=-1) for lab in labels), default=-1)
        for index in range(top + 1):
            row = [codes[lab[index]] if index in lab else -1 for lab in labels]
            rows.append(row + [-1] * (4 - len(labels)))
            unit_doc.append(d)
    values = np.array(rows, dtype=np.int64).reshape(-1, 4)
    whole = nominal(values, len(codes))
    overall = report.blocks.overall
    for field in ("units", "labels", "percent", "unanimous", "fleiss_kappa", "krippendorff_alpha"):
        assert _close(getattr(overall, field), getattr(whole, field)), field
    for k, name in enumerate(report.blocks.categories):
        binary = np.where(values < 0, -1, (values == k).astype(np.int64))
        alone = nominal(binary, 2)
        assert _close(report.blocks.per_label[name].krippendorff_alpha, alone.krippendorff_alpha)
        assert report.blocks.given[name] == int((values == k).sum())
    per_doc = report.blocks.per_document
    for d in range(len(shared)):
        alone = nominal(values[np.array(unit_doc, dtype=np.int64) == d], len(codes))
        assert int(per_doc["units"][d]) == alone.units
        assert _close(float(per_doc["fleiss_kappa"][d]), alone.fleiss_kappa)
    # pairs: Cohen over the blocks both labelled
    for (a, b), agreement in report.blocks.pairs.items():
        x, y = [], []
        for _, work in shared:
            if a in work and b in work:
                la, lb = dict(map(tuple, work[a].blocks)), dict(map(tuple, work[b].blocks))
                for index in set(la) & set(lb):
                    x.append(codes[la[index]])
                    y.append(codes[lb[index]])
        expected = cohen_kappa(np.array(x), np.array(y), len(codes))
        assert agreement.units == expected.units
        assert _close(agreement.cohen_kappa, expected.cohen_kappa)
    # entities and quotes: the per-pair functions summed over documents
    entity_sums, quote_sums, doc_entity, doc_quote = {}, {}, [], []
    for _, work in shared:
        doc_e, doc_q = [0, 0, 0], [0, 0, 0]
        for a, b in combinations(sorted(work), 2):
            sa = {tuple(s[:3]) for s in work[a].spans}
            sb = {tuple(s[:3]) for s in work[b].spans}
            for label, c in compare_spans(sa, sb).items():
                row = entity_sums.setdefault((a, b), {}).setdefault(label, [0, 0, 0, 0])
                for i, v in enumerate((c.left, c.right, c.exact, c.overlap)):
                    row[i] += v
                doc_e = [doc_e[0] + c.left, doc_e[1] + c.right, doc_e[2] + c.exact]
            qa = {tuple(q[:4]) for q in work[a].quotes}
            qb = {tuple(q[:4]) for q in work[b].quotes}
            row = quote_sums.setdefault((a, b), [0] * 6)
            if qa or qb:
                if qa == qb:
                    got = (len(qa),) * 6
                else:
                    c = compare_quotes(qa, qb)
                    got = (c.left, c.right, c.exact, c.overlap, c.matched, c.speakers_agree)
                quote_sums[(a, b)] = [u + v for u, v in zip(row, got, strict=True)]
                doc_q = [doc_q[i] + got[i] for i in range(3)]
        doc_entity.append(None if not doc_e[0] + doc_e[1] else 2 * doc_e[2] / (doc_e[0] + doc_e[1]))
        doc_quote.append(None if not doc_q[0] + doc_q[1] else 2 * doc_q[2] / (doc_q[0] + doc_q[1]))
    got_entities = {
        pair: {label: [c.left, c.right, c.exact, c.overlap] for label, c in table.items()}
        for pair, table in report.entities.items()
    }
    assert got_entities == {p: t for p, t in entity_sums.items() if t}
    got_quotes = {
        pair: [c.left, c.right, c.exact, c.overlap, c.matched, c.speakers_agree]
        for pair, c in report.quotes.items()
    }
    assert got_quotes == quote_sums
    assert report.doc_entity_f1 == pytest.approx(doc_entity)
    assert report.doc_quote_f1 == pytest.approx(doc_quote)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(ANNOTATION, min_size=1, max_size=4), max_size=8))
def test_queue_scores_equal_the_detailed_differences(docs):
    names = ["ann", "bob", "cy", "dee"]
    items = [
        (f"d{d}", finished([_stored(names[k], a) for k, a in enumerate(per)]))
        for d, per in enumerate(docs)
    ]
    queue = review_queue(pages_of(items))
    detailed = worst_first(find_disagreements(d, w) for d, w in items if len(w) >= 2)
    assert [(e.document_id, e.items, e.disagreements) for e in queue] == [
        (d.document_id, d.items, d.count) for d in detailed
    ]
