"""File > Export… driven from the keyboard: a split DocBin export in a worker, problems
and errors shown in the dialog."""

from __future__ import annotations

import orjson
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import Annotation, Span, Status
from annotator.gui.export_dialog import ExportDialog
from annotator.workspace import Workspace
from tests.gui.support import ARTICLE, make_project


def _open_dialog(qtbot, window) -> ExportDialog:
    qtbot.keyClick(window.article, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ExportDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and dialog.format.hasFocus())
    return dialog


def _alt(qtbot, dialog, key) -> None:
    qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)


def test_export_by_keyboard_with_split_and_problems(qtbot, open_window, tmp_path):
    url = make_project(tmp_path, documents=6, suggest=False)
    with Workspace.open(url, "curator") as ws:
        first = ws.first_document()
        start = ARTICLE.index("coast")
        for doc_id in _ids(ws):
            spans = [Span(start, start + 5, "LOC")]
            if doc_id == first:
                spans.append(Span(start + 6, start + 7, "DATE"))  # "o" of "on": mid-token
            ws.save_annotation(Annotation(doc_id, "gold", Status.DONE, spans=spans))
    window = open_window(url)
    dialog = _open_dialog(qtbot, window)

    _alt(qtbot, dialog, Qt.Key.Key_O)  # Alt+<letter> focuses a field
    assert dialog.output.hasFocus()
    _alt(qtbot, dialog, Qt.Key.Key_F)  # format: type to pick docbin
    assert dialog.format.hasFocus()
    qtbot.keyClicks(dialog.format, "docbin")
    assert dialog.format.currentData() == "docbin"
    _alt(qtbot, dialog, Qt.Key.Key_A)  # fractions: train 0.5
    assert dialog.fractions[0].hasFocus()
    dialog.fractions[0].selectAll()
    qtbot.keyClicks(dialog.fractions[0], "0.5")
    qtbot.keyClick(dialog.fractions[0], Qt.Key.Key_Tab)
    dialog.fractions[1].selectAll()
    qtbot.keyClicks(dialog.fractions[1], "0.5")
    qtbot.keyClick(dialog.fractions[1], Qt.Key.Key_Tab)
    dialog.fractions[2].selectAll()
    qtbot.keyClicks(dialog.fractions[2], "0")
    _alt(qtbot, dialog, Qt.Key.Key_O)
    assert dialog.output.hasFocus()
    out = tmp_path / "export"
    qtbot.keyClicks(dialog.output, str(out))
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as finished:
        qtbot.keyClick(dialog.output, Qt.Key.Key_Return)
        assert not dialog.export_button.isEnabled()  # running in the worker
    report = finished.args[0]
    assert report.documents == 6
    manifest = orjson.loads((out / "manifest.json").read_bytes())
    assert manifest["options"]["split"] == {"train": 0.5, "dev": 0.5, "test": 0.0}
    assert manifest["totals"]["entities"] == {"DATE": 1, "LOC": 6}
    assert "Exported 6 documents" in dialog.message.text()
    assert dialog.details.isVisible()
    assert f"{first} [" in dialog.details.toPlainText()  # the problem with its document
    assert "token boundaries" in dialog.details.toPlainText()

    # a second run into a folder that is not an export: the error is shown, nothing lost
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine")
    dialog.output.selectAll()
    qtbot.keyClicks(dialog.output, str(busy))
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000):
        qtbot.keyClick(dialog.output, Qt.Key.Key_Return)
    assert "Export failed" in dialog.message.text() and "not empty" in dialog.message.text()
    assert (busy / "keep.txt").read_text() == "mine"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_bad_fractions_are_refused_before_running(qtbot, open_window, tmp_path):
    window = open_window(make_project(tmp_path, documents=2, suggest=False))
    dialog = _open_dialog(qtbot, window)
    dialog.fractions[0].setValue(0.9)
    dialog.output.setText(str(tmp_path / "out"))
    qtbot.keyClick(dialog.output, Qt.Key.Key_Return)
    assert dialog.worker is None
    assert "add up to 1.10" in dialog.message.text()
    assert not (tmp_path / "out").exists()


def _ids(ws: Workspace) -> list[str]:
    ids, current = [], ws.first_document()
    while current is not None:
        ids.append(current)
        current = ws.neighbour(current, +1)
    return ids
