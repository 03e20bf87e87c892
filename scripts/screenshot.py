"""Make docs/screenshots/annotate.png and spans.png of the real annotation window.

Starts the window on a temporary project holding the sample corpus (or the seed
articles of ../shared/seeds when the corpus is missing), labels a few blocks from the
keyboard, shows suggestions on the rest, and grabs the window (annotate.png). Then it
goes to span mode, marks a few entities and a quote with its speaker and cue, leaves
some suggested spans open, and grabs it again (spans.png). Run it under a display,
e.g. ``xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots" / "annotate.png"
SPANS_OUT = ROOT / "docs" / "screenshots" / "spans.png"


def _inputs() -> list[Path]:
    corpus = ROOT / "corpora" / "sample"
    if corpus.is_dir():
        return [corpus]
    return sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))


def _truth(document, i: int) -> str:
    """What an annotator would say of block ``i`` (good enough for a picture)."""
    text = document.block_text(i).strip()
    if document.meta.title and text == document.meta.title.strip():
        return "title"
    if text.startswith("By ") or text.startswith("Published") or text[:3] in ("Jan", "Mar"):
        return "byline"
    if text.endswith(")") and "/" in text[-60:]:
        return "caption"
    return "body" if len(text) > 110 else "boilerplate"


def _suggest(document) -> dict[int, str]:
    labels = {i: _truth(document, i) for i in range(len(document.blocks))}
    for i in list(labels)[6::9]:  # the suggester is not always right
        labels[i] = "boilerplate" if labels[i] == "body" else "body"
    return labels


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="annotator-shot-"))
    os.environ["ANNOTATOR_CONFIG_DIR"] = str(tmp / "config")
    os.environ["ANNOTATOR_DATA_DIR"] = str(tmp / "data")
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.core.model import SUGGESTIONS, Annotation
    from annotator.gui.main_window import MainWindow
    from annotator.gui.style import apply_style
    from annotator.workspace import Workspace

    app = QApplication(sys.argv)
    apply_style(app)
    workspace = Workspace.open(f"sqlite:///{tmp / 'project.db'}", "alice")
    workspace.import_paths(_inputs())
    target = _pick_document(workspace)
    document = workspace.document(target)
    suggested = _suggest(document)
    workspace.save_annotation(
        Annotation(
            target,
            SUGGESTIONS,
            blocks=suggested,
            block_scores={i: 0.55 + 0.4 * ((i * 7) % 10) / 10 for i in suggested},
            spans=_suggested_spans(document.text),
        )
    )
    _finish_some(workspace, target)

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
        press(keys[_truth(document, i)])
        press(Qt.Key.Key_J)
    press(Qt.Key.Key_J)
    press(Qt.Key.Key_J, Qt.KeyboardModifier.ShiftModifier)  # a selection over suggestions
    QTest.qWait(200)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(OUT))
    print(f"wrote {OUT.relative_to(ROOT)} ({window.width()}x{window.height()})")
    _mark_spans(window, document.text, press)
    QTest.qWait(200)
    window.grab().save(str(SPANS_OUT))
    print(f"wrote {SPANS_OUT.relative_to(ROOT)}")
    window.close()
    workspace.close()
    return 0


ENTITIES = [  # (text, label, occurrence after this anchor)
    ("PORT CALDER", "GPE", "PORT CALDER, Maine"),
    ("Maine", "GPE", "PORT CALDER, Maine"),
    ("Port Calder City Council", "ORG", "The Port Calder City Council"),
    ("late Tuesday", "DATE", "voted 6-3 late Tuesday"),
    ("Colleen Strand", "PERSON", "Mayor Colleen Strand"),
    ("last fall", "DATE", "committee vote last fall"),
    ("Harbor Street", "LOC", "killed on Harbor Street"),
    ("2019", "DATE", "since 2019"),
]
QUOTE = ("“Three people", "literally,”", "Strand", "told")
SUGGESTED = [("Harbor Street", "LOC", "along a mile-long"), ("April 2025", "DATE", "")]


def _find(text: str, words: str, anchor: str) -> int:
    return text.index(words, text.index(anchor) if anchor else 0)


def _suggested_spans(text: str):
    from annotator.core.model import Span

    spans = []
    for words, label, anchor in SUGGESTED:
        try:
            at = _find(text, words, anchor)
        except ValueError:
            continue
        spans.append(Span(at, at + len(words), label, 0.71))
    return spans


def _mark_spans(window, text: str, press) -> None:
    """Span mode from the keyboard: entities, a quote, its speaker and cue."""
    from PySide6.QtCore import Qt

    session = window.session
    keys = {label.name: label.key for label in window.workspace.schema.entity_labels}
    digit = {str(n): getattr(Qt.Key, f"Key_{n}") for n in range(10)}
    press(Qt.Key.Key_Escape)
    press(Qt.Key.Key_Tab)

    def select(start: int, end: int) -> None:
        session.jump_to(start, end)  # what Enter in the span list does

    for words, label, anchor in ENTITIES:
        try:
            at = _find(text, words, anchor)
        except ValueError:
            continue
        select(at, at + len(words))
        press(digit[keys[label]])
    first, last, speaker, cue = QUOTE
    try:
        start = text.index(first)
        end = text.index(last, start) + len(last)
    except ValueError:
        return
    select(start, end)
    press(Qt.Key.Key_Q)
    at = text.index(speaker, end)
    select(at, at + len(speaker))
    press(Qt.Key.Key_S)
    at = text.index(cue, end)
    select(at, at + len(cue))
    press(Qt.Key.Key_V)
    # leave the caret on a multi-word selection, as while choosing the next span
    at = text.index("Ferry Landing")
    select(at, at + len("Ferry Landing"))
    view = window.article
    view.verticalScrollBar().setValue(
        view.visualRect(view.model().index(9)).top() + view.verticalScrollBar().value()
    )


def _pick_document(workspace) -> str:
    """The first wire story of the sample (scraped with its site chrome), else the
    longest titled article."""
    best, best_blocks = None, -1
    doc_id = workspace.first_document()
    while doc_id is not None:
        document = workspace.document(doc_id)
        if "wire_001" in doc_id or "wire_001" in (document.meta.source or ""):
            return doc_id
        n = len(document.blocks)
        if document.meta.title and 12 <= n <= 80 and n > best_blocks:
            best, best_blocks = doc_id, n
        doc_id = workspace.neighbour(doc_id, +1)
    return best or workspace.first_document()


def _finish_some(workspace, keep: str) -> None:
    """Mark a few other documents done, so progress shows."""
    from annotator.core.commands import SetStatus
    from annotator.core.model import Status

    doc_id, marked = workspace.first_document(), 0
    while doc_id is not None and marked < 4:
        if doc_id != keep:
            workspace.apply(doc_id, SetStatus(Status.DONE))
            marked += 1
        doc_id = workspace.neighbour(doc_id, +1)


if __name__ == "__main__":
    sys.exit(main())
