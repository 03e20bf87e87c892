"""The speaker and cue keys link to the named target quote, never silently to another:
the seed's block 16 case that used to overwrite block 14's speaker, the cycle key, a
replaced link said and undone in one step, and a second press to replace a link of a
quote that was not chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.model import Annotation, Quote, Range, Span
from annotator.workspace import Workspace
from tests.gui.support import CTRL, SHIFT, press, selected, stored
from tests.gui.test_span_keys import seed_project, text_project


def _save_mine(url: str, document_id: str, spans, quotes) -> None:
    with Workspace.open(url, "alice") as ws:
        ws.save_annotation(Annotation(document_id, "alice", spans=spans, quotes=quotes))


def test_the_speaker_goes_to_the_target_quote_not_the_nearest(qtbot, tmp_path, shared, open_window):
    url, doc, text = seed_project(tmp_path, shared)
    # block 14: the long Kim quote, linked; block 16: "Kim accused ... “strategic strike
    # means,” ..." with its names marked and its quote not yet linked
    a_start = text.index("“We have already")
    a_end = text.index("hostile policy,”") + len("hostile policy,”")
    kim14 = text.index("Kim said", a_end)
    quote_a = Quote(a_start, a_end, Range(kim14, kim14 + 3), Range(kim14 + 4, kim14 + 8))
    kim16 = text.index("Kim accused")
    b_start = text.index("“strategic strike means,”")
    quote_b = Quote(b_start, b_start + len("“strategic strike means,”"))
    us = text.index("United States", kim16)
    nk = text.index("North Korea", kim16)
    spans = [
        Span(kim16, kim16 + 3, "PERSON"),
        Span(us, us + 13, "GPE"),
        Span(nk, nk + 11, "GPE"),
    ]
    _save_mine(url, doc, spans, [quote_a, quote_b])
    window = open_window(url)
    model = window.session.model
    row = model.row_at(kim16)
    assert row == 16 and model.row_at(a_start) == 14
    press(qtbot, Qt.Key.Key_J, times=row)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_BracketRight, times=3)  # to the block's quote: the target
    assert selected(window).startswith("“strategic")
    assert "Target quote: “strategic strike means,”" in window.status.currentMessage()
    press(qtbot, Qt.Key.Key_BracketLeft, times=3)  # back to "Kim", as in the issue
    assert selected(window) == "Kim" and window.session.caret.selection.start == kim16
    press(qtbot, Qt.Key.Key_S)
    quotes = stored(url, doc).quotes
    assert quotes[0] == quote_a  # block 14's quote keeps its Kim and "said"
    assert quotes[1].speaker == Range(kim16, kim16 + 3)
    assert "linked to the quote “strategic strike means,”" in window.status.currentMessage()

    # t cycles the target among the quotes near the caret; s then replaces, said so
    press(qtbot, Qt.Key.Key_T)
    assert "Target quote: “We have already" in window.status.currentMessage()
    press(qtbot, Qt.Key.Key_BracketRight, times=2)
    assert selected(window) == "North Korea"
    press(qtbot, Qt.Key.Key_S)
    message = window.status.currentMessage()
    assert "replaced “Kim” with “North Korea”" in message
    quotes = stored(url, doc).quotes
    assert quotes[0].speaker == Range(nk, nk + 11) and quotes[0].cue == quote_a.cue
    assert quotes[1].speaker == Range(kim16, kim16 + 3)
    press(qtbot, Qt.Key.Key_Z, CTRL)  # one undo restores the replaced speaker
    assert stored(url, doc).quotes[0] == quote_a


def test_replacing_a_link_of_an_unchosen_quote_needs_a_second_press(qtbot, tmp_path, open_window):
    text = "“We will rebuild,” Mayor Ruiz said.\n\nBut Governor Lane disagreed with Ruiz."
    url, doc = text_project(tmp_path, text)
    ruiz, lane = text.index("Ruiz"), text.index("Lane")
    quote = Quote(0, text.index("”") + 1, Range(ruiz, ruiz + 4))
    _save_mine(url, doc, [Span(lane, lane + 4, "PERSON")], [quote])
    window = open_window(url)
    press(qtbot, Qt.Key.Key_J)  # the second block: no quote was chosen yet
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Right, times=2)
    assert selected(window) == "Lane"  # an entity: s takes it whole
    press(qtbot, Qt.Key.Key_S)
    assert "already has the speaker “Ruiz”: press s again" in window.status.currentMessage()
    assert stored(url, doc).quotes == [quote]
    press(qtbot, Qt.Key.Key_S)
    assert stored(url, doc).quotes[0].speaker == Range(lane, lane + 4)
    assert "replaced “Ruiz” with “Lane”" in window.status.currentMessage()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert stored(url, doc).quotes == [quote]


def test_q_in_quote_marks_takes_the_passage_with_its_speaker_and_cue(qtbot, tmp_path, open_window):
    text = (
        "Storm closes the harbour\n\n"
        "“We will reopen the harbour before the weekend,” the harbour master, Ana Ruiz, "
        "told reporters on Monday.\n\n"
        "Boats waited outside."
    )
    url, doc = text_project(tmp_path, text)
    window = open_window(url)
    press(qtbot, Qt.Key.Key_J)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Right, times=2)  # the caret on "reopen", nothing selected
    press(qtbot, Qt.Key.Key_Q)  # one key: the quote, its speaker and its cue
    (quote,) = stored(url, doc).quotes
    assert text[quote.start : quote.end] == "We will reopen the harbour before the weekend,"
    assert text[quote.cue.start : quote.cue.end] == "told"
    assert "Ana Ruiz" in text[quote.speaker.start : quote.speaker.end]
    assert "with speaker" in window.status.currentMessage()
    press(qtbot, Qt.Key.Key_Z, CTRL)  # one undo takes all of it back
    assert not stored(url, doc).quotes


def test_a_selected_quote_is_the_words_between_the_marks(qtbot, tmp_path, open_window):
    text = "Title\n\nShe said: “Rain is coming soon,” and left."
    url, doc = text_project(tmp_path, text)
    window = open_window(url)
    press(qtbot, Qt.Key.Key_J)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Right, times=2)  # on "Rain" (word steps pass over punctuation)
    press(qtbot, Qt.Key.Key_Right, SHIFT, times=4)  # Rain is coming soon
    assert selected(window) == "Rain is coming soon"
    press(qtbot, Qt.Key.Key_Q)
    (quote,) = stored(url, doc).quotes
    # as the suggester marks quotes: between the marks, the comma before ” included
    assert text[quote.start : quote.end] == "Rain is coming soon,"
