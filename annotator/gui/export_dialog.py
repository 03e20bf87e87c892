"""File > Export…: a folder export (format, source, done only, split, seed, output folder)
run in a worker thread with progress and cancel; the result, errors and every span the
format could not carry are shown in the dialog."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.workspace import FolderExportOptions, FolderExportReport, Workspace
from annotator.workspace.export_formats import all_exporters

SHOWN_PROBLEMS = 200


class ExportWorker(QThread):
    """Runs the export with its own connection to the project database."""

    progressed = Signal(str, int, int)  # stage, documents done, documents total
    finishedExport = Signal(object)  # FolderExportReport, or an Exception

    def __init__(
        self, db_url: str, annotator: str | None, folder: Path, options: FolderExportOptions
    ) -> None:
        super().__init__()
        self.db_url, self.annotator, self.folder, self.options = db_url, annotator, folder, options
        self.cancel_requested = threading.Event()

    def run(self) -> None:
        try:
            with Workspace.open(self.db_url, self.annotator) as workspace:
                report = workspace.export_folder(
                    self.folder, self.options, self.progressed.emit, self.cancel_requested.is_set
                )
        except Exception as exc:  # shown in the dialog, never lost
            self.finishedExport.emit(exc)
            return
        self.finishedExport.emit(report)


def _sources(workspace: Workspace) -> list[str]:
    names = ["gold", "merged", "suggestions", "all"]
    for source in sorted(workspace.stats().sources):
        if source not in names:
            names.append(f"annotator:{source}")
    return names


class ExportDialog(QDialog):
    finished_export = Signal(object)  # the report or the exception, once the worker ends

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export corpus")
        self.workspace = workspace
        self.worker: ExportWorker | None = None

        self.format = QComboBox()
        for exporter in all_exporters():
            self.format.addItem(f"{exporter.name} — {exporter.description}", exporter.name)
        self.source = QComboBox()
        self.source.setEditable(True)
        self.source.addItems(_sources(workspace))
        self.done_only = QCheckBox("&Done documents only")
        self.done_only.setChecked(True)
        self.split = QCheckBox("S&plit into train / dev / test")
        self.split.setChecked(True)
        self.fractions = []
        fractions = QHBoxLayout()
        for name, value in (("train", 0.8), ("dev", 0.1), ("test", 0.1)):
            box = QDoubleSpinBox()
            box.setObjectName(f"fraction_{name}")
            box.setRange(0.0, 1.0)
            box.setSingleStep(0.05)
            box.setDecimals(2)
            box.setValue(value)
            box.setPrefix(f"{name} ")
            self.fractions.append(box)
            fractions.addWidget(box)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(13)
        self.output = QLineEdit()
        self.output.setPlaceholderText("a new or empty folder")
        browse = QPushButton("&Browse…")
        browse.setAutoDefault(False)  # Enter anywhere runs the export, never the browser
        browse.clicked.connect(self._browse)
        output = QHBoxLayout()
        output.addWidget(self.output, 1)
        output.addWidget(browse)

        form = QFormLayout()
        for text, field in (
            ("&Format:", self.format),
            ("&Source:", self.source),
            ("", self.done_only),
            ("", self.split),
            ("Fr&actions:", fractions),
            ("S&eed:", self.seed),
            ("&Output folder:", output),
        ):
            form.addRow(text, field)
        self._buddies(form)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("exportMessage")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setObjectName("exportDetails")
        self.details.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "E&xport", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.cancel_or_close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.split.toggled.connect(self._split_toggled)
        self.resize(640, 420)

    def _buddies(self, form: QFormLayout) -> None:
        """Alt+<underlined letter> on a row's label focuses its field."""
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or not isinstance(label.widget(), QLabel):
                continue
            target = field.widget() or field.layout().itemAt(0).widget()
            label.widget().setBuddy(target)

    def _split_toggled(self, on: bool) -> None:
        for box in self.fractions:
            box.setEnabled(on)
        self.seed.setEnabled(on)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Export into folder", self.output.text())
        if chosen:
            self.output.setText(chosen)

    # ------------------------------------------------------------------ running
    def options(self) -> FolderExportOptions:
        split = None
        if self.split.isChecked():
            split = tuple(box.value() for box in self.fractions)
            if abs(sum(split) - 1.0) > 1e-6:
                raise ValueError(
                    f"the split fractions add up to {sum(split):.2f}; they must add up to 1"
                )
        return FolderExportOptions(
            format_name=self.format.currentData(),
            source=self.source.currentText().strip() or None,
            include_unfinished=not self.done_only.isChecked(),
            split=split,
            seed=self.seed.value(),
        )

    def start(self) -> None:
        if self.worker is not None:
            return
        folder = self.output.text().strip()
        try:
            if not folder:
                raise ValueError("choose the output folder (Alt+O)")
            options = self.options()
        except ValueError as exc:
            self._error(str(exc))
            return
        self.details.clear()
        self.details.setVisible(False)
        self.message.setText("Exporting…")
        self.message.setStyleSheet("")
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.export_button.setEnabled(False)
        self.close_button.setText("&Cancel")
        self.worker = ExportWorker(
            self.workspace.db.url, self.workspace.annotator, Path(folder).expanduser(), options
        )
        self.worker.progressed.connect(self._progressed)
        self.worker.finishedExport.connect(self._finished)
        self.worker.start()

    def cancel_or_close(self) -> None:
        if self.worker is not None:
            self.worker.cancel_requested.set()
            self.message.setText("Cancelling…")
            return
        self.reject()

    def reject(self) -> None:  # Esc: cancel a running export first
        if self.worker is not None:
            self.cancel_or_close()
            return
        super().reject()

    def _progressed(self, stage: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        what = "Grouping sites and near-duplicates" if stage == "grouping" else "Writing"
        self.message.setText(f"{what}… {done:,} of {total:,} documents")

    def _finished(self, result: object) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.wait()
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)
        self.close_button.setText("Close")
        if isinstance(result, FolderExportReport):
            self._show_report(result)
        else:
            self._error(str(result))
        self.finished_export.emit(result)

    def _error(self, text: str) -> None:
        self.message.setText(f"Export failed: {text}")
        self.message.setStyleSheet("color: #c62828; font-weight: bold")

    def _show_report(self, report: FolderExportReport) -> None:
        self.message.setStyleSheet("")
        parts = ", ".join(f"{name} {c.documents:,}" for name, c in report.parts.items())
        self.message.setText(
            f"Exported {report.documents:,} documents to {report.folder} ({parts})."
            + (
                f" {report.problem_count:,} spans could not be written as they are: see below."
                if report.problem_count
                else ""
            )
        )
        lines = []
        if report.unfinished:
            lines.append(f"{report.unfinished:,} annotations not marked done were left out.")
        if report.ties:
            lines.append(f"{report.ties:,} tied votes were left out of the merge.")
        if report.problem_count:
            lines.append(
                f"Spans the format could not carry ({report.problem_count:,}; all of them"
                f" are in {report.folder / 'problems.jsonl'}):"
            )
            for reason, n in report.problem_reasons.most_common():
                lines.append(f"  {n:,} × {reason}")
            lines.extend(f"  {p}" for p in report.problems[:SHOWN_PROBLEMS])
        if lines:
            self.details.setPlainText("\n".join(lines))
            self.details.setVisible(True)
