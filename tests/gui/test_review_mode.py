"""Review mode driven from the keyboard on a real SQLite project: three annotators'
finished work adjudicated into gold, gold exported; the queue order; accepting
everything agreed; who may enter."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.model import GOLD, Annotation, Span, Status
from annotator.gui.review_window import ReviewWindow
from annotator.workspace import Workspace
from tests.gui.support import make_project

CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)
K = Qt.Key
# blocks of tests.gui.support.ARTICLE: 0 headline, 1 byline, 2 body, 3 "Share", 4 body
WRITER, AP, MORNING = Span(25, 34, "PERSON"), Span(36, 52, "ORG"), Span(85, 98, "DATE")
TRUTH = {0: "title", 1: "byline", 2: "body", 3: "boilerplate", 4: "body"}


def _done(ws, doc, name, blocks, spans=()):
    ws.save_annotation(Annotation(doc, name, Status.DONE, blocks=blocks, spans=list(spans)))


@pytest.fixture
def project(tmp_path):
    """000: three annotators, two labels and two spans differ; 001: two annotators tied
    on one block; 002: two annotators agreeing on everything; dana is the curator."""
    url = make_project(tmp_path, documents=3, suggest=False)
    with Workspace.open(url, "dana") as ws:
        _done(ws, "000", "alice", TRUTH, [WRITER, MORNING])
        _done(ws, "000", "bob", {**TRUTH, 3: "body"}, [WRITER, AP])
        _done(ws, "000", "carol", {**TRUTH, 1: "body"}, [WRITER])
        _done(ws, "001", "alice", TRUTH)
        _done(ws, "001", "bob", {**TRUTH, 3: "caption"})
        _done(ws, "002", "alice", TRUTH, [WRITER])
        _done(ws, "002", "bob", TRUTH, [WRITER])
        ws.set_curators(["dana"])
    return url


def _press(qtbot, *keys):
    for key in keys:
        key, modifier = key if isinstance(key, tuple) else (key, Qt.KeyboardModifier.NoModifier)
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _enter(qtbot, window) -> ReviewWindow:
    """F9 in the main window; the review window takes its place and loads the queue."""
    qtbot.keyClick(window.article, K.Key_F9)
    review = window.review_window
    qtbot.addWidget(review)
    qtbot.waitUntil(lambda: review.session.document is not None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is review.table)
    return review


def _gold(url, doc):
    with Workspace.open(url, "dana") as ws:
        return ws.annotation(doc, GOLD)


def test_adjudicate_by_keyboard_into_gold_and_export_it(qtbot, tmp_path, project, open_window):
    url = project
    window = open_window(url, "dana")
    review = _enter(qtbot, window)
    session = review.session
    assert not window.isVisible() and review.isVisible()
    assert [item.document_id for item in session.queue] == ["000", "001"]  # 002 agrees
    assert session.document_id == "000" and session.annotators == ["alice", "bob", "carol"]
    assert session.model.current == 1  # opened on its first disagreement
    assert session.model.headerData(1, Qt.Orientation.Horizontal) == "1 · alice"

    _press(qtbot, K.Key_1)  # block 1: alice's byline
    assert _gold(url, "000").blocks == {1: "byline"}
    _press(qtbot, K.Key_N)  # next disagreement: block 2, the date only alice marked
    assert session.model.current == 2
    _press(qtbot, K.Key_N)  # block 3
    assert session.model.current == 3
    _press(qtbot, K.Key_X)  # a gold label with the ordinary label key
    assert _gold(url, "000").blocks == {1: "byline", 3: "boilerplate"}
    _press(qtbot, K.Key_Backspace, (K.Key_Z, CTRL))  # clear, then undo the clearing
    assert _gold(url, "000").blocks[3] == "boilerplate"

    _press(qtbot, K.Key_G, K.Key_J, (K.Key_J, SHIFT))  # select blocks 1-2
    assert session.model.selection == [1, 2]
    _press(qtbot, (K.Key_2, ALT))  # bob's spans there: the writer and AP
    assert _gold(url, "000").spans == [WRITER, AP]
    _press(qtbot, (K.Key_Z, CTRL))
    assert _gold(url, "000").spans == []
    _press(qtbot, (K.Key_Z, CTRL | SHIFT))
    assert _gold(url, "000").spans == [WRITER, AP]
    text = review.compare.toPlainText()
    assert "1 · alice" in text
    assert "entity at “Associated Press”: alice, carol none; bob ORG" in text

    _press(qtbot, (K.Key_Return, CTRL))  # accept: the majority fills the rest, next doc
    gold = _gold(url, "000")
    assert gold.status == Status.DONE
    assert gold.blocks == TRUTH and gold.spans == [WRITER, AP]
    assert session.queue[0].settled and session.document_id == "001"
    _press(qtbot, (K.Key_Left, ALT), (K.Key_Z, CTRL))  # back: undo the acceptance
    assert _gold(url, "000").status == Status.IN_PROGRESS and not session.queue[0].settled
    _press(qtbot, (K.Key_Z, CTRL | SHIFT), (K.Key_Right, ALT))
    assert _gold(url, "000").status == Status.DONE and session.queue[0].settled

    # 001: alice and bob are tied on block 3; accepting is refused until it is decided
    assert session.model.current == 3
    _press(qtbot, (K.Key_Return, CTRL))
    assert _gold(url, "001") is None and session.document_id == "001"
    assert "tied on block 4" in review.status.currentMessage()
    _press(qtbot, K.Key_2, (K.Key_Return, CTRL))  # bob's caption, accept
    assert _gold(url, "001").blocks == {**TRUTH, 3: "caption"}
    assert all(item.settled for item in session.queue)
    assert review.progress.text() == "2 of 2 settled"

    _press(qtbot, K.Key_F9)  # back to annotating
    qtbot.waitUntil(window.isVisible)
    assert not review.isVisible()

    out = tmp_path / "gold.jsonl"
    with Workspace.open(url, "dana") as ws:
        report = ws.export(out, source="gold")
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert report.records == 2 and [r["id"] for r in records] == ["000", "001"]
    first = records[0]
    assert first["annotator"] == "gold" and first["status"] == "done"
    assert [b["label"] for b in first["blocks"]] == [TRUTH[i] for i in range(5)]
    assert first["blocks"][1] == {"start": 22, "end": 52, "label": "byline"}
    assert first["spans"] == [
        {"start": 25, "end": 34, "label": "PERSON"},
        {"start": 36, "end": 52, "label": "ORG"},
    ]
    assert first["text"][36:52] == "Associated Press"
    assert records[1]["blocks"][3]["label"] == "caption" and records[1]["spans"] == []


def test_queue_is_worst_first_and_navigates_across_documents(
    qtbot, qtmodeltester, project, open_window
):
    window = open_window(project, "dana")
    review = _enter(qtbot, window)
    session = review.session
    qtmodeltester.check(session.model)
    qtmodeltester.check(review.queue.model())
    scores = [item.score for item in session.queue]
    assert scores == sorted(scores, reverse=True)
    first = session.queue[0]
    assert (first.document_id, first.blocks, first.spans) == ("000", 2, 2)
    assert review.queue.model().rowCount() == 2
    assert review.queue.model().index(0, 0).data().startswith(f"{first.score:.0%}")
    _press(qtbot, K.Key_N, K.Key_N, K.Key_N)  # 000: from block 1 to 2 (a span), 3, then on
    assert session.document_id == "001" and session.model.current == 3
    _press(qtbot, (K.Key_N, SHIFT))  # back into 000, at its last disagreement
    assert session.document_id == "000" and session.model.current == 3
    _press(qtbot, (K.Key_Right, ALT))
    assert session.document_id == "001"
    _press(qtbot, (K.Key_Right, ALT))  # the end of the queue: stays
    assert session.document_id == "001"
    assert review.status.currentMessage() == "End of the review queue"
    _press(qtbot, K.Key_F1)  # the cheat sheet of review mode, from the same registry
    sheet = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "cheatSheet")
    text = sheet.browser.toPlainText()
    assert "Review mode" in text and "Gold takes annotator 1's label" in text
    sheet.close()


def test_accept_everything_agreed_across_the_corpus(qtbot, project, open_window):
    window = open_window(project, "dana")
    review = _enter(qtbot, window)
    _press(qtbot, (K.Key_A, CTRL | SHIFT))
    box = review.agreed.question
    qtbot.waitUntil(box.isVisible)
    with qtbot.waitSignal(review.agreedAccepted, timeout=20000) as blocker:
        qtbot.keyClick(box, K.Key_Return)
    report = blocker.args[0]
    assert (report.documents, report.completed) == (3, 1)
    gold = {doc: _gold(project, doc) for doc in ("000", "001", "002")}
    assert gold["002"].status == Status.DONE and gold["002"].blocks == TRUTH
    assert gold["002"].spans == [WRITER]
    # 000: only what all three agree on; its disagreements stay in the queue
    assert gold["000"].status == Status.IN_PROGRESS
    assert gold["000"].blocks == {0: "title", 2: "body", 4: "body"}
    assert gold["000"].spans == [WRITER]
    assert report.items == 5 + 1 + 4 + 3 + 1
    summary = review.agreed.summary_box
    assert summary is not None and "1 documents had no disagreement" in summary.text()
    qtbot.waitUntil(lambda: [i.document_id for i in review.session.queue] == ["000", "001"])
    # the window shows the new gold: block 0 decided, undo history cleared
    assert review.session.gold.blocks.get(0) == "title"
    assert not review.session.undo_group.canUndo()


def test_only_curators_enter_and_a_project_without_one_can_be_claimed(
    qtbot, tmp_path, project, open_window
):
    window = open_window(project, "erin")
    qtbot.keyClick(window.article, K.Key_F9)
    box = window.review_refusal
    assert box.objectName() == "notCuratorBox" and "dana" in box.text()
    assert getattr(window, "review_window", None) is None
    box.close()
    window.close()

    with Workspace.open(project, "dana") as ws:
        ws.set_curators([])
    window = open_window(project, "erin")
    qtbot.keyClick(window.article, K.Key_F9)
    box = window.review_refusal
    assert box.objectName() == "claimCuratorBox"
    qtbot.waitUntil(box.isVisible)
    qtbot.keyClick(box, K.Key_Return)
    qtbot.waitUntil(lambda: getattr(window, "review_window", None) is not None)
    review = window.review_window
    qtbot.addWidget(review)
    with Workspace.open(project, "erin") as ws:
        assert ws.curators() == ["erin"]
    qtbot.waitUntil(lambda: review.session.document_id == "000")
    assert box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes


def test_review_mode_follows_the_dark_theme(qtbot, project, open_window):
    from annotator.gui.style import apply_style, set_theme_setting

    app = QApplication.instance()
    window = open_window(project, "dana")
    review = _enter(qtbot, window)
    review.resize(1200, 800)
    review.show()

    model = review.session.model
    states = [model.row_state(row) for row in range(model.rowCount())]
    red = next(r for r, st in enumerate(states) if st.label_differs and not st.selected)
    plain = next(
        r
        for r, st in enumerate(states)
        if not (st.label_differs or st.span_differences or st.selected or st.current)
    )

    def row_colours():
        """The paper of a row whose labels differ and of a row where all agree."""
        image = review.table.viewport().grab().toImage()
        x = review.table.columnViewportPosition(1) + 3
        middle = review.table.rowHeight(0) // 2
        return tuple(
            image.pixelColor(x, review.table.rowViewportPosition(r) + middle) for r in (red, plain)
        )

    differs, agreed = row_colours()
    assert agreed.lightness() > 240 and differs.red() > differs.blue()
    try:
        set_theme_setting("dark")
        apply_style(app)
        window.theme_changed()
        differs, agreed = row_colours()
        assert agreed.lightness() < 80, agreed.name()
        assert differs.lightness() < 110 and differs.red() > differs.blue() + 20, differs.name()
        delegate = review.delegate
        assert delegate.ink.lightness() > 200  # light text on the dark rows
        queue = review.queue.viewport().grab().toImage()
        assert queue.pixelColor(queue.width() - 4, 4).lightness() < 80  # the queue too
    finally:
        set_theme_setting("light")
        apply_style(app)
        window.theme_changed()
    assert not review.delegate.dark
