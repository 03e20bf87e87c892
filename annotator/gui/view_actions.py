"""The actions of this module's features (zoom, theme, statistics, projects, import),
declared as data like every other action; the window adds them to its registry."""

from __future__ import annotations

from annotator.gui.actions import ActionSpec


def _zoom(delta: int | None):
    def run(window) -> None:
        step = window.zoom.change(delta)
        window.status.say(f"Text size {window.zoom.point_size:g} pt (zoom {step:+d})")

    return run


def _cycle_theme(window) -> None:
    from PySide6.QtWidgets import QApplication

    from annotator.gui.style import THEMES, apply_style, set_theme_setting, theme_setting

    theme = THEMES[(THEMES.index(theme_setting()) + 1) % len(THEMES)]
    set_theme_setting(theme)
    apply_style(QApplication.instance())
    window.theme_changed()
    window.status.say(f"Theme: {'follow the system' if theme == 'system' else theme}")


def _statistics(window) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.status.say("Counting… (the first time also loads the charting library)")
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    QApplication.processEvents()  # show the message before the charts load
    try:
        from annotator.gui.statistics_view import open_statistics

        window.statistics_dialog = open_statistics(window)
    finally:
        QApplication.restoreOverrideCursor()
    window.status.say("")


def _open_project(window) -> None:
    from annotator.gui.welcome import switch_project

    switch_project(window)


def _import_files(window) -> None:
    from annotator.gui.drop_import import choose_and_import

    choose_and_import(window)


def _always(_window) -> bool:
    return True


VIEW_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("view.zoom_in", "Zoom in", "View", _zoom(+1), enabled=_always),
    ActionSpec("view.zoom_out", "Zoom out", "View", _zoom(-1), enabled=_always),
    ActionSpec("view.zoom_reset", "Default text size", "View", _zoom(None), enabled=_always),
    ActionSpec(
        "view.theme",
        "Switch theme (system, light, dark)",
        "View",
        _cycle_theme,
        enabled=_always,
    ),
    ActionSpec(
        "view.statistics",
        "Statistics…",
        "View",
        _statistics,
        enabled=_always,
        description="Progress per annotator, label distribution, time spent per document",
    ),
    ActionSpec(
        "file.open_project",
        "Open or create a project…",
        "File",
        _open_project,
        enabled=_always,
    ),
    ActionSpec(
        "file.import",
        "Import files…",
        "File",
        _import_files,
        enabled=_always,
        description="Import text, HTML, JSONL or WARC files into this project "
        "(or drop them on the window)",
    ),
)
