"""The state of review mode: the queue of documents with disagreements, the open
document with every annotator's finished work and its gold, the block selection, and
one undo stack per document for the gold changes.

Each adjudication key is one workspace call (one short transaction); gold changes carry
the gold version this window last saw, so a change another reviewer made meanwhile is
reported and reloaded, never overwritten. Undo puts the gold of before the change back
(``Workspace.restore_gold``), with the same version check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from annotator.core.model import GOLD, Annotation, Document, Status
from annotator.gui.review_model import ReviewBlockModel
from annotator.workspace import VersionConflict, Workspace
from annotator.workspace.reviewing import DocumentDisagreement


@dataclass(slots=True)
class QueueItem:
    document_id: str
    score: float
    disagreements: int
    blocks: int
    spans: int
    quotes: int
    annotators: tuple[str, ...]
    settled: bool = False

    @classmethod
    def of(cls, found: DocumentDisagreement) -> QueueItem:
        return cls(
            found.document_id,
            found.score,
            found.count,
            len(found.blocks),
            len(found.spans),
            len(found.quotes),
            found.annotators,
        )


class QueueLoader(QThread):
    """Finds the documents with disagreements, worst first, on its own connection."""

    loaded = Signal(object)  # list[QueueItem], or the Exception

    def __init__(self, db_url: str, annotator: str | None, parent: QObject | None = None):
        super().__init__(parent)
        self.db_url, self.annotator = db_url, annotator

    def run(self) -> None:
        try:
            with Workspace.open(self.db_url, self.annotator) as workspace:
                items = [QueueItem.of(found) for found in workspace.disagreements()]
        except Exception as exc:  # shown to the user, never lost
            self.loaded.emit(exc)
            return
        self.loaded.emit(items)


class GoldChange(QUndoCommand):
    """One gold change on the undo stack; applied (committed) before it is pushed."""

    def __init__(self, session: ReviewSession, title: str, before: Annotation, after: Annotation):
        super().__init__(title)
        self.session, self.before, self.after = session, before, after
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self.session.restore(self.after)

    def undo(self) -> None:
        self.session.restore(self.before)


class ReviewSession(QObject):
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

    # ----------------------------------------------------------------- adjudication
    def annotator(self, n: int) -> str | None:
        if 1 <= n <= len(self.annotators):
            return self.annotators[n - 1]
        self.message.emit(f"This document has no annotator {n}")
        return None

    def set_label(self, label: str | None) -> None:
        rows = self.model.selection
        what = f"gold {label}" if label else "clear gold label"
        self._change(
            what,
            lambda v: self.workspace.set_gold_block_labels(
                self.document_id, rows, label, version=v
            ),
        )

    def take_label(self, n: int) -> None:
        name = self.annotator(n)
        if name is None:
            return
        theirs = self.model.work[name].blocks
        blocks = dict(self.gold.blocks)
        for row in self.model.selection:
            if row in theirs:
                blocks[row] = theirs[row]
            else:
                blocks.pop(row, None)
        self._write_blocks(f"take {name}'s label", blocks)

    def take_majority(self) -> None:
        merge = self.model.merge
        ties = [row for row in self.model.selection if row in self.model.ties]
        blocks = dict(self.gold.blocks)
        for row in self.model.selection:
            if row in merge.blocks:
                blocks[row] = merge.blocks[row]
        if blocks != self.gold.blocks:
            self._write_blocks("take the majority", blocks)
        if ties:
            rows = ", ".join(str(r + 1) for r in ties)
            self.message.emit(f"Tied, left for you to decide: block {rows}")

    def take_spans(self, n: int) -> None:
        name = self.annotator(n)
        if name is None or self.document is None:
            return
        start, end = self._selection_range(name)
        self._change(
            f"take {name}'s spans",
            lambda v: self.workspace.take_annotator_spans(
                self.document_id, name, start, end, version=v
            ),
        )

    def take_all(self, n: int) -> None:
        name = self.annotator(n)
        if name is not None:
            self._change(
                f"take all of {name}",
                lambda v: self.workspace.take_annotator(self.document_id, name, version=v),
            )

    def mark_done_and_next(self) -> None:
        """Accept into gold (the majority fills what gold has not decided) and open the
        next unsettled document; refused while a block's vote is tied and undecided."""
        if self.document is None:
            return
        open_ties = [row for row in sorted(self.model.ties) if row not in self.gold.blocks]
        if open_ties:
            self.move_to(open_ties[0])
            rows = ", ".join(str(r + 1) for r in open_ties)
            self.message.emit(
                f"Not accepted: the annotators are tied on block {rows}; decide with a "
                "label key or a digit first"
            )
            return
        done = self._change(
            "accept into gold",
            lambda v: self.workspace.accept_into_gold(self.document_id, version=v),
        )
        if not done:
            return
        for item in self.queue:
            if item.document_id == self.document_id:
                item.settled = True
        self.queueChanged.emit()
        self.message.emit(f"Gold of {self.document_id} accepted")
        self.open_next_unfinished()

    accept_document = mark_done_and_next

    def _selection_range(self, name: str) -> tuple[int, int]:
        """The text of the selected blocks, widened to whole quotes that cross it."""
        assert self.document is not None
        blocks = self.document.blocks
        rows = self.model.selection
        start, end = blocks[rows[0]].start, blocks[rows[-1]].end
        quotes = [*self.gold.quotes, *self.model.work[name].quotes]
        changed = True
        while changed:
            changed = False
            for q in quotes:
                if q.start < end and start < q.end and (q.start < start or q.end > end):
                    start, end, changed = min(start, q.start), max(end, q.end), True
        return start, end

    def _write_blocks(self, title: str, blocks: dict[int, str]) -> None:
        proposal = replace(self.gold, blocks=blocks)
        self._change(
            title,
            lambda v: self.workspace.accept_into_gold(
                self.document_id, proposal, version=v, status=self.gold.status
            ),
        )

    def _change(self, title: str, write: Callable[[int], Annotation]) -> bool:
        if self.document is None:
            return False
        before = self.gold
        try:
            after = write(before.version)
        except VersionConflict:
            self._conflict()
            return False
        except LookupError as exc:
            self.message.emit(str(exc))
            return False
        self._stacks[self.document.id].push(GoldChange(self, title, before, after))
        self._gold_is(after)
        return True

    def restore(self, target: Annotation) -> None:
        """Undo/redo: gold back to ``target``'s content and status."""
        if self.document is None:
            return
        try:
            now = self.workspace.restore_gold(self.document.id, target, self.gold.version)
        except VersionConflict:
            self._conflict()
            return
        self._gold_is(now)

    def _gold_is(self, gold: Annotation) -> None:
        settled = gold.status == Status.DONE
        for item in self.queue:
            if item.document_id == gold.document_id and item.settled != settled:
                item.settled = settled
                self.queueChanged.emit()
        self.gold = gold
        self.model.set_gold(gold)
        self.goldChanged.emit()

    def _conflict(self) -> None:
        assert self.document is not None
        stack = self._stacks[self.document.id]
        QTimer.singleShot(0, stack.clear)  # not while the stack is running a command
        self._reload()
        self.goldChanged.emit()
        self.message.emit(
            "Another reviewer changed this gold meanwhile; their version is loaded "
            "(undo history cleared). Repeat your change if it is still needed."
        )
