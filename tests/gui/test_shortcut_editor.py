"""The shortcut editor refuses conflicts and saves changes a new window loads."""

from __future__ import annotations

import tomllib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.gui.keymap import user_keymap_path
from annotator.gui.shortcut_editor import ShortcutEditor
from tests.gui.support import make_project


def test_conflicts_are_refused_and_changes_saved(qtbot, tmp_path, open_window):
    url = make_project(tmp_path, 1, suggest=False)
    window = open_window(url)
    editor = ShortcutEditor(window.registry, window)
    qtbot.addWidget(editor)
    editor.show()

    refused = editor.assign("block.next", ["X"])  # X labels boilerplate in block mode
    assert refused and "label.boilerplate" in refused
    assert "Refused" in editor.error.text()
    assert editor.assign("block.next", ["Ctrl+K"])  # global keys count in every mode
    assert editor.assign("mode.block", ["M"]) is None  # span mode: M is free there

    editor.select("block.next")
    editor.keys.setText("N, Down")
    qtbot.mouseClick(editor.assign_button, Qt.MouseButton.LeftButton)
    assert editor.error.text() == ""
    editor.save()
    saved = tomllib.loads(user_keymap_path().read_text(encoding="utf-8"))
    assert saved["block"]["block.next"] == ["N", "Down"]
    assert saved["span"]["mode.block"] == ["M"]
    assert window.registry.keys("block.next", "block") == ["N", "Down"]
    window.close()

    again = open_window(url)
    assert again.registry.keys("block.next", "block") == ["N", "Down"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N)
    assert again.session.model.current == 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_J)  # J is no longer bound
    assert again.session.model.current == 1


def test_default_restores_the_shipped_keys(qtbot, tmp_path, open_window):
    window = open_window(make_project(tmp_path, 1, suggest=False))
    editor = ShortcutEditor(window.registry, window)
    qtbot.addWidget(editor)
    assert editor.assign("block.next", ["N"]) is None
    editor.select("block.next")
    qtbot.mouseClick(editor.reset_button, Qt.MouseButton.LeftButton)
    assert editor.keymap.keys("block.next", "block") == ["J", "Down"]
    assert "block.next" not in editor.keymap.overrides["block"]
