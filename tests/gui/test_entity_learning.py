"""Entities that learn in the window: a name marked once is suggested at its other
occurrences at once (and in the next document when it opens), undo takes it back; the
entity model retrains in a child process after N documents marked done and the next
unfinished document shows its suggestions, the status bar naming the new version."""

from __future__ import annotations

import orjson
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import Annotation, Span, Status
from annotator.gui import suggest_controller
from annotator.nlp.entities import MODEL_SCORE
from annotator.workspace import Workspace
from tests.gui.support import make_project
from tests.nlp.test_training import corpus

FIRST = "Kim Jong Un visited Pyongyang.\n\nOfficials in Seoul said Kim Jong Un left early.\n"
SECOND = "Talks in Seoul\n\nKim Jong Un met envoys on Monday.\n"


def _suggested(window) -> list[tuple[str, str]]:
    session = window.session
    shown = session.model.suggestion_annotation()
    text = session.document.text
    return [(text[s.start : s.end], s.label) for s in (shown.spans if shown else [])]


def test_marking_a_name_suggests_its_other_occurrences_at_once(qtbot, tmp_path, open_window):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(FIRST, encoding="utf-8")
    (folder / "b.txt").write_text(SECOND, encoding="utf-8")
    (folder / "c.txt").write_text("Pyongyang said no.\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'project.db'}"
    with Workspace.open(url, "curator") as ws:
        ws.import_paths([folder])
        c = next(s.id for s in ws.list_documents() if ws.document(s.id).text.startswith("P"))
    with Workspace.open(url, "bob") as ws:  # someone else confirmed "Pyongyang" before
        ws.save_annotation(Annotation(c, "bob", Status.DONE, spans=[Span(0, 9, "GPE")]))
    window = open_window(url)
    session, learning = window.session, window.suggestions.entities
    assert session.document.text == FIRST
    qtbot.waitUntil(lambda: not learning.loading)  # read in a worker thread
    assert _suggested(window) == [("Pyongyang", "GPE")]
    session.jump_to(0, len("Kim Jong Un"))
    with qtbot.waitSignal(learning.learnedShown, timeout=10_000):
        session.label_span("PERSON")
    assert _suggested(window) == [("Pyongyang", "GPE"), ("Kim Jong Un", "PERSON")]
    later = FIRST.rindex("Kim Jong Un")
    assert session.model.suggestion_annotation().spans[1].start == later
    # undo (Ctrl+Z) takes the suggestion back, redo brings it again
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    with qtbot.waitSignal(learning.learnedShown, timeout=10_000):
        session.undo_group.undo()
    assert _suggested(window) == [("Pyongyang", "GPE")]
    with qtbot.waitSignal(learning.learnedShown, timeout=10_000):
        session.undo_group.redo()
    assert _suggested(window) == [("Pyongyang", "GPE"), ("Kim Jong Un", "PERSON")]
    # the next unfinished document shows it the moment it is opened, and it is stored
    with qtbot.waitSignal(learning.learnedShown, timeout=10_000):
        session.step_document(+1)
    assert session.document.text == SECOND
    assert _suggested(window) == [("Kim Jong Un", "PERSON")]
    with Workspace.open(url, "bob") as ws:
        assert ws.suggestions(session.document_id).spans == (
            session.model.suggestion_annotation().spans
        )


def test_background_ner_retraining_changes_an_unfinished_documents_suggestions(
    qtbot, tmp_path, open_window, monkeypatch
):
    monkeypatch.delenv("ANNOTATOR_SPACY_MODEL", raising=False)
    monkeypatch.setattr(suggest_controller, "REFRESH_AHEAD", 1)  # u2 is left for later
    lines = []
    for i, (text, spans) in enumerate(corpus()):  # 30 done sentences with 84 entities
        record = {
            "id": f"s{i:02d}",
            "text": text,
            "annotator": "alice",
            "status": "done",
            "spans": [{"start": s, "end": e, "label": label} for s, e, label in spans],
        }
        lines.append(orjson.dumps(record))
    for i, text in enumerate(
        [
            "Lena Fischer joined Globex in Ohio last year.",
            "Officials in Kenya met Omar Haddad.",
            "Aisha Khan left Initech after a dispute.",
        ]
    ):
        lines.append(orjson.dumps({"id": f"u{i}", "text": text}))
    source = tmp_path / "project.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    url = f"sqlite:///{tmp_path / 'project.db'}"
    with Workspace.open(url, "curator") as ws:
        assert ws.import_paths([source]).added == 33
        ws.preannotate({"entities"}, documents=["u1", "u2"])
        before = ws.suggestions("u1")
    assert "gazetteer" in before.meta["entities"] and "spacy" not in before.meta["entities"]
    window = open_window(url)
    session, learning = window.session, window.suggestions.entities
    assert session.document_id == "u0"
    learning.retrain_every, learning.iterations = 1, 6  # a tiny training
    with qtbot.waitSignal(learning.trainingFinished, timeout=240_000) as finished:
        ctrl = Qt.KeyboardModifier.ControlModifier
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, ctrl)  # done, next
        assert learning.runner is not None  # in a child process: the window goes on
        assert session.document_id == "u1"
    report = finished.args[0]
    assert "error" not in report, report
    assert report["version"] == 1 and report["trained_on"] == 30 and report["documents"] == 1
    assert window.status.currentMessage() == (
        "Entity model v1 (trained on 30 documents) · 1 document re-suggested"
    )
    shown = session.model.suggestion_annotation()
    assert shown.meta["entities"].startswith("suggest.entities.spacy.v1:en_annotator_ner-1.0.")
    text = session.document.text

    def names(annotation) -> dict[tuple[str, str], float]:
        return {(text[s.start : s.end], s.label): s.score for s in annotation.spans}

    for name in (("Kenya", "GPE"), ("Omar Haddad", "PERSON")):
        assert names(before)[name] == 0.9  # the confirmed texts matched before
        assert names(shown)[name] == MODEL_SCORE  # the trained model found them now
    with Workspace.open(url, "bob") as ws:
        assert ws.suggestions("u1").spans == shown.spans
        assert ws.entity_model_info().version == 1
        assert "spacy" not in ws.suggestions("u2").meta["entities"]
    # a document suggested before the training is refreshed when it is opened
    controller = window.suggestions
    with qtbot.waitSignal(controller.backgroundFinished, timeout=240_000):
        session.step_document(+1)
        assert session.document_id == "u2" and controller.background is not None
    shown = session.model.suggestion_annotation()
    assert shown.meta["entities"].startswith("suggest.entities.spacy.v1:en_annotator_ner-1.0.")
    assert window.status.currentMessage().startswith(
        "Entity model v1 (trained on 30 documents) applied · "
    )
    # a retrain already running is not started twice; a failure is a status bar message
    assert learning.retrain() is True
    assert learning.retrain() is False
    with qtbot.waitSignal(learning.trainingFinished, timeout=240_000) as again:
        pass
    assert again.args[0]["version"] == 2


def test_retrain_now_runs_blocks_then_entities_and_a_failure_is_a_message(
    qtbot, tmp_path, open_window
):
    url = make_project(tmp_path, documents=2)  # nothing confirmed: nothing to train on
    window = open_window(url)
    controller = window.suggestions
    learning = controller.entities
    qtbot.waitUntil(lambda: not learning.loading)
    learning.retrain_every = 1
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, ctrl)  # done, next
    assert learning.runner is None  # no entity marked anywhere: not even tried
    with qtbot.waitSignal(learning.trainingFinished, timeout=240_000) as finished:
        ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, ctrl_shift)
        assert controller.background is not None and learning.pending  # one child at a time
        assert learning.runner is None
    assert "nothing to train on" in finished.args[0]["error"]
    message = window.status.currentMessage()
    assert message.startswith("Entity model not retrained: nothing to train on: no done or gold")
    assert "Traceback" not in message
    assert controller.background is None and learning.runner is None
