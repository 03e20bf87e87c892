"""The review queue: documents with disagreements, worst first, each with its score
(the share of its items in disagreement), what differs, and a tick once its gold is
accepted. The scores are found in a worker thread without the details; titles and
what differs are read when a row is first shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from annotator.gui.review_delegate import blend
from annotator.workspace import Workspace
from annotator.workspace.reviewing import DocumentDisagreement, QueueEntry

if TYPE_CHECKING:
    from annotator.gui.review_session import ReviewSession

Index = QModelIndex | QPersistentModelIndex
ItemRole = Qt.ItemDataRole.UserRole + 1


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
    detailed: bool = True

    @classmethod
    def scored(cls, entry: QueueEntry) -> QueueItem:
        """A row known by its score only; ``QueueModel.detail`` fills in the rest."""
        return cls(entry.document_id, entry.score, entry.disagreements, 0, 0, 0, (), False, False)

    def fill(self, found: DocumentDisagreement) -> None:
        self.blocks, self.spans, self.quotes = (
            len(found.blocks),
            len(found.spans),
            len(found.quotes),
        )
        self.annotators, self.detailed = found.annotators, True

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
                entries = workspace.review_queue(include_resolved=True)
                items = [QueueItem.scored(entry) for entry in entries]
        except Exception as exc:  # shown to the user, never lost
            self.loaded.emit(exc)
            return
        self.loaded.emit(items)


def _what(item: QueueItem) -> str:
    parts = []
    for n, word in ((item.blocks, "block"), (item.spans, "span"), (item.quotes, "quote")):
        if n:
            parts.append(f"{n} {word}{'s' if n > 1 else ''}")
    return ", ".join(parts)


class QueueModel(QAbstractListModel):
    def __init__(self, session: ReviewSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._titles: dict[str, str] = {}
        session.queueChanged.connect(self._changed)

    def _changed(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def title(self, document_id: str) -> str:
        found = self._titles.get(document_id)
        if found is None:
            document = self.session.workspace.document(document_id)
            title = document.meta.title if document else None
            if not title and document is not None:
                title = document.block_text(0) if document.blocks else document_id
            found = self._titles[document_id] = " ".join((title or document_id).split())
        return found

    def detail(self, item: QueueItem) -> QueueItem:
        """The item with what differs, worked out the first time its row is shown."""
        if not item.detailed:
            item.fill(self.session.workspace.document_disagreements(item.document_id))
        return item

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.session.queue)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.session.queue):
            return None
        item = self.session.queue[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.score:.0%} {self.title(item.document_id)}"
        if role == ItemRole:
            return item
        if role == Qt.ItemDataRole.ToolTipRole:
            item = self.detail(item)
            return f"{item.document_id}: {item.disagreements} disagreements ({_what(item)})"
        return None


class QueueDelegate(QStyledItemDelegate):
    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.font = QFont(view.font())
        self.small = QFont(view.font())
        self.small.setPointSizeF(max(8.0, self.font.pointSizeF() - 1.5))
        self.score_font = QFont(self.font)
        self.score_font.setBold(True)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        height = QFontMetrics(self.font).height() + QFontMetrics(self.small).height() + 16
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item: QueueItem = index.data(ItemRole)
        model: QueueModel = index.model()  # type: ignore[assignment]
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paper = option.palette.color(QPalette.ColorRole.Base)
        dark = paper.lightness() < 128
        if dark:  # the theme's colours; the light ones below are the light theme's
            ink, muted = option.palette.color(QPalette.ColorRole.Text), QColor("#9aa5b1")
            chosen = blend(paper, option.palette.color(QPalette.ColorRole.Highlight), 0.3)
            rule = blend(paper, ink, 0.12)
        else:
            paper, ink, muted = QColor("#ffffff"), QColor("#1f2933"), QColor("#7b8794")
            chosen, rule = QColor("#e3ecfd"), QColor("#eef2f7")
        painter.fillRect(rect, chosen if selected else paper)
        if selected:
            painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), QColor("#2563eb"))
        score = QRect(rect.left() + 10, rect.top() + 8, 46, 22)
        heat = QColor("#c62828") if item.score >= 0.5 else QColor("#ef6c00")
        if item.score < 0.2:
            heat = QColor("#9e9d24")
        if item.settled:
            heat = QColor("#2e7d32")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(heat)
        painter.drawRoundedRect(score, 4, 4)
        painter.setPen(QColor("white"))
        painter.setFont(self.score_font)
        painter.drawText(
            score, Qt.AlignmentFlag.AlignCenter, "✓" if item.settled else f"{item.score:.0%}"
        )
        text_left = score.right() + 10
        width = rect.right() - text_left - 8
        line = QFontMetrics(self.font).height()
        painter.setFont(self.font)
        painter.setPen(muted if item.settled else ink)
        title = QFontMetrics(self.font).elidedText(
            model.title(item.document_id), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(QRect(text_left, rect.top() + 6, width, line), 0, title)
        painter.setFont(self.small)
        painter.setPen(muted)
        model.detail(item)
        detail = "gold accepted" if item.settled else f"differ: {_what(item)}"
        detail += f" · {len(item.annotators)} annotators"
        painter.drawText(
            QRect(text_left, rect.top() + 8 + line, width, QFontMetrics(self.small).height()),
            0,
            QFontMetrics(self.small).elidedText(detail, Qt.TextElideMode.ElideRight, width),
        )
        painter.setPen(rule)
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()
