"""The application's look: Fusion style, a light or dark palette and the stylesheets.

The theme follows the system's colour scheme (Qt 6.5+ ``styleHints().colorScheme()``,
re-applied when it changes) unless the settings say ``theme = "light"`` or ``"dark"``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from annotator import settings
from annotator.paths import resource_path

THEMES = ("system", "light", "dark")

LIGHT = {
    "Window": "#f5f7fa",
    "WindowText": "#1f2933",
    "Base": "#ffffff",
    "AlternateBase": "#f0f4f8",
    "Text": "#1f2933",
    "PlaceholderText": "#6b7280",
    "Button": "#eef2f7",
    "ButtonText": "#1f2933",
    "Highlight": "#2563eb",
    "HighlightedText": "#ffffff",
    "ToolTipBase": "#1f2933",
    "ToolTipText": "#f5f7fa",
    "Link": "#1d4ed8",
    "Mid": "#cbd2d9",
}
DARK = {
    "Window": "#1b1f24",
    "WindowText": "#e4e7eb",
    "Base": "#22272e",
    "AlternateBase": "#2a3038",
    "Text": "#e6e9ed",
    "PlaceholderText": "#9aa5b1",
    "Button": "#2d333b",
    "ButtonText": "#e4e7eb",
    "Highlight": "#3b82f6",
    "HighlightedText": "#ffffff",
    "ToolTipBase": "#e4e7eb",
    "ToolTipText": "#1b1f24",
    "Link": "#7aa8ff",
    "Mid": "#4b5563",
}


def theme_setting() -> str:
    value = settings.load().get("theme", "system")
    return value if value in THEMES else "system"


def set_theme_setting(theme: str) -> None:
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}, not {theme!r}")
    values = settings.load()
    values["theme"] = theme
    settings.save(values)


def system_is_dark(app: QApplication) -> bool:
    hints = app.styleHints()
    scheme = getattr(hints, "colorScheme", None)  # Qt 6.5+
    return scheme is not None and scheme() == Qt.ColorScheme.Dark


def wants_dark(app: QApplication, theme: str | None = None) -> bool:
    theme = theme or theme_setting()
    return theme == "dark" or (theme == "system" and system_is_dark(app))


def palette_for(dark: bool) -> QPalette:
    palette = QPalette()
    for role, color in (DARK if dark else LIGHT).items():
        value = QColor(color)
        palette.setColor(getattr(QPalette.ColorRole, role), value)
        if role in ("Text", "WindowText", "ButtonText"):
            muted = QColor(value)
            muted.setAlpha(110)
            palette.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role), muted)
    return palette


def stylesheet(dark: bool) -> str:
    parts = []
    for name in ("style.qss", "style-dark.qss") if dark else ("style.qss",):
        path = resource_path(name)
        if path.is_file():
            parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def apply_style(app: QApplication, theme: str | None = None) -> bool:
    """Apply the theme (the setting by default); returns whether it is dark."""
    app.setStyle("Fusion")
    dark = wants_dark(app, theme)
    app.setPalette(palette_for(dark))
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    app.setStyleSheet(stylesheet(dark))
    app.setProperty("annotatorDark", dark)
    return dark


def follow_system(app: QApplication, on_change=None) -> None:
    """Re-apply the theme when the system switches between light and dark."""
    hints = app.styleHints()
    signal = getattr(hints, "colorSchemeChanged", None)
    if signal is None:
        return

    def changed(_scheme) -> None:
        if theme_setting() == "system":
            apply_style(app)
            if on_change is not None:
                on_change()

    signal.connect(changed)


def is_dark(app: QApplication) -> bool:
    return bool(app.property("annotatorDark"))
