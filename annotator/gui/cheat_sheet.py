"""The keyboard cheat sheet (`?`): every action and its keys, per mode, from the registry."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.actions import ActionRegistry
from annotator.gui.keymap import ALL_MODES

MODE_TITLES = {
    "global": "Everywhere",
    "block": "Block mode",
    "span": "Span mode",
    "review": "Review mode",
}


def cheat_sheet_html(registry: ActionRegistry) -> str:
    sections = []
    for mode in ALL_MODES:
        rows = []
        for spec in registry.specs:
            keys = registry.keys(spec.id, mode)
            if keys:
                chips = " ".join(f"<span class='key'>{escape(k)}</span>" for k in keys)
                rows.append(f"<tr><td class='keys'>{chips}</td><td>{escape(spec.title)}</td></tr>")
        if rows:
            sections.append(
                f"<h3>{MODE_TITLES[mode]}</h3><table cellspacing=0 cellpadding=4>"
                f"{''.join(rows)}</table>"
            )
    palette = QApplication.palette()  # light or dark theme
    ink = palette.color(QPalette.ColorRole.WindowText).name()
    chip = palette.color(QPalette.ColorRole.AlternateBase).name()
    style = (
        f"<style>h3{{margin:10px 0 4px 0; color:{ink}}}"
        f" .key{{font-family:monospace; background:{chip}; color:{ink}}}"
        " td.keys{padding-right:18px; white-space:nowrap}</style>"
    )
    return style + "".join(sections)


class CheatSheet(QDialog):
    def __init__(self, registry: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cheatSheet")
        self.setWindowTitle("Keyboard cheat sheet")
        self.resize(620, 640)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setHtml(cheat_sheet_html(registry))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
