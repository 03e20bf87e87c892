"""Starting the app: no display, who is annotating, the first-run sample import."""

from __future__ import annotations

from annotator import settings
from annotator.gui.app import NO_DISPLAY, display_problem, resolve_annotator, run_app
from annotator.gui.main_window import MainWindow
from annotator.gui.sample_import import import_sample_if_empty
from annotator.workspace import Workspace
from tests.gui.support import ARTICLE


def test_display_problem():
    assert display_problem({}, "linux") == NO_DISPLAY
    assert "annotator --help" in NO_DISPLAY
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "darwin") is None
    assert display_problem({}, "win32") is None


def test_run_app_without_a_display_says_so(monkeypatch, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert run_app(None, None) == 2
    assert "annotator --help" in capsys.readouterr().err


def test_annotator_is_asked_once_then_remembered():
    asked = []
    assert resolve_annotator(None, lambda: asked.append(1) or "  bob ") == "bob"
    assert settings.remembered_annotator() == "bob"
    assert resolve_annotator(None, lambda: asked.append(1) or "x") == "bob"
    assert asked == [1]
    assert resolve_annotator("carol", lambda: "x") == "carol"  # --annotator overrides
    assert settings.remembered_annotator() == "bob"


def test_asking_repeats_on_a_bad_name_and_can_be_cancelled():
    answers = iter(["", "gold", "dana"])
    assert resolve_annotator(None, lambda: next(answers)) == "dana"
    settings.save({})
    assert resolve_annotator(None, lambda: None) is None


def test_first_run_imports_the_sample_then_opens_a_document(qtbot, tmp_path):
    corpus = tmp_path / "sample"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"{i}.txt").write_text(ARTICLE.replace("Monday", f"day {i}"), "utf-8")
    workspace = Workspace.open(f"sqlite:///{tmp_path / 'fresh.db'}", "alice")
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    worker = import_sample_if_empty(window, corpus)
    assert worker is not None
    with qtbot.waitSignal(worker.finishedImport, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: window.session.document_id is not None)
    assert "Imported 3 sample documents" in window.status.currentMessage()
    assert window.status.progress.text() == "0 of 3 done"
    assert window.document_list.model.rowCount() == 3  # the list shows what arrived
    worker.wait()
    assert import_sample_if_empty(window, corpus) is None  # not empty any more
    window.close()
    workspace.close()


def test_an_empty_project_without_a_sample_says_so(qtbot, tmp_path):
    workspace = Workspace.open(f"sqlite:///{tmp_path / 'empty.db'}", "alice")
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    assert import_sample_if_empty(window, None) is None
    assert "import" in window.status.currentMessage()
    assert window.session.document is None
    window.close()
    workspace.close()


def test_a_returning_annotator_goes_straight_back_to_the_last_project(tmp_path):
    from annotator.gui.app import _last_project

    assert _last_project(None) is None  # first run: the welcome dialog
    settings.remember_annotator("alice")
    assert _last_project(None) is None  # a name but no project yet
    settings.remember_project(f"sqlite:///{tmp_path / 'a.db'}")
    settings.remember_project(f"sqlite:///{tmp_path / 'b.db'}")
    choice = _last_project(None)
    assert (choice.db_url, choice.annotator) == (f"sqlite:///{tmp_path / 'b.db'}", "alice")
    assert _last_project("bob").annotator == "bob"
