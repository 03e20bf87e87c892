from annotator.core.commands import (
    AcceptSuggestions,
    Batch,
    ChangeSet,
    SetBlockLabels,
    SetStatus,
    mark_done,
)
from annotator.core.model import Annotation, Status


def _annotation() -> Annotation:
    return Annotation("d1", "alice", blocks={0: "title", 2: "body"}, block_scores={2: 0.5})


def test_set_labels_returns_a_copy_and_reverts_exactly():
    original = _annotation()
    command = SetBlockLabels.same([1, 2], "boilerplate")
    changed = command.apply(original)
    assert original.blocks == {0: "title", 2: "body"}
    assert changed.blocks == {0: "title", 1: "boilerplate", 2: "boilerplate"}
    assert 2 not in changed.block_scores
    assert command.changes == ChangeSet(frozenset({1, 2}))
    back = command.revert(changed)
    assert back.blocks == original.blocks


def test_clearing_a_label_and_reapplying_after_revert():
    command = SetBlockLabels.same([0], None)
    changed = command.apply(_annotation())
    assert 0 not in changed.blocks
    again = command.apply(command.revert(changed))
    assert again.blocks == changed.blocks


def test_accept_suggestions_sets_the_suggested_labels():
    command = AcceptSuggestions({1: "byline", 3: "caption"})
    changed = command.apply(_annotation())
    assert changed.blocks[1] == "byline" and changed.blocks[3] == "caption"
    assert command.changes.blocks == {1, 3}
    assert command.revert(changed).blocks == {0: "title", 2: "body"}


def test_status_and_batch():
    command = SetStatus(Status.DONE)
    changed = command.apply(_annotation())
    assert changed.status == Status.DONE
    assert command.changes.status and not command.changes.blocks
    assert command.revert(changed).status == Status.IN_PROGRESS

    batch = Batch([SetBlockLabels.same([5], "body"), SetStatus(Status.DONE)])
    done = batch.apply(_annotation())
    assert done.blocks[5] == "body" and done.status == Status.DONE
    assert batch.changes == ChangeSet(frozenset({5}), True)
    undone = batch.revert(done)
    assert 5 not in undone.blocks and undone.status == Status.IN_PROGRESS


def test_mark_done_accepts_only_the_open_suggestions():
    annotation = _annotation()
    command = mark_done(annotation, {0: "body", 1: "byline"})
    done = command.apply(annotation)
    assert done.blocks == {0: "title", 1: "byline", 2: "body"}
    assert done.status == Status.DONE


def test_empty_change_set_is_false():
    assert not ChangeSet()
    assert ChangeSet(status=True)


def test_edit_spans_adds_removes_and_reverts_exactly():
    from annotator.core.commands import EditSpans
    from annotator.core.model import Quote, Range, Span

    start = Annotation("d1", "alice", spans=[Span(10, 14, "ORG")])
    add = EditSpans(add_spans=(Span(0, 3, "PERSON"),), add_quotes=(Quote(20, 30),))
    changed = add.apply(start)
    assert changed.spans == [Span(0, 3, "PERSON"), Span(10, 14, "ORG")]  # kept in order
    assert changed.quotes == [Quote(20, 30)]
    assert start.spans == [Span(10, 14, "ORG")]  # never mutated
    assert add.changes.ranges == {(0, 3), (20, 30)}
    assert add.revert(changed).spans == start.spans and add.revert(changed).quotes == []

    link = EditSpans(
        remove_quotes=(Quote(20, 30),), add_quotes=(Quote(20, 30, Range(0, 3), Range(31, 35)),)
    )
    linked = link.apply(changed)
    assert linked.quotes[0].speaker == Range(0, 3)
    assert link.changes.ranges == {(20, 30), (0, 3), (31, 35)}
    assert link.revert(linked).quotes == [Quote(20, 30)]


def test_edit_spans_refuses_overlaps_and_missing_items():
    import pytest

    from annotator.core.commands import EditSpans
    from annotator.core.model import Quote, Span
    from annotator.core.spans import SpanConflict

    start = Annotation("d1", "alice", spans=[Span(10, 14, "ORG")], quotes=[Quote(0, 20)])
    with pytest.raises(SpanConflict, match="overlaps the ORG span"):
        EditSpans(add_spans=(Span(12, 16, "PERSON"),)).apply(start)
    with pytest.raises(SpanConflict, match="overlaps the quote"):
        EditSpans(add_quotes=(Quote(15, 25),)).apply(start)
    with pytest.raises(SpanConflict, match="is gone"):
        EditSpans(remove_spans=(Span(1, 2, "ORG"),)).apply(start)
    # an entity inside a quote is fine
    inside = EditSpans(add_spans=(Span(2, 5, "PERSON"),)).apply(start)
    assert len(inside.spans) == 2
    assert ChangeSet(ranges=frozenset({(1, 2)}))
