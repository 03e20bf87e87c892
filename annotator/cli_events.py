"""Commands driven by another program (the GUI runs ``preannotate --events`` in a child
process): progress as one JSON object per line on stdout, and a graceful cancel.

Events: ``{"event": "progress", "done": n, "total": n}``, then one of
``{"event": "finished", ...the report...}`` or ``{"event": "error", "message": "..."}``.
A line ``cancel`` on stdin, or SIGTERM, asks the work to stop after the batch it is
writing; what was committed stays committed.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from typing import Any, TextIO


def emit(event: str, stream: TextIO | None = None, **fields: Any) -> None:
    stream = stream or sys.stdout
    stream.write(json.dumps({"event": event, **fields}, separators=(",", ":")) + "\n")
    stream.flush()


class CancelWatch:
    """True once the parent asked to stop (a ``cancel`` line on stdin, or SIGTERM)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def start(self, stdin: TextIO | None = None) -> CancelWatch:
        stream = stdin or sys.stdin
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, lambda _signum, _frame: self._event.set())
        return self

    def _read(self, stream: TextIO) -> None:
        try:
            for line in stream:
                if line.strip() == "cancel":
                    self._event.set()
                    return
        except (OSError, ValueError):  # stdin closed or not readable: no cancel by stdin
            return

    def __call__(self) -> bool:
        return self._event.is_set()


def preannotate(workspace, what: set[str], batch: int, documents, retrain: bool) -> int:
    """``annotator preannotate --events``: the exit code (0, or 1 on an error)."""
    from annotator.workspace.suggesting import SuggestError

    cancelled = CancelWatch().start()
    total = len(set(documents)) if documents else workspace.document_count()
    emit("progress", done=0, total=total)  # before models load, which takes seconds
    try:
        report = workspace.preannotate(
            what,
            progress=lambda done, total: emit("progress", done=done, total=total),
            cancelled=cancelled,
            batch=batch,
            documents=documents,
            retrain=retrain,
        )
    except (SuggestError, OSError) as exc:
        emit("error", message=str(exc))
        return 1
    training = report.block_training
    info = workspace.block_model_info() if "blocks" in what else None
    block_model = info.describe() if info else None
    if "blocks" in what and info is None:
        block_model = "the rule prior (no confirmed labels yet)"
    emit(
        "finished",
        documents=report.documents,
        total=report.total,
        cancelled=report.cancelled,
        meta=report.meta,
        pipeline_problem=report.pipeline_problem,
        retrained=training is not None and bool(training.documents),
        block_model=block_model,
        block_model_id=info.model_id if info else None,
    )
    return 0
