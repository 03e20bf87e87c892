"""The comparison under the table: the selected blocks' text once for gold and once per
annotator, each with that source's entity spans (tinted, tagged with the label), quotes
(bracketed, tinted) with their speaker and cue (underlined, tagged). Spans and quotes
the annotators do not all share are underlined with a red wave; below, each difference
in words (``review_notes``): who marked what, and where speakers or cues differ."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTableFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from annotator.core.model import Annotation, Document
from annotator.core.schema import LabelSchema
from annotator.gui.review_delegate import blend
from annotator.gui.review_notes import differences_html
from annotator.workspace.reviewing import DocumentDisagreement

MAX_CHARS = 6000  # of the selection shown; a select-all on a long article is cut
RED = QColor("#c62828")
INK = QColor("#1f2933")
MUTED = QColor("#7b8794")


class ComparePane(QTextEdit):
    def __init__(self, schema: LabelSchema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewCompare")
        self.setReadOnly(True)
        self.setFocusPolicy(self.focusPolicy().NoFocus)
        self.entity_colors = {label.name: QColor(label.color) for label in schema.entity_labels}
        self.block_colors = {label.name: QColor(label.color) for label in schema.block_labels}
        self.quote_color = QColor(schema.quote_color)

    # ------------------------------------------------------------------ showing
    def show_selection(
        self,
        document: Document,
        rows: list[int],
        work: dict[str, Annotation],
        gold: Annotation,
        found: DocumentDisagreement,
        proposals: dict[int, str] | None = None,
    ) -> None:
        """``proposals``: what accepting would give gold's undecided blocks."""
        start, end = document.blocks[rows[0]].start, document.blocks[rows[-1]].end
        end = min(end, start + MAX_CHARS)
        disputed_spans = {(s.start, s.end, s.label) for s in found.spans}
        disputed_quotes = {
            (q.start, q.end, role)
            for q in found.quotes
            for role, differs in (
                ("quote", bool(q.missing)),
                ("speaker", len(set(q.speakers.values())) > 1),
                ("cue", len(set(q.cues.values())) > 1),
            )
            if differs
        }
        doc = QTextDocument(self)
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(10)
        cursor = QTextCursor(doc)
        title = f"Block {rows[0] + 1}" if len(rows) == 1 else f"Blocks {rows[0] + 1}–{rows[-1] + 1}"
        cursor.insertHtml(
            f"<span style='font-weight:600; color:#7b8794'>{escape(title.upper())}</span>"
            "<span style='color:#7b8794'> · red wave: not every annotator marked it so</span>"
        )
        notes = differences_html(document.text, start, end, found)
        if notes:
            cursor.insertHtml("<br>" + "<br>".join(notes))
        table_format = QTextTableFormat()
        table_format.setBorder(0)
        table_format.setCellPadding(5)
        table_format.setCellSpacing(0)
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table_format.setColumnWidthConstraints(
            [
                QTextLength(QTextLength.Type.FixedLength, 130),
                QTextLength(QTextLength.Type.VariableLength, 0),
            ]
        )
        sources = [
            ("Gold", gold),
            *((f"{n} · {name}", a) for n, (name, a) in enumerate(work.items(), 1)),
        ]
        table = cursor.insertTable(len(sources), 2, table_format)
        for r, (name, annotation) in enumerate(sources):
            self._name_cell(
                table.cellAt(r, 0).firstCursorPosition(),
                name,
                annotation,
                rows,
                proposals if r == 0 else None,
            )
            if r == 0:
                table.cellAt(r, 0).setFormat(self._gold_cell_format())
                table.cellAt(r, 1).setFormat(self._gold_cell_format())
            self._text_cell(
                table.cellAt(r, 1).firstCursorPosition(),
                document.text,
                start,
                end,
                annotation,
                disputed_spans,
                disputed_quotes,
            )
        self.setDocument(doc)

    def clear_view(self, message: str) -> None:
        self.setHtml(f"<p style='color:#7b8794'>{escape(message)}</p>")

    # ------------------------------------------------------------------ cells
    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _ink(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text) if self._dark() else INK

    def _label_ink(self, color: QColor) -> QColor:
        return color.lighter(140) if self._dark() else color.darker(130)

    def _wash(self, color: QColor, amount: float) -> QColor:
        """``color`` washed into the paper (a little more of it on dark paper)."""
        base = self.palette().color(QPalette.ColorRole.Base)
        return blend(base, color, amount * 1.3 if self._dark() else amount)

    def _gold_cell_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        base = self.palette().color(QPalette.ColorRole.Base)
        fmt.setBackground(base.lighter(135) if self._dark() else QColor("#f3f6fb"))
        return fmt

    def _name_cell(
        self, cursor: QTextCursor, name: str, annotation: Annotation, rows, proposals=None
    ) -> None:
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.DemiBold)
        bold.setForeground(self._ink())
        cursor.insertText(name, bold)
        labels = [annotation.blocks.get(r) for r in rows]
        shown = sorted({label for label in labels if label}, key=labels.index)
        for label in shown[:3]:
            cursor.insertText("\n")
            chip = QTextCharFormat()
            color = self.block_colors.get(label, MUTED)
            chip.setForeground(self._label_ink(color))
            chip.setFontPointSize(max(8.0, self.font().pointSizeF() - 1))
            chip.setFontWeight(QFont.Weight.Bold)
            cursor.insertText(label, chip)
        if not shown:
            muted = QTextCharFormat()
            muted.setForeground(MUTED)
            guesses = sorted({proposals[r] for r in rows if r in (proposals or {})})
            if guesses:
                cursor.insertText("\n" + ", ".join(f"{g}?" for g in guesses[:2]), muted)
            else:
                cursor.insertText("\nno label", muted)

    def _text_cell(
        self,
        cursor: QTextCursor,
        text: str,
        start: int,
        end: int,
        annotation: Annotation,
        disputed_spans: set,
        disputed_quotes: set,
    ) -> None:
        spans = [s for s in annotation.spans if s.start < end and start < s.end]
        quotes = [q for q in annotation.quotes if q.start < end and start < q.end]
        roles: list[tuple[int, int, str, str, bool]] = []  # start, end, kind, label, disputed
        for s in spans:
            roles.append(
                (s.start, s.end, "entity", s.label, (s.start, s.end, s.label) in disputed_spans)
            )
        for q in quotes:
            disputed = (q.start, q.end, "quote") in disputed_quotes
            roles.append((q.start, q.end, "quote", "", disputed))
            for part, role in ((q.speaker, "speaker"), (q.cue, "cue")):
                if part is not None and part.start < end and start < part.end:
                    differs = disputed or (q.start, q.end, role) in disputed_quotes
                    roles.append((part.start, part.end, role, role, differs))
        cuts = {start, end}
        for a, b, *_ in roles:
            cuts.update(x for x in (a, b) if start <= x <= end)
        points = sorted(cuts)
        for a, b in zip(points, points[1:], strict=False):
            covering = [r for r in roles if r[0] <= a and b <= r[1]]
            for r in roles:
                if r[2] == "quote" and r[0] == a:
                    self._insert_mark(cursor, "[", r[4])
            cursor.insertText(text[a:b], self._format(covering))
            for r in roles:
                if r[1] == b:
                    if r[2] == "quote":
                        self._insert_mark(cursor, "]", r[4])
                    else:
                        self._insert_tag(cursor, r)

    def _format(self, covering) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setForeground(self._ink())
        disputed = any(r[4] for r in covering)
        entity = next((r for r in covering if r[2] == "entity"), None)
        if entity is not None:
            fmt.setBackground(self._wash(self.entity_colors.get(entity[3], MUTED), 0.28))
        elif any(r[2] == "quote" for r in covering):
            fmt.setBackground(self._wash(self.quote_color, 0.35))
        if any(r[2] in ("speaker", "cue") for r in covering):
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(self._label_ink(self.quote_color))
        if disputed:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(RED)
        return fmt

    def _insert_mark(self, cursor: QTextCursor, mark: str, disputed: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setForeground(RED if disputed else self._label_ink(self.quote_color))
        fmt.setFontWeight(QFont.Weight.Bold)
        cursor.insertText(mark, fmt)

    def _insert_tag(self, cursor: QTextCursor, role) -> None:
        fmt = QTextCharFormat()
        color = (
            self.entity_colors.get(role[3], self.quote_color)
            if role[2] == "entity"
            else self.quote_color
        )
        fmt.setForeground(RED if role[4] else self._label_ink(color))
        fmt.setFontPointSize(max(7.0, self.font().pointSizeF() - 2.5))
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSubScript)
        cursor.insertText(f"\u2009{role[3]}", fmt)
