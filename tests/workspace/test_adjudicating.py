"""Curators and gold undo through the workspace, on SQLite and PostgreSQL."""

import pytest

from annotator.core.model import GOLD, Annotation, Span, Status
from annotator.workspace import VersionConflict, Workspace


@pytest.fixture
def ws(db_url, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Title\n\nFirst paragraph.\n\nSecond one.\n", "utf-8")
    workspace = Workspace.open(db_url, "dana")
    workspace.import_paths([folder])
    yield workspace
    workspace.close()


def test_curators_are_a_project_setting_claimed_only_when_none(ws, db_url):
    assert ws.curators() == [] and not ws.is_curator()
    assert ws.claim_curation() is True
    assert ws.curators() == ["dana"] and ws.is_curator()
    with Workspace.open(db_url, "erin") as other:  # every machine of the team sees it
        assert not other.is_curator()
        assert other.claim_curation() is False
        assert other.curators() == ["dana"]
    assert ws.set_curators(["erin", "dana", "erin"]) == ["dana", "erin"]
    assert ws.is_curator("erin")
    with pytest.raises(ValueError):
        ws.set_curators(["gold"])
    assert ws.set_curators([]) == [] and ws.curators() == []


def test_restore_gold_undoes_a_change_and_the_creation_of_gold(ws, tmp_path):
    doc = ws.first_document()
    assert ws.gold(doc).version == 0
    first = ws.set_gold_block_labels(doc, [0, 1], "body")
    proposal = Annotation(doc, GOLD, blocks={0: "title"}, spans=[Span(0, 5, "ORG")])
    changed = ws.accept_into_gold(doc, proposal, version=first.version)
    assert changed.status == Status.DONE and changed.version == first.version + 1
    back = ws.restore_gold(doc, first, changed.version)
    assert (back.blocks, back.spans, back.status) == ({0: "body", 1: "body"}, [], first.status)
    with pytest.raises(VersionConflict):
        ws.restore_gold(doc, first, changed.version)  # stale: gold moved on since
    gone = ws.restore_gold(doc, Annotation(doc, GOLD), back.version)
    assert gone.version == 0 and ws.annotation(doc, GOLD) is None  # no gold row left
    out = tmp_path / "gold.jsonl"
    assert ws.export(out, source="gold").records == 0
    again = ws.restore_gold(doc, changed, 0)  # redo after undoing the creation
    assert again.blocks == {0: "title"} and again.status == Status.DONE
