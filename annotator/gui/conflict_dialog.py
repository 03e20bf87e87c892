"""The conflict dialog: a change refused because the annotation was saved elsewhere since.

The session has already loaded the newer version (nothing of theirs is overwritten);
the dialog says who saved it, when, and what differs from the change refused, and
offers to keep their version (Enter, Esc) or to apply my change again on top of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.commands import Command
from annotator.core.model import Annotation
from annotator.workspace import VersionConflict
from annotator.workspace.team import ConflictDetails, client_name

MAX_LINES = 200


@dataclass(frozen=True, slots=True)
class RefusedChange:
    """What the session tried to save when the version check refused it."""

    document_id: str
    command: Command
    forward: bool  # apply (True) or revert, for undo (False)
    mine: Annotation | None  # the state it tried to store
    conflict: VersionConflict


def _when(stamp: str | None) -> str:
    if not stamp:
        return "just now"
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment:%Y-%m-%d %H:%M:%S}"


def summary(details: ConflictDetails, me: str | None) -> str:
    who = details.changed_by or "someone"
    if details.changed_by and details.changed_by == client_name(me):
        who = "you, in another window on this computer"
    return (
        f"<b>{who}</b> saved a newer version of the {details.source} annotation of "
        f"<b>{details.document_id}</b> at {_when(details.changed_at)} (version "
        f"{details.version}). Your change was not saved, and their version is now shown."
    )


class ConflictDialog(QDialog):
    """Accepted: keep mine on top; rejected: keep theirs (already loaded)."""

    def __init__(self, details: ConflictDetails, me: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("Changed elsewhere")
        self.resize(560, 300)
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary(details, me))
        self.summary.setObjectName("conflictSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("What differs (theirs, stored / mine, refused):"))
        self.differences = QListWidget()
        self.differences.setObjectName("conflictDifferences")
        lines = details.differences or ["nothing: they made the same change"]
        for line in lines[:MAX_LINES]:
            self.differences.addItem(line)
        if len(lines) > MAX_LINES:
            self.differences.addItem(f"... and {len(lines) - MAX_LINES} more")
        layout.addWidget(self.differences, 1)
        buttons = QDialogButtonBox()
        self.reload_button = QPushButton("&Reload theirs")
        self.keep_button = QPushButton("&Keep mine on top")
        self.keep_button.setToolTip("Apply your change again on top of their version")
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload_button.setDefault(True)
        self.reload_button.setFocus()


class ConflictHandler(QObject):
    """Shows the dialog for each refused change of a session and carries out the choice."""

    def __init__(self, session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.window = parent
        self.dialog: ConflictDialog | None = None
        session.conflicted.connect(self.show_conflict)

    def show_conflict(self, refused: RefusedChange) -> None:
        if self.dialog is not None:  # one at a time: the newest refusal replaces it
            self.dialog.done(QDialog.DialogCode.Rejected)
        me = self.session.workspace.annotator
        details = self.session.workspace.conflict_details(refused.conflict, refused.mine)
        dialog = self.dialog = ConflictDialog(details, me, self.window)
        dialog.accepted.connect(lambda: self.session.keep_mine(refused))
        dialog.finished.connect(lambda _code: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: ConflictDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
