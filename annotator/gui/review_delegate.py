"""Painting the review table: label chips per annotator, the gold chip (solid when gold
decided, dashed with the majority's proposal when not, red for a tie), the block's text,
and the row tinted by what is left to settle: red where the labels differ and gold has
not decided, green once it has, amber where only spans or quotes differ."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView

from annotator.core.schema import LabelSchema
from annotator.gui.review_model import KindRole, ReviewBlockModel

Index = QModelIndex | QPersistentModelIndex

INK = QColor("#1f2933")
MUTED = QColor("#7b8794")
PAPER = QColor("#ffffff")
SELECTED = QColor("#e3ecfd")
CURRENT = QColor("#2563eb")
DIFFERS = QColor("#fdecec")
SETTLED = QColor("#edf7ee")
SPANS_DIFFER = QColor("#fff6e0")
RED = QColor("#c62828")
AMBER = QColor("#b45309")


def blend(paper: QColor, color: QColor, share: float) -> QColor:
    """``share`` of ``color`` over ``paper``, opaque."""
    return QColor(
        *(
            round(a * (1 - share) + b * share)
            for a, b in zip(paper.getRgb()[:3], color.getRgb()[:3], strict=True)
        )
    )


def _tint(color: QColor, alpha: int) -> QColor:
    tinted = QColor(color)
    tinted.setAlpha(alpha)
    return tinted


class ReviewDelegate(QStyledItemDelegate):
    def __init__(self, schema: LabelSchema, view: QTableView) -> None:
        super().__init__(view)
        self.colors = {label.name: QColor(label.color) for label in schema.block_labels}
        self.font = QFont(view.font())
        self.small = QFont(view.font())
        self.small.setPointSizeF(max(8.5, self.font.pointSizeF() - 1))
        self.bold = QFont(self.small)
        self.bold.setBold(True)
        self.muted_labels = {"boilerplate"}
        self.bold_metrics = QFontMetrics(self.bold)
        self.font_metrics = QFontMetrics(self.font)
        self.small_metrics = QFontMetrics(self.small)
        self._widths: dict[str, int] = {}
        self.dark = False
        self._light()

    def _light(self) -> None:
        self.ink, self.muted, self.paper, self.selected = INK, MUTED, PAPER, SELECTED
        self.differs, self.settled, self.spans_differ = DIFFERS, SETTLED, SPANS_DIFFER
        self.rule, self.empty = QColor("#e4e7eb"), QColor("#cbd2d9")

    def use_palette(self, palette: QPalette) -> None:
        """Row, text and chip colours for the palette's theme (light or dark)."""
        paper = palette.color(QPalette.ColorRole.Base)
        self.dark = paper.lightness() < 128
        if not self.dark:
            self._light()
            return
        self.paper = paper
        self.ink = palette.color(QPalette.ColorRole.Text)
        self.muted = palette.color(QPalette.ColorRole.PlaceholderText)
        self.selected = blend(paper, palette.color(QPalette.ColorRole.Highlight), 0.3)
        self.differs = blend(paper, RED, 0.28)
        self.settled = blend(paper, QColor("#2e7d32"), 0.28)
        self.spans_differ = blend(paper, AMBER, 0.28)
        self.rule = blend(paper, self.ink, 0.12)
        self.empty = blend(paper, self.ink, 0.35)

    def readable(self, color: QColor, amount: int = 130) -> QColor:
        """A label colour as text: darker on light rows, lighter on dark ones."""
        return color.lighter(amount + 10) if self.dark else color.darker(amount)

    def row_height(self) -> int:
        return 2 * self.font_metrics.lineSpacing() + 14

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model: ReviewBlockModel = index.model()  # type: ignore[assignment]
        row, column = index.row(), index.column()
        state = model.row_state(row)
        kind = index.data(KindRole)
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if state.selected:
            background = self.selected
        elif state.label_differs:
            background = self.settled if state.decided else self.differs
        elif state.span_differences:
            background = self.spans_differ
        else:
            background = self.paper
        painter.fillRect(rect, background)
        if state.current:
            painter.fillRect(QRect(rect.left(), rect.top(), rect.width(), 2), CURRENT)
            painter.fillRect(QRect(rect.left(), rect.bottom() - 1, rect.width(), 2), CURRENT)
        if kind == "number":
            self._paint_number(painter, rect, row, state)
        elif kind == "text":
            label = model.gold.blocks.get(row) if model.gold else None
            self._paint_text(painter, rect, model.text(row), label in self.muted_labels)
        elif kind == "annotator":
            self._paint_chip(painter, rect, model.label(row, column), solid=False)
        else:
            label = model.label(row, column)
            if label is not None:
                self._paint_chip(painter, rect, label, solid=True)
            else:
                self._paint_proposal(painter, rect, model.proposal(row))
        painter.setPen(self.rule)
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()

    def _paint_number(self, painter: QPainter, rect: QRect, row: int, state) -> None:
        if state.current:
            painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), CURRENT)
        painter.setFont(self.small)
        painter.setPen(self.muted)
        marks = QRect(rect.left() + 8, rect.center().y() - 8, rect.width() - 12, 16)
        number = str(row + 1)
        painter.drawText(marks, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, number)
        painter.setFont(self.bold)
        x = marks.left() + self.small_metrics.horizontalAdvance(number) + 5
        if state.label_differs:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.muted if state.decided else RED)
            painter.drawEllipse(QRectF(x, marks.top() + 4, 8, 8))
            x += 12
        if state.span_differences:
            painter.setPen(self.readable(AMBER, 100))
            painter.drawText(
                QRect(x, marks.top(), rect.right() - x, marks.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"◆{state.span_differences}",
            )

    def _chip_rect(self, rect: QRect, text: str) -> QRectF:
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = self.bold_metrics.horizontalAdvance(text) + 16
        width = min(width, rect.width() - 10)
        return QRectF(rect.left() + 6, rect.center().y() - 10, width, 20)

    def _paint_chip(self, painter: QPainter, rect: QRect, label: str | None, solid: bool) -> None:
        painter.setFont(self.bold)
        if label is None:
            painter.setPen(self.empty)
            painter.drawText(rect.adjusted(10, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, "—")
            return
        color = self.colors.get(label, self.muted)
        chip = self._chip_rect(rect, label)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color if solid else _tint(color, 70 if self.dark else 40))
        painter.drawRoundedRect(chip, 4, 4)
        painter.setPen(PAPER if solid else self.readable(color, 135))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)

    def _paint_proposal(self, painter: QPainter, rect: QRect, proposal: str | None) -> None:
        if proposal is None:
            self._paint_chip(painter, rect, None, solid=True)
            return
        painter.setFont(self.bold)
        text = "tie" if proposal == "tie" else f"{proposal}?"
        color = RED if proposal == "tie" else self.colors.get(proposal, self.muted)
        chip = self._chip_rect(rect, text)
        painter.setPen(QPen(color, 1.3, Qt.PenStyle.DashLine))
        painter.setBrush(_tint(color, 14))
        painter.drawRoundedRect(chip.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.setPen(self.readable(color, 120))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_text(self, painter: QPainter, rect: QRect, text: str, muted: bool) -> None:
        painter.setFont(self.font)
        painter.setPen(self.muted if muted else self.ink)
        metrics = self.font_metrics
        inner = rect.adjusted(10, 6, -10, -6)
        flat = " ".join(text.split())
        shown = metrics.elidedText(flat, Qt.TextElideMode.ElideRight, 2 * inner.width() - 40)
        painter.drawText(
            inner,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
            shown,
        )
