"""The document list: a lazily paging model that passes qtmodeltester, search and status
filter from the keyboard, documentActivated on keys and clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import SUGGESTIONS, Annotation, Block, Document, DocumentMeta, Status
from annotator.core.text import text_fingerprint
from annotator.gui.document_list import (
    PUBLISHER,
    STATUS,
    TITLE,
    DocumentIdRole,
    DocumentListModel,
    DocumentListWidget,
)
from annotator.gui.document_list import (
    SUGGESTIONS as SUGGESTIONS_COLUMN,
)
from annotator.store.database import Database
from annotator.store.documents import NewDocument, add_documents
from annotator.workspace import Workspace

DOCS = 300


def _new(i: int) -> NewDocument:
    animal = "pelican" if i % 50 == 7 else "heron"
    text = f"Story {i} about a {animal} at the harbour.\n\nShare this story"
    meta = DocumentMeta(title=f"Story {i:03d}", publisher=f"Paper {i % 12}")
    doc = Document(
        f"doc-{i:03d}",
        text,
        [Block(0, text.index("\n")), Block(text.index("S", 5), len(text))],
        meta,
    )
    return NewDocument(doc, text_fingerprint(text), [], doc.id)


@pytest.fixture
def workspace(tmp_path):
    url = f"sqlite:///{tmp_path / 'list.db'}"
    db = Database(url)
    with db.writing() as session:
        add_documents(session, [_new(i) for i in range(DOCS)])
    db.close()
    ws = Workspace.open(url, "alice")
    ws.save_annotation(Annotation("doc-007", "alice", Status.DONE, blocks={0: "title"}))
    ws.save_annotation(Annotation("doc-010", "alice", Status.IN_PROGRESS))
    ws.save_annotation(Annotation("doc-007", SUGGESTIONS, blocks={0: "title", 1: "body"}))
    yield ws
    ws.close()


class CountingWorkspace:
    """Delegates to a workspace and counts the pages read from it."""

    def __init__(self, inner: Workspace) -> None:
        self._inner = inner
        self.pages: list[tuple[int, int]] = []

    def list_documents(self, where=None, offset=0, limit=200, after_id=None):
        self.pages.append((offset, limit))
        return self._inner.list_documents(where, offset, limit, after_id)

    def __getattr__(self, name):
        return getattr(self._inner, name)


@pytest.fixture
def widget(qtbot, workspace):
    w = DocumentListWidget(workspace)
    qtbot.addWidget(w)
    w.resize(800, 400)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_model_passes_qtmodeltester(qtmodeltester, workspace):
    model = DocumentListModel(workspace)
    assert model.rowCount() == DOCS
    qtmodeltester.check(model, force_py=True)
    # the tester stays connected and checks every change the model announces
    model.set_filter(search="pelican")
    assert model.rowCount() == 6
    model.set_filter(status="done")
    assert model.rowCount() == 1
    workspace.save_annotation(Annotation("doc-057", "alice", Status.DONE))
    assert model.refresh() is True and model.rowCount() == 2
    workspace.save_annotation(Annotation("doc-010", "alice", Status.DONE, version=1))
    model.set_filter(search="", status="all")
    assert model.refresh() is False and model.index(10, STATUS).data() == "Done"


def test_a_fresh_model_on_a_filter_passes_qtmodeltester(qtmodeltester, workspace):
    model = DocumentListModel(workspace)
    model.set_filter(search="story", status="new")
    assert model.rowCount() == DOCS - 2
    qtmodeltester.check(model, force_py=True)


def test_model_shows_columns_of_the_annotator(workspace):
    model = DocumentListModel(workspace)
    row = model.row_of("doc-007")
    assert row == 7
    cells = [model.index(row, c).data() for c in range(model.columnCount())]
    assert cells[TITLE] == "Story 007" and cells[PUBLISHER] == "Paper 7"
    assert cells[STATUS] == "Done" and cells[SUGGESTIONS_COLUMN] == "2" and cells[4]
    assert model.index(8, STATUS).data() == "New" and model.index(8, 4).data() == ""
    assert model.index(10, STATUS).data() == "In progress"
    assert model.index(row, TITLE).data(DocumentIdRole) == "doc-007"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Title"


def test_model_pages_lazily(qtbot, workspace, monkeypatch):
    monkeypatch.setattr(DocumentListModel, "PAGE", 20)
    counting = CountingWorkspace(workspace)
    w = DocumentListWidget(counting)
    qtbot.addWidget(w)
    w.resize(800, 300)
    w.show()
    qtbot.waitExposed(w)
    assert w.model.rowCount() == DOCS
    qtbot.waitUntil(lambda: counting.pages != [])  # the first paint
    w.view.viewport().repaint()
    assert counting.pages == [(0, 20)] or counting.pages == [(0, 20), (20, 20)]
    counting.pages.clear()
    w.view.scrollToBottom()
    qtbot.waitUntil(lambda: counting.pages != [])
    w.view.viewport().repaint()
    assert {offset for offset, _ in counting.pages} <= {260, 280}
    assert w.model.index(DOCS - 1, TITLE).data() == "Story 299"
    # the cache is bounded: walking every row keeps at most CACHED_PAGES pages
    for row in range(DOCS):
        w.model.index(row, TITLE).data()
    assert len(w.model._pages) <= DocumentListModel.CACHED_PAGES


def test_search_box_filters_after_typing(qtbot, widget):
    with qtbot.waitSignal(widget.model.modelReset, timeout=2000):
        qtbot.keyClicks(widget.search, "pelic")
    ids = [widget.model.document_id(r) for r in range(widget.model.rowCount())]
    assert ids == [f"doc-{i:03d}" for i in range(7, DOCS, 50)]
    assert widget.status.itemText(0) == "All (6)"
    with qtbot.waitSignal(widget.model.modelReset, timeout=2000):
        qtbot.keyClick(widget.search, Qt.Key.Key_Escape)
    assert widget.model.rowCount() == DOCS


def test_status_filter_from_the_keyboard(qtbot, widget):
    widget.status.setFocus()
    with qtbot.waitSignal(widget.model.modelReset, timeout=2000):
        qtbot.keyClicks(widget.status, "D")
    assert widget.status.currentData() == "done"
    assert [widget.model.document_id(r) for r in range(widget.model.rowCount())] == ["doc-007"]
    with qtbot.waitSignal(widget.model.modelReset, timeout=2000):
        qtbot.keyClick(widget.status, Qt.Key.Key_Home)
    assert widget.status.currentData() == "all"
    with qtbot.waitSignal(widget.model.modelReset, timeout=2000):
        qtbot.keyClick(widget.status, Qt.Key.Key_Down)
    assert widget.model.rowCount() == DOCS - 2
    assert widget.status.currentText() == f"New ({DOCS - 2})"


def test_document_activated_by_keys_and_double_click(qtbot, widget):
    activated: list[str] = []
    widget.documentActivated.connect(activated.append)
    assert widget.set_current("doc-005")
    assert activated == [] and widget.current_document() == "doc-005"
    widget.view.setFocus()
    with qtbot.waitSignal(widget.documentActivated, timeout=1000) as blocker:
        qtbot.keyClick(widget.view, Qt.Key.Key_Down)
    assert blocker.args == ["doc-006"]
    with qtbot.waitSignal(widget.documentActivated, timeout=1000) as blocker:
        qtbot.keyClick(widget.view, Qt.Key.Key_Return)
    assert blocker.args == ["doc-006"]
    rect = widget.view.visualRect(widget.model.index(2, TITLE))
    qtbot.mouseClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert widget.current_document() == "doc-002" and activated == ["doc-006", "doc-006"]
    with qtbot.waitSignal(widget.documentActivated, timeout=1000) as blocker:
        qtbot.mouseDClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["doc-002"]


def test_search_then_down_enters_the_list(qtbot, widget):
    widget.focus_search()
    qtbot.keyClicks(widget.search, "story 12")
    with qtbot.waitSignal(widget.model.modelReset, timeout=2000):
        qtbot.keyClick(widget.search, Qt.Key.Key_Down)  # applies the pending search at once
    assert QApplication.focusWidget() is widget.view
    assert widget.current_document() == "doc-012"
    with qtbot.waitSignal(widget.documentActivated, timeout=1000) as blocker:
        qtbot.keyClick(widget.view, Qt.Key.Key_Down)
    assert blocker.args == ["doc-120"]


def test_typing_in_the_list_goes_to_the_search_box(qtbot, widget):
    widget.view.setFocus()
    qtbot.keyClicks(widget.view, "pel")
    assert QApplication.focusWidget() is widget.search
    assert widget.search.text() == "pel"


def test_refresh_shows_changes_and_keeps_the_current_document(qtbot, widget, workspace):
    assert widget.set_current("doc-020")
    workspace.save_annotation(Annotation("doc-020", "alice", Status.SKIPPED))
    widget.refresh()
    assert widget.model.index(20, STATUS).data() == "Skipped"
    assert widget.status.itemText(4) == "Skipped (1)"
    with qtbot.waitSignal(widget.model.modelReset, timeout=2000):
        qtbot.keyClicks(widget.status, "N")  # new only: doc-020 is hidden now
    assert widget.current_document() is None
    assert widget.set_current("doc-021")
    workspace.save_annotation(Annotation("doc-015", "alice", Status.DONE))
    widget.refresh()
    assert widget.current_document() == "doc-021"
    assert widget.model.rowCount() == DOCS - 4
    assert not widget.set_current("doc-015")
