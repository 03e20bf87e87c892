"""Painting one block: the card tinted by its label, the gutter badge, the text, and on
the text the entity spans (a colour per label, a small tag), quotes (a tinted band with
bracket markers), their speaker and cue (underlined in the quote colour, tagged), the
suggested spans (dashed) and the span-mode selection and caret.

Each block's text is laid out once per width in a ``QTextLayout``, which also answers
where a character is (for painting) and which character is under the mouse."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem

from annotator.core.schema import LabelSchema
from annotator.gui.block_model import Mark

GUTTER = 52
TAG = 150
PAD_X, PAD_Y, GAP = 14, 9, 6
LEADING = 9  # room under each line for the small tags of spans
INK = QColor("#1f2933")
MUTED = QColor("#6b7280")
PAPER = QColor("#ffffff")
SELECTED = QColor("#e3ecfd")
CURRENT = QColor("#2563eb")
SPAN_CURRENT = QColor("#b45309")
SPAN_SELECTION = QColor(37, 99, 235, 70)
SUGGESTED_QUOTE = QColor("#9e9d24")
ORDER = {"quote": 0, "suggested_quote": 1, "suggested": 2, "entity": 3, "speaker": 4, "cue": 5}

Index = QModelIndex | QPersistentModelIndex


def _tint(color: QColor, alpha: int) -> QColor:
    tinted = QColor(color)
    tinted.setAlpha(alpha)
    return tinted


class BlockDelegate(QStyledItemDelegate):
    def __init__(self, schema: LabelSchema, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        self.colors = {label.name: QColor(label.color) for label in schema.block_labels}
        self.letters = {label.name: label.key.upper() for label in schema.block_labels}
        self.entity_colors = {label.name: QColor(label.color) for label in schema.entity_labels}
        self.quote_color = QColor(schema.quote_color)
        self.quote_ink = self.quote_color.darker(165)
        self.muted = {"boilerplate"} & set(schema.block_label_names)
        self.base_point_size = max(11.0, view.font().pointSizeF() + 1)
        self.set_point_size(self.base_point_size)
        self.ink, self.muted_ink, self.paper, self.selected = INK, MUTED, PAPER, SELECTED
        self.dark = False
        self._layouts: dict[int, tuple[QTextLayout, float]] = {}
        self._width = 0

    def set_point_size(self, points: float) -> None:
        """The text size (zoom); the caller lays the view out again."""
        view = self.view
        self.font = QFont(view.font())
        self.font.setPointSizeF(points)
        self.small = QFont(view.font())
        self.small.setPointSizeF(max(8.5, points - 2.5))
        self.badge_font = QFont(self.font)
        self.badge_font.setPointSizeF(min(points, 14.0))
        self.badge_font.setBold(True)
        self.tag_font = QFont(view.font())
        self.tag_font.setPixelSize(max(9, round(points * 0.8)))
        self.tag_font.setBold(True)
        self._layouts = {}

    def readable(self, color: QColor, amount: int = 120) -> QColor:
        """A label colour as text: darker on light paper, lighter on dark paper."""
        return color.lighter(amount + 15) if self.dark else color.darker(amount)

    def use_palette(self, palette: QPalette) -> None:
        """Text and card colours from the palette (light or dark theme)."""
        self.ink = palette.color(QPalette.ColorRole.Text)
        self.muted_ink = palette.color(QPalette.ColorRole.PlaceholderText)
        self.paper = palette.color(QPalette.ColorRole.Base)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        dark = self.paper.lightness() < 128
        share = 0.28 if dark else 0.12
        self.dark = dark
        self.quote_ink = self.quote_color.lighter(125) if dark else self.quote_color.darker(165)
        self.selected = QColor(
            *(
                round(a * (1 - share) + b * share)
                for a, b in zip(self.paper.getRgb()[:3], highlight.getRgb()[:3], strict=True)
            )
        )

    def forget_sizes(self) -> None:
        self._layouts.clear()

    def _text_width(self) -> int:
        return max(120, self.view.viewport().width() - GUTTER - 6 - TAG - 2 * PAD_X)

    def layout(self, row: int, text: str) -> tuple[QTextLayout, float]:
        """The block's text laid out once per width (and its height), reused by every
        paint and hit test."""
        width = self._text_width()
        if width != self._width:
            self._layouts.clear()
            self._width = width
        found = self._layouts.get(row)
        if found is None:
            layout = QTextLayout(text, self.font)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            layout.setTextOption(option)
            layout.setCacheEnabled(True)
            layout.beginLayout()
            y = 0.0
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                line.setPosition(QPointF(0, y))
                y += line.height() + LEADING
            layout.endLayout()
            found = self._layouts[row] = (layout, max(y - LEADING, 20.0))
        return found

    @staticmethod
    def text_origin(row_rect: QRect) -> QPoint:
        return QPoint(row_rect.left() + GUTTER + PAD_X, row_rect.top() + PAD_Y)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        row = index.row()
        _layout, height = self.layout(row, index.model().text(row))
        return QSize(self._width + GUTTER + TAG + 2 * PAD_X, int(height) + 1 + 2 * PAD_Y + GAP)

    # ------------------------------------------------------------------ geometry
    def char_at(self, row: int, text: str, point: QPointF) -> int:
        """The index of the character under ``point`` (relative to the text origin),
        clamped into the text."""
        layout, _height = self.layout(row, text)
        if layout.lineCount() == 0:
            return 0
        line = layout.lineAt(layout.lineCount() - 1)
        for i in range(layout.lineCount()):
            candidate = layout.lineAt(i)
            if point.y() < candidate.y() + candidate.height() + LEADING:
                line = candidate
                break
        position = line.xToCursor(point.x())
        if position > line.textStart() and line.cursorToX(position)[0] > point.x():
            position -= 1
        return max(0, min(position, len(text) - 1))

    def range_rects(self, layout: QTextLayout, start: int, end: int) -> list[QRectF]:
        """One rectangle per line the range ``[start, end)`` of the text covers."""
        rects = []
        text = layout.text()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            first, stop = line.textStart(), line.textStart() + line.textLength()
            if stop <= start or first >= end:
                continue
            x1 = line.cursorToX(max(start, first))[0]
            a, b = max(start, first), min(end, stop)
            # trailing spaces at a wrap belong to the line but are not part of the range
            while b > a and text[b - 1].isspace():
                b -= 1
            x2 = line.cursorToX(b)[0]
            if x2 > x1:
                rects.append(QRectF(x1, line.y(), x2 - x1, line.height()))
        return rects

    def caret_rect(self, layout: QTextLayout, offset: int) -> QRectF:
        if layout.lineCount() == 0:
            return QRectF(0, 0, 2, 20)
        # a bar after a word sits on that word's line; a bar before a word (after a
        # space) on the word's line, also when the word starts a wrapped line
        text = layout.text()
        before = 0 < offset < len(text) and text[offset - 1].isspace()
        line = layout.lineForTextPosition(offset if before else max(0, offset - 1))
        if not line.isValid():
            line = layout.lineAt(layout.lineCount() - 1)
        x = line.cursorToX(offset)[0]
        return QRectF(x - 1, line.y() - 1, 2.4, line.height() + 2)

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # read straight from the model: no QVariant conversions in the paint path
        state = index.model().row_state(index.row())
        text, label, suggestion = state.text, state.label, state.suggestion
        selected, current = state.selected and not state.span_mode, state.current
        shown = label or suggestion
        color = self.colors.get(shown, MUTED) if shown else None

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        full = option.rect
        card = QRect(
            full.left() + GUTTER, full.top(), full.width() - GUTTER - 6, full.height() - GAP
        )
        painter.fillRect(full, self.paper)
        # the paragraph card: tinted by the confirmed label, hatched for a suggestion
        painter.setPen(Qt.PenStyle.NoPen)
        if selected:
            painter.setBrush(self.selected)
        elif label and color is not None:
            painter.setBrush(_tint(color, 22))
        else:
            painter.setBrush(self.paper)
        painter.drawRoundedRect(card, 5, 5)
        if suggestion and not label and color is not None:
            painter.setBrush(QBrush(_tint(color, 70), Qt.BrushStyle.BDiagPattern))
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
            pen = QPen(SPAN_CURRENT if state.span_mode else CURRENT, 2.4 if current else 1.0)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), 5, 5)
        self._paint_gutter(painter, full, label, suggestion, color, current)
        # the text, with its spans under it and the caret over it
        layout, _height = self.layout(index.row(), text)
        origin = QPointF(self.text_origin(full))
        painter.translate(origin)
        self._paint_marks(painter, layout, state.marks)
        if state.span_selection is not None:
            a, b = state.span_selection
            # the caret on a word (nothing selected yet: the bar before it, one token):
            # outlined; a selection: filled
            on_word = state.caret == a and not any(c.isspace() for c in text[a:b])
            painter.setPen(QPen(_tint(CURRENT, 200 if on_word else 150), 1.4 if on_word else 1))
            painter.setBrush(_tint(SPAN_SELECTION, 25) if on_word else SPAN_SELECTION)
            for rect in self.range_rects(layout, a, b):
                painter.drawRoundedRect(rect.adjusted(-1, 0, 1, 0), 3, 3)
        painter.setPen(self.muted_ink if label in self.muted else self.ink)
        layout.draw(painter, QPointF(0, 0))
        if state.caret is not None:
            painter.fillRect(self.caret_rect(layout, state.caret), CURRENT)
        painter.translate(-origin)
        self._paint_tag(painter, card, label, suggestion, state.score, color)
        painter.restore()

    def _paint_marks(self, painter: QPainter, layout: QTextLayout, marks) -> None:
        tags: dict[tuple[float, float], list[tuple[str, QColor]]] = {}
        for mark in sorted(marks, key=lambda m: ORDER.get(m.kind, 9)):
            rects = self.range_rects(layout, mark.start, mark.end)
            if not rects:
                continue
            if mark.kind in ("quote", "suggested_quote"):
                self._paint_quote(painter, rects, mark)
                continue
            if mark.kind in ("speaker", "cue"):
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(self.quote_ink)
                for rect in rects:
                    painter.drawRect(QRectF(rect.left(), rect.bottom() - 1, rect.width(), 2.6))
                tag_color = self.quote_ink
            else:
                base = self.entity_colors.get(mark.label, MUTED)
                if mark.kind == "entity":
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(_tint(base, 62))
                    for rect in rects:
                        painter.drawRoundedRect(rect.adjusted(-2, 0, 2, 0), 3, 3)
                        painter.fillRect(
                            QRectF(rect.left() - 2, rect.bottom() - 2, rect.width() + 4, 2), base
                        )
                else:  # suggested: dashed outline only
                    painter.setPen(QPen(base, 1.3, Qt.PenStyle.DashLine))
                    painter.setBrush(_tint(base, 18))
                    for rect in rects:
                        painter.drawRoundedRect(rect.adjusted(-2, 0, 2, 0), 3, 3)
                tag_color = base if mark.kind == "entity" else _tint(base, 170)
            if mark.first:
                first = rects[0]
                name = mark.label + ("?" if mark.kind == "suggested" else "")
                tags.setdefault((first.left(), first.bottom()), []).append((name, tag_color))
        self._paint_tags(painter, tags)

    def _paint_quote(self, painter: QPainter, rects: list[QRectF], mark: Mark) -> None:
        suggested = mark.kind == "suggested_quote"
        ink = SUGGESTED_QUOTE if suggested else self.quote_ink
        painter.setPen(QPen(ink, 1.2, Qt.PenStyle.DashLine) if suggested else Qt.PenStyle.NoPen)
        painter.setBrush(_tint(self.quote_color, 30 if suggested else 95))
        for rect in rects:
            painter.drawRect(rect.adjusted(-1, 1, 1, 0))
        pen = QPen(ink, 2.2)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        if mark.first:
            r = rects[0]
            x = r.left() - 2.5
            painter.drawPolyline(
                [
                    QPointF(x + 4, r.top()),
                    QPointF(x, r.top()),
                    QPointF(x, r.bottom() + 1),
                    QPointF(x + 4, r.bottom() + 1),
                ]
            )
        if mark.last:
            r = rects[-1]
            x = r.right() + 2.5
            painter.drawPolyline(
                [
                    QPointF(x - 4, r.top()),
                    QPointF(x, r.top()),
                    QPointF(x, r.bottom() + 1),
                    QPointF(x - 4, r.bottom() + 1),
                ]
            )

    def _paint_tags(self, painter: QPainter, tags) -> None:
        if not tags:
            return
        painter.setFont(self.tag_font)
        metrics = QFontMetrics(self.tag_font)
        for (x, bottom), parts in tags.items():
            at = x
            for name, color in parts:
                width = metrics.horizontalAdvance(name) + 6
                box = QRectF(at, bottom + 1.5, width, metrics.height())
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(_tint(self.paper, 230))
                painter.drawRoundedRect(box, 2, 2)
                painter.setPen(self.readable(color, 115))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, name)
                at += width + 2

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
            painter.setPen(self.readable(color, 120))
            painter.drawText(rect, right, label)
            if suggestion and suggestion != label:
                painter.setPen(self.muted_ink)
                painter.drawText(rect.translated(0, line), right, f"suggested {suggestion}")
        else:
            painter.setPen(self.readable(color, 110))
            percent = f"  {score:.0%}" if isinstance(score, float) else ""
            painter.drawText(rect, right, f"{suggestion}?{percent}")
