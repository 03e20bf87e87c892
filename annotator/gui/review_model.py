"""The blocks of the document under review as a table: one column per annotator with
the label they gave, the gold column, and the text. Each row knows whether the
annotators' labels differ there and how many span or quote differences fall in it;
gold shows the majority's proposal (or "tie") where it has not decided yet.

Columns: 0 the block number and its marks, 1..n the annotators, n+1 gold, n+2 the text.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from annotator.core.model import Annotation, Document
from annotator.core.schema import LabelSchema
from annotator.workspace.reviewing import DocumentDisagreement, Merge

Index = QModelIndex | QPersistentModelIndex

KindRole = Qt.ItemDataRole.UserRole + 1  # "number" | "annotator" | "gold" | "text"
LabelRole = Qt.ItemDataRole.UserRole + 2


class RowState(NamedTuple):
    label_differs: bool
    span_differences: int
    selected: bool
    current: bool
    decided: bool  # gold has a label for the block


class ReviewBlockModel(QAbstractTableModel):
    def __init__(self, schema: LabelSchema, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.schema = schema
        self.document: Document | None = None
        self.annotators: list[str] = []
        self.work: dict[str, Annotation] = {}
        self.gold: Annotation | None = None
        self.merge = Merge()
        self.ties: set[int] = set()
        self.label_differs: set[int] = set()
        self.span_differences: dict[int, int] = {}
        self.anchor = self.current = 0

    # --------------------------------------------------------------------- loading
    def load(
        self,
        document: Document,
        work: dict[str, Annotation],
        gold: Annotation,
        merge: Merge,
        found: DocumentDisagreement,
    ) -> None:
        self.beginResetModel()
        self.document, self.work, self.gold, self.merge = document, work, gold, merge
        self.annotators = list(work)
        self.ties = {tie.key for tie in merge.ties if tie.kind == "block"}
        self.label_differs = {b.index for b in found.blocks}
        starts = [block.start for block in document.blocks]
        counts: dict[int, int] = {}
        for item in [*found.spans, *found.quotes]:
            first = max(0, bisect_right(starts, item.start) - 1)
            last = max(0, bisect_right(starts, max(item.start, item.end - 1)) - 1)
            for row in range(first, last + 1):
                counts[row] = counts.get(row, 0) + 1
        self.span_differences = counts
        self.anchor = self.current = 0
        self.endResetModel()

    def set_gold(self, gold: Annotation) -> None:
        """Only the rows whose gold label changed are signalled (their tint changes)."""
        before = self.gold.blocks if self.gold is not None else {}
        self.gold = gold
        rows = [
            row
            for row in set(before) | set(gold.blocks)
            if before.get(row) != gold.blocks.get(row) and row < self.rowCount()
        ]
        last = self.columnCount() - 1
        for row in sorted(rows):
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    # ------------------------------------------------------------------- selection
    @property
    def selection(self) -> list[int]:
        low, high = sorted((self.anchor, self.current))
        return list(range(low, high + 1)) if self.rowCount() else []

    def select(self, anchor: int, current: int) -> None:
        last = self.rowCount() - 1
        if last < 0:
            return
        before = self.selection
        self.anchor, self.current = min(anchor, last), min(current, last)
        rows = set(before) | set(self.selection)
        if rows:
            self.dataChanged.emit(
                self.index(min(rows), 0), self.index(max(rows), self.columnCount() - 1)
            )

    def has_difference(self, row: int) -> bool:
        return row in self.label_differs or row in self.span_differences

    def next_disagreement(self, row: int, step: int) -> int | None:
        row += step
        while 0 <= row < self.rowCount():
            if self.has_difference(row):
                return row
            row += step
        return None

    # ------------------------------------------------------------------- the table
    @property
    def gold_column(self) -> int:
        return len(self.annotators) + 1

    @property
    def text_column(self) -> int:
        return len(self.annotators) + 2

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() or self.document is None:
            return 0
        return len(self.document.blocks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.annotators) + 3

    def kind(self, column: int) -> str:
        if column == 0:
            return "number"
        if column == self.gold_column:
            return "gold"
        if column == self.text_column:
            return "text"
        return "annotator"

    def row_state(self, row: int) -> RowState:
        low, high = sorted((self.anchor, self.current))
        return RowState(
            row in self.label_differs,
            self.span_differences.get(row, 0),
            low <= row <= high,
            row == self.current,
            self.gold is not None and row in self.gold.blocks,
        )

    def label(self, row: int, column: int) -> str | None:
        """The label in a cell; gold's own, else None (see ``proposal``)."""
        kind = self.kind(column)
        if kind == "annotator":
            return self.work[self.annotators[column - 1]].blocks.get(row)
        if kind == "gold" and self.gold is not None:
            return self.gold.blocks.get(row)
        return None

    def proposal(self, row: int) -> str | None:
        """What accepting would give an undecided gold block: the majority, or "tie"."""
        if row in self.ties:
            return "tie"
        return self.merge.blocks.get(row)

    def text(self, row: int) -> str:
        return self.document.block_text(row) if self.document else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        kind = self.kind(column)
        if role == KindRole:
            return kind
        if role in (Qt.ItemDataRole.DisplayRole, LabelRole):
            if kind == "number":
                return str(row + 1)
            if kind == "text":
                return self.text(row)
            label = self.label(row, column)
            if role == LabelRole or label is not None or kind != "gold":
                return label
            proposal = self.proposal(row)
            return f"{proposal}?" if proposal else None
        if role == Qt.ItemDataRole.ToolTipRole and kind == "number":
            state = self.row_state(row)
            parts = ["labels differ"] if state.label_differs else []
            if state.span_differences:
                parts.append(f"{state.span_differences} span/quote difference(s)")
            return ", ".join(parts) or None
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation != Qt.Orientation.Horizontal
            or role != Qt.ItemDataRole.DisplayRole
            or not 0 <= section < self.columnCount()
        ):
            return None
        kind = self.kind(section)
        if kind == "annotator":
            return f"{section} · {self.annotators[section - 1]}"
        return {"number": "#", "gold": "Gold", "text": "Text"}[kind]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled
