"""``annotator selftest``: proves an installation works, without a display.

In a temporary folder (settings and data too, so nothing of the user's is touched) it
creates a project, imports a sample article, opens the real main window offscreen,
labels a block through the window's actions, undoes, labels again, marks the document
done, tokenizes it with spaCy in the helper process the app uses, exports JSONL and
reads the export back. It prints one line per step and PASS or FAIL; exit code 0 or 1.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ARTICLE = """Selftest: the harbour reopens

By Ada Park, Staff Writer

The harbour reopened on Tuesday after a week of repairs, the port authority said.

Share this story
"""


class Failed(AssertionError):
    pass


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise Failed(message)


def run_selftest(out=None) -> int:
    out = out or sys.stdout
    with tempfile.TemporaryDirectory(prefix="annotator-selftest-") as folder:
        tmp = Path(folder)
        saved = {k: os.environ.get(k) for k in ("ANNOTATOR_CONFIG_DIR", "ANNOTATOR_DATA_DIR")}
        os.environ["ANNOTATOR_CONFIG_DIR"] = str(tmp / "config")
        os.environ["ANNOTATOR_DATA_DIR"] = str(tmp / "data")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no window shown, display or not
        try:
            return _run(tmp, out)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def _run(tmp: Path, out) -> int:
    from PySide6.QtWidgets import QApplication

    from annotator import __version__
    from annotator.gui.app import sample_corpus_dir
    from annotator.gui.main_window import MainWindow
    from annotator.workspace import Workspace

    results: list[tuple[str, bool, str]] = []
    state: dict = {}
    app = QApplication.instance() or QApplication(["annotator-selftest"])

    def step(name: str, body: Callable[[], str]) -> bool:
        started = time.perf_counter()
        try:
            detail = body()
            ok = True
        except Exception as exc:  # every failure is reported, then the run stops
            detail = f"{type(exc).__name__}: {exc}"
            if not isinstance(exc, Failed):
                detail += "\n" + traceback.format_exc(limit=3)
            ok = False
        took = time.perf_counter() - started
        results.append((name, ok, detail))
        print(
            f"  {'ok  ' if ok else 'FAIL'} {name} ({took:.1f} s){': ' + detail if detail else ''}",
            file=out,
            flush=True,
        )
        return ok

    def project() -> str:
        url = f"sqlite:///{tmp / 'selftest.db'}"
        article = tmp / "article.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        workspace = Workspace.open(url, "selftest")
        report = workspace.import_paths([article])
        _check(report.added == 1, f"imported {report.added} documents, expected 1")
        workspace.tokenize_in_subprocess()
        state["workspace"], state["url"] = workspace, url
        sample = sample_corpus_dir()
        _check(sample is not None, "the bundled sample corpus is missing")
        return f"{url}; sample corpus at {sample}"

    def window() -> str:
        win = MainWindow(state["workspace"])
        win.resize(1200, 800)
        win.show()
        win.start()
        _check(win.session.document is not None, "no document opened")
        state["window"] = win
        return f"{len(win.session.document.blocks)} blocks"

    def stored_label(row: int) -> str | None:
        with Workspace.open(state["url"], "selftest") as fresh:
            annotation = fresh.annotation(state["window"].session.document_id)
            return annotation.blocks.get(row) if annotation else None

    def label() -> str:
        win = state["window"]
        win.registry.actions["block.first"].trigger()
        win.registry.actions["label.title"].trigger()
        _check(stored_label(0) == "title", f"block 0 stored as {stored_label(0)!r}")
        return "block 0 -> title, committed"

    def undo() -> str:
        win = state["window"]
        win.registry.actions["edit.undo"].trigger()
        _check(stored_label(0) is None, f"after undo block 0 is {stored_label(0)!r}")
        win.registry.actions["label.body"].trigger()
        _check(stored_label(0) == "body", f"block 0 stored as {stored_label(0)!r}")
        return "undone, then block 0 -> body"

    def tokenize() -> str:
        workspace, document = state["workspace"], state["window"].session.document
        tokens = workspace.tokens(document.id, document.text)
        pairs = list(zip(tokens.starts, tokens.ends, strict=True))[:4]
        words = [document.text[a:b] for a, b in pairs]
        _check(words[:2] == ["Selftest", ":"], f"unexpected tokens {words}")
        return f"spaCy tokenizer in the helper process: {words}"

    def done() -> str:
        win = state["window"]
        doc_id = win.session.document_id
        win.registry.actions["document.done_next"].trigger()
        _check(state["workspace"].is_done(doc_id), "the document is not marked done")
        return "marked done"

    def export() -> str:
        path = tmp / "export.jsonl"
        report = state["workspace"].export(path, "jsonl", "annotator:selftest")
        lines = path.read_text(encoding="utf-8").splitlines()
        _check(len(lines) == 1, f"{len(lines)} records exported, expected 1")
        record = json.loads(lines[0])
        _check(record["annotator"] == "selftest", f"annotator {record['annotator']!r}")
        _check(record["status"] == "done", f"status {record['status']!r}")
        first = record["blocks"][0]
        _check(
            first["label"] == "body"
            and record["text"][first["start"] : first["end"]] == "Selftest: the harbour reopens",
            f"first block {first}",
        )
        return f"{report.records} record, {path.stat().st_size} bytes, label and status checked"

    print(f"annotator {__version__} selftest (Qt platform {app.platformName()})", file=out)
    for name, body in (
        ("create a project and import an article", project),
        ("open the main window", window),
        ("label a block", label),
        ("undo, then label again", undo),
        ("tokenize with spaCy", tokenize),
        ("mark done", done),
        ("export and check the JSONL", export),
    ):
        if not step(name, body):
            break
    win = state.get("window")
    if win is not None:
        win.activity.stop()
        win.close()
    if "workspace" in state:
        state["workspace"].close()
    passed = len(results) == 7 and all(ok for _n, ok, _d in results)
    print("PASS" if passed else "FAIL", file=out, flush=True)
    return 0 if passed else 1
