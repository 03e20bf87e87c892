"""The blocks of the open document as a Qt list model: text, my label, the suggestion,
whether the block is selected or current, and the pieces of entity spans, quotes and
the span-mode selection that fall in it. Only rows that changed are signalled."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from enum import IntEnum
from typing import NamedTuple

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from annotator.core.model import Annotation, Document, Range

Index = QModelIndex | QPersistentModelIndex


class BlockRole(IntEnum):
    LABEL = Qt.ItemDataRole.UserRole + 1
    SUGGESTION = Qt.ItemDataRole.UserRole + 2
    SCORE = Qt.ItemDataRole.UserRole + 3
    SELECTED = Qt.ItemDataRole.UserRole + 4
    CURRENT = Qt.ItemDataRole.UserRole + 5


class Mark(NamedTuple):
    """The piece of a span, quote, speaker or cue inside one block, in offsets of the
    block's shown text. ``first``/``last``: the item starts/ends in this block."""

    kind: str  # entity | suggested | quote | suggested_quote | speaker | cue
    start: int
    end: int
    label: str = ""
    first: bool = True
    last: bool = True


class BlockState(NamedTuple):
    """Everything the delegate paints of one block, read without QVariant round trips."""

    text: str
    label: str | None
    suggestion: str | None
    score: float | None
    selected: bool
    current: bool
    marks: tuple[Mark, ...] = ()
    span_selection: tuple[int, int] | None = None  # in offsets of the shown text
    caret: int | None = None  # likewise
    span_mode: bool = False


class BlockModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._texts: list[str] = []
        self._labels: dict[int, str] = {}
        self._suggested: dict[int, str] = {}
        self._scores: dict[int, float] = {}
        self._current = -1
        self._anchor = -1
        self._starts: list[int] = []  # document offset where each row's shown text starts
        self._ends: list[int] = []
        self._marks: dict[int, tuple[Mark, ...]] = {}
        self._suggested_annotation: Annotation | None = None
        self._span_selection: Range | None = None
        self._caret: int | None = None
        self._span_mode = False

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
        base, selection, caret = self._starts[row], None, None
        chosen = self._span_selection
        if chosen is not None and chosen.start < self._ends[row] and self._starts[row] < chosen.end:
            selection = (max(chosen.start, base) - base, min(chosen.end, self._ends[row]) - base)
        if self._caret is not None and base <= self._caret <= self._ends[row]:
            caret = self._caret - base
        return BlockState(
            self._texts[row],
            self._labels.get(row),
            self._suggested.get(row),
            self._scores.get(row),
            self._lo <= row <= self._hi,
            row == self._current,
            self._marks.get(row, ()),
            selection,
            caret,
            self._span_mode,
        )

    def text_start(self, row: int) -> int:
        """The document offset of the first character shown in ``row``."""
        return self._starts[row]

    def text_range(self, row: int) -> tuple[int, int]:
        return self._starts[row], self._ends[row]

    def text_ranges(self) -> list[tuple[int, int]]:
        return list(zip(self._starts, self._ends, strict=True))

    def row_at(self, offset: int) -> int:
        """The row whose text holds (or last started before) the document offset."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def rows_of(self, start: int, end: int) -> range:
        """Rows whose shown text overlaps ``[start, end)`` (or holds ``start`` when empty)."""
        if not self._starts:
            return range(0)
        first = self.row_at(start)
        last = max(first, bisect_left(self._starts, max(end, start + 1)) - 1)
        return range(first, min(last, len(self._starts) - 1) + 1)

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

    def suggestion_annotation(self) -> Annotation | None:
        return self._suggested_annotation

    def labels(self) -> dict[int, str]:
        return dict(self._labels)

    def suggested(self) -> dict[int, str]:
        return dict(self._suggested)

    def load(
        self, document: Document | None, mine: Annotation | None, suggested: Annotation | None
    ) -> None:
        self.beginResetModel()
        self._texts, self._starts, self._ends = [], [], []
        for block in document.blocks if document else []:
            raw = document.text[block.start : block.end]
            shown = raw.strip()
            start = block.start + (len(raw) - len(raw.lstrip()))
            self._texts.append(shown)
            self._starts.append(start)
            self._ends.append(start + len(shown))
        self._labels = dict(mine.blocks) if mine else {}
        self._suggested = dict(suggested.blocks) if suggested else {}
        self._scores = dict(suggested.block_scores) if suggested else {}
        self._current = self._anchor = 0 if self._texts else -1
        self._suggested_annotation = suggested
        self._span_selection = self._caret = None
        self._build_marks(mine)
        self.endResetModel()

    def set_suggestions(self, mine: Annotation | None, suggested: Annotation | None) -> None:
        """New suggestions for the open document (pre-annotation ran); the selection
        stays where it is and every row repaints."""
        self._suggested = dict(suggested.blocks) if suggested else {}
        self._scores = dict(suggested.block_scores) if suggested else {}
        self._suggested_annotation = suggested
        self._build_marks(mine)
        self._signal(set(range(len(self._texts))), [BlockRole.SUGGESTION, BlockRole.SCORE])

    def set_labels(self, mine: Annotation, rows: frozenset[int] | set[int]) -> None:
        self._labels = dict(mine.blocks)
        self._signal(rows, [BlockRole.LABEL])

    def set_spans(self, mine: Annotation, ranges: frozenset[tuple[int, int]] | set) -> None:
        """My spans and quotes changed under ``ranges``: repaint the rows under them."""
        self._build_marks(mine)
        rows: set[int] = set()
        for start, end in ranges:
            rows.update(self.rows_of(start, end))
        self._signal(rows, [BlockRole.LABEL])

    def set_span_selection(self, selection: Range | None, caret: int | None) -> None:
        """The span-mode selection and caret (document offsets); ``None`` hides them."""
        rows = self._selection_rows()
        self._span_selection, self._caret = selection, caret
        self._signal(rows | self._selection_rows(), [BlockRole.SELECTED])

    def set_span_mode(self, on: bool) -> None:
        if on != self._span_mode:
            self._span_mode = on
            self._signal(set(self.selection), [BlockRole.SELECTED])

    def _selection_rows(self) -> set[int]:
        rows: set[int] = set()
        if self._span_selection is not None:
            rows.update(self.rows_of(self._span_selection.start, self._span_selection.end))
        if self._caret is not None:
            rows.update(self.rows_of(max(0, self._caret - 1), self._caret + 1))
        return rows

    def _build_marks(self, mine: Annotation | None) -> None:
        """Cut every span, quote, speaker and cue into per-row pieces (a few hundred
        items at most: rebuilt whole on a change, but only changed rows repaint)."""
        marks: dict[int, list[Mark]] = defaultdict(list)

        def add(kind: str, start: int, end: int, label: str = "") -> None:
            for row in self.rows_of(start, end):
                base, stop = self._starts[row], self._ends[row]
                a, b = max(start, base) - base, min(end, stop) - base
                if b > a:
                    marks[row].append(Mark(kind, a, b, label, start >= base, end <= stop))

        spans = mine.spans if mine else []
        quotes = mine.quotes if mine else []
        for quote in quotes:
            add("quote", quote.start, quote.end)
        suggested = self._suggested_annotation
        if suggested is not None:
            taken = {(q.start, q.end) for q in quotes}
            for quote in suggested.quotes:
                if (quote.start, quote.end) not in taken:
                    add("suggested_quote", quote.start, quote.end)
            have = {(s.start, s.end, s.label) for s in spans}
            for span in suggested.spans:
                if (span.start, span.end, span.label) not in have:
                    add("suggested", span.start, span.end, span.label)
        for span in spans:
            add("entity", span.start, span.end, span.label)
        for quote in quotes:
            for role in ("speaker", "cue"):
                linked = getattr(quote, role)
                if linked is not None:
                    add(role, linked.start, linked.end, role)
        self._marks = {row: tuple(items) for row, items in marks.items()}

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
