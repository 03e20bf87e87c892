"""Make the user guide's screenshots of the welcome dialog, the dark theme and the
statistics view (docs/screenshots/welcome.png, annotate-dark.png, statistics*.png).

A temporary project holds the sample corpus; alice and bob have labelled a few documents
(with recorded active time) so the charts show something. Run it under a display, e.g.
``xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot_polish.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"


def _annotate_some(workspace, schema) -> None:
    """alice and bob finish a few documents; their time is made up but plausible."""
    from annotator.core.model import Annotation, Span, Status

    doc_id, n = workspace.first_document(), 0
    while doc_id is not None and n < 14:
        document = workspace.document(doc_id)
        blocks = {
            i: ("body" if len(document.block_text(i)) > 110 else "boilerplate")
            for i in range(len(document.blocks))
        }
        blocks[0] = "title"
        words = document.text.split()
        spans = []
        if len(words) > 40:
            at = document.text.index(words[20])
            spans.append(Span(at, at + len(words[20]), ("PERSON", "ORG", "GPE", "DATE")[n % 4]))
        for who, rate, until in (("alice", 41, 14), ("bob", 57, 7)):
            if n < until:
                workspace.save_annotation(
                    Annotation(
                        doc_id,
                        who,
                        Status.DONE if n < until - 2 else Status.IN_PROGRESS,
                        blocks=blocks,
                        spans=spans,
                        meta={"active_seconds": 60 + (n * rate) % 300},
                    )
                )
        doc_id = workspace.neighbour(doc_id, +1)
        n += 1


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="annotator-shot-"))
    os.environ["ANNOTATOR_CONFIG_DIR"] = str(tmp / "config")
    os.environ["ANNOTATOR_DATA_DIR"] = str(tmp / "data")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))

    import screenshot as base
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QDialog

    from annotator import settings
    from annotator.core.model import SUGGESTIONS, Annotation
    from annotator.gui.main_window import MainWindow
    from annotator.gui.statistics_view import StatisticsDialog
    from annotator.gui.style import apply_style
    from annotator.gui.welcome import WelcomeDialog
    from annotator.workspace import Workspace

    app = QApplication(sys.argv)
    apply_style(app, "light")
    SHOTS.mkdir(parents=True, exist_ok=True)

    # the welcome dialog, as a returning user sees it
    settings.remember_annotator("alice")
    settings.remember_project("postgresql+psycopg://alice@annotation.example.org/newsroom")
    settings.remember_project(f"sqlite:///{Path.home() / 'corpora' / 'elections-2026.db'}")
    dialog = WelcomeDialog()
    dialog.add_import_paths(
        [ROOT / "corpora" / "sample" / "text", Path("~/Downloads/crawl.warc.gz")]
    )
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    QTest.qWait(100)
    dialog.grab().save(str(SHOTS / "welcome.png"))
    dialog.close()

    workspace = Workspace.open(f"sqlite:///{tmp / 'project.db'}", "alice")
    workspace.import_paths([ROOT / "corpora" / "sample"])
    _annotate_some(workspace, workspace.schema)
    target = base._pick_document(workspace)
    document = workspace.document(target)
    suggested = base._suggest(document)
    workspace.save_annotation(
        Annotation(
            target,
            SUGGESTIONS,
            blocks=suggested,
            block_scores={i: 0.55 + 0.4 * ((i * 7) % 10) / 10 for i in suggested},
            spans=base._suggested_spans(document.text),
        )
    )

    apply_style(app, "dark")
    window = MainWindow(workspace)
    window.resize(1400, 900)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    window.start(target)
    QTest.qWait(100)

    def press(key, modifier=Qt.KeyboardModifier.NoModifier, times=1):
        for _ in range(times):
            QTest.keyClick(window.article, key, modifier)

    keys = {
        "title": Qt.Key.Key_T,
        "byline": Qt.Key.Key_Y,
        "caption": Qt.Key.Key_C,
        "body": Qt.Key.Key_B,
        "boilerplate": Qt.Key.Key_X,
    }
    for i in range(min(9, len(document.blocks))):
        press(keys[base._truth(document, i)])
        press(Qt.Key.Key_J)
    press(Qt.Key.Key_J, Qt.KeyboardModifier.ShiftModifier)
    QTest.qWait(200)
    window.grab().save(str(SHOTS / "annotate-dark.png"))
    base._mark_spans(window, document.text, press)
    QTest.qWait(200)
    window.grab().save(str(SHOTS / "spans-dark.png"))
    window.open_cheat_sheet()
    QTest.qWait(200)
    sheet = window.findChild(QDialog, "cheatSheet")
    if sheet is not None:
        sheet.grab().save(str(SHOTS / "cheat-sheet-dark.png"))
        sheet.close()

    for theme, name in (("light", "statistics"), ("dark", "statistics-dark")):
        apply_style(app, theme)
        stats = StatisticsDialog(workspace, window)
        stats.show()
        QTest.qWaitForWindowExposed(stats)
        for index, tab in enumerate(("", "-labels", "-time")):
            stats.tabs.setCurrentIndex(index)
            QTest.qWait(150)
            if theme == "light" or not tab:
                stats.grab().save(str(SHOTS / f"{name}{tab}.png"))
        stats.close()
    window.close()
    workspace.close()
    print(f"screenshots in {SHOTS.relative_to(ROOT)}; scratch in {tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
