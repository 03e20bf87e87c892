"""The span list: my entity spans and quotes of the open document, in text order.

F7 focuses it; Up/Down move, Enter (or a double click) selects that span in the article
in span mode, Esc goes back to the article without moving."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QPainter
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from annotator.core.model import Annotation
from annotator.core.schema import LabelSchema
from annotator.core.spans import excerpt

Index = QModelIndex | QPersistentModelIndex
PLACEHOLDER = (
    "No spans yet. Tab enters span mode: w or n selects a name (Shift+arrows select "
    "words), then 1–8 marks an entity or q a quote (s and v link its speaker and cue)."
)


class SpanRole(IntEnum):
    START = Qt.ItemDataRole.UserRole + 1
    END = Qt.ItemDataRole.UserRole + 2
    KIND = Qt.ItemDataRole.UserRole + 3
    LABEL = Qt.ItemDataRole.UserRole + 4


class SpanItem(NamedTuple):
    start: int
    end: int
    kind: str  # entity | quote
    label: str
    shown: str
    tooltip: str


class SpanListModel(QAbstractListModel):
    def __init__(self, schema: LabelSchema, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.colors = {label.name: QColor(label.color) for label in schema.entity_labels}
        self.colors["QUOTE"] = QColor(schema.quote_color).darker(130)
        self._items: list[SpanItem] = []

    def load(self, text: str | None, mine: Annotation | None) -> None:
        items: list[SpanItem] = []
        if text is not None and mine is not None:
            for span in mine.spans:
                what = excerpt(text, span.start, span.end, 60)
                items.append(
                    SpanItem(
                        span.start, span.end, "entity", span.label, f"{span.label}  {what}", what
                    )
                )
            for quote in mine.quotes:
                what = excerpt(text, quote.start, quote.end, 44)
                links = [
                    f"{role} {excerpt(text, linked.start, linked.end, 24)}"
                    for role, linked in (("speaker", quote.speaker), ("cue", quote.cue))
                    if linked is not None
                ]
                shown = f"QUOTE  {what}" + (f"\n{' · '.join(links)}" if links else "")
                full = excerpt(text, quote.start, quote.end, 400)
                items.append(SpanItem(quote.start, quote.end, "quote", "QUOTE", shown, full))
        items.sort(key=lambda item: (item.start, item.kind != "quote", item.end))
        self._replace(items)

    def _replace(self, items: list[SpanItem]) -> None:
        """Signal only the rows that differ: a change adds, removes or alters a row or
        two, so the view keeps its place and does not measure every row again."""
        old = self._items
        head = 0
        while head < min(len(old), len(items)) and old[head] == items[head]:
            head += 1
        tail = 0
        while (
            tail < min(len(old), len(items)) - head
            and old[len(old) - 1 - tail] == items[len(items) - 1 - tail]
        ):
            tail += 1
        gone, new = len(old) - head - tail, len(items) - head - tail
        changed = min(gone, new)
        if gone > new:
            self.beginRemoveRows(QModelIndex(), head + new, head + gone - 1)
            self._items = old[: head + new] + old[head + gone :]
            self.endRemoveRows()
        elif new > gone:
            self.beginInsertRows(QModelIndex(), head + gone, head + new - 1)
            self._items = old[: head + gone] + items[head + gone : head + new] + old[head + gone :]
            self.endInsertRows()
        self._items = items
        if changed:
            self.dataChanged.emit(self.index(head), self.index(head + changed - 1))

    def row_near(self, offset: int) -> int:
        """The first row starting at or after ``offset`` (the last row otherwise)."""
        for row, item in enumerate(self._items):
            if item.end > offset:
                return row
        return len(self._items) - 1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.shown
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.tooltip
        if role == Qt.ItemDataRole.DecorationRole:
            return self.colors.get(item.label, QColor("#757575"))
        if role == SpanRole.START:
            return item.start
        if role == SpanRole.END:
            return item.end
        if role == SpanRole.KIND:
            return item.kind
        if role == SpanRole.LABEL:
            return item.label
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def roleNames(self) -> dict[int, bytes]:  # noqa: N802
        names = super().roleNames()
        names.update({int(r): r.name.lower().encode() for r in SpanRole})
        return names


class SpanListView(QListView):
    jumpRequested = Signal(int, int)  # start, end
    leaveRequested = Signal()

    def __init__(self, model: SpanListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spanList")
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.activated.connect(self._jump)

    def _jump(self, index: QModelIndex) -> None:
        if index.isValid():
            self.jumpRequested.emit(index.data(SpanRole.START), index.data(SpanRole.END))

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor("#9aa5b1"))
            painter.drawText(
                self.viewport().rect().adjusted(10, 10, -10, -10),
                Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                PLACEHOLDER,
            )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._jump(self.currentIndex())
            return
        if event.key() == Qt.Key.Key_Escape:
            self.leaveRequested.emit()
            return
        super().keyPressEvent(event)
