"""Helpers of the GUI tests: small real projects in tmp_path and windows on them."""

from __future__ import annotations

from pathlib import Path

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
