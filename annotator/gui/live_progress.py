"""Live progress: what others save shows up in the open window without a restart.

``ChangeWatcher`` polls the project's change stamp (two index lookups) every couple of
seconds and says when it moved; the window then refreshes the document list, the
progress counts and the team panel. The same timer renews my work-queue leases, so
another annotator never gets the document I have open, and a crashed window's claims
come back. The team panel is a one-line dock under the window: each annotator's counts, the queue.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QVBoxLayout, QWidget

from annotator.workspace import Workspace
from annotator.workspace.team import TeamProgress

POLL_MS = 2000
HEARTBEAT_EVERY = 30  # polls between lease renewals (a minute)


class ChangeWatcher(QObject):
    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._stamp = workspace.change_stamp()
        self._polls = 0
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        try:
            stamp = self.workspace.change_stamp()
        except Exception:  # noqa: BLE001 - a dropped connection: try again next time
            return
        self._polls += 1
        if self._polls % HEARTBEAT_EVERY == 0 and self.workspace.annotator:
            QThreadPool.globalInstance().start(self.workspace.heartbeat)
        if stamp != self._stamp:
            self._stamp = stamp
            self.changed.emit()


def progress_html(progress: TeamProgress, me: str | None) -> str:
    """One line: each annotator's done and open documents (● holds a claim now), then
    the queue."""
    people = []
    for name, counts in progress.annotators.items():
        who = f"<b>{escape(name)}</b>" if name == me else escape(name)
        working = " ●" if name in progress.working_now else ""
        people.append(
            f"{who}{working} {counts.get('done', 0):,} done, {counts.get('in_progress', 0):,} open"
        )
    parts = [" · ".join(people) or "nobody has annotated anything yet"]
    queue = progress.queue
    if queue is not None and queue.documents:
        parts.append(
            f"queue of {queue.documents:,}: {queue.free:,} free, {queue.claimed:,} claimed, "
            f"{queue.finished:,} finished"
        )
    return " &nbsp;|&nbsp; ".join(parts)


class TeamPanel(QDockWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Team", parent)
        self.setObjectName("teamPanel")
        self.workspace = workspace
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 2, 8, 4)
        self.label = QLabel()
        self.label.setObjectName("teamProgress")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        body.setMaximumHeight(2 * self.label.fontMetrics().lineSpacing() + 12)  # two lines
        self.setWidget(body)
        self.refresh()

    def refresh(self) -> None:
        self.label.setText(progress_html(self.workspace.team_progress(), self.workspace.annotator))


class LiveProgress(QObject):
    """Puts the watcher and the team panel into a main window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        workspace = window.workspace
        self.watcher = ChangeWatcher(workspace, self)
        self.panel = TeamPanel(workspace, window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.panel)
        self.panel.setVisible(workspace.team_mode())
        self.watcher.changed.connect(self.refresh)

    def refresh(self) -> None:
        window = self.window
        window.session.reload_if_changed()
        window.document_list.refresh()
        progress = window.workspace.progress() if window.workspace.annotator else None
        if progress is not None:
            window.status.show_progress(progress.done, progress.total)
            window.side_panel.show_progress(progress.done, progress.total)
        if self.panel.isVisible():
            self.panel.refresh()
