"""A whole document labelled from the keyboard only, undone, redone, done, reopened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import Status
from annotator.gui.block_model import BlockRole
from annotator.gui.document_list import StatusRole
from annotator.workspace import Workspace
from tests.gui.support import make_project

CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)


def _stored(url: str, document_id: str):
    with Workspace.open(url, "alice") as ws:
        return ws.annotation(document_id)


def _press(qtbot, *keys):
    for key in keys:
        key, modifier = key if isinstance(key, tuple) else (key, Qt.KeyboardModifier.NoModifier)
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_label_a_whole_document_undo_redo_done_and_reopen(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=3)
    window = open_window(url)
    session = window.session
    first = session.document_id
    assert first == "000" and session.model.current == 0

    listed = window.document_list.model
    assert listed.index(listed.row_of(first), 0).data(StatusRole) == "new"
    _press(qtbot, Qt.Key.Key_Space)  # accept the suggestion on block 0: title
    # the first label makes the document "in progress" in the list at once
    assert listed.index(listed.row_of(first), 0).data(StatusRole) == "in_progress"
    _press(
        qtbot, Qt.Key.Key_J, Qt.Key.Key_A
    )  # accept all open suggestions: 1 byline, 3 boilerplate
    _press(qtbot, Qt.Key.Key_J, Qt.Key.Key_B)  # block 2: body
    _press(qtbot, Qt.Key.Key_J, Qt.Key.Key_J)  # block 4
    _press(qtbot, (Qt.Key.Key_K, SHIFT))  # extend up: 3..4
    assert session.model.selection == [3, 4]
    _press(qtbot, Qt.Key.Key_B)  # both body
    _press(qtbot, Qt.Key.Key_Escape)  # collapse on the current block, 3
    assert session.model.selection == [3]
    _press(qtbot, Qt.Key.Key_X)  # 3 boilerplate again
    expected = {0: "title", 1: "byline", 2: "body", 3: "boilerplate", 4: "body"}
    assert _stored(url, first).blocks == expected
    assert window.status.saved.text().startswith("✓ Saved")

    _press(qtbot, (Qt.Key.Key_Z, CTRL))
    assert _stored(url, first).blocks[3] == "body"  # undo is committed too
    assert session.model.index(3).data(BlockRole.LABEL) == "body"
    _press(qtbot, (Qt.Key.Key_Z, CTRL | SHIFT))
    assert _stored(url, first).blocks == expected

    _press(qtbot, (Qt.Key.Key_Return, CTRL))  # mark done, open the next unfinished
    assert session.document_id == "001"
    assert session.model.current == 0
    assert _stored(url, first).status == Status.DONE
    assert window.status.progress.text() == "1 of 3 done"

    _press(qtbot, (Qt.Key.Key_Z, CTRL))  # this document's own (empty) history
    assert _stored(url, first).blocks == expected
    _press(qtbot, (Qt.Key.Key_Left, ALT))
    assert session.document_id == first
    _press(qtbot, (Qt.Key.Key_Right, ALT))
    assert session.document_id == "001"
    window.close()

    again = open_window(url)
    assert again.session.document_id == "001"  # the first unfinished one
    _press(qtbot, (Qt.Key.Key_Left, ALT))
    model = again.session.model
    shown = {row: model.index(row).data(BlockRole.LABEL) for row in range(model.rowCount())}
    assert shown == expected
    assert again.workspace.is_done(first)


def test_moves_stay_inside_the_document_and_mode_switch(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=1)
    window = open_window(url)
    session = window.session
    _press(qtbot, Qt.Key.Key_K, Qt.Key.Key_Up)
    assert session.model.current == 0
    _press(qtbot, Qt.Key.Key_End)
    assert session.model.current == 4
    _press(qtbot, Qt.Key.Key_Down, (Qt.Key.Key_Down, SHIFT))
    assert session.model.selection == [4]
    _press(qtbot, (Qt.Key.Key_Up, SHIFT), (Qt.Key.Key_Up, SHIFT), Qt.Key.Key_Escape)
    assert session.model.selection == [2]

    _press(qtbot, Qt.Key.Key_Tab)
    assert session.mode == "span" and "SPAN" in window.status.mode.text()
    _press(qtbot, Qt.Key.Key_B)  # block keys do nothing in span mode
    assert _stored(url, session.document_id) is None
    _press(qtbot, Qt.Key.Key_Escape)
    assert session.mode == "block"
    _press(qtbot, Qt.Key.Key_B)
    assert _stored(url, session.document_id).blocks == {2: "body"}
    _press(qtbot, Qt.Key.Key_Backspace)
    assert _stored(url, session.document_id).blocks == {}


def test_last_document_done_says_so(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=1, suggest=False)
    window = open_window(url)
    _press(qtbot, Qt.Key.Key_B, (Qt.Key.Key_Return, CTRL))
    assert window.session.document_id == "000"
    assert "done" in window.status.currentMessage().lower()


def test_a_change_made_elsewhere_is_reloaded_and_said(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=1, suggest=False)
    window = open_window(url)
    _press(qtbot, Qt.Key.Key_B)
    from annotator.core.commands import SetBlockLabels

    with Workspace.open(url, "alice") as elsewhere:
        elsewhere.apply("000", SetBlockLabels.same([4], "caption"))
    _press(qtbot, Qt.Key.Key_J, Qt.Key.Key_T)
    assert "changed elsewhere" in window.status.currentMessage()
    assert window.session.model.index(4).data(BlockRole.LABEL) == "caption"
    _press(qtbot, Qt.Key.Key_T)  # the next change works on the newest version
    assert _stored(url, "000").blocks == {0: "body", 1: "title", 4: "caption"}


def test_the_document_list_keeps_its_keys_and_enter_opens(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=3, suggest=False)
    window = open_window(url)
    session = window.session
    assert window.document_list.current_document() == "000"
    _press(qtbot, Qt.Key.Key_F6)
    assert window.document_list.view.hasFocus()
    _press(qtbot, Qt.Key.Key_Down)  # moves in the list, not in the article
    assert session.model.current == 0
    qtbot.waitUntil(lambda: window.document_list.current_document() == "001")
    _press(qtbot, Qt.Key.Key_Return)
    assert session.document_id == "001"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.article)
    _press(qtbot, Qt.Key.Key_J)
    assert session.model.current == 1
