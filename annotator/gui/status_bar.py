"""The status bar: messages on the left; my progress, the mode and "saved" on the right."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.progress = QLabel()
        self.progress.setObjectName("statusProgress")
        self.mode = QLabel()
        self.mode.setObjectName("statusMode")
        self.saved = QLabel()
        self.saved.setObjectName("statusSaved")
        for widget in (self.progress, self.mode, self.saved):
            self.addPermanentWidget(widget)
        self.show_mode("block")
        self.saved.setText("All changes saved")

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setText(f"{done} of {total} done")

    def show_mode(self, mode: str) -> None:
        self.mode.setText(f"{mode.upper()} MODE")
        self.mode.setProperty("mode", mode)
        self.mode.style().unpolish(self.mode)
        self.mode.style().polish(self.mode)

    def show_saved(self) -> None:
        self.saved.setText(f"✓ Saved {datetime.now():%H:%M:%S}")

    def say(self, text: str) -> None:
        self.showMessage(text, 8000)
