"""The article: blocks as paragraphs, each with its label shown by colour and a gutter
letter. Suggested labels are hatched with a "?"; the selection is tinted and the
current block outlined. A QListView with a painting delegate repaints only the rows
whose data changed, so a keypress on a 300-block article costs one row's paint."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPen,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from annotator.core.schema import LabelSchema

GUTTER = 52
TAG = 150
PAD_X, PAD_Y, GAP = 14, 9, 6
INK = QColor("#1f2933")
MUTED = QColor("#6b7280")
PAPER = QColor("#ffffff")
SELECTED = QColor("#e3ecfd")
CURRENT = QColor("#2563eb")

Index = QModelIndex | QPersistentModelIndex


class BlockDelegate(QStyledItemDelegate):
    def __init__(self, schema: LabelSchema, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        self.colors = {label.name: QColor(label.color) for label in schema.block_labels}
        self.letters = {label.name: label.key.upper() for label in schema.block_labels}
        self.muted = {"boilerplate"} & set(schema.block_label_names)
        self.font = QFont(view.font())
        self.font.setPointSizeF(max(11.0, self.font.pointSizeF() + 1))
        self.small = QFont(view.font())
        self.small.setPointSizeF(max(8.5, self.font.pointSizeF() - 2.5))
        self.badge_font = QFont(self.font)
        self.badge_font.setBold(True)
        self._layouts: dict[int, QStaticText] = {}
        self._width = 0

    def forget_sizes(self) -> None:
        self._layouts.clear()

    def _text_width(self) -> int:
        return max(120, self.view.viewport().width() - GUTTER - 6 - TAG - 2 * PAD_X)

    def _layout(self, row: int, text: str) -> QStaticText:
        """The block's text laid out once per width, reused by every paint."""
        width = self._text_width()
        if width != self._width:
            self._layouts.clear()
            self._width = width
        layout = self._layouts.get(row)
        if layout is None:
            layout = QStaticText(text)
            layout.setTextFormat(Qt.TextFormat.PlainText)
            layout.setTextWidth(width)
            layout.prepare(QTransform(), self.font)
            self._layouts[row] = layout
        return layout

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        row = index.row()
        layout = self._layout(row, index.model().text(row))
        height = max(int(layout.size().height()) + 1, 20) + 2 * PAD_Y + GAP
        return QSize(self._width + GUTTER + TAG + 2 * PAD_X, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # read straight from the model: no QVariant conversions in the paint path
        text, label, suggestion, score, selected, current = index.model().row_state(index.row())
        shown = label or suggestion
        color = self.colors.get(shown, MUTED) if shown else None

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        full = option.rect
        card = QRect(
            full.left() + GUTTER, full.top(), full.width() - GUTTER - 6, full.height() - GAP
        )
        painter.fillRect(full, PAPER)
        # the paragraph card: tinted by the confirmed label, hatched for a suggestion
        painter.setPen(Qt.PenStyle.NoPen)
        if selected:
            painter.setBrush(SELECTED)
        elif label and color is not None:
            painter.setBrush(_tint(color, 22))
        else:
            painter.setBrush(PAPER)
        painter.drawRoundedRect(card, 5, 5)
        if suggestion and not label and color is not None:
            hatch = QBrush(_tint(color, 70), Qt.BrushStyle.BDiagPattern)
            painter.setBrush(hatch)
            painter.drawRoundedRect(card, 5, 5)
        # the colour bar on the card's left edge
        if color is not None:
            bar = QRect(card.left(), card.top() + 2, 5, card.height() - 4)
            if label:
                painter.fillRect(bar, color)
            else:
                painter.setPen(QPen(color, 3, Qt.PenStyle.DotLine))
                painter.drawLine(bar.center().x(), bar.top(), bar.center().x(), bar.bottom())
        # outline: the current block strongly, the rest of the selection lightly
        if current or selected:
            pen = QPen(CURRENT, 2.4 if current else 1.0)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), 5, 5)
        self._paint_gutter(painter, full, label, suggestion, color, current)
        # the text
        painter.setFont(self.font)
        painter.setPen(MUTED if label in self.muted else INK)
        layout = self._layout(index.row(), text)
        painter.drawStaticText(QPoint(card.left() + PAD_X, card.top() + PAD_Y), layout)
        self._paint_tag(painter, card, label, suggestion, score, color)
        painter.restore()

    def _paint_gutter(self, painter, full, label, suggestion, color, current) -> None:
        badge = QRect(full.left() + 12, full.top() + PAD_Y - 2, 28, 28)
        if current:
            painter.setPen(QPen(CURRENT, 3))
            painter.drawLine(
                full.left() + 3, full.top() + 4, full.left() + 3, full.bottom() - GAP - 4
            )
        if color is None:
            painter.setPen(QPen(QColor("#cbd2d9"), 1.2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(badge.adjusted(6, 6, -6, -6))
            return
        painter.setFont(self.badge_font)
        if label:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(badge, 6, 6)
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, self.letters.get(label, "?"))
        else:
            painter.setPen(QPen(color, 1.6, Qt.PenStyle.DashLine))
            painter.setBrush(_tint(color, 30))
            painter.drawRoundedRect(badge.adjusted(1, 1, -1, -1), 6, 6)
            painter.setPen(color)
            painter.drawText(
                badge, Qt.AlignmentFlag.AlignCenter, self.letters.get(suggestion, "") + "?"
            )

    def _paint_tag(self, painter, card, label, suggestion, score, color) -> None:
        if color is None:
            return
        painter.setFont(self.small)
        line = QFontMetrics(self.small).height()
        rect = QRect(card.right() - TAG, card.top() + PAD_Y + 2, TAG - PAD_X, line)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if label:
            painter.setPen(color.darker(120))
            painter.drawText(rect, right, label)
            if suggestion and suggestion != label:
                painter.setPen(MUTED)
                painter.drawText(rect.translated(0, line), right, f"suggested {suggestion}")
        else:
            painter.setPen(color.darker(110))
            percent = f"  {score:.0%}" if isinstance(score, float) else ""
            painter.drawText(rect, right, f"{suggestion}?{percent}")


def _tint(color: QColor, alpha: int) -> QColor:
    tinted = QColor(color)
    tinted.setAlpha(alpha)
    return tinted


class ArticleView(QListView):
    """Shows the blocks; keys are handled by the window's actions, never here."""

    blockClicked = Signal(int)

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()  # no type-ahead search or built-in moves: the keymap decides

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()
