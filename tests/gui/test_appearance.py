"""Zoom, themes, tooltips naming keys, the statistics view and active-time tracking."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator import settings
from annotator.gui.style import apply_style, palette_for, set_theme_setting, wants_dark
from annotator.workspace.timing import ACTIVE_SECONDS
from tests.gui.support import make_project


def test_zoom_keys_change_the_article_text_and_are_remembered(qtbot, tmp_path, open_window):
    window = open_window(make_project(tmp_path, documents=1))
    base = window.article.delegate.base_point_size
    height = window.article.visualRect(window.session.model.index(0)).height()
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Plus, Qt.Key.Key_Plus):
        qtbot.keyClick(window.article, key, Qt.KeyboardModifier.ControlModifier)
    assert window.article.delegate.font.pointSizeF() == base + 4
    assert settings.load()["zoom"] == 4
    qtbot.waitUntil(
        lambda: window.article.visualRect(window.session.model.index(0)).height() > height
    )
    qtbot.keyClick(window.article, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom.step == 3
    qtbot.keyClick(window.article, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom.step == 0 and settings.load()["zoom"] == 0
    settings.save({"zoom": 3})
    (tmp_path / "b").mkdir()
    again = open_window(make_project(tmp_path / "b", documents=1))
    assert again.article.delegate.font.pointSizeF() == again.article.delegate.base_point_size + 3


def test_tooltips_name_the_keys_of_each_action(tmp_path, open_window):
    window = open_window(make_project(tmp_path, documents=1))
    actions = window.registry.actions
    assert actions["view.zoom_in"].toolTip() == "Zoom in (Ctrl++, Ctrl+=)"
    assert actions["view.statistics"].toolTip().endswith("(F8)")
    assert actions["label.body"].toolTip().endswith("(B)")
    # every action can be reached from the keyboard: in a menu with an Alt mnemonic
    # (and in the Ctrl+K palette, which lists the same registry)
    in_menus = {}
    for menu_action in window.menuBar().actions():
        assert "&" in menu_action.text(), menu_action.text()
        for action in menu_action.menu().actions():
            in_menus[action.objectName()] = menu_action.text()
    assert set(window.registry.ids) <= set(in_menus)


def test_the_theme_follows_the_setting_and_the_article_repaints_dark(qtbot, tmp_path, open_window):
    app = QApplication.instance()
    window = open_window(make_project(tmp_path, documents=1))
    try:
        set_theme_setting("dark")
        assert wants_dark(app)
        window.registry.actions["view.theme"].trigger()  # dark -> system
        assert settings.load()["theme"] == "system"
        set_theme_setting("dark")
        assert apply_style(app) is True
        window.theme_changed()
        delegate = window.article.delegate
        assert delegate.dark and delegate.paper.lightness() < 80 and delegate.ink.lightness() > 200
        assert "#1b1f24" in app.styleSheet()
        dark = palette_for(True)
        assert dark.color(dark.ColorRole.Base).lightness() < 80
    finally:
        set_theme_setting("light")
        apply_style(app)
        window.theme_changed()
    assert not window.article.delegate.dark


def test_statistics_view_opens_from_the_keyboard_with_its_charts(qtbot, tmp_path, open_window):
    window = open_window(make_project(tmp_path, documents=2))
    qtbot.keyClick(window.article, Qt.Key.Key_B)  # label the first block
    qtbot.keyClick(window.article, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: getattr(window, "statistics_dialog", None) is not None)
    dialog = window.statistics_dialog
    qtbot.addWidget(dialog)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "&Progress",
        "&Labels",
        "&Time",
    ]
    assert dialog.stats.block_labels["alice"] == {"body": 1}
    assert "2 documents" in dialog.summary.text()
    dialog.close()


def test_active_time_is_recorded_from_keypresses(qtbot, tmp_path, open_window):
    window = open_window(make_project(tmp_path, documents=2))
    now = [100.0]
    window.activity.clock = lambda: now[0]
    first = window.session.document_id
    window.activity._opened(first)  # opened at 100 s

    def press(at: float, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        now[0] = at
        qtbot.keyClick(window.article, key, modifier)

    press(110.0, Qt.Key.Key_B)  # 10 s, saved with the label
    assert window.workspace.my_annotation(first).meta[ACTIVE_SECONDS] == 10.0
    press(125.0, Qt.Key.Key_J)  # 15 s
    press(400.0, Qt.Key.Key_J)  # away for 275 s: not counted
    press(430.0, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # 30 s, then leaves
    qtbot.waitUntil(lambda: window.session.document_id != first)
    assert window.workspace.my_annotation(first).meta[ACTIVE_SECONDS] == 55.0
