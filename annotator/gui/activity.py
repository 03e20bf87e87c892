"""Reports the annotator's keypresses and clicks in the window to the workspace, which
turns them into active time per document (see ``workspace.timing``)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

ACTIVE_EVENTS = {
    QEvent.Type.ShortcutOverride,  # a key that runs an action may never arrive as KeyPress
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
}


class ActivityTracker(QObject):
    """Watches the application's input events while ``window`` is the active window."""

    def __init__(self, window, clock=time.monotonic) -> None:
        super().__init__(window)
        self.window, self.session, self.clock = window, window.session, clock
        self._previous: str | None = None
        self._stopped = False
        self.session.documentOpened.connect(self._opened)
        app = QApplication.instance()
        app.installEventFilter(self)
        app.aboutToQuit.connect(self.flush)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVE_EVENTS and not self._stopped and self.window.isActiveWindow():
            document_id = self.session.document_id
            if document_id is not None:
                self.session.workspace.record_activity(document_id, self.clock())
        return False

    def _opened(self, document_id: str) -> None:
        workspace = self.session.workspace
        if self._previous and self._previous != document_id:
            workspace.flush_active_time(self._previous)
        self._previous = document_id
        workspace.record_activity(document_id, self.clock())

    def flush(self) -> None:
        if not self._stopped:
            self.session.workspace.flush_active_time()

    def stop(self) -> None:
        """Write what was gathered and stop watching (the window is closing)."""
        self.flush()
        self._stopped = True
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
