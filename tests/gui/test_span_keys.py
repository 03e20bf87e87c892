"""Fast span keys from the keyboard: no punctuation at a selection's edges (the seed's
"SEOUL,"), select-name + label in two keys, jumping to unmarked names, labelling every
occurrence in one undo step, Up/Down by visual line, rejecting and accepting
suggestions. Every change is read back from the database."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.model import SUGGESTIONS, Annotation, Quote, Span
from annotator.workspace import Workspace
from tests.gui.support import CTRL, SEED, SHIFT, press, selected, stored


def seed_project(tmp_path, shared) -> tuple[str, str, str]:
    url = f"sqlite:///{tmp_path / 'project.db'}"
    with Workspace.open(url, "curator") as ws:
        assert ws.import_paths([shared / SEED]).added == 1
        document_id = ws.first_document()
        return url, document_id, ws.document(document_id).text


def text_project(tmp_path, text: str, suggestions: Annotation | None = None) -> tuple[str, str]:
    """A project of one hand-written document (blocks are its paragraphs)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "doc.txt").write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'project.db'}"
    with Workspace.open(url, "curator") as ws:
        ws.import_paths([folder])
        document_id = ws.first_document()
        if suggestions is not None:
            suggestions.document_id = document_id
            ws.save_annotation(suggestions)
    return url, document_id


def to_block(qtbot, window, prefix: str) -> None:
    """From block mode, J down to the block starting with ``prefix``, then Tab."""
    model = window.session.model
    row = next(r for r in range(model.rowCount()) if model.text(r).startswith(prefix))
    press(qtbot, Qt.Key.Key_J, times=row - model.current)
    press(qtbot, Qt.Key.Key_Tab)


def test_seoul_is_selected_and_stored_without_its_comma(qtbot, tmp_path, shared, open_window):
    url, doc, text = seed_project(tmp_path, shared)
    window = open_window(url)
    to_block(qtbot, window, "SEOUL, South Korea")
    assert selected(window) == "SEOUL" and window.session.caret.collapsed
    press(qtbot, Qt.Key.Key_Right, SHIFT)  # selects the word itself: not "SEOUL,"
    assert selected(window) == "SEOUL"
    press(qtbot, Qt.Key.Key_Right, SHIFT)  # the comma only inside the selection
    assert selected(window) == "SEOUL, South"
    press(qtbot, Qt.Key.Key_Left, SHIFT)
    assert selected(window) == "SEOUL"
    press(qtbot, Qt.Key.Key_3)
    seoul = text.index("SEOUL")
    assert stored(url, doc).spans == [Span(seoul, seoul + 5, "GPE")]
    # Right steps over the comma; Ctrl+Shift+Right takes punctuation on purpose
    press(qtbot, Qt.Key.Key_Right)
    assert selected(window) == "South"
    press(qtbot, Qt.Key.Key_Left)
    press(qtbot, Qt.Key.Key_Right, CTRL | SHIFT)
    assert selected(window) == "SEOUL,"
    # "U.S.-led" is three tokens: the name alone can be selected and marked
    at = text.index("U.S.-led")
    window.session.jump_to(at, at + 1)  # snaps to the token under the offset
    assert selected(window) == "U.S."
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Left)  # the caret on "U.S.", nothing selected
    press(qtbot, Qt.Key.Key_W)
    assert selected(window) == "U.S."
    press(qtbot, Qt.Key.Key_3)
    assert Span(at, at + 4, "GPE") in stored(url, doc).spans


def test_select_name_then_label_is_two_keys(qtbot, tmp_path, shared, open_window):
    url, doc, text = seed_project(tmp_path, shared)
    window = open_window(url)
    to_block(qtbot, window, "SEOUL, South Korea")
    typed = [
        (Qt.Key.Key_3, "SEOUL", "GPE"),
        (Qt.Key.Key_3, "South Korea", "GPE"),
        (Qt.Key.Key_5, "North Korean", "NORP"),
        (Qt.Key.Key_1, "Kim Jong Un", "PERSON"),
        (Qt.Key.Key_3, "United States", "GPE"),
        (Qt.Key.Key_3, "Washington", "GPE"),
    ]
    expected = []
    at = text.index("SEOUL")
    for key, name, label in typed:
        press(qtbot, Qt.Key.Key_W)  # the name under or after the caret
        assert selected(window) == name
        press(qtbot, key)
        at = text.index(name, at)
        expected.append(Span(at, at + len(name), label))
        at += len(name)
    assert stored(url, doc).spans == expected
    # n jumps to the next unmarked name, Shift+N back; marked ones are passed over
    press(qtbot, Qt.Key.Key_N)
    assert selected(window) == "Pyongyang"
    press(qtbot, Qt.Key.Key_N, SHIFT)
    assert selected(window) == "Trinity Audio"  # the unmarked name before SEOUL


def test_label_every_occurrence_is_one_undo_step(qtbot, tmp_path, open_window):
    text = (
        "Kim met Lee in Port Calder.\n\n"
        "Later Kim Jong Un spoke, and Kim said Kimberly and KIM left. Lee and Kim agreed "
        "in Port Calder."
    )
    url, doc = text_project(tmp_path, text)
    window = open_window(url)
    session = window.session
    press(qtbot, Qt.Key.Key_Tab)
    assert selected(window) == "Kim"
    press(qtbot, Qt.Key.Key_1)  # PERSON "Kim"
    press(qtbot, Qt.Key.Key_Down, CTRL)  # the second paragraph
    session.jump_to(text.index("Kim Jong Un"), text.index("Kim Jong Un") + 11)
    press(qtbot, Qt.Key.Key_1)
    assert len(stored(url, doc).spans) == 2
    press(qtbot, Qt.Key.Key_Up, CTRL)  # back to the first "Kim", an entity
    press(qtbot, Qt.Key.Key_E)  # its label on every other whole-word "Kim"
    kims = [i for i in range(len(text)) if text.startswith("Kim", i)]
    whole = [i for i in kims if not text[i + 3].isalpha() and not text.startswith("Kim J", i)]
    spans = stored(url, doc).spans
    assert {(s.start, s.label) for s in spans if s.end - s.start == 3} == {
        (i, "PERSON") for i in whole
    }
    assert len(whole) == 3  # not "Kimberly", not "KIM", not inside "Kim Jong Un"
    message = window.status.currentMessage()
    assert "marked 2 × “Kim”" in message and "skipped 1" in message
    press(qtbot, Qt.Key.Key_Z, CTRL)  # one undo takes all of them back
    assert len(stored(url, doc).spans) == 2
    # a text not yet marked: e arms, then the label key marks every one
    press(qtbot, Qt.Key.Key_Right, times=2)
    assert selected(window) == "Lee"
    press(qtbot, Qt.Key.Key_E)
    assert "press a label key" in window.status.currentMessage()
    press(qtbot, Qt.Key.Key_1)
    lees = [s for s in stored(url, doc).spans if text[s.start : s.end] == "Lee"]
    assert len(lees) == 2 and {s.label for s in lees} == {"PERSON"}
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert len(stored(url, doc).spans) == 2
    # the caret on a name, nothing selected: e takes the whole name
    press(qtbot, Qt.Key.Key_Right, times=2)
    assert selected(window) == "Port"
    press(qtbot, Qt.Key.Key_E)
    press(qtbot, Qt.Key.Key_3)
    ports = [s for s in stored(url, doc).spans if s.label == "GPE"]
    assert [text[s.start : s.end] for s in ports] == ["Port Calder", "Port Calder"]


def test_up_and_down_move_by_visual_line(qtbot, tmp_path, open_window):
    sentence = "The council of Port Calder met on Monday and said the budget would grow. "
    text = "Short opening line.\n\n" + sentence * 8 + "\n\nClosing words here."
    url, _doc = text_project(tmp_path, text)
    window = open_window(url)
    session, view = window.session, window.article
    press(qtbot, Qt.Key.Key_J)
    press(qtbot, Qt.Key.Key_Tab)
    lines = view.visual_lines(1)
    assert len(lines) >= 3  # the paragraph wraps at this width

    def line_of(offset: int) -> int:
        return next(i for i, (a, b) in enumerate(lines) if a <= offset < b)

    def caret_x() -> float:
        return view.offset_rect(session.caret.selection.start).center().x()

    press(qtbot, Qt.Key.Key_Right, times=3)
    x = caret_x()
    start_line = line_of(session.caret.selection.start)
    assert start_line == 0
    press(qtbot, Qt.Key.Key_Down)
    assert line_of(session.caret.selection.start) == 1 and session.model.current == 1
    word = view.offset_rect(session.caret.selection.start)
    assert abs(word.center().x() - x) < 80  # the word nearest the same x
    press(qtbot, Qt.Key.Key_Down, times=len(lines) - 2)
    assert line_of(session.caret.selection.start) == len(lines) - 1
    press(qtbot, Qt.Key.Key_Down)  # past the last line: into the next block
    assert session.model.current == 2 and selected(window) in {"Closing", "words", "here"}
    press(qtbot, Qt.Key.Key_Up)  # back onto the paragraph's last line
    assert session.model.current == 1
    assert line_of(session.caret.selection.start) == len(lines) - 1
    press(qtbot, Qt.Key.Key_Up, times=len(lines))  # over its first line: the block above
    assert session.model.current == 0
    press(qtbot, Qt.Key.Key_Down, CTRL)  # by block: the next block's first word
    assert session.model.current == 1 and selected(window) == "The"
    press(qtbot, Qt.Key.Key_Down, SHIFT)  # extending by a line
    assert session.caret.selecting and "\n" not in selected(window)
    assert line_of(session.caret.tokens.starts[session.caret.focus]) == 1


def test_reject_a_suggestion_and_accept_all(qtbot, tmp_path, open_window):
    text = "Storm in Port Calder\n\n“We will rebuild,” Mayor Ana Ruiz said in Port Calder."
    body = text.index("“")
    port, ana = text.index("Port Calder", body), text.index("Ana Ruiz")
    suggestions = Annotation(
        "",
        SUGGESTIONS,
        blocks={0: "title", 1: "body"},
        block_scores={0: 0.9, 1: 0.8},
        spans=[Span(9, 20, "GPE"), Span(ana, ana + 8, "PERSON"), Span(port, port + 11, "ORG")],
        quotes=[Quote(body, text.index("”") + 1)],
    )
    url, doc = text_project(tmp_path, text, suggestions)
    window = open_window(url)
    session = window.session
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down, CTRL)
    press(qtbot, Qt.Key.Key_N)  # the suggestions are name candidates
    assert selected(window) == "Ana Ruiz"
    press(qtbot, Qt.Key.Key_N)
    assert selected(window) == "Port Calder"
    press(qtbot, Qt.Key.Key_X)  # wrong label suggested: rejected, gone from the view
    assert "Rejected ORG? “Port Calder”" in window.status.currentMessage()
    kinds = {m.kind for m in session.model.row_state(1).marks if m.label == "ORG"}
    assert kinds == set()
    press(qtbot, Qt.Key.Key_Z, CTRL)  # back again
    assert any(m.label == "ORG" for m in session.model.row_state(1).marks)
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)  # redo: rejected again
    assert not any(m.label == "ORG" for m in session.model.row_state(1).marks)
    press(qtbot, Qt.Key.Key_A)  # every other suggestion: blocks, entities, the quote
    mine = stored(url, doc)
    assert mine.blocks == {0: "title", 1: "body"}
    assert mine.spans == [Span(9, 20, "GPE"), Span(ana, ana + 8, "PERSON")]
    assert mine.quotes == [Quote(body, text.index("”") + 1)]
    assert "Accepted 2 block label(s), 2 entities, 1 quote(s)" in window.status.currentMessage()
    press(qtbot, Qt.Key.Key_Z, CTRL)  # one step
    mine = stored(url, doc)
    assert not (mine.blocks or mine.spans or mine.quotes)
    window.close()
    # the rejection is saved: a new window does not show it either
    again = open_window(url)
    marks = [m for r in (0, 1) for m in again.session.model.row_state(r).marks]
    assert [m.label for m in marks if m.kind == "suggested"] == ["GPE", "PERSON"]
    press(qtbot, Qt.Key.Key_A)  # block mode's a takes the spans too
    assert stored(url, doc).spans == [Span(9, 20, "GPE"), Span(ana, ana + 8, "PERSON")]


def test_next_name_passes_over_the_site_chrome(qtbot, tmp_path, open_window):
    text = (
        "Share on Facebook\n\nRead More from Reuters\n\n"
        "The crowd watched Ana Ruiz open the Harbour Bridge."
    )
    chrome = Annotation("", SUGGESTIONS, blocks={0: "boilerplate", 1: "boilerplate", 2: "body"})
    url, _ = text_project(tmp_path, text, suggestions=chrome)
    window = open_window(url)
    press(qtbot, Qt.Key.Key_Tab)  # span mode on the first block, in the chrome
    press(qtbot, Qt.Key.Key_N)
    assert selected(window) == "Ana Ruiz"  # not "Facebook" or "Reuters"
    press(qtbot, Qt.Key.Key_N)
    assert selected(window) == "Harbour Bridge"
    press(qtbot, Qt.Key.Key_N, SHIFT)
    assert selected(window) == "Ana Ruiz"
