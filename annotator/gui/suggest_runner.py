"""Pre-annotation and entity training in a child process: ``annotator preannotate
--events`` or ``annotator train ner --events`` under QProcess.

spaCy and the block model hold the interpreter lock for seconds at a time, so they run
in a process of their own and the window never waits on them. The child reports JSON
lines (``annotator/cli_events.py``); cancelling writes ``cancel`` to its stdin and it
stops after the batch it is committing, so every finished document stays committed and
nothing is half-written (each batch is one transaction). A child that does not stop
within ``KILL_AFTER_MS`` is killed, which the transactions make safe too.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

KILL_AFTER_MS = 20_000
STDERR_KEPT = 4000


def annotator_command(args: list[str]) -> tuple[str, list[str]]:
    """The program and arguments that run the ``annotator`` CLI with ``args``."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable is the CLI
        return sys.executable, args
    return sys.executable, ["-m", "annotator", *args]


class SuggestRunner(QObject):
    """One ``preannotate`` run (``start``) or another ``--events`` command (``run``).
    ``finished`` carries the child's report (for ``preannotate`` a dict with ``documents``,
    ``total``, ``cancelled``, ``meta``, ``retrained``, ``block_model``; for ``train ner``
    see ``annotator/cli_ner_events.py``), or ``{"error": message}`` when it failed."""

    progressed = Signal(int, int)  # documents done, documents in the run
    finished = Signal(dict)

    def __init__(self, db_url: str, annotator: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_url, self.annotator = db_url, annotator
        self.process: QProcess | None = None
        self.task = "pre-annotation"
        self.cancel_requested = False
        self.started_at = 0.0
        self._out = b""
        self._err = b""
        self._report: dict | None = None
        self._kill = QTimer(self)
        self._kill.setSingleShot(True)
        self._kill.timeout.connect(self._kill_now)

    @property
    def running(self) -> bool:
        return self.process is not None

    def start(
        self,
        what: Sequence[str],
        documents: Sequence[str] | None = None,
        retrain: bool = True,
        batch: int = 20,
    ) -> None:
        args = ["preannotate", "--events", "--what", ",".join(what), "--batch", str(batch)]
        for document_id in documents or ():
            args += ["--document", document_id]
        if not retrain:
            args.append("--no-retrain")
        self.run(args, "pre-annotation")

    def train_ner(self, iterations: int, documents: Sequence[str] = ()) -> None:
        """Retrain the entity model, then suggest the entities of ``documents`` with it."""
        args = ["train", "ner", "--events", "--iterations", str(iterations)]
        for document_id in documents:
            args += ["--document", document_id]
        self.run(args, "entity training")

    def run(self, args: list[str], task: str) -> None:
        """Run ``annotator <args>`` (an ``--events`` command); ``task`` names it in errors."""
        if self.process is not None:
            raise RuntimeError("this runner is already running")
        self.task = task
        program, arguments = annotator_command(args)
        process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        # the URL goes in the environment, not the arguments: others can read those (ps)
        env.insert("ANNOTATOR_DB", self.db_url)
        if self.annotator:
            env.insert("ANNOTATOR_USER", self.annotator)
        process.setProcessEnvironment(env)
        process.readyReadStandardOutput.connect(self._read_out)
        process.readyReadStandardError.connect(self._read_err)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        self.process, self.cancel_requested, self._report = process, False, None
        self._out = self._err = b""
        self.started_at = time.monotonic()
        process.start(program, arguments)

    def cancel(self) -> None:
        """Stop after the batch being written."""
        if self.process is None or self.cancel_requested:
            return
        self.cancel_requested = True
        self.process.write(b"cancel\n")
        self._kill.start(KILL_AFTER_MS)

    def stop_and_wait(self, msecs: int = 5000) -> None:
        """Cancel and wait for the child (the window is closing)."""
        process = self.process
        if process is None:
            return
        self.cancel()
        if not process.waitForFinished(msecs):
            process.kill()
            process.waitForFinished(1000)

    # ---------------------------------------------------------------- the child
    def _read_out(self) -> None:
        if self.process is None:
            return
        self._out += bytes(self.process.readAllStandardOutput().data())
        *lines, self._out = self._out.split(b"\n")
        for line in lines:
            try:
                event = json.loads(line)
            except ValueError:
                continue  # not an event (a library printing to stdout)
            if not isinstance(event, dict):
                continue
            if event.get("event") == "progress":
                self.progressed.emit(int(event["done"]), int(event["total"]))
            elif event.get("event") == "finished":
                self._report = event
            elif event.get("event") == "error":
                self._report = {"error": str(event.get("message"))}

    def _read_err(self) -> None:
        if self.process is not None:
            self._err += bytes(self.process.readAllStandardError().data())
            self._err = self._err[-STDERR_KEPT:]

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._done({"error": f"could not start {sys.executable}: {self.process.errorString()}"})

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read_out()
        self._read_err()
        report = self._report
        if report is None:
            if self.cancel_requested:
                report = {"cancelled": True, "documents": None, "killed": True}
            else:
                tail = self._err.decode("utf-8", "replace").strip().splitlines()[-3:]
                reason = " ".join(tail) or f"exit code {code}"
                report = {"error": f"{self.task} stopped: {reason}"}
        self._done(report)

    def _done(self, report: dict) -> None:
        self._kill.stop()
        process, self.process = self.process, None
        if process is not None:
            process.deleteLater()
        self.finished.emit(report)

    def _kill_now(self) -> None:
        if self.process is not None:
            self.process.kill()
