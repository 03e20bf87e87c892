import pytest

from annotator.core.commands import SetBlockLabels, SetStatus
from annotator.core.model import Annotation, Status
from annotator.workspace import VersionConflict, Workspace


def _project(tmp_path, n=3):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(
            f"Title {i}\n\nFirst paragraph of {i}.\n\nSecond paragraph of {i}.\n",
            encoding="utf-8",
        )
    url = f"sqlite:///{tmp_path / 'p.db'}"
    with Workspace.open(url, "curator") as ws:
        assert ws.import_paths([folder]).added == n
    return url


def test_apply_commits_and_revert_commits(tmp_path):
    url = _project(tmp_path)
    ws = Workspace.open(url, "alice")
    doc = ws.first_document()
    assert ws.my_annotation(doc).version == 0
    command = SetBlockLabels.same([0, 1], "body")
    assert ws.apply(doc, command).blocks == {0, 1}
    with Workspace.open(url, "alice") as other:
        assert other.annotation(doc).blocks == {0: "body", 1: "body"}
    ws.revert(doc, command)
    with Workspace.open(url, "alice") as other:
        assert other.annotation(doc).blocks == {}
    ws.close()


def test_navigation_and_progress(tmp_path):
    url = _project(tmp_path, 3)
    with Workspace.open(url, "alice") as ws:
        first = ws.first_document()
        second = ws.neighbour(first, +1)
        third = ws.neighbour(second, +1)
        assert ws.neighbour(third, +1) is None
        assert ws.neighbour(first, -1) is None
        assert ws.neighbour(second, -1) == first
        assert ws.next_unfinished() == first
        ws.apply(first, SetStatus(Status.DONE))
        assert ws.next_unfinished() == second
        assert ws.next_unfinished(after_id=second) == third
        ws.apply(third, SetStatus(Status.DONE))
        assert ws.next_unfinished(after_id=third) == second  # wraps round
        assert ws.progress().done == 2 and ws.progress().total == 3
        assert ws.is_done(first)
        ws.apply(second, SetStatus(Status.DONE))
        assert ws.next_unfinished(after_id=second) is None


def test_a_change_made_elsewhere_is_a_conflict_then_reloads(tmp_path):
    url = _project(tmp_path, 1)
    ws = Workspace.open(url, "alice")
    doc = ws.first_document()
    ws.apply(doc, SetBlockLabels.same([0], "title"))
    with Workspace.open(url, "alice") as other:
        mine = other.my_annotation(doc)
        other.apply(doc, SetBlockLabels.same([1], "body"))
        assert mine.version == 1
    with pytest.raises(VersionConflict):
        ws.apply(doc, SetBlockLabels.same([2], "body"))
    assert ws.my_annotation(doc).blocks == {0: "title", 1: "body"}
    ws.apply(doc, SetBlockLabels.same([2], "body"))  # the next change works on the new state
    assert ws.my_annotation(doc, reload=True).blocks == {0: "title", 1: "body", 2: "body"}
    ws.close()


def test_suggestions_are_read_separately(tmp_path):
    url = _project(tmp_path, 1)
    with Workspace.open(url, "alice") as ws:
        doc = ws.first_document()
        assert ws.suggestions(doc) is None
        ws.save_annotation(
            Annotation(doc, "suggestions", blocks={0: "title"}, block_scores={0: 0.9})
        )
        assert ws.suggestions(doc).blocks == {0: "title"}


def test_spans_and_quotes_commit_and_tokens_come_from_the_document(tmp_path):
    from annotator.core.commands import EditSpans
    from annotator.core.model import Quote, Range, Span

    url = _project(tmp_path, 1)
    with Workspace.open(url, "alice") as ws:
        doc = ws.first_document()
        text = ws.document(doc).text
        tokens = ws.tokens(doc)
        assert [text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)][:3] == [
            "Title",
            "0",
            "First",
        ]
        start = text.index("First")
        quote = Quote(start, start + 5, speaker=Range(0, 5))
        command = EditSpans(add_spans=(Span(0, 5, "MISC"),), add_quotes=(quote,))
        assert ws.apply(doc, command).ranges == {(0, 5), (start, start + 5)}
    with Workspace.open(url, "alice") as ws:
        stored = ws.annotation(doc)
        assert stored.spans == [Span(0, 5, "MISC")] and stored.quotes == [quote]
        ws.revert(doc, command)
        assert ws.annotation(doc).spans == []
