"""Live progress: what others save shows up in the open window without a restart.

``ChangeWatcher`` polls the project's change stamp (two index lookups) every couple of
seconds and says when it moved; the window then refreshes the document list, the
progress counts and the team panel. The same timer renews my work-queue leases, so
another annotator never gets the document I have open, and a crashed window's claims
come back. The team panel is a dock listing each annotator's counts and the queue.
"""

from __future__ import annotations

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
    rows = []
    for name, counts in progress.annotators.items():
        working = " ●" if name in progress.working_now else ""
        who = f"<b>{name}</b>" if name == me else name
        rows.append(
            f"<tr><td>{who}{working}</td><td align=right>{counts.get('done', 0):,}</td>"
            f"<td align=right>{counts.get('in_progress', 0):,}</td></tr>"
        )
    table = (
        "<table cellspacing=0 cellpadding=2><tr><th align=left>annotator</th>"
        f"<th>done</th><th>open</th></tr>{''.join(rows)}</table>"
        if rows
        else "<p>Nobody has annotated anything yet.</p>"
    )
    queue = progress.queue
    tail = f"<p>{progress.documents:,} documents"
    if queue is not None and queue.documents:
        tail += (
            f"; queue: {queue.free:,} free, {queue.claimed:,} claimed, "
            f"{queue.finished:,} finished</p>"
        )
    else:
        tail += "</p>"
    return table + tail


class TeamPanel(QDockWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Team", parent)
        self.setObjectName("teamPanel")
        self.workspace = workspace
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel()
        self.label.setObjectName("teamProgress")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
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
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
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
