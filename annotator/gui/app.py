"""Starting the desktop app (filled in by the annotation-window work)."""

from __future__ import annotations


def run_app(db: str | None, annotator: str | None) -> int:
    print("The annotation window is not built yet; use the CLI: annotator --help")
    return 2
