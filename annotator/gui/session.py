"""The annotating session of one window: which document is open, the selection, the
mode, and one undo stack per document (block labels and span-mode changes share it;
span mode itself lives in ``span_editing``).

State flows one way: an action calls a method here, which runs a core command through
the workspace (committing it), and the returned change set updates the block model,
which repaints only the rows that changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from annotator.core.commands import AcceptSuggestions, ChangeSet, Command, SetBlockLabels, mark_done
from annotator.core.model import Document
from annotator.core.rejections import rejected
from annotator.core.spans import SpanConflict
from annotator.gui.block_model import BlockModel
from annotator.gui.span_editing import SpanEditing
from annotator.workspace import VersionConflict, Workspace


class UndoEntry(QUndoCommand):
    """A core command on the undo stack of its document. It was applied (and committed)
    before it was pushed, so the first ``redo`` that ``push`` calls does nothing."""

    def __init__(self, session: AnnotationSession, document_id: str, command: Command) -> None:
        super().__init__(command.title)
        self.session, self.document_id, self.command = session, document_id, command
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self.session.replay(self.document_id, self.command, forward=True)

    def undo(self) -> None:
        self.session.replay(self.document_id, self.command, forward=False)


class AnnotationSession(SpanEditing, QObject):
    documentOpened = Signal(str)
    caretMoved = Signal(int)  # span mode: the caret's document offset
    spansChanged = Signal()  # my entity spans or quotes of the open document changed
    currentBlockChanged = Signal(int)
    saved = Signal(str)
    statusChanged = Signal(str)
    progressChanged = Signal(int, int)
    modeChanged = Signal(str)
    message = Signal(str)
    stateChanged = Signal()
    conflicted = Signal(object)  # a RefusedChange: saved elsewhere since (conflict_dialog)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = BlockModel(self)
        self.undo_group = QUndoGroup(self)
        self.undo_group.cleanChanged.connect(lambda _c: self.stateChanged.emit())
        self.undo_group.indexChanged.connect(lambda _i: self.stateChanged.emit())
        self._stacks: dict[str, QUndoStack] = {}
        self.document: Document | None = None
        self.mode = "block"

    @property
    def document_id(self) -> str | None:
        return self.document.id if self.document else None

    # ------------------------------------------------------------------ documents
    def open_document(self, document_id: str | None) -> bool:
        if document_id is None or document_id == self.document_id:
            return document_id is not None
        document = self.workspace.document(document_id)
        if document is None:
            self.message.emit(f"Document {document_id} is not in this project")
            return False
        known = self.workspace.my_annotation(document_id).version
        mine = self.workspace.my_annotation(document_id, reload=True)
        stack = self._stacks.get(document_id)
        if stack is None:
            stack = self._stacks[document_id] = QUndoStack(self.undo_group)
        elif mine.version != known:
            stack.clear()  # changed elsewhere since: its history no longer applies
        self.document = document
        self.caret = None
        self._target = self._confirm = self._every = None
        # tokenize now, off the UI thread, so Tab enters span mode at once
        QThreadPool.globalInstance().start(
            lambda: self.workspace.tokens(document.id, document.text)
        )
        self.model.load(document, mine, self.shown_suggestions())
        self._rejections_shown = (document_id, repr(rejected(mine)))
        self.undo_group.setActiveStack(stack)
        self.set_mode("block")
        self.documentOpened.emit(document_id)
        self.spansChanged.emit()
        self.currentBlockChanged.emit(self.model.current)
        self._emit_progress()
        self.stateChanged.emit()
        return True

    def open_next_unfinished(self) -> None:
        found = self.workspace.next_document(after_id=self.document_id)
        if found is None:
            self.message.emit("Every document is done. Well done!")
        elif found == self.document_id:
            self.message.emit("This is the last unfinished document")
        else:
            self.open_document(found)

    def step_document(self, step: int) -> None:
        if self.document_id is None:
            return
        found = self.workspace.neighbour(self.document_id, step)
        if found is None:
            self.message.emit("This is the last document" if step > 0 else "This is the first")
        else:
            self.open_document(found)

    def mark_done_and_next(self) -> None:
        if self.document_id is None:
            return
        mine = self.workspace.my_annotation(self.document_id)
        if self._execute(mark_done(mine, self.model.suggested())):
            missing = len(self.document.blocks) - len(self.model.labels())
            if missing:
                self.message.emit(f"Marked done; {missing} block(s) have no label")
            self.open_next_unfinished()

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

    def collapse(self) -> None:
        self.move_to(self.model.current)

    def set_mode(self, mode: str) -> None:
        if mode == self.mode:
            return
        self.mode = mode
        self.model.set_span_mode(mode == "span")
        if mode != "span":
            self.model.set_span_selection(None, None)
        self.modeChanged.emit(mode)

    # ------------------------------------------------------------------- labelling
    def label(self, name: str | None) -> None:
        selection = self.model.selection
        if selection:
            self._execute(SetBlockLabels.same(selection, name))

    def accept_selection(self) -> None:
        suggested = self.model.suggested()
        chosen = {i: suggested[i] for i in self.model.selection if i in suggested}
        if chosen:
            self._execute(AcceptSuggestions(chosen, "accept suggestion"))
        else:
            self.message.emit("No suggestion on the selection")

    def accept_all(self) -> None:
        """Accept every open suggestion of the document: block labels, entities and
        quotes (one undo step); block mode's and span mode's ``a``."""
        self.accept_everything()

    # -------------------------------------------------------------- committing
    def _execute(self, command: Command) -> bool:
        document_id = self.document_id
        if document_id is None:
            return False
        mine = self.workspace.my_annotation(document_id)
        try:
            changes = self.workspace.apply(document_id, command)
        except VersionConflict as conflict:
            self._refused(document_id, command, True, mine, conflict)
            return False
        except SpanConflict as refused:
            self.message.emit(f"Not changed: {refused}")
            return False
        self._stacks[document_id].push(UndoEntry(self, document_id, command))
        self._changed(document_id, changes)
        return True

    def replay(self, document_id: str, command: Command, forward: bool) -> None:
        mine = self.workspace.my_annotation(document_id)
        try:
            if forward:
                changes = self.workspace.apply(document_id, command)
            else:
                changes = self.workspace.revert(document_id, command)
        except VersionConflict as conflict:
            self._refused(document_id, command, forward, mine, conflict)
            return
        except SpanConflict as refused:
            self.message.emit(f"Not changed: {refused}")
            return
        self._changed(document_id, changes)

    def _changed(self, document_id: str, changes: ChangeSet) -> None:
        mine = self.workspace.my_annotation(document_id)
        if document_id == self.document_id:
            self.model.set_labels(mine, changes.blocks)
            if changes.ranges:
                if self._rejections_changed():  # a rejection or its undo
                    self.refresh_suggestions()
                self.model.set_spans(mine, changes.ranges)
                self.spansChanged.emit()
        self.saved.emit(document_id)
        # version 1: the first change created my annotation, so the list's "new" is stale
        if changes.status or mine.version == 1:
            self.statusChanged.emit(document_id)
            self._emit_progress()

    def _refused(self, document_id: str, command: Command, forward: bool, mine, conflict) -> None:
        from annotator.gui.conflict_dialog import RefusedChange

        try:
            attempted = command.apply(mine) if forward else command.revert(mine)
        except Exception:  # noqa: BLE001 - only for showing what differs
            attempted = None
        self._reload_after_conflict(document_id)
        self.conflicted.emit(RefusedChange(document_id, command, forward, attempted, conflict))

    def keep_mine(self, refused) -> bool:
        """Apply a refused change again on top of the newer version (conflict dialog).
        It is not undoable: its remembered "before" is from the older version."""
        document_id, command = refused.document_id, refused.command
        mine = self.workspace.my_annotation(document_id)
        try:
            if refused.forward:
                changes = self.workspace.apply(document_id, command)
            else:
                changes = self.workspace.revert(document_id, command)
        except VersionConflict as conflict:
            self._refused(document_id, command, refused.forward, mine, conflict)
            return False
        except SpanConflict as failed:
            self.message.emit(f"Not changed: {failed}")
            return False
        self._changed(document_id, changes)
        self.message.emit("Your change is saved on top of the newer version")
        return True

    def reload_if_changed(self) -> bool:
        """Show the open document's newest version if it was saved elsewhere meanwhile
        (another window of mine): the next change then starts from it."""
        document_id = self.document_id
        if document_id is None:
            return False
        known = self.workspace.my_annotation(document_id).version
        if self.workspace.my_annotation(document_id, reload=True).version == known:
            return False
        self._reload_after_conflict(document_id)
        self.message.emit("This document was changed elsewhere: its newest version is shown")
        return True

    def _reload_after_conflict(self, document_id: str) -> None:
        stack = self._stacks.get(document_id)
        if stack is not None:
            QTimer.singleShot(0, stack.clear)  # not while the stack is running a command
        if document_id == self.document_id:
            mine = self.workspace.my_annotation(document_id)
            self.model.set_labels(mine, frozenset(range(self.model.rowCount())))
            self.model.set_spans(mine, {(0, len(self.document.text))})
            self.spansChanged.emit()
        self.message.emit(
            "This document was changed elsewhere; its newest version is loaded "
            "(undo history cleared). Repeat your last change if it is still needed."
        )

    def _emit_progress(self) -> None:
        progress = self.workspace.progress()
        self.progressChanged.emit(progress.done, progress.total)
