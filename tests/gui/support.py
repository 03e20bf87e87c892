"""Helpers of the GUI tests: small real projects in tmp_path and windows on them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import SUGGESTIONS, Annotation
from annotator.workspace import Workspace

ARTICLE = """Storm hits the coast

By A. Writer, Associated Press

The storm reached the coast on Monday morning.

Share this story

Officials said the damage was limited.
"""


def make_project(tmp_path: Path, documents: int = 3, suggest: bool = True) -> str:
    """A SQLite project with ``documents`` five-block articles; the first has suggestions."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(documents):
        (folder / f"{i:03d}.txt").write_text(ARTICLE.replace("Monday", f"day {i}"), "utf-8")
    url = f"sqlite:///{tmp_path / 'project.db'}"
    with Workspace.open(url, "curator") as ws:
        ws.import_paths([folder])
        if suggest:
            first = ws.first_document()
            ws.save_annotation(
                Annotation(
                    first,
                    SUGGESTIONS,
                    blocks={0: "title", 1: "byline", 3: "boilerplate"},
                    block_scores={0: 0.97, 1: 0.8, 3: 0.66},
                )
            )
    return url


NONE = Qt.KeyboardModifier.NoModifier
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
SEED = "seeds/000_08d65a8e5416cb17.txt"


def press(qtbot, key, modifier=NONE, times: int = 1) -> None:
    """``key`` (with ``modifier``) ``times`` times, to the widget with the focus."""
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def selected(window) -> str:
    """The text of span mode's selection."""
    chosen = window.session.caret.selection
    return window.session.document.text[chosen.start : chosen.end]


def stored(url: str, document_id: str) -> Annotation | None:
    """alice's annotation of the document as stored, read by a new workspace."""
    with Workspace.open(url, "alice") as ws:
        return ws.annotation(document_id)
