"""Disagreements, majority vote with ties, what everyone agrees on, and merging into gold."""

from annotator.core.compact import StoredAnnotation
from annotator.core.model import Annotation, Quote, Range, Span, Status
from annotator.review.adjudication import agreed, majority, merge_into
from annotator.review.disagreements import find_disagreements, worst_first
from annotator.review.inputs import finished


def done(name, blocks=(), spans=(), quotes=()):
    return StoredAnnotation(
        name,
        "done",
        [list(b) for b in blocks],
        [list(s) for s in spans],
        [list(q) for q in quotes],
        {},
    )


def test_finished_work_leaves_out_gold_suggestions_and_unfinished():
    found = [
        done("bob"),
        done("gold"),
        done("suggestions"),
        StoredAnnotation("carol", "in_progress", [], [], [], {}),
        Annotation("alice", "alice", status=Status.DONE, blocks={0: "body"}),
        Annotation("dan", "dan", status=Status.SKIPPED),
    ]
    work = finished(found)
    assert list(work) == ["alice", "bob"]
    assert work["alice"].blocks == [[0, "body"]]


def test_disagreements_per_block_span_and_quote():
    work = finished(
        [
            done(
                "a",
                [(0, "title"), (1, "body"), (2, "body")],
                [(5, 9, "PERSON")],
                [(20, 30, 1, 3, None, None), (40, 50, None, None, None, None)],
            ),
            done(
                "b",
                [(0, "title"), (1, "boilerplate")],
                [(5, 9, "PERSON"), (11, 14, "ORG")],
                [(20, 30, 1, 4, None, None)],
            ),
        ]
    )
    found = find_disagreements("d", work)
    assert [(b.index, b.labels) for b in found.blocks] == [
        (1, {"a": "body", "b": "boilerplate"}),
        (2, {"a": "body", "b": None}),
    ]
    assert [(s.label, s.marked_by, s.missing) for s in found.spans] == [("ORG", ("b",), ("a",))]
    assert [(q.start, q.kind) for q in found.quotes] == [(20, "speaker"), (40, "content")]
    assert found.quotes[0].speakers == {"a": (1, 3), "b": (1, 4)}
    assert found.items == 3 + 2 + 2 and found.count == 5
    same = find_disagreements("e", finished([done("a", [(0, "body")]), done("b", [(0, "body")])]))
    assert same.count == 0 and same.score == 0
    ranked = worst_first(
        [
            same,
            found,
            find_disagreements(
                "f",
                finished(
                    [done("a", [(0, "body"), (1, "body")]), done("b", [(0, "body"), (1, "title")])]
                ),
            ),
        ]
    )
    assert [d.document_id for d in ranked] == ["d", "f"]  # 5/7 before 1/2; agreement left out


def test_majority_vote_reports_ties():
    work = finished(
        [
            done(
                "a",
                [(0, "title"), (1, "body"), (2, "body"), (3, "caption")],
                [(0, 4, "PERSON"), (6, 9, "ORG")],
                [(20, 30, 1, 3, None, None)],
            ),
            done(
                "b",
                [(0, "title"), (1, "boilerplate"), (2, "body")],
                [(0, 4, "PERSON")],
                [(20, 30, 1, 3, None, None)],
            ),
            done(
                "c",
                [(0, "title"), (1, "heading")],
                [(0, 4, "PERSON"), (6, 9, "ORG")],
                [(20, 30, 4, 5, None, None)],
            ),
        ]
    )
    merge = majority(work)
    assert merge.blocks == {0: "title", 2: "body"}  # 3: caption once, none twice
    assert [(t.kind, t.key) for t in merge.ties] == [("block", 1)]
    assert merge.ties[0].votes == {"body": ["a"], "boilerplate": ["b"], "heading": ["c"]}
    assert merge.spans == [Span(0, 4, "PERSON"), Span(6, 9, "ORG")]
    assert merge.quotes == [Quote(20, 30, Range(1, 3))]
    two = majority(finished([done("a", [(0, "body")], [(1, 2, "GPE")]), done("b", [(0, "x")])]))
    assert two.blocks == {} and {t.kind for t in two.ties} == {"block", "span"}


def test_agreed_keeps_only_what_everyone_gave():
    work = finished(
        [
            done(
                "a",
                [(0, "title"), (1, "body")],
                [(0, 4, "PERSON"), (6, 9, "ORG")],
                [(20, 30, 1, 3, None, None)],
            ),
            done(
                "b",
                [(0, "title"), (1, "heading"), (2, "body")],
                [(0, 4, "PERSON")],
                [(20, 30, 1, 3, None, None)],
            ),
        ]
    )
    merge = agreed(work)
    assert merge.blocks == {0: "title"}
    assert merge.spans == [Span(0, 4, "PERSON")]
    assert merge.quotes == [Quote(20, 30, Range(1, 3))]


def test_merge_into_gold_keeps_gold_decisions():
    gold = Annotation("d", "gold", blocks={0: "heading"}, spans=[Span(0, 5, "ORG")], version=3)
    merge = agreed(
        finished([done("a", [(0, "title"), (1, "body")], [(0, 4, "PERSON"), (10, 12, "GPE")])] * 1)
    )
    new, added = merge_into(gold, merge)
    assert new.blocks == {0: "heading", 1: "body"}
    assert new.spans == [Span(0, 5, "ORG"), Span(10, 12, "GPE")]
    assert added == 2 and new.version == 3 and gold.blocks == {0: "heading"}
