"""The blocks of the open document as a Qt list model: text, my label, the suggestion,
and whether the block is selected or current. Only rows that changed are signalled."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from annotator.core.model import Annotation, Document

Index = QModelIndex | QPersistentModelIndex


class BlockRole(IntEnum):
    LABEL = Qt.ItemDataRole.UserRole + 1
    SUGGESTION = Qt.ItemDataRole.UserRole + 2
    SCORE = Qt.ItemDataRole.UserRole + 3
    SELECTED = Qt.ItemDataRole.UserRole + 4
    CURRENT = Qt.ItemDataRole.UserRole + 5


class BlockState(NamedTuple):
    """Everything the delegate paints of one block, read without QVariant round trips."""

    text: str
    label: str | None
    suggestion: str | None
    score: float | None
    selected: bool
    current: bool


class BlockModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._texts: list[str] = []
        self._labels: dict[int, str] = {}
        self._suggested: dict[int, str] = {}
        self._scores: dict[int, float] = {}
        self._current = -1
        self._anchor = -1

    # ----------------------------------------------------------------- Qt interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._texts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._texts)):
            return None
        row = index.row()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts[row]
        if role == BlockRole.LABEL:
            return self._labels.get(row)
        if role == BlockRole.SUGGESTION:
            return self._suggested.get(row)
        if role == BlockRole.SCORE:
            return self._scores.get(row)
        if role == BlockRole.SELECTED:
            return self._lo <= row <= self._hi
        if role == BlockRole.CURRENT:
            return row == self._current
        return None

    def row_state(self, row: int) -> BlockState:
        return BlockState(
            self._texts[row],
            self._labels.get(row),
            self._suggested.get(row),
            self._scores.get(row),
            self._lo <= row <= self._hi,
            row == self._current,
        )

    def text(self, row: int) -> str:
        return self._texts[row]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren

    def roleNames(self) -> dict[int, bytes]:
        names = super().roleNames()
        names.update({int(r): r.name.lower().encode() for r in BlockRole})
        return names

    # ------------------------------------------------------------------- updating
    @property
    def _lo(self) -> int:
        return min(self._anchor, self._current)

    @property
    def _hi(self) -> int:
        return max(self._anchor, self._current)

    @property
    def current(self) -> int:
        return self._current

    @property
    def anchor(self) -> int:
        return self._anchor

    @property
    def selection(self) -> list[int]:
        return list(range(self._lo, self._hi + 1)) if self._current >= 0 else []

    def labels(self) -> dict[int, str]:
        return dict(self._labels)

    def suggested(self) -> dict[int, str]:
        return dict(self._suggested)

    def load(
        self, document: Document | None, mine: Annotation | None, suggested: Annotation | None
    ) -> None:
        self.beginResetModel()
        self._texts = (
            [document.block_text(i).strip() for i in range(len(document.blocks))]
            if document
            else []
        )
        self._labels = dict(mine.blocks) if mine else {}
        self._suggested = dict(suggested.blocks) if suggested else {}
        self._scores = dict(suggested.block_scores) if suggested else {}
        self._current = self._anchor = 0 if self._texts else -1
        self.endResetModel()

    def set_labels(self, mine: Annotation, rows: frozenset[int] | set[int]) -> None:
        self._labels = dict(mine.blocks)
        self._signal(rows, [BlockRole.LABEL])

    def select(self, anchor: int, current: int) -> None:
        """Make ``anchor..current`` the selection and ``current`` the current block."""
        if not self._texts:
            return
        last = len(self._texts) - 1
        anchor, current = max(0, min(anchor, last)), max(0, min(current, last))
        before, old_current = set(self.selection), self._current
        self._anchor, self._current = anchor, current
        rows = (before ^ set(self.selection)) | {old_current, current}
        self._signal(rows, [BlockRole.SELECTED, BlockRole.CURRENT])

    def _signal(self, rows: set[int] | frozenset[int], roles: list[int]) -> None:
        """One dataChanged per run of consecutive rows, so views repaint only those."""
        valid = sorted(r for r in rows if 0 <= r < len(self._texts))
        start = prev = None
        for row in [*valid, None]:
            if row is not None and prev is not None and row == prev + 1:
                prev = row
                continue
            if start is not None:
                self.dataChanged.emit(self.index(start), self.index(prev), roles)
            start = prev = row
