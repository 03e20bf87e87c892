"""First run: import the sample corpus into the empty default project, in a worker
thread with progress and cancel, then open the first document."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QProgressDialog

from annotator.workspace import ImportProgress, ImportReport, Workspace


class ImportWorker(QThread):
    """Imports ``paths`` with its own connection to the project database."""

    progressed = Signal(int, int, str)  # files done, files total, current file
    finishedImport = Signal(object)  # ImportReport, or an Exception

    def __init__(self, db_url: str, annotator: str | None, paths: list[Path], parent=None) -> None:
        super().__init__(parent)
        self.db_url, self.annotator, self.paths = db_url, annotator, paths
        self.cancel_requested = threading.Event()

    def run(self) -> None:
        def progress(p: ImportProgress) -> None:
            self.progressed.emit(p.files_done, p.files_total, Path(p.current).name)

        try:
            with Workspace.open(self.db_url, self.annotator) as workspace:
                report = workspace.import_paths(self.paths, progress, self.cancel_requested.is_set)
                workspace.index_for_search(cancelled=self.cancel_requested.is_set)
        except Exception as exc:  # reported to the user in the window, never lost
            self.finishedImport.emit(exc)
            return
        self.finishedImport.emit(report)


def import_sample_if_empty(window, corpus: Path | None) -> ImportWorker | None:
    """Start importing ``corpus`` when the window's project is empty; returns the worker."""
    workspace = window.workspace
    if workspace.progress().total > 0:
        window.start()
        return None
    if corpus is None:
        window.start()
        window.status.say(
            "Empty project and no sample corpus found: import with `annotator import PATH`"
        )
        return None
    worker = ImportWorker(workspace.db.url, workspace.annotator, [corpus], window)
    dialog = QProgressDialog("Importing the sample corpus…", "Cancel", 0, 0, window)
    dialog.setWindowTitle("First run")
    dialog.setMinimumDuration(300)
    dialog.canceled.connect(worker.cancel_requested.set)

    def progressed(done: int, total: int, current: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        dialog.setLabelText(f"Importing the sample corpus… {current}")

    def finished(result: object) -> None:
        dialog.reset()
        dialog.close()
        window.start()
        if isinstance(result, ImportReport):
            note = " (cancelled)" if result.cancelled else ""
            window.status.say(f"Imported {result.added} sample documents{note}")
        else:
            window.status.say(f"Could not import the sample corpus: {result}")

    worker.progressed.connect(progressed)
    worker.finishedImport.connect(finished)
    window.sample_import = worker
    worker.start()
    return worker
