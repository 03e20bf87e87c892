"""Make docs/screenshots/review.png: review mode on three annotators' finished work.

Builds a temporary project from the sample corpus in which alice, bob and carol finished
the same few articles with the usual kinds of disagreement (a block label, an entity
missed, a different label, different boundaries, a quote without its speaker), opens the
main window as the curator dana, enters review mode with F9, settles a few blocks from
the keyboard and grabs the window. Run it under a display, e.g.
``xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python scripts/review_screenshot.py``;
``--dark`` makes ``review-dark.png`` in the dark theme.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots" / "review.png"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from screenshot import ENTITIES, QUOTE, _find, _inputs, _pick_document, _truth  # noqa: E402

PERTURB = {  # annotator -> (every how many blocks they label differently, offset)
    "alice": (23, 3),
    "bob": (17, 5),
    "carol": (19, 2),
}


def _blocks(document, name: str) -> dict[int, str]:
    every, offset = PERTURB[name]
    labels = {}
    for i in range(len(document.blocks)):
        label = _truth(document, i)
        if i % every == offset:
            label = {"body": "boilerplate", "boilerplate": "caption"}.get(label, "body")
        labels[i] = label
    return labels


def _spans(text: str, name: str):
    from annotator.core.model import Quote, Range, Span

    spans = []
    for words, label, anchor in ENTITIES:
        try:
            at = _find(text, words, anchor)
        except ValueError:
            continue
        end = at + len(words)
        if name == "bob" and words == "last fall":
            continue  # bob missed it
        if name == "bob" and words == "Harbor Street":
            label = "GPE"  # a different label
        if name == "carol" and words == "Port Calder City Council":
            end = at + len("Port Calder")  # different boundaries
            label = "GPE"
        spans.append(Span(at, end, label))
    quotes = []
    first, last, speaker, cue = QUOTE
    try:
        start = text.index(first)
        stop = text.index(last, start) + len(last)
        s_at = text.index(speaker, stop)
        c_at = text.index(cue, stop)
    except ValueError:
        return spans, quotes
    who = None if name == "carol" else Range(s_at, s_at + len(speaker))
    quotes.append(Quote(start, stop, who, Range(c_at, c_at + len(cue))))
    return spans, quotes


def build(workspace, target: str, others: list[str]) -> None:
    """alice, bob and carol finish ``target`` and ``others`` with their differences."""
    from annotator.core.model import Annotation, Status

    for doc_id in [target, *others]:
        document = workspace.document(doc_id)
        for name in PERTURB:
            spans, quotes = _spans(document.text, name) if doc_id == target else ([], [])
            workspace.save_annotation(
                Annotation(
                    doc_id,
                    name,
                    Status.DONE,
                    blocks=_blocks(document, name),
                    spans=spans,
                    quotes=quotes,
                )
            )


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="annotator-review-shot-"))
    os.environ["ANNOTATOR_CONFIG_DIR"] = str(tmp / "config")
    os.environ["ANNOTATOR_DATA_DIR"] = str(tmp / "data")

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.gui.main_window import MainWindow
    from annotator.gui.style import apply_style
    from annotator.workspace import Workspace

    dark = "--dark" in sys.argv
    out = OUT.with_name("review-dark.png") if dark else OUT
    app = QApplication(sys.argv)
    apply_style(app, "dark" if dark else None)
    workspace = Workspace.open(f"sqlite:///{tmp / 'project.db'}", "dana")
    workspace.import_paths(_inputs())
    target = _pick_document(workspace)
    others, doc_id = [], workspace.first_document()
    while doc_id is not None and len(others) < 7:
        if doc_id != target:
            others.append(doc_id)
        doc_id = workspace.neighbour(doc_id, +1)
    build(workspace, target, others)
    workspace.set_curators(["dana"])

    window = MainWindow(workspace)
    window.resize(1400, 900)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    window.start(target)
    QTest.keyClick(window.article, Qt.Key.Key_F9)
    review = window.review_window
    QTest.qWaitForWindowExposed(review)
    for _ in range(200):
        if review.session.queue:
            break
        QTest.qWait(25)
    review.session.open_document(target)

    def press(key, modifier=Qt.KeyboardModifier.NoModifier):
        QTest.keyClick(review.table, key, modifier)

    press(Qt.Key.Key_N)  # first disagreement after the one it opened on
    press(Qt.Key.Key_1)  # take alice's label
    press(Qt.Key.Key_N)
    press(Qt.Key.Key_B)  # gold: body
    press(Qt.Key.Key_G)
    press(Qt.Key.Key_Space)  # the majority for the first block
    # end on the quote and the paragraph before it: spans and a speaker that differ
    document = workspace.document(target)
    at = document.text.find(QUOTE[0])
    row = next((i for i, b in enumerate(document.blocks) if b.start <= at < b.end), 12)
    review.session.move_to(max(0, row - 1))
    press(Qt.Key.Key_J, Qt.KeyboardModifier.ShiftModifier)
    press(Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # gold takes alice's spans there
    QTest.qWait(300)
    out.parent.mkdir(parents=True, exist_ok=True)
    review.grab().save(str(out))
    print(f"wrote {out.relative_to(ROOT)} ({review.width()}x{review.height()})")
    review.close()
    window.close()
    workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
