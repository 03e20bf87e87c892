"""The dialogs of pre-annotation: what to suggest and where, then its progress."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

KINDS = (
    ("blocks", "&Blocks: body, boilerplate, title… with a confidence"),
    ("entities", "&Entities: people, organisations, places…"),
    ("quotes", "&Quotes with their speaker and cue"),
)


class PreannotateDialog(QDialog):
    """Choose the kinds of suggestions and the scope (this document or the project).
    Keyboard: Alt+B/E/Q toggle the kinds, Alt+D/P pick the scope, Enter starts."""

    def __init__(self, document_title: str | None, total: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Pre-annotate")
        self.setObjectName("preannotateDialog")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Suggestions are stored apart from your labels and never change them; "
            "earlier suggestions of the chosen kinds are replaced."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        kinds = QGroupBox("Suggest")
        box = QVBoxLayout(kinds)
        self.kinds: dict[str, QCheckBox] = {}
        for name, title in KINDS:
            check = QCheckBox(title)
            check.setObjectName(f"kind_{name}")
            check.setChecked(True)
            check.toggled.connect(self._update)
            box.addWidget(check)
            self.kinds[name] = check
        layout.addWidget(kinds)
        scope = QGroupBox("For")
        box = QVBoxLayout(scope)
        shown = document_title or "no document open"
        self.this_document = QRadioButton(f"This &document: {_short(shown)}")
        self.this_document.setEnabled(document_title is not None)
        self.whole_project = QRadioButton(f"The whole &project: {total:,} documents")
        self.whole_project.setChecked(True)
        box.addWidget(self.this_document)
        box.addWidget(self.whole_project)
        layout.addWidget(scope)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def chosen(self) -> list[str]:
        return [name for name, check in self.kinds.items() if check.isChecked()]

    def current_document_only(self) -> bool:
        return self.this_document.isChecked()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.chosen()))


class SuggestProgress(QDialog):
    """Documents done of the total, the time left, and Cancel (also Esc). Cancelling
    keeps the dialog up until the child has stopped; the owner closes it."""

    cancelRequested = Signal()  # noqa: N815  (Qt naming)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestProgress")
        self.setWindowTitle("Pre-annotating")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(460)
        self.title = title
        self._started: float | None = None
        self._first: tuple[float, int] | None = None  # the first batch: (time, done)
        layout = QVBoxLayout(self)
        self.label = QLabel(f"{title}\nStarting…")
        self.label.setObjectName("suggestProgressText")
        layout.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first count arrives
        layout.addWidget(self.bar)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def reject(self) -> None:  # Esc and the Cancel button
        if not self.buttons.isEnabled():
            return
        self.buttons.setEnabled(False)
        self.label.setText(f"{self.title}\nCancelling after the batch being written…")
        self.cancelRequested.emit()

    def show_progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self._started is None:
            self._started = now
        if self._first is None and done > 0:
            self._first = (now, done)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        if self.buttons.isEnabled():
            eta = self._eta(now, done, total)
            self.label.setText(f"{self.title}\n{done:,} of {total:,} documents · {eta}")

    def _eta(self, now: float, done: int, total: int) -> str:
        """From the pace since the first finished batch (with one batch, since the start)."""
        if done >= total:
            return "finishing"
        if done == 0 or self._first is None or self._started is None:
            return "loading the models"
        at, first = self._first
        if done > first:
            left = (now - at) / (done - first) * (total - done)
        else:
            left = (at - self._started) / done * (total - done)
        return f"about {_duration(left)} left"


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)} min"
    return f"{minutes / 60:.1f} h"


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
