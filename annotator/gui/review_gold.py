"""Adjudication in review mode: every key that changes gold.

Each change is one workspace call (one short transaction) carrying the gold version this
window last saw, so a change another reviewer made meanwhile is reported and reloaded,
never overwritten. Each is pushed on the document's undo stack as the gold of before and
after; undo puts the gold of before back (``Workspace.restore_gold``), with the same
version check. Mixed into ``ReviewSession``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand

from annotator.core.model import Annotation, Status
from annotator.workspace import VersionConflict

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from annotator.core.model import Document
    from annotator.gui.review_model import ReviewBlockModel
    from annotator.gui.review_queue import QueueItem
    from annotator.gui.review_session import ReviewSession
    from annotator.workspace import Workspace


class GoldChange(QUndoCommand):
    """One gold change on the undo stack; applied (committed) before it is pushed."""

    def __init__(
        self, session: ReviewSession, title: str, before: Annotation, after: Annotation
    ) -> None:
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


class GoldEditing:
    """Mixed into ``ReviewSession``, which provides these and its signals."""

    workspace: Workspace
    model: ReviewBlockModel
    document: Document | None
    annotators: list[str]
    gold: Annotation
    queue: list[QueueItem]
    _stacks: dict[str, QUndoStack]

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
