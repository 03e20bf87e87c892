"""Starting the desktop app: display check, who is annotating, the project, the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from annotator import settings
from annotator.core.model import validate_source_name

NO_DISPLAY = (
    "annotator: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset).\n"
    "Everything works from the command line too: run `annotator --help`."
)
HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}


def display_problem(env: dict[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why no window can be shown here, or None when it can."""
    env = dict(os.environ) if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    qpa = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if qpa in HEADLESS_PLATFORMS or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY


def sample_corpus_dir() -> Path | None:
    """``corpora/sample`` of a source checkout (or beside the installed package)."""
    for base in (Path(__file__).resolve().parents[2], Path(__file__).resolve().parents[1]):
        candidate = base / "corpora" / "sample"
        if candidate.is_dir():
            return candidate
    return None


def resolve_annotator(given: str | None, ask) -> str | None:
    """``--annotator`` wins; else the remembered name; else ``ask()`` once and remember."""
    if given:
        return validate_source_name(given)
    remembered = settings.remembered_annotator()
    if remembered:
        return remembered
    while True:
        answer = ask()
        if answer is None:
            return None
        try:
            name = validate_source_name(answer)
        except ValueError:
            continue
        settings.remember_annotator(name)
        return name


def _ask_name() -> str | None:
    from PySide6.QtWidgets import QInputDialog

    name, ok = QInputDialog.getText(
        None, "Welcome to Annotator", "Your annotator name (saved with every label):"
    )
    return name if ok else None


def open_project(db_url: str | None, name: str, import_paths=(), sample: Path | None = None):
    """Open the project in a new main window (shown), start on a document and, for the
    default project, fill it with the sample corpus when it is empty. Returns the window;
    raises DatabaseUrlError / DatabaseOpenError / ValueError when it cannot be opened."""
    from annotator.gui.drop_import import start_import
    from annotator.gui.main_window import MainWindow
    from annotator.gui.sample_import import import_sample_if_empty
    from annotator.workspace import Workspace

    default = settings.default_db_url()
    workspace = Workspace.open(db_url or default, name)
    settings.remember_project(workspace.db.url)
    workspace.tokenize_in_subprocess()  # spaCy's import must not stall the window
    window = MainWindow(workspace)
    window.resize(1400, 900)
    window.show()
    if import_paths:
        window.start()
        start_import(window, list(import_paths))
    elif workspace.db.url == default:
        import_sample_if_empty(window, sample if sample is not None else sample_corpus_dir())
    else:
        window.start()
    return window


def _last_project(annotator: str | None):
    """Where a returning annotator left off: the most recent project, when the name is
    known too; None on a first run, which gets the welcome dialog."""
    from annotator.gui.welcome import WelcomeChoice

    name = annotator or settings.remembered_annotator()
    recent = settings.recent_projects()
    return WelcomeChoice(recent[0], name) if name and recent else None


def run_app(db: str | None, annotator: str | None, argv: list[str] | None = None) -> int:
    """The app: the welcome dialog on a first run (``--db`` names the project instead; a
    returning annotator goes straight back to the last project), then the window;
    File > Open project (Ctrl+O) closes the window and comes back here with a new choice."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    from annotator import __version__
    from annotator.gui.style import apply_style, follow_system
    from annotator.gui.welcome import WelcomeChoice, WelcomeDialog
    from annotator.paths import resource_path
    from annotator.workspace import DatabaseOpenError, DatabaseUrlError

    app = QApplication.instance() or QApplication(argv or ["annotator"])
    app.setApplicationName("Annotator")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.annotator.Annotator")
    icon = resource_path("icons/annotator.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    apply_style(app)
    windows: list = []
    follow_system(app, lambda: [w.theme_changed() for w in windows])

    choice: WelcomeChoice | None = None
    if db is not None:
        try:
            name = resolve_annotator(annotator, _ask_name)
        except ValueError as exc:
            print(f"annotator: {exc}", file=sys.stderr)
            return 2
        if name is None:
            return 1
        choice = WelcomeChoice(db, name)
    else:
        choice = _last_project(annotator)
    code = 0
    while True:
        if choice is None:
            dialog = WelcomeDialog(None, annotator)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
                return 1 if not windows else code
            choice = dialog.choice
        try:
            window = open_project(choice.db_url, choice.annotator, choice.import_paths)
        except (DatabaseUrlError, DatabaseOpenError, ValueError) as exc:
            QMessageBox.critical(None, "Annotator", str(exc))
            if db is not None and not windows:
                return 2
            choice = None  # back to the welcome dialog
            continue
        windows[:] = [window]
        code = app.exec()
        window.activity.stop()  # writes the active time gathered so far
        window.workspace.close()
        choice = window.next_project
        if choice is None:
            return code
