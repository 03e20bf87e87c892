"""The article: blocks as paragraphs, each with its label shown by colour and a gutter
letter, and its entity spans and quotes drawn on the text (see ``block_delegate``).
A QListView with a painting delegate repaints only the rows whose data changed, so a
keypress on a 300-block article costs one row's paint.

The mouse: a click picks a block; pressing on the text and dragging selects tokens
(``textPressed``/``textDragged`` carry document offsets; the session snaps them)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTextLine
from PySide6.QtWidgets import QAbstractItemView, QListView

from annotator.core.schema import LabelSchema
from annotator.gui.block_delegate import BlockDelegate

DRAG_DISTANCE = 4


class ArticleView(QListView):
    """Shows the blocks; keys are handled by the window's actions, never here."""

    blockClicked = Signal(int)
    textPressed = Signal(int, bool)  # document offset, extend (Shift held)
    textDragged = Signal(int)  # document offset

    def __init__(self, schema: LabelSchema, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.delegate = BlockDelegate(schema, self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # always there, so the text width (and every block's layout) is known up front
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.clicked.connect(lambda index: self.blockClicked.emit(index.row()))
        self._press: QPointF | None = None
        self._dragging = False

    def setModel(self, model) -> None:
        super().setModel(model)
        model.modelReset.connect(self.delegate.forget_sizes)

    def show_block(self, row: int) -> None:
        """Scroll just enough to show the block (and a little of its neighbours).

        QListView.scrollTo asks the delegate for every row's size on each call; this
        looks at one rectangle, so moving through a 300-block article stays cheap."""
        model = self.model()
        if row < 0 or model is None or row >= model.rowCount():
            return
        rect = self.visualRect(model.index(row, 0))
        height = self.viewport().height()
        margin = min(48, height // 6)
        if rect.top() >= margin and rect.bottom() <= height - margin:
            return
        # off screen: jump so it sits a third down (or at the top when it is tall), so
        # the next keypresses move within the page instead of scrolling every time
        if rect.height() >= height * 2 // 3:
            delta = rect.top() - margin
        elif rect.bottom() > height - margin:
            delta = rect.top() - height // 3
        else:
            delta = rect.bottom() - height * 2 // 3
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + delta)

    def dataChanged(self, top_left, bottom_right, roles=()) -> None:  # noqa: N802
        """A block's text, and so its size, never changes after loading: repaint the
        changed rows only. (QListView would lay out all 300 rows again on every change.)"""
        if top_left.isValid() and bottom_right.isValid():
            rect = self.visualRect(top_left).united(self.visualRect(bottom_right))
            self.viewport().update(rect)

    def offset_at(self, point) -> int | None:
        """The document offset of the character under a viewport point."""
        model = self.model()
        index = self.indexAt(point.toPoint() if isinstance(point, QPointF) else point)
        if model is None or not index.isValid():
            return None
        row = index.row()
        origin = self.delegate.text_origin(self.visualRect(index))
        local = QPointF(point) - QPointF(origin)
        return model.text_start(row) + self.delegate.char_at(row, model.text(row), local)

    def offset_rect(self, offset: int):
        """The viewport rectangle of the character at a document offset (for tests and
        for scrolling to the caret)."""
        model = self.model()
        row = model.row_at(offset)
        layout, _h = self.delegate.layout(row, model.text(row))
        local = offset - model.text_start(row)
        rects = self.delegate.range_rects(layout, local, local + 1)
        rect = rects[0] if rects else self.delegate.caret_rect(layout, local)
        return rect.translated(
            QPointF(self.delegate.text_origin(self.visualRect(model.index(row))))
        )

    def line_target(
        self, offset: int, step: int, x: float | None = None
    ) -> tuple[int, float] | None:
        """The document offset of the character at about the same x on the visual line
        above (``step`` -1) or below (+1) the one holding ``offset``, from the same
        ``QTextLayout`` the delegate paints (so at any width and zoom); at a block's
        first or last line, on the neighbouring block's last or first line. ``x`` is
        the goal column (``None``: the x of ``offset``); returned with the offset."""
        model = self.model()
        if model is None or model.rowCount() == 0:
            return None
        row = model.row_at(offset)
        layout, _h = self.delegate.layout(row, model.text(row))
        if layout.lineCount() == 0:
            return None
        local = max(0, offset - model.text_start(row))
        line = layout.lineForTextPosition(min(local, max(0, len(model.text(row)) - 1)))
        if not line.isValid():
            line = layout.lineAt(layout.lineCount() - 1)
        if x is None:
            x = line.cursorToX(local)[0]
        index = line.lineNumber() + step
        while not (0 <= index < layout.lineCount()):
            row += step
            if not (0 <= row < model.rowCount()):
                return None
            text = model.text(row)
            if not text:
                continue
            layout, _h = self.delegate.layout(row, text)
            index = 0 if step > 0 else layout.lineCount() - 1
        target = layout.lineAt(index)
        position = target.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
        last = target.textStart() + max(0, target.textLength() - 1)
        position = max(target.textStart(), min(position, last))
        return model.text_start(row) + position, x

    def visual_lines(self, row: int) -> list[tuple[int, int]]:
        """The ``[start, end)`` document offsets of each visual line of a block."""
        model = self.model()
        layout, _h = self.delegate.layout(row, model.text(row))
        base = model.text_start(row)
        lines = (layout.lineAt(i) for i in range(layout.lineCount()))
        return [(base + ln.textStart(), base + ln.textStart() + ln.textLength()) for ln in lines]

    def ensure_offset_visible(self, offset: int) -> None:
        """Scroll so the caret's line is on screen (blocks taller than the view too)."""
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        self.show_block(model.row_at(offset))
        rect = self.offset_rect(offset)
        height = self.viewport().height()
        if rect.top() < 8 or rect.bottom() > height - 8:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + int(rect.top() - height / 3))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press, self._dragging = event.position(), False
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            offset = self.offset_at(event.position())
            if offset is not None:
                self.textPressed.emit(offset, shift)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._press is None or not (event.buttons() & Qt.MouseButton.LeftButton):
            return
        moved = (event.position() - self._press).manhattanLength()
        if self._dragging or moved >= DRAG_DISTANCE:
            self._dragging = True
            offset = self.offset_at(event.position())
            if offset is not None:
                self.textDragged.emit(offset)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        self._press, self._dragging = None, False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()  # no type-ahead search or built-in moves: the keymap decides

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()
