"""Entering review mode from the main window (F9). Only the project's curators may
(``Workspace.is_curator``): annotators work blind, and review mode shows everyone's
work. On a project without curators the annotator is asked whether to become its
curator; anyone else is told who the curators are and how to be added."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMessageBox

from annotator.gui.review_window import ReviewWindow
from annotator.workspace import Workspace


def enter_review(main: QMainWindow) -> ReviewWindow | None:
    """Open review mode from the main window, if its annotator is a curator; on a
    project without curators, offer to become its curator first."""
    workspace: Workspace = main.workspace  # type: ignore[attr-defined]
    if workspace.is_curator():
        return _open(main, workspace)
    curators = workspace.curators()
    if curators:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Review mode",
            f"Review mode shows every annotator's work, so it is for this project's "
            f"curators ({', '.join(curators)}); {workspace.annotator} is not one.\n\n"
            f"A curator can add you with:  annotator curators --add {workspace.annotator}",
            QMessageBox.StandardButton.Ok,
            main,
        )
        box.setObjectName("notCuratorBox")
        box.open()
        main.review_refusal = box  # type: ignore[attr-defined]
        return None
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Review mode",
        "This project has no curator yet. Review mode shows every annotator's work side "
        f"by side, so only curators may open it.\n\nMake {workspace.annotator} the curator "
        "of this project?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        main,
    )
    box.setObjectName("claimCuratorBox")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)

    def answered(_result: int) -> None:
        clicked = box.clickedButton()
        if clicked is not None and box.standardButton(clicked) == QMessageBox.StandardButton.Yes:
            workspace.claim_curation()
            if workspace.is_curator():
                _open(main, workspace)

    box.finished.connect(answered)
    box.open()
    main.review_refusal = box  # type: ignore[attr-defined]
    return None


def _open(main: QMainWindow, workspace: Workspace) -> ReviewWindow:
    window = getattr(main, "review_window", None)
    if window is None:
        window = ReviewWindow(workspace, main)
        main.review_window = window  # type: ignore[attr-defined]
    window.setGeometry(main.geometry())
    window.show()
    window.activateWindow()
    main.hide()
    window.start()
    return window
