"""Fixtures of the annotation-window tests (helpers live in tests/gui/support.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from annotator.gui.main_window import MainWindow
from annotator.workspace import Workspace


@pytest.fixture
def open_window(qtbot):
    """Open a real main window on a project, shown, active, focus on the article."""
    opened: list[tuple[MainWindow, Workspace]] = []

    def open_(url: str, annotator: str = "alice") -> MainWindow:
        workspace = Workspace.open(url, annotator)
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        window.start()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.article)
        opened.append((window, workspace))
        return window

    yield open_
    for window, workspace in opened:
        window.close()
        workspace.close()
