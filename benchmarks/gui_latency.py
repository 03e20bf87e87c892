"""GUI latency on a generated 100,000-document project (run by hand, not in the tests).

    .venv/bin/python benchmarks/gui_latency.py [--docs 100000] [--presses 200] [--json out.json]

Generates ``benchmarks/out/corpus-<docs>.db`` and ``corpus-100.db`` once (make_corpus.py),
then measures, each in a fresh subprocess with QT_QPA_PLATFORM=offscreen:

- start: process start (as the OS saw it) to the document list painted with its first
  page, and to the main window painted on the first unfinished document;
- keys: a label key (QTest.keyClick on the article view) to the label committed and the
  view repainted, on the 300-block article, median and p95 over ``--presses`` presses;
  the label is checked in the database after each press (outside the timing);
- memory: RSS after showing the main window and scrolling the document list to its end,
  100,000 documents against 100;
- list: the document list's queries at 100,000 documents (page at the start and the end,
  counts, search with FTS5 and with LIKE, the row of a document, refresh).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

START = time.perf_counter()
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

ANNOTATOR = "alice"
FRAME_MS = 1000 / 60


def _since_process_start() -> float:
    import psutil

    return time.time() - psutil.Process().create_time()


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _summary(values_ms: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(values_ms), 2),
        "p95_ms": round(_pct(values_ms, 0.95), 2),
        "max_ms": round(max(values_ms), 2),
        "n": len(values_ms),
    }


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _main_window_class():
    try:
        from annotator.gui.main_window import MainWindow
    except ImportError:
        return None
    return MainWindow


def _settle(app, widget=None) -> None:
    app.processEvents()
    if widget is not None:
        widget.repaint()
    app.processEvents()


# ----------------------------------------------------------------------------- children


def child_start(db: Path, window: bool) -> dict:
    """Seconds from process start to the list (or the whole window) painted."""
    app = _app()
    from annotator.workspace import Workspace

    imported = time.perf_counter()
    workspace = Workspace.open(f"sqlite:///{db}", ANNOTATOR)
    opened = time.perf_counter()
    if window:
        main_window = _main_window_class()
        if main_window is None:
            return {"skipped": "annotator.gui.main_window is not there"}
        win = main_window(workspace)
        win.resize(1400, 900)
        win.show()
        win.start()
        _settle(app, win)
        shown = win.session.document_id
        pages = win.document_list.model.pages_loaded
    else:
        from annotator.gui.document_list import DocumentListWidget

        win = DocumentListWidget(workspace)
        win.resize(500, 900)
        win.show()
        _settle(app, win)
        shown = win.model.document_id(0)
        pages = win.model.pages_loaded
    assert shown and pages >= 1, (shown, pages)
    return {
        "since_process_start_s": round(_since_process_start(), 3),
        "since_script_start_s": round(time.perf_counter() - START, 3),
        "imports_s": round(imported - START, 3),
        "open_workspace_s": round(opened - imported, 3),
        "build_and_show_s": round(time.perf_counter() - opened, 3),
        "document": shown,
    }


def child_keys(db: Path, presses: int) -> dict:
    app = _app()
    from make_corpus import LONG_ID
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest

    from annotator.workspace import Workspace

    workspace = Workspace.open(f"sqlite:///{db}", ANNOTATOR)
    main_window = _main_window_class()
    if main_window is None:
        return child_commit_only(workspace, LONG_ID, presses)
    workspace.tokenize_in_subprocess()  # as the app does (annotator/gui/app.py)
    win = main_window(workspace)
    win.resize(1400, 900)
    win.show()
    win.start(LONG_ID)
    win.activateWindow()
    _settle(app, win)
    article = win.article
    article.setFocus()
    blocks = win.session.model.rowCount()
    assert win.session.document_id == LONG_ID and blocks == 300, blocks

    class Paints(QObject):
        count = 0

        def eventFilter(self, _obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                Paints.count += 1
            return False

    paints = Paints()
    article.viewport().installEventFilter(paints)
    keys = [(Qt.Key.Key_B, "body"), (Qt.Key.Key_X, "boilerplate"), (Qt.Key.Key_H, "heading")]
    times: list[float] = []
    unpainted = 0
    for i in range(presses):
        key, label = keys[i % len(keys)]
        block = win.session.model.current
        before = Paints.count
        t0 = time.perf_counter()
        QTest.keyClick(article, key)
        app.processEvents()  # the update request: the view repaints the changed row
        times.append((time.perf_counter() - t0) * 1000)
        unpainted += Paints.count == before
        stored = workspace.annotation(LONG_ID)
        assert stored is not None and stored.blocks.get(block) == label, (i, block, label)
        QTest.keyClick(article, Qt.Key.Key_J)  # next block (not timed)
        app.processEvents()
        if win.session.model.current >= blocks - 1:
            QTest.keyClick(article, Qt.Key.Key_Home)
            app.processEvents()
    return {
        "path": "main window: QTest.keyClick -> action -> commit -> repaint",
        "unpainted_presses": unpainted,
        **_summary(times),
    }


def child_commit_only(workspace, document_id: str, presses: int) -> dict:
    """Without a main window: the workspace commit of one label change."""
    times = []
    mine = workspace.annotation(document_id)
    from annotator.core.model import Annotation

    mine = mine or Annotation(document_id, ANNOTATOR)
    labels = ("body", "boilerplate", "heading")
    for i in range(presses):
        mine.blocks[i % 300] = labels[i % 3]
        t0 = time.perf_counter()
        mine = workspace.save_annotation(mine)
        times.append((time.perf_counter() - t0) * 1000)
    return {"path": "workspace.save_annotation only (no main window)", **_summary(times)}


def child_memory(db: Path) -> dict:
    import psutil

    app = _app()
    from annotator.workspace import Workspace

    workspace = Workspace.open(f"sqlite:///{db}", ANNOTATOR)
    main_window = _main_window_class()
    if main_window is not None:
        win = main_window(workspace)
        win.resize(1400, 900)
        win.show()
        win.start()
        listing = win.document_list
    else:
        from annotator.gui.document_list import DocumentListWidget

        win = listing = DocumentListWidget(workspace)
        win.resize(500, 900)
        win.show()
    _settle(app, win)
    view = listing.view
    rows = listing.model.rowCount()
    for step in range(1, 21):  # drag the scroll bar down in 20 jumps, then to the end
        view.scrollTo(listing.model.index(rows * step // 20 - 1, 0))
        _settle(app, view.viewport())
    view.scrollToBottom()
    _settle(app, view.viewport())
    gc.collect()
    rss = psutil.Process().memory_info().rss
    return {
        "rows": rows,
        "rss_mib": round(rss / 2**20, 1),
        "pages_loaded": listing.model.pages_loaded,
        "with": "main window" if main_window else "document list",
    }


def child_list(db: Path) -> dict:
    """The document list's queries and widget operations at this size."""
    app = _app()
    from annotator.gui.document_list import DocumentListWidget
    from annotator.store import listing as repo
    from annotator.workspace import Workspace
    from annotator.workspace.listing import DocumentFilter as F

    workspace = Workspace.open(f"sqlite:///{db}", ANNOTATOR)
    out: dict[str, dict] = {}

    def measure(name: str, run, repeat: int = 7) -> None:
        run()  # warm
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            run()
            times.append((time.perf_counter() - t0) * 1000)
        out[name] = _summary(times)

    total = workspace.document_count(F())
    measure("count all", lambda: workspace.document_count(F()))
    measure("page 200 rows at the start", lambda: workspace.list_documents(F(), 0, 200))
    middle = total // 2
    measure("page 200 rows in the middle", lambda: workspace.list_documents(F(), middle, 200))
    measure("page 200 rows at the end", lambda: workspace.list_documents(F(), total - 200, 200))
    new = workspace.document_count(F(status="new"))
    measure("count status=new", lambda: workspace.document_count(F(status="new")))
    measure(
        "page at the end, status=new",
        lambda: workspace.list_documents(F(status="new"), new - 200, 200),
    )
    measure("page status=done", lambda: workspace.list_documents(F(status="done"), 0, 200))
    measure("status counts (progress)", lambda: workspace.status_counts())
    measure("row of the last document", lambda: workspace.document_row("bench-099999", F()))

    def search(term: str, method: str):
        with workspace.db.reading() as session:
            where = F(term)
            n = repo.count(session, ANNOTATOR, where, method)
            repo.page(session, ANNOTATOR, where, 0, 200, method)
            return n

    for term, what in (
        ("okafor lindqvist", "two rare words"),
        ("tanaka", "a name"),
        ("ceasefire", "a common word"),
        ("officials", "in almost every document"),
        ("c", "one letter (prefix)"),
    ):
        hits = search(term, "auto")
        measure(
            f"search {what!r} ({hits:,} hits): count + first page, FTS5",
            lambda t=term: search(t, "auto"),
            5,
        )
        if term in ("okafor lindqvist", "ceasefire"):
            measure(
                f"search {what!r} ({hits:,} hits): count + first page, LIKE",
                lambda t=term: search(t, "like"),
                2,
            )

    widget = DocumentListWidget(workspace)
    widget.resize(500, 900)
    widget.show()
    _settle(app, widget)

    def apply(text: str):
        widget.search.setText(text)
        widget._apply_filter()  # what the debounce timer runs
        widget.view.viewport().repaint()

    measure("widget: apply a search 'tanaka' and repaint", lambda: (apply("tanaka"), apply("")), 5)
    widget.set_current("bench-050000")
    measure(
        "widget: refresh() after a change, repaint",
        lambda: (widget.refresh(), widget.view.viewport().repaint()),
    )
    measure("widget: set_current(a document far away)", lambda: widget.set_current("bench-090000"))
    return {"documents": total, "timings": out}


# -------------------------------------------------------------------------------- parent


def _run(kind: str, db: Path, *extra: str) -> dict:
    from bench_common import run_child

    env_platform = os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    assert env_platform
    return run_child([str(Path(__file__).resolve()), "--child", kind, "--db", str(db), *extra])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="start-up runs")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--window", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        result = {
            "start": lambda: child_start(args.db, args.window),
            "keys": lambda: child_keys(args.db, args.presses),
            "memory": lambda: child_memory(args.db),
            "list": lambda: child_list(args.db),
        }[args.child]()
        print(json.dumps(result))
        return

    from bench_common import machine
    from make_corpus import ensure_corpus

    big = ensure_corpus(args.docs)
    small = ensure_corpus(args.small)
    results: dict = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "docs": args.docs}

    starts: dict[str, list[dict]] = {"list": [], "window": []}
    for _ in range(args.repeat):
        starts["list"].append(_run("start", big))
        starts["window"].append(_run("start", big, "--window"))
    results["start"] = starts
    results["keys"] = _run("keys", big, "--presses", str(args.presses))
    results["memory"] = {"big": _run("memory", big), "small": _run("memory", small)}
    results["list"] = _run("list", big)

    _report(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


def _report(r: dict) -> None:
    m = r["machine"]
    print(f"\nGUI latency, {r['docs']:,} documents, {m['cpus']} CPUs ({m['cpu']}), {r['date']}\n")
    rows: list[tuple[str, str, str]] = []
    for kind, label in (("list", "document list"), ("window", "main window")):
        runs = r["start"][kind]
        if any("skipped" in run for run in runs):
            rows.append((f"start to {label} shown", "skipped", runs[0].get("skipped", "")))
            continue
        secs = [run["since_process_start_s"] for run in runs]
        rows.append(
            (
                f"process start to {label} shown",
                f"median {statistics.median(secs):.2f} s",
                f"runs {secs}; of the last: imports {runs[-1]['imports_s']} s, open "
                f"{runs[-1]['open_workspace_s']} s, build+show {runs[-1]['build_and_show_s']} s",
            )
        )
    k = r["keys"]
    verdict = "ok" if k["p95_ms"] <= FRAME_MS else "MISSED"
    rows.append(
        (
            "label key to committed + repainted",
            f"median {k['median_ms']} ms, p95 {k['p95_ms']} ms",
            f"target p95 <= 16 ms: {verdict}; {k['path']}",
        )
    )
    big, small = r["memory"]["big"], r["memory"]["small"]
    ratio = big["rss_mib"] / small["rss_mib"]
    rows.append(
        (
            f"RSS {big['rows']:,} vs {small['rows']:,} documents",
            f"{big['rss_mib']} / {small['rss_mib']} MiB = {ratio:.2f}x",
            f"target <= 1.3x: {'ok' if ratio <= 1.3 else 'MISSED'}; {big['with']}, "
            f"{big['pages_loaded']} pages read",
        )
    )
    r["memory"]["ratio"] = round(ratio, 3)
    width = max(len(a) for a, _, _ in rows)
    for a, b, c in rows:
        print(f"{a:<{width}}  {b:<32}  {c}")
    print(f"\ndocument list at {r['list']['documents']:,} documents (median / p95 ms):")
    timings = r["list"]["timings"]
    width = max(len(name) for name in timings)
    for name, t in timings.items():
        print(f"  {name:<{width}}  {t['median_ms']:>8.2f}  {t['p95_ms']:>8.2f}")


if __name__ == "__main__":
    main()
