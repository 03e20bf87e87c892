"""The welcome dialog: creating a project, importing a dropped file, recent projects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from annotator import settings
from annotator.gui.app import open_project
from annotator.gui.welcome import SAMPLE_TITLE, WelcomeDialog
from annotator.workspace import Workspace
from tests.gui.support import ARTICLE


@pytest.fixture
def no_tokenizer_process():
    yield
    from annotator.nlp import tokens

    tokens.use_subprocess(False)


def _drop(widget, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = widget.rect().center()
    copy, none = Qt.DropAction.CopyAction, Qt.MouseButton.NoButton
    enter = QDragEnterEvent(centre, copy, mime, none, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(centre), copy, mime, none, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)


def test_welcome_dialog_creates_a_project_and_imports_a_dropped_file(
    qtbot, tmp_path, no_tokenizer_process
):
    article = tmp_path / "storm.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.recent.count() == 1  # a fresh machine: the sample project only
    assert dialog.recent.item(0).text() == SAMPLE_TITLE
    qtbot.waitUntil(dialog.open_button.isDefault)
    assert QApplication.focusWidget() is dialog.name or not dialog.isActiveWindow()

    project = tmp_path / "mine.db"
    dialog.project.clear()
    qtbot.keyClicks(dialog.project, str(project))
    qtbot.keyClicks(dialog.name, "erin")
    _drop(dialog, [article])
    assert dialog.import_label.text() == "1 to import: storm.txt"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    choice = dialog.choice
    assert choice.db_url == f"sqlite:///{project}"
    assert (choice.annotator, choice.import_paths) == ("erin", [article])
    assert settings.remembered_annotator() == "erin"

    window = open_project(choice.db_url, choice.annotator, choice.import_paths)
    qtbot.addWidget(window)
    (worker,) = window.imports
    with qtbot.waitSignal(worker.finishedImport, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: window.session.document is not None)
    assert "Imported 1 document" in window.status.currentMessage()
    worker.wait()
    window.close()
    window.workspace.close()
    assert project.is_file()
    with Workspace.open(choice.db_url, "erin") as workspace:
        assert workspace.progress().total == 1
    assert settings.recent_projects()[0] == choice.db_url


def test_the_welcome_dialog_refuses_a_missing_name_and_lists_recent_projects(qtbot, tmp_path):
    settings.remember_project("postgresql+psycopg://ann:secret@db.example/corpus")
    settings.remember_project(f"sqlite:///{tmp_path / 'a.db'}")
    assert "secret" not in settings.settings_path().read_text(encoding="utf-8")
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    titles = [dialog.recent.item(i).text() for i in range(dialog.recent.count())]
    assert titles == [
        f"a.db  —  {tmp_path}",
        "postgresql+psycopg://ann@db.example/corpus",
        SAMPLE_TITLE,
    ]
    assert dialog.project.text() == f"sqlite:///{tmp_path / 'a.db'}"  # the newest, selected
    dialog.accept()
    assert dialog.choice is None and "name" in dialog.error.text()


def test_files_dropped_on_the_main_window_are_imported(qtbot, tmp_path, open_window):
    from tests.gui.support import make_project

    window = open_window(make_project(tmp_path, documents=1))
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE.replace("storm", "flood"), encoding="utf-8")
    _drop(window, [article])
    (worker,) = window.imports
    with qtbot.waitSignal(worker.finishedImport, timeout=20_000):
        pass
    worker.wait()
    qtbot.waitUntil(lambda: window.document_list.model.rowCount() == 2)
    assert window.status.progress.text() == "0 of 2 done"


def test_recent_projects_keep_no_password_and_no_duplicates():
    settings.remember_project("postgresql://u:pw@h/db")
    settings.remember_project("sqlite:////x/a.db")
    settings.remember_project("postgresql://u:other@h/db")
    assert settings.recent_projects() == ["postgresql://u@h/db", "sqlite:////x/a.db"]
    assert settings.without_password("postgresql://:pw@h/db") == "postgresql://h/db"
