""" "Accept everything all annotators agree on" for the whole corpus: asked first (it is
not undoable), run in a worker thread on its own connection with progress, summed up
when done."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from annotator.workspace import Workspace

QUESTION = (
    "Add to gold every block label, entity span and quote that all annotators of a "
    "document gave identically, across the whole project?\n\n"
    "Gold already decided is never changed. Documents without any disagreement get a "
    "finished gold; the others stay in the review queue.\n\n"
    "This cannot be undone with Ctrl+Z."
)


class AgreedWorker(QThread):
    progressed = Signal(int)  # documents looked at
    done = Signal(object)  # AcceptReport, or the Exception

    def __init__(self, db_url: str, annotator: str | None, parent: QObject | None = None):
        super().__init__(parent)
        self.db_url, self.annotator = db_url, annotator

    def run(self) -> None:
        try:
            with Workspace.open(self.db_url, self.annotator) as workspace:
                report = workspace.accept_agreed_into_gold(self.progressed.emit)
        except Exception as exc:  # shown to the user, never lost
            self.done.emit(exc)
            return
        self.done.emit(report)


def summary(report) -> str:
    lines = [
        f"{report.items} labels, spans and quotes added to gold in {report.documents} documents.",
        f"{report.completed} documents had no disagreement: their gold is finished.",
    ]
    if report.conflicts:
        lines.append(
            f"{len(report.conflicts)} documents were changed by another reviewer meanwhile "
            "and were left alone: run it again to include them."
        )
    return "\n".join(lines)


class AcceptAgreed(QObject):
    """Ask, run, sum up; ``finished`` carries the report (or the exception)."""

    finished = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget) -> None:
        super().__init__(parent)
        self.workspace, self.window = workspace, parent
        self.question = QMessageBox(
            QMessageBox.Icon.Question,
            "Accept everything agreed",
            QUESTION,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            parent,
        )
        self.question.setDefaultButton(QMessageBox.StandardButton.Yes)
        self.question.setObjectName("acceptAgreedQuestion")
        self.summary_box: QMessageBox | None = None
        self.worker: AgreedWorker | None = None

    def start(self) -> None:
        self.question.finished.connect(self._answered)
        self.question.open()

    def _answered(self, _result: int) -> None:
        clicked = self.question.clickedButton()
        if clicked is None or self.question.standardButton(clicked) != (
            QMessageBox.StandardButton.Yes
        ):
            return
        self.worker = AgreedWorker(self.workspace.db.url, self.workspace.annotator, self)
        progress = QProgressDialog("Accepting what the annotators agree on…", "", 0, 0, self.window)
        progress.setCancelButton(None)
        progress.setMinimumDuration(400)
        progress.setWindowTitle("Accept everything agreed")
        self.worker.progressed.connect(
            lambda n: progress.setLabelText(f"Accepting what the annotators agree on… {n}")
        )

        def done(result: object) -> None:
            progress.reset()
            progress.close()
            self.summary_box = QMessageBox(
                QMessageBox.Icon.Information
                if not isinstance(result, Exception)
                else QMessageBox.Icon.Warning,
                "Accept everything agreed",
                summary(result)
                if not isinstance(result, Exception)
                else f"Nothing was accepted: {result}",
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            self.summary_box.setObjectName("acceptAgreedSummary")
            self.summary_box.open()
            self.finished.emit(result)

        self.worker.done.connect(done)
        self.worker.start()
