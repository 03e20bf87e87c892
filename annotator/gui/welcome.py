"""The welcome dialog: which project to open (a SQLite file or a server URL), who is
annotating, and files to import into it (chosen, or dropped on the dialog).

Enter opens the selected project; on a fresh machine that is the sample project (the
default project, filled with the bundled sample corpus on first open). Recent projects
come from the settings, where server URLs are kept without their password.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator import settings
from annotator.core.model import validate_source_name
from annotator.gui.drop_import import FILE_FILTER, dropped_paths

SAMPLE_TITLE = "Sample project (the bundled example articles)"


@dataclass
class WelcomeChoice:
    db_url: str
    annotator: str
    import_paths: list[Path] = field(default_factory=list)


def _project_title(url: str) -> str:
    if url == settings.default_db_url():
        return SAMPLE_TITLE
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        return f"{path.name}  —  {path.parent}"
    return settings.without_password(url)


class WelcomeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, annotator: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle("Welcome to Annotator")
        self.setAcceptDrops(True)
        self.resize(640, 460)
        self.import_paths: list[Path] = []
        self.choice: WelcomeChoice | None = None

        layout = QVBoxLayout(self)
        intro = QLabel(
            "<b>Open a project</b> — a SQLite file on this computer or a team server.<br>"
            "Drop article files here to import them into it."
        )
        intro.setObjectName("welcomeIntro")
        layout.addWidget(intro)

        self.recent = QListWidget()
        self.recent.setObjectName("recentProjects")
        for url in self._recent_urls():
            item = QListWidgetItem(_project_title(url))
            item.setData(Qt.ItemDataRole.UserRole, url)
            item.setToolTip(settings.without_password(url))
            self.recent.addItem(item)
        self.recent.currentItemChanged.connect(self._picked)
        self.recent.itemActivated.connect(lambda _item: self.accept())
        recent_label = QLabel("&Recent projects")
        recent_label.setBuddy(self.recent)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent, 1)

        form = QFormLayout()
        self.project = QLineEdit()
        self.project.setObjectName("projectField")
        self.project.setPlaceholderText("a .db file, or postgresql://user@host/dbname")
        self.project.setToolTip(
            "A SQLite file (created if it does not exist) or a PostgreSQL URL. "
            "Passwords are never saved in the settings."
        )
        row = QHBoxLayout()
        row.addWidget(self.project, 1)
        for title, slot in (("&New…", self.new_project), ("&Browse…", self.browse_project)):
            button = QPushButton(title)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            row.addWidget(button)
        project_label = QLabel("&Project:")
        project_label.setBuddy(self.project)
        form.addRow(project_label, row)
        self.name = QLineEdit(annotator or settings.remembered_annotator() or "")
        self.name.setObjectName("annotatorField")
        self.name.setPlaceholderText("saved with every label you make")
        form.addRow("Your &name:", self.name)
        imports = QHBoxLayout()
        self.import_label = QLabel("No files to import (drop files here)")
        self.import_label.setObjectName("importSummary")
        imports.addWidget(self.import_label, 1)
        add = QPushButton("&Import files…")
        add.setAutoDefault(False)
        add.clicked.connect(self.choose_files)
        imports.addWidget(add)
        import_label = QLabel("Import:")
        form.addRow(import_label, imports)
        layout.addLayout(form)

        self.error = QLabel()
        self.error.setObjectName("welcomeError")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = buttons.addButton("&Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        if self.recent.count():
            self.recent.setCurrentRow(0)
        (self.recent if self.name.text() else self.name).setFocus()

    @staticmethod
    def _recent_urls() -> list[str]:
        urls = settings.recent_projects()
        sample = settings.default_db_url()
        return urls if sample in urls else [*urls, sample] if urls else [sample]

    def _picked(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.project.setText(item.data(Qt.ItemDataRole.UserRole))

    # ---------------------------------------------------------------- choosing
    def new_project(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "New project", str(Path.home() / "project.db"), "Projects (*.db)"
        )
        if name:
            self.set_project(Path(name).with_suffix(".db") if not name.endswith(".db") else name)

    def browse_project(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open project", str(Path.home()), "Projects (*.db *.sqlite);;All files (*)"
        )
        if name:
            self.set_project(name)

    def set_project(self, path_or_url: str | Path) -> None:
        text = str(path_or_url)
        self.project.setText(text if "://" in text else f"sqlite:///{Path(text).resolve()}")

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Import files", "", FILE_FILTER)
        self.add_import_paths([Path(n) for n in names])

    def add_import_paths(self, paths: list[Path]) -> None:
        self.import_paths.extend(p for p in paths if p not in self.import_paths)
        if self.import_paths:
            names = ", ".join(p.name for p in self.import_paths[:3])
            more = len(self.import_paths) - 3
            self.import_label.setText(
                f"{len(self.import_paths)} to import: {names}"
                + (f" and {more} more" if more > 0 else "")
            )

    # ---------------------------------------------------------------- dropping
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_import_paths(paths)

    # ---------------------------------------------------------------- answering
    def accept(self) -> None:
        project = self.project.text().strip()
        if not project:
            self.error.setText("Choose a project: pick a recent one, or New… / Browse…")
            self.project.setFocus()
            return
        try:
            name = validate_source_name(self.name.text())
        except ValueError as exc:
            self.error.setText(f"Your name: {exc}")
            self.name.setFocus()
            return
        url = project if "://" in project else f"sqlite:///{Path(project).expanduser().resolve()}"
        settings.remember_annotator(name)
        self.choice = WelcomeChoice(url, name, list(self.import_paths))
        super().accept()


def switch_project(window) -> None:
    """File > Open or create a project: ask, then let the app reopen on the choice."""
    dialog = WelcomeDialog(window, window.workspace.annotator)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.choice is not None:
        window.next_project = dialog.choice
        window.close()
