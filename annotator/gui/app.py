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


def run_app(db: str | None, annotator: str | None, argv: list[str] | None = None) -> int:
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

    from annotator.gui.main_window import MainWindow
    from annotator.gui.sample_import import import_sample_if_empty
    from annotator.gui.style import apply_style
    from annotator.workspace import DatabaseOpenError, DatabaseUrlError, Workspace

    app = QApplication.instance() or QApplication(argv or ["annotator"])
    app.setApplicationName("Annotator")
    apply_style(app)

    def ask() -> str | None:
        name, ok = QInputDialog.getText(
            None, "Welcome to Annotator", "Your annotator name (saved with every label):"
        )
        return name if ok else None

    try:
        name = resolve_annotator(annotator, ask)
    except ValueError as exc:
        print(f"annotator: {exc}", file=sys.stderr)
        return 2
    if name is None:
        return 1
    try:
        workspace = Workspace.open(db, name)
    except (DatabaseUrlError, DatabaseOpenError, ValueError) as exc:
        QMessageBox.critical(None, "Annotator", str(exc))
        return 2
    workspace.tokenize_in_subprocess()  # spaCy's import must not stall the window
    window = MainWindow(workspace)
    window.resize(1400, 900)
    window.show()
    if db is None:
        import_sample_if_empty(window, sample_corpus_dir())
    else:
        window.start()
    code = app.exec()
    workspace.close()
    return code
