"""Agreement charts through the workspace, on SQLite and PostgreSQL."""

import pytest
from PIL import Image

from annotator.core.model import Annotation, Status
from annotator.workspace import Workspace


@pytest.fixture
def ws(db_url, tmp_path):
    workspace = Workspace.open(db_url, "curator")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"Title {i}\n\nOne {i}.\n\nTwo {i}.\n", encoding="utf-8")
    workspace.import_paths([folder])
    ids = [row.id for row in workspace.list_documents()]
    labels = {
        "alice": [{0: "title", 1: "body", 2: "body"}] * 3,
        "bob": [{0: "title", 1: "body", 2: "boilerplate"}] * 2 + [{0: "title"}],
        "carol": [{0: "body", 1: "body", 2: "body"}],  # the first document only
    }
    for name, per_doc in labels.items():
        for doc, blocks in zip(ids, per_doc, strict=False):
            workspace.save_annotation(Annotation(doc, name, status=Status.DONE, blocks=blocks))
    yield workspace
    workspace.close()


def test_charts_of_the_pair_with_most_documents_in_common(ws, tmp_path):
    written = ws.save_agreement_charts(tmp_path / "charts")
    assert [p.name for p in written] == ["agreement-per-label.png", "confusion-alice-bob.png"]
    for path in written:
        with Image.open(path) as image:
            assert image.format == "PNG" and image.size[0] > 600
    matrix = ws.confusion_matrix("alice", "bob")
    assert [row[:3] for row in matrix.counts[:3]] == [[2, 2, 0], [0, 0, 0], [0, 0, 3]]
    other = ws.save_agreement_charts(tmp_path / "charts", ("carol", "alice"))
    assert other[1].name == "confusion-carol-alice.png"
    with pytest.raises(ValueError, match="unknown annotator 'dave'"):
        ws.save_agreement_charts(tmp_path / "charts", ("alice", "dave"))
