"""Search is complete right after an import and fast once the index has caught up."""

import pytest

from annotator.workspace import Workspace
from annotator.workspace.listing import DocumentFilter


@pytest.fixture
def workspace(tmp_path, db_url):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, (title, body) in enumerate(
        [
            ("Harbor Council Votes", "The council approved the plan for Zürich-style lanes."),
            ("Storm Closes Schools", "Schools closed as the storm hit the harbor."),
            ("Budget Talks Stall", "Talks on the budget stalled again on Monday."),
        ]
    ):
        (folder / f"{i}.txt").write_text(f"{title}\n\n{body}", encoding="utf-8")
    ws = Workspace.open(db_url, "alice")
    assert ws.import_paths([folder]).added == 3
    yield ws
    ws.close()


def found(ws: Workspace, search: str) -> list[str]:
    return [d.title for d in ws.list_documents(DocumentFilter(search=search))]


QUERIES = {
    "harbor": ["Harbor Council Votes", "Storm Closes Schools"],
    "HARB": ["Harbor Council Votes", "Storm Closes Schools"],
    "zurich": ["Harbor Council Votes"],
    "arbor": [],  # words match from their start, not in the middle
    "budget monday": ["Budget Talks Stall"],
}


def test_search_before_and_after_the_index_catches_up(workspace):
    before = {query: found(workspace, query) for query in QUERIES}
    indexed = workspace.index_for_search(batch=2)
    after = {query: found(workspace, query) for query in QUERIES}
    assert before == after
    if workspace.db.backend == "sqlite":
        assert indexed == 3
        assert workspace.index_for_search() == 0  # nothing left to do
    for query, titles in QUERIES.items():
        if workspace.db.backend == "postgresql" and query == "zurich":
            continue  # PostgreSQL's 'simple' configuration keeps accents
        assert after[query] == titles, query


def test_new_imports_are_found_before_the_next_catch_up(workspace, tmp_path):
    workspace.index_for_search()
    extra = tmp_path / "extra.txt"
    extra.write_text("Ferry Strike Ends\n\nThe harbor ferries run again.", encoding="utf-8")
    workspace.import_paths([extra])
    assert "Ferry Strike Ends" in found(workspace, "harbor")
    workspace.index_for_search()
    assert "Ferry Strike Ends" in found(workspace, "harbor")
