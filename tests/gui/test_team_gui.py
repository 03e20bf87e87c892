"""Team mode in the window: a change refused because of a newer version shows the
conflict dialog (keep theirs or mine on top); others' work appears without a restart;
"next document" comes from the work queue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.commands import SetBlockLabels, SetStatus
from annotator.core.model import Status
from annotator.gui.document_list import StatusRole
from annotator.workspace import Workspace
from tests.gui.support import make_project

CTRL = Qt.KeyboardModifier.ControlModifier


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _other_window_labels(url, document_id, labels):
    with Workspace.open(url, "alice") as other:
        other.apply(document_id, SetBlockLabels(labels))


def test_a_change_saved_elsewhere_meanwhile_opens_the_conflict_dialog(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=2, suggest=False)
    window = open_window(url)
    window.live.watcher.timer.stop()  # the conflict must reach the keyboard, not the poll
    doc = window.session.document_id
    _key(qtbot, Qt.Key.Key_T)  # block 1: title
    _other_window_labels(url, doc, {0: "boilerplate"})

    _key(qtbot, Qt.Key.Key_B)  # block 1: body, refused
    qtbot.waitUntil(lambda: window.conflicts.dialog is not None)
    dialog = window.conflicts.dialog
    qtbot.waitExposed(dialog)
    text = dialog.summary.text()
    assert "you, in another window on this computer" in text and "version 2" in text
    lines = [dialog.differences.item(i).text() for i in range(dialog.differences.count())]
    assert lines == ["block 1: boilerplate (theirs) / body (mine)"]
    assert window.session.model.labels()[0] == "boilerplate"  # theirs is shown already
    qtbot.keyClick(dialog.reload_button, Qt.Key.Key_Return)  # Enter: keep theirs
    qtbot.waitUntil(lambda: window.conflicts.dialog is None)
    with Workspace.open(url, "alice") as ws:
        assert ws.annotation(doc).blocks == {0: "boilerplate"}

    window.activateWindow()
    window.focus_article()
    _other_window_labels(url, doc, {0: "heading"})
    _key(qtbot, Qt.Key.Key_B)  # refused again
    qtbot.waitUntil(lambda: window.conflicts.dialog is not None)
    qtbot.mouseClick(window.conflicts.dialog.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.model.labels().get(0) == "body")
    with Workspace.open(url, "alice") as ws:
        stored = ws.annotation(doc)
    assert stored.blocks == {0: "body"} and stored.version == 4


def test_work_saved_by_others_shows_without_a_restart(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=3, suggest=False)
    with Workspace.open(url, "curator") as ws:
        ws.enable_queue()
    window = open_window(url)
    window.live.watcher.timer.setInterval(20)
    assert window.live.panel.isVisible()
    listed = window.document_list.model
    third = listed.document_id(2)

    with Workspace.open(url, "bob") as bob:  # another annotator finishes a document
        bob.apply(listed.document_id(1), SetStatus(Status.DONE))
    qtbot.waitUntil(lambda: "bob" in window.live.panel.label.text())

    with Workspace.open(url, "alice") as me_elsewhere:  # me, on another machine
        me_elsewhere.apply(third, SetStatus(Status.DONE))
    qtbot.waitUntil(lambda: listed.index(2, 0).data(StatusRole) == "done")
    qtbot.waitUntil(lambda: window.status.progress.text() == "1 of 3 done")


def test_next_document_comes_from_the_queue(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=3, suggest=False)
    with Workspace.open(url, "curator") as ws:
        ws.enable_queue()
    with Workspace.open(url, "bob") as bob:
        second = bob.list_documents()[1].id
        assert bob.next_document() == bob.list_documents()[0].id
    window = open_window(url)
    assert window.session.document_id == second  # the first is bob's
    _key(qtbot, Qt.Key.Key_Return, CTRL)  # done: the next free one
    assert window.session.document_id == window.document_list.model.document_id(2)
