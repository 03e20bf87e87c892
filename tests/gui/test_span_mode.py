"""Span mode from the keyboard: entities, a quote with its speaker and cue, undo and
redo, refusals, quotes across blocks, the span list, the mouse; all committed at once."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import Quote, Range, Span
from annotator.gui.span_list import SpanListModel, SpanRole
from annotator.workspace import Workspace
from tests.gui.support import CTRL, NONE, SEED, SHIFT, make_project
from tests.gui.support import press as _press
from tests.gui.support import selected as _selected
from tests.gui.support import stored as _stored


def _press_until(qtbot, window, key, done, modifier=NONE, limit: int = 200) -> None:
    """Press ``key`` until ``done()``: the tests move like a user, word by word."""
    for _ in range(limit):
        if done():
            return
        _press(qtbot, key, modifier)
    if done():
        return
    raise AssertionError(f"never reached the target; selection is {_selected(window)!r}")


def _seed_project(tmp_path, shared) -> tuple[str, str, str]:
    url = f"sqlite:///{tmp_path / 'project.db'}"
    with Workspace.open(url, "curator") as ws:
        assert ws.import_paths([shared / SEED]).added == 1
        document_id = ws.first_document()
        return url, document_id, ws.document(document_id).text


def test_person_org_and_quote_with_speaker_and_cue_from_the_keyboard(
    qtbot, tmp_path, shared, open_window
):
    url, doc, text = _seed_project(tmp_path, shared)
    window = open_window(url)
    session, model = window.session, window.session.model
    seoul = next(r for r in range(model.rowCount()) if model.text(r).startswith("SEOUL"))
    _press(qtbot, Qt.Key.Key_J, times=seoul)
    _press(qtbot, Qt.Key.Key_Tab)
    assert session.mode == "span" and "SPAN" in window.status.mode.text()
    assert _selected(window) == "SEOUL"

    # PERSON: Kim Jong Un (in the SEOUL paragraph, not the caption before it)
    _press_until(qtbot, window, Qt.Key.Key_Right, lambda: _selected(window) == "Kim")
    _press(qtbot, Qt.Key.Key_Right, SHIFT, times=3)  # the first selects "Kim" itself
    assert _selected(window) == "Kim Jong Un"
    _press(qtbot, Qt.Key.Key_1)
    person_at = text.index("Kim Jong Un", text.index("SEOUL, South Korea —"))
    person = Span(person_at, person_at + len("Kim Jong Un"), "PERSON")
    assert _stored(url, doc).spans == [person]

    # ORG: Korean Central News Agency, in the next paragraph
    _press(qtbot, Qt.Key.Key_Down, CTRL)
    _press_until(qtbot, window, Qt.Key.Key_Right, lambda: _selected(window) == "Korean")
    _press_until(
        qtbot,
        window,
        Qt.Key.Key_Right,
        lambda: _selected(window) == "Korean Central News Agency",
        SHIFT,
        limit=4,
    )
    _press(qtbot, Qt.Key.Key_2)
    org_at = text.index("Korean Central News Agency")
    org = Span(org_at, org_at + len("Korean Central News Agency"), "ORG")
    assert _stored(url, doc).spans == [person, org]

    # the quote, its speaker (s) and its cue (v): q takes the words between the marks, and
    # the comma before the closing mark, as the quote suggester does
    _press_until(
        qtbot,
        window,
        Qt.Key.Key_Down,
        lambda: text.startswith("We have already", session.caret.selection.start),
        CTRL,
    )
    _press_until(
        qtbot, window, Qt.Key.Key_Right, lambda: _selected(window).endswith("policy"), SHIFT
    )
    _press(qtbot, Qt.Key.Key_Q)
    quoted = "hostile policy,"
    quote_start = text.index("We have already")
    quote_end = text.index(quoted) + len(quoted)
    assert _stored(url, doc).quotes == [Quote(quote_start, quote_end)]
    _press_until(qtbot, window, Qt.Key.Key_Right, lambda: _selected(window) == "Kim")
    _press(qtbot, Qt.Key.Key_S)
    _press(qtbot, Qt.Key.Key_Right)
    assert _selected(window) == "said"
    _press(qtbot, Qt.Key.Key_V)
    speaker_at = text.index("Kim said", quote_end)
    full = Quote(
        quote_start,
        quote_end,
        speaker=Range(speaker_at, speaker_at + 3),
        cue=Range(speaker_at + 4, speaker_at + 8),
    )
    stored = _stored(url, doc)
    assert stored.spans == [person, org] and stored.quotes == [full]
    assert "linked to the quote “We have already" in window.status.currentMessage()
    assert window.side_panel.span_model.rowCount() == 3

    # undo the cue and the speaker, redo both: each committed at once
    _press(qtbot, Qt.Key.Key_Z, CTRL, times=2)
    assert _stored(url, doc).quotes == [Quote(quote_start, quote_end)]
    _press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT, times=2)
    assert _stored(url, doc).quotes == [full]
    _press(qtbot, Qt.Key.Key_Escape)
    assert session.mode == "block"
    window.close()

    again = open_window(url)
    assert again.session.document_id == doc
    mine = again.workspace.my_annotation(doc)
    assert mine.spans == [person, org] and mine.quotes == [full]
    listed = again.side_panel.span_model
    assert [listed.index(r).data(SpanRole.LABEL) for r in range(3)] == ["PERSON", "ORG", "QUOTE"]
    # F7 to the span list, down to the ORG, Enter: selected in the article, span mode
    _press(qtbot, Qt.Key.Key_F7)
    assert again.span_list.hasFocus()
    _press(qtbot, Qt.Key.Key_Down)
    _press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is again.article)
    assert again.session.mode == "span"
    assert _selected(again) == "Korean Central News Agency"
    _press(qtbot, Qt.Key.Key_Delete)
    assert _stored(url, doc).spans == [person]


def test_an_overlapping_entity_is_refused_with_the_reason(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=1, suggest=False)
    window = open_window(url)
    _press(qtbot, Qt.Key.Key_Tab)  # block 0: "Storm hits the coast"
    _press(qtbot, Qt.Key.Key_S)  # no quote yet: said so, nothing stored
    assert "mark the quote first" in window.status.currentMessage()
    assert _stored(url, "000") is None
    _press(qtbot, Qt.Key.Key_Right)
    _press(qtbot, Qt.Key.Key_Right, SHIFT, times=2)
    assert _selected(window) == "hits the"
    _press(qtbot, Qt.Key.Key_2)
    _press(qtbot, Qt.Key.Key_Right)
    _press(qtbot, Qt.Key.Key_Left, SHIFT, times=2)
    assert _selected(window) == "the coast"
    _press(qtbot, Qt.Key.Key_3)
    message = window.status.currentMessage()
    assert "Not marked GPE: “the coast”" in message
    assert "overlaps the ORG span “hits the”" in message
    assert _stored(url, "000").spans == [Span(6, 14, "ORG")]
    # exactly the same tokens relabel it instead
    _press(qtbot, Qt.Key.Key_Left)
    _press(qtbot, Qt.Key.Key_Right, SHIFT, times=2)
    _press(qtbot, Qt.Key.Key_4)
    assert _stored(url, "000").spans == [Span(6, 14, "LOC")]
    _press(qtbot, Qt.Key.Key_Z, CTRL)
    assert _stored(url, "000").spans == [Span(6, 14, "ORG")]


def test_a_quote_across_two_blocks_is_one_quote(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=1, suggest=False)
    window = open_window(url)
    session = window.session
    text = session.document.text
    _press(qtbot, Qt.Key.Key_J, times=2)
    _press(qtbot, Qt.Key.Key_Tab)
    _press_until(qtbot, window, Qt.Key.Key_Right, lambda: _selected(window) == "coast")
    _press(qtbot, Qt.Key.Key_Down, SHIFT)  # into the next block: "Share"
    _press(qtbot, Qt.Key.Key_Right, SHIFT)
    assert _selected(window).endswith("\n\nShare this")
    _press(qtbot, Qt.Key.Key_Q)
    start, end = text.index("coast on"), text.index("Share this") + len("Share this")
    assert _stored(url, "000").quotes == [Quote(start, end)]
    pieces = {row: session.model.row_state(row).marks for row in (2, 3)}
    assert [(m.kind, m.first, m.last) for m in pieces[2]] == [("quote", True, False)]
    assert [(m.kind, m.first, m.last) for m in pieces[3]] == [("quote", False, True)]
    # the speaker and the cue may be in another block than the quote
    _press(qtbot, Qt.Key.Key_Down)  # "Officials said the damage was limited."
    _press(qtbot, Qt.Key.Key_S)
    _press(qtbot, Qt.Key.Key_Right)
    _press(qtbot, Qt.Key.Key_V)
    officials = text.index("Officials")
    assert _stored(url, "000").quotes == [
        Quote(start, end, Range(officials, officials + 9), Range(officials + 10, officials + 14))
    ]
    _press(qtbot, Qt.Key.Key_Delete)  # on the cue: unlinks it
    assert _stored(url, "000").quotes[0].cue is None
    _press(qtbot, Qt.Key.Key_Up)  # into the quote
    _press(qtbot, Qt.Key.Key_Delete)
    assert _stored(url, "000").quotes == []


def test_dragging_over_the_text_selects_whole_tokens(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, documents=1, suggest=False)
    window = open_window(url)
    session, view = window.session, window.article
    text = session.document.text
    begin = text.index("storm reached") + 2  # inside "storm"
    finish = text.index("reached") + 3  # inside "reached"
    viewport = view.viewport()
    a = view.offset_rect(begin).center().toPoint()
    b = view.offset_rect(finish).center().toPoint()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, NONE, a)
    qtbot.mouseMove(viewport, a + QPoint(6, 0))
    qtbot.mouseMove(viewport, b)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, NONE, b)
    assert session.mode == "span"
    assert _selected(window) == "storm reached"
    qtbot.keyClick(view, Qt.Key.Key_7)
    start = text.index("storm reached")
    assert _stored(url, "000").spans == [Span(start, start + len("storm reached"), "EVENT")]


def test_span_list_model_passes_the_model_tester(qtmodeltester):
    with Workspace.open(None, "alice") as ws:
        schema = ws.schema
    from annotator.core.model import Annotation

    model = SpanListModel(schema)
    qtmodeltester.check(model)
    text = "Kim said: “Hello there.” Then ACME left."
    mine = Annotation(
        "d",
        "alice",
        spans=[Span(0, 3, "PERSON"), Span(30, 34, "ORG")],
        quotes=[Quote(10, 24, Range(0, 3), Range(4, 8))],
    )
    model.load(text, mine)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.index(1).data().startswith("QUOTE  “Hello there.”")
    assert "\nspeaker “Kim” · cue “said”" in model.index(1).data()
    assert model.index(2).data(SpanRole.START) == 30
    assert model.row_near(25) == 2
    # changes signal only the rows that differ (the tester watches every signal)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    mine.spans.insert(1, Span(4, 8, "MISC"))
    model.load(text, mine)
    assert inserted == [(1, 1)] and model.index(1).data(SpanRole.LABEL) == "MISC"
    mine.spans[0] = Span(0, 3, "ORG")
    model.load(text, mine)
    assert model.index(0).data(SpanRole.LABEL) == "ORG"
    del mine.spans[1:]
    model.load(text, mine)
    assert [model.index(r).data(SpanRole.LABEL) for r in range(2)] == ["ORG", "QUOTE"]
    qtmodeltester.check(model)
    model.load(None, None)
    assert model.rowCount() == 0


def test_caret_keys_on_a_300_block_article_stay_within_a_frame(qtbot, tmp_path, open_window):
    import statistics
    import time

    folder = tmp_path / "big"
    folder.mkdir()
    paragraph = "Officials in Port Calder said on Monday, “We will not stop,” Mayor Strand said. "
    (folder / "big.txt").write_text(
        "\n\n".join(f"{i} {paragraph * 2}" for i in range(300)), encoding="utf-8"
    )
    url = f"sqlite:///{tmp_path / 'big.db'}"
    with Workspace.open(url, "curator") as ws:
        ws.import_paths([folder])
    window = open_window(url)
    assert window.session.model.rowCount() == 300
    _press(qtbot, Qt.Key.Key_J, times=150)
    _press(qtbot, Qt.Key.Key_Tab)
    app = QApplication.instance()
    took = []
    for key, modifier in [(Qt.Key.Key_Right, NONE)] * 30 + [(Qt.Key.Key_Right, SHIFT)] * 10:
        began = time.perf_counter()
        qtbot.keyClick(window.article, key, modifier)
        app.processEvents()  # the repaint of the changed rows
        took.append(time.perf_counter() - began)
    assert statistics.median(took) < 1 / 60, took
