"""The state of review mode: the queue of documents with disagreements, the open
document with every annotator's finished work and its gold, the block selection, and
one undo stack per document for the gold changes (the changes themselves live in
``review_gold``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

from annotator.core.model import GOLD, Annotation, Document
from annotator.gui.review_gold import GoldEditing
from annotator.gui.review_model import ReviewBlockModel
from annotator.gui.review_queue import QueueItem, QueueLoader
from annotator.workspace import Workspace
from annotator.workspace.reviewing import DocumentDisagreement

__all__ = ["QueueItem", "ReviewSession"]


class ReviewSession(GoldEditing, QObject):
    queueLoaded = Signal()
    queueChanged = Signal()
    documentOpened = Signal(str)
    currentBlockChanged = Signal(int)
    goldChanged = Signal()
    message = Signal(str)
    stateChanged = Signal()

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = ReviewBlockModel(workspace.schema, self)
        self.undo_group = QUndoGroup(self)
        self.undo_group.indexChanged.connect(lambda _i: self.stateChanged.emit())
        self._stacks: dict[str, QUndoStack] = {}
        self.queue: list[QueueItem] = []
        self.loader: QueueLoader | None = None
        self.document: Document | None = None
        self.annotators: list[str] = []
        self.found: DocumentDisagreement | None = None
        self.gold = Annotation("", GOLD)

    @property
    def document_id(self) -> str | None:
        return self.document.id if self.document else None

    # ------------------------------------------------------------------ the queue
    def load_queue(self) -> None:
        if self.loader is not None and self.loader.isRunning():
            return
        self.message.emit("Finding disagreements…")
        self.loader = QueueLoader(self.workspace.db.url, self.workspace.annotator, self)
        self.loader.loaded.connect(self._queue_loaded)
        self.loader.start()

    def _queue_loaded(self, result: object) -> None:
        if isinstance(result, Exception):
            self.message.emit(f"Could not find the disagreements: {result}")
            return
        assert isinstance(result, list)
        self.queue = result
        self.queueChanged.emit()
        if not self.queue:
            self.message.emit(
                "No disagreements left: every document two or more annotators finished "
                "is settled (Ctrl+Shift+A adds what they agree on to gold)"
            )
        else:
            if self.document_id not in self.queue_ids():
                self.open_document(self.queue[0].document_id)
            self.message.emit(
                f"{len(self.queue)} documents with disagreements, worst first; n/Shift+N: "
                "next/previous disagreement, digits: take annotator N's label"
            )
        self.queueLoaded.emit()

    def queue_ids(self) -> list[str]:
        return [item.document_id for item in self.queue]

    def queue_row(self) -> int:
        ids = self.queue_ids()
        return ids.index(self.document_id) if self.document_id in ids else -1

    def step_document(self, step: int) -> bool:
        if not self.queue:
            self.message.emit("The review queue is empty")
            return False
        row = self.queue_row() + step
        if row < 0 or row >= len(self.queue):
            self.message.emit("End of the review queue" if step > 0 else "Start of the queue")
            return False
        return self.open_document(self.queue[row].document_id)

    def open_next_unfinished(self) -> bool:
        """The next document of the queue whose gold is not accepted yet (wrapping)."""
        start = self.queue_row()
        n = len(self.queue)
        for k in range(1, n + 1):
            item = self.queue[(start + k) % n]
            if not item.settled and item.document_id != self.document_id:
                return self.open_document(item.document_id)
        self.message.emit("Every document of the queue is settled. Well done!")
        return False

    # ------------------------------------------------------------------ documents
    def open_document(self, document_id: str) -> bool:
        document = self.workspace.document(document_id)
        if document is None:
            self.message.emit(f"Document {document_id} is not in this project")
            return False
        self.document = document
        stack = self._stacks.get(document_id)
        if stack is None:
            stack = self._stacks[document_id] = QUndoStack(self.undo_group)
        self.undo_group.setActiveStack(stack)
        self._reload()
        self.model.select(0, 0)
        self.documentOpened.emit(document_id)
        first = self.model.next_disagreement(-1, +1)
        self.move_to(first if first is not None else 0)
        self.stateChanged.emit()
        return True

    def _reload(self) -> None:
        """Read the annotators' work and gold of the open document again."""
        assert self.document is not None
        work = self.workspace.finished_work(self.document.id)
        self.annotators = list(work)
        self.found = self.workspace.document_disagreements(self.document.id)
        self.gold = self.workspace.gold(self.document.id)
        merge = self.workspace.majority_merge(self.document.id)
        self.model.load(self.document, work, self.gold, merge, self.found)

    # ------------------------------------------------------------------ selection
    def move(self, step: int) -> None:
        self.move_to(max(0, self.model.current + step))

    def move_to(self, row: int) -> None:
        if row < 0:
            row = self.model.rowCount() - 1
        self.model.select(row, row)
        self.currentBlockChanged.emit(self.model.current)

    def extend(self, step: int) -> None:
        self.model.select(self.model.anchor, max(0, self.model.current + step))
        self.currentBlockChanged.emit(self.model.current)

    def select_all(self) -> None:
        self.model.select(0, self.model.rowCount() - 1)
        self.currentBlockChanged.emit(self.model.current)

    def collapse(self) -> None:
        self.move_to(self.model.current)

    def step_disagreement(self, step: int) -> None:
        """The next (previous) block with a difference; past the end, the next
        (previous) document of the queue, at its first (last) one."""
        found = self.model.next_disagreement(self.model.current, step)
        if found is not None:
            self.move_to(found)
            return
        if self.step_document(step) and step < 0:
            last = self.model.next_disagreement(self.model.rowCount(), -1)
            self.move_to(last if last is not None else 0)
