"""Importing files into the open project: chosen in a file dialog (File > Import files…)
or dropped on the window. The import runs in a worker with progress in the status bar;
the document list refreshes when it ends."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtWidgets import QFileDialog

from annotator.gui.sample_import import ImportWorker
from annotator.workspace import ImportReport

FILE_FILTER = "Articles (*.txt *.html *.htm *.jsonl *.json *.warc *.gz);;All files (*)"


def dropped_paths(mime: QMimeData | None) -> list[Path]:
    """The local files and folders in a drag's data (other URLs are ignored)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def describe(report: ImportReport) -> str:
    parts = [f"Imported {report.added} document(s)"]
    if report.same:
        parts.append(f"{report.same} already there")
    if report.duplicates:
        parts.append(f"{len(report.duplicates)} duplicate(s) skipped")
    if report.rejected:
        parts.append(f"{len(report.rejected)} file(s) rejected: {report.rejected[0]}")
    if report.cancelled:
        parts.append("cancelled")
    return "; ".join(parts)


def start_import(window, paths: list[Path]) -> ImportWorker | None:
    """Import ``paths`` into the window's project in a worker; returns the worker."""
    if not paths:
        return None
    workspace = window.workspace
    worker = ImportWorker(workspace.db.url, workspace.annotator, list(paths), window)
    status = window.status

    def progressed(done: int, total: int, current: str) -> None:
        status.say(f"Importing {done} of {total} files… {current}")

    def finished(result: object) -> None:
        if isinstance(result, ImportReport):
            status.say(describe(result))
        else:
            status.say(f"Import failed: {result}")
        if window.session.document is None:
            window.start()
        else:
            window.document_list.refresh()
            window.session._emit_progress()

    worker.progressed.connect(progressed)
    worker.finishedImport.connect(finished)
    window.imports = [*getattr(window, "imports", []), worker]
    status.say(f"Importing {len(paths)} item(s)…")
    worker.start()
    return worker


def choose_and_import(window) -> ImportWorker | None:
    names, _filter = QFileDialog.getOpenFileNames(window, "Import files", "", FILE_FILTER)
    return start_import(window, [Path(n) for n in names])


class DropImport(QObject):
    """Accepts files dropped on the window and imports them."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if dropped_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            paths = dropped_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                start_import(self.window, paths)
                return True
        return super().eventFilter(watched, event)
