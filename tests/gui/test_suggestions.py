"""Suggestions in the window: pre-annotation from the keyboard in a child process,
cancel, background retraining that visibly changes another page's suggestions, the
least-confident jump and the least-confident-first document list."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.gui.block_model import BlockRole
from annotator.gui.suggest_dialogs import PreannotateDialog, SuggestProgress
from annotator.workspace import Workspace
from tests.gui.support import make_project

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
SHARE = "Share this story on social media"


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _publisher_project(tmp_path, n: int) -> str:
    """``n`` articles of one publisher, each with the same share line as block 3."""
    path = tmp_path / "daily.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = (
                f"Harbour story number {i}\n\n"
                f"By Reporter {i}, The Daily\n\n"
                f"The harbour board met on day {i} and approved the plan for the pier, "
                "which has been discussed for many years by residents and the council.\n\n"
                f"{SHARE}\n\n"
                f"Work on the pier starts next spring, the board said on day {i}.\n"
            )
            record = {"id": f"d{i}", "text": text, "meta": {"publisher": "The Daily"}}
            out.write(json.dumps(record) + "\n")
    url = f"sqlite:///{tmp_path / 'daily.db'}"
    with Workspace.open(url, "curator") as ws:
        report = ws.import_paths([path])
        assert report.ok and report.added == n
    return url


def test_preannotate_from_the_keyboard_shows_suggestions(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=3, suggest=False)
    window = open_window(url)
    model = window.session.model
    assert model.suggested() == {}
    _press(qtbot, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PreannotateDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is dialog.kinds["blocks"]
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Space, Qt.Key.Key_Tab, Qt.Key.Key_Space):
        _press(qtbot, key)  # entities off, quotes off
    assert dialog.chosen() == ["blocks"] and not dialog.current_document_only()
    controller = window.suggestions
    with qtbot.waitSignal(controller.preannotationFinished, timeout=60_000) as finished:
        _press(qtbot, Qt.Key.Key_Return)
        assert isinstance(controller.dialog, SuggestProgress)
    report = finished.args[0]
    assert report["documents"] == report["total"] == 3 and not report["cancelled"]
    # the open document shows the new suggestions without a restart
    suggested = model.suggested()
    assert len(suggested) == model.rowCount() == 5
    assert isinstance(model.index(0).data(BlockRole.SCORE), float)
    # ... they are in the database, and the status bar says what was done by which model
    with Workspace.open(url, "alice") as ws:
        assert ws.suggestions(window.session.document_id).blocks == suggested
        for summary in ws.list_documents():
            assert ws.suggestions(summary.id).blocks
            assert summary.confidence is not None
    message = window.status.currentMessage()
    assert "Suggested blocks for 3 of 3 documents" in message
    assert "blocks by the rule prior (no confirmed labels yet)" in message
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.article)


def test_cancel_keeps_finished_documents_and_nothing_half_written(qtbot, tmp_path, open_window):
    url = _publisher_project(tmp_path, 40)
    window = open_window(url)
    controller = window.suggestions
    controller.batch = 1
    with qtbot.waitSignal(controller.preannotationFinished, timeout=60_000) as finished:
        controller.preannotate(["blocks"])
        qtbot.waitUntil(lambda: controller.dialog.bar.value() >= 1, timeout=60_000)
        qtbot.keyClick(controller.dialog, Qt.Key.Key_Escape)  # Esc cancels
        assert controller.dialog.isVisible()  # until the child has stopped
    report = finished.args[0]
    assert report["cancelled"] and 1 <= report["documents"] < 40
    with Workspace.open(url, "alice") as ws:
        stored = [ws.suggestions(s.id) for s in ws.list_documents()]
        written = [s for s in stored if s is not None]
        assert len(written) == report["documents"]
        assert all(len(s.blocks) == 5 and len(s.block_scores) == 5 for s in written)
    assert "cancelled" in window.status.currentMessage()
    assert controller.foreground is None and controller.dialog is None


def test_retraining_after_n_done_documents_changes_another_pages_suggestions(
    qtbot, tmp_path, open_window
):
    url = _publisher_project(tmp_path, 4)
    with Workspace.open(url, "curator") as ws:
        ws.preannotate({"blocks"})
        assert ws.suggestions("d3").blocks[3] == "boilerplate"
    window = open_window(url)
    controller, session = window.suggestions, window.session
    controller.retrain_every = 2
    for expected in ("d0", "d1"):
        assert session.document_id == expected
        _press(qtbot, Qt.Key.Key_A)  # accept every suggestion...
        for _ in range(3):
            _press(qtbot, Qt.Key.Key_J)
        _press(qtbot, Qt.Key.Key_C)  # ...but the share line is a caption here
        if expected == "d1":
            with qtbot.waitSignal(controller.backgroundFinished, timeout=60_000) as done:
                _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        else:
            _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    report = done.args[0]
    assert report["retrained"] and report["documents"] == 2  # d2 (open) and d3
    # learning is visible in the open document of the same publisher
    assert session.document_id == "d2"
    assert session.model.index(3).data(BlockRole.SUGGESTION) == "caption"
    assert window.status.currentMessage().startswith("Block model v2 (label memory")
    assert window.status.currentMessage().endswith("retrained · 2 documents re-suggested")
    with Workspace.open(url, "alice") as ws:
        info = ws.block_model_info()
        assert info.version == 2 and ws.suggestions("d3").blocks[3] == "caption"
        assert ws.suggestions("d3").meta["blocks"] == info.model_id


def test_stale_suggestions_are_refreshed_when_opened(qtbot, tmp_path, open_window):
    url = _publisher_project(tmp_path, 3)
    with Workspace.open(url, "curator") as ws:
        ws.preannotate({"blocks"})
        labels = {i: "body" for i in range(5)} | {3: "caption"}
        from annotator.core.model import Annotation, Status

        ws.save_annotation(Annotation("d0", "bob", Status.DONE, blocks=labels))
        ws.retrain_blocks()  # another machine retrained: d1, d2 are stale
    window = open_window(url)
    controller = window.suggestions
    with qtbot.waitSignal(controller.suggestionsReloaded, timeout=60_000):
        window.session.open_document("d2")
    assert window.session.model.index(3).data(BlockRole.SUGGESTION) == "caption"
    assert not controller.is_stale("d2")


def test_u_jumps_to_the_least_confident_open_suggestions(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=2)  # 0 title .97, 1 byline .8, 3 boilerplate .66
    window = open_window(url)
    model = window.session.model
    seen = []
    for _ in range(4):
        _press(qtbot, Qt.Key.Key_U)
        seen.append(model.current)
    assert seen == [3, 1, 0, 3]
    assert (
        window.suggestions.confidence.text() == "boilerplate? 66% sure · 1st least sure of 3 open"
    )
    _press(qtbot, Qt.Key.Key_Space)  # accept it: no longer open
    _press(qtbot, Qt.Key.Key_U)
    assert model.current == 1
    _press(qtbot, Qt.Key.Key_U, Qt.KeyboardModifier.ShiftModifier)
    assert model.current == 0  # backwards, wrapping
    _press(qtbot, Qt.Key.Key_J)  # moved away by hand: U starts again at the least confident
    _press(qtbot, Qt.Key.Key_U)
    assert model.current == 1


def test_document_list_least_confident_first_by_keyboard(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=4, suggest=False)
    from annotator.core.model import SUGGESTIONS, Annotation

    with Workspace.open(url, "curator") as ws:
        for doc, confidence in (("001", 0.9), ("002", 0.55), ("003", 0.7)):
            ws.save_annotation(
                Annotation(
                    doc,
                    SUGGESTIONS,
                    blocks={0: "title"},
                    block_scores={0: confidence},
                    meta={"block_confidence": confidence},
                )
            )
    window = open_window(url)
    listed = window.document_list.model
    assert [listed.document_id(r) for r in range(4)] == ["000", "001", "002", "003"]
    _press(qtbot, Qt.Key.Key_L, CTRL_SHIFT)
    assert [listed.document_id(r) for r in range(4)] == ["002", "003", "001", "000"]
    assert listed.index(0, 5).data() == "55%" and listed.index(3, 5).data() == ""
    assert listed.row_of("003") == 1
    _press(qtbot, Qt.Key.Key_L, CTRL_SHIFT)
    assert listed.document_id(0) == "000"


def test_retrain_every_comes_from_the_settings_file():
    from annotator import settings
    from annotator.gui.suggest_controller import DEFAULT_RETRAIN_EVERY, retrain_every

    assert retrain_every() == DEFAULT_RETRAIN_EVERY == 5
    settings.save({"suggestions": {"retrain_every": 3}})
    assert retrain_every() == 3
    settings.save({"suggestions": {"retrain_every": "often"}})
    assert retrain_every() == DEFAULT_RETRAIN_EVERY
    settings.save({"suggestions": 7})
    assert retrain_every() == DEFAULT_RETRAIN_EVERY
