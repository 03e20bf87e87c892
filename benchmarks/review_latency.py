"""Review-mode latency (run by hand, not in the tests).

    .venv/bin/python benchmarks/review_latency.py [--blocks 300] [--presses 150]

Builds a temporary SQLite project with one article of ``--blocks`` blocks that alice,
bob and carol finished (labels differing on every fifth block, a few spans each), opens
it in the review window offscreen and measures, key press to gold committed and the
table and comparison repainted (QTest.keyClick, then processEvents):

- ``1``: gold takes annotator 1's label of the current block;
- ``b``: a gold label set with the ordinary label key;
- ``Alt+1``: gold takes annotator 1's spans and quotes in the current block;
- ``Ctrl+Z``: undo of a gold change;
- ``n``: the next disagreement (no write);
- opening a document of the queue (Alt+Right / Alt+Left: four reads and a reset).

The baseline, measured in the same run on the same article: a label key in the
annotation window (the path benchmarks/gui_latency.py measures). Medians, p95, and the
ratio of each to the baseline median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(values), 2),
        "p95_ms": round(ordered[round(0.95 * (len(ordered) - 1))], 2),
        "n": len(values),
    }


def _project(folder: Path, blocks: int) -> str:
    from annotator.core.model import Annotation, Span, Status
    from annotator.workspace import Workspace

    paragraphs = [
        f"Paragraph {i}: Officials in Port Calder said on Monday that the council will meet."
        for i in range(blocks)
    ]
    (folder / "in").mkdir()
    for name in ("long", "other"):  # two texts: imports drop duplicates
        text = "\n\n".join(paragraphs).replace("Monday", "Monday" if name == "long" else "Friday")
        (folder / "in" / f"{name}.txt").write_text(text + "\n", "utf-8")
    url = f"sqlite:///{folder / 'project.db'}"
    labels = ("body", "boilerplate", "heading")
    with Workspace.open(url, "dana") as ws:
        ws.import_paths([folder / "in"])
        for doc in [row.id for row in ws.list_documents()]:
            document = ws.document(doc)
            for k, name in enumerate(("alice", "bob", "carol")):
                spans = []
                for i, block in enumerate(document.blocks):
                    if i % 3 == k:
                        at = document.text.index("Port Calder", block.start)
                        spans.append(Span(at, at + 11, "GPE"))
                ws.save_annotation(
                    Annotation(
                        doc,
                        name,
                        Status.DONE,
                        blocks={
                            i: labels[(i + (k if i % 5 == 0 else 0)) % 3]
                            for i in range(len(document.blocks))
                        },
                        spans=spans,
                    )
                )
        ws.set_curators(["dana"])
    return url


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--blocks", type=int, default=300)
    parser.add_argument("--presses", type=int, default=150)
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.gui.main_window import MainWindow
    from annotator.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp(prefix="review-latency-"))
    os.environ["ANNOTATOR_CONFIG_DIR"] = str(tmp / "config")
    url = _project(tmp, args.blocks)
    workspace = Workspace.open(url, "dana")
    window = MainWindow(workspace)
    window.resize(1400, 900)
    window.show()
    window.start()
    app.processEvents()

    def timed(widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> float:
        t0 = time.perf_counter()
        QTest.keyClick(widget, key, modifier)
        app.processEvents()
        return (time.perf_counter() - t0) * 1000

    baseline = []
    for i in range(args.presses):
        baseline.append(timed(window.article, (Qt.Key.Key_B, Qt.Key.Key_X)[i % 2]))
        QTest.keyClick(window.article, Qt.Key.Key_J)
    QTest.keyClick(window.article, Qt.Key.Key_F9)
    review = window.review_window
    while review.session.document is None:
        app.processEvents()
    table = review.table
    assert review.session.model.rowCount() == args.blocks

    results: dict[str, list[float]] = {
        "1": [],
        "b": [],
        "Alt+1": [],
        "Ctrl+Z": [],
        "n": [],
        "open": [],
    }
    alt, ctrl = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
    for i in range(args.presses):
        results["1"].append(timed(table, (Qt.Key.Key_1, Qt.Key.Key_2)[i % 2]))
        results["b"].append(timed(table, (Qt.Key.Key_B, Qt.Key.Key_X)[i % 2]))
        results["Alt+1"].append(timed(table, Qt.Key.Key_1, alt))
        results["Ctrl+Z"].append(timed(table, Qt.Key.Key_Z, ctrl))
        results["n"].append(timed(table, Qt.Key.Key_N))
        if i % 10 == 9:
            arrow = (Qt.Key.Key_Right, Qt.Key.Key_Left)[(i // 10) % 2]
            results["open"].append(timed(table, arrow, alt))
    gold = workspace.gold(review.session.document_id)
    assert gold.version > 0, "no gold was written"
    base = statistics.median(baseline)
    print(f"{args.blocks}-block article, 3 annotators, {args.presses} presses each")
    print(f"baseline (annotation window label key): {_summary(baseline)}")
    for name, values in results.items():
        summary = _summary(values)
        ratio = summary["median_ms"] / base
        print(f"review {name:7s} {summary}  median {ratio:.2f}x the baseline")
    review.leave()
    window.close()
    workspace.close()


if __name__ == "__main__":
    main()
