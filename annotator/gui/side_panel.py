"""The right-hand panel: the legend of the labels that the current mode's keys apply
(block labels, or entity labels and the quote keys), the list of my spans and quotes,
the document's metadata and my progress through the project."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout, QWidget

from annotator.core.model import Document
from annotator.core.schema import LabelSchema
from annotator.gui.span_list import SpanListModel, SpanListView


def _heading(text: str) -> QLabel:
    label = QLabel(text.upper())
    label.setObjectName("panelHeading")
    return label


class SidePanel(QFrame):
    def __init__(self, schema: LabelSchema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.schema = schema
        self.setMinimumWidth(260)
        self.setMaximumWidth(380)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)

        self.legend_heading = _heading("Block labels")
        layout.addWidget(self.legend_heading)
        self.labels = QLabel()
        self.labels.setObjectName("labelLegend")
        self.labels.setTextFormat(Qt.TextFormat.RichText)
        self.labels.setWordWrap(True)
        layout.addWidget(self.labels)
        self.entities = QLabel()
        self.entities.setObjectName("entityLegend")
        self.entities.setTextFormat(Qt.TextFormat.RichText)
        self.entities.setWordWrap(True)
        self.entities.hide()
        layout.addWidget(self.entities)

        layout.addSpacing(6)
        layout.addWidget(_heading("Spans and quotes · F7"))
        self.span_model = SpanListModel(schema, self)
        self.span_list = SpanListView(self.span_model)
        self.span_list.setMinimumHeight(90)
        layout.addWidget(self.span_list, 1)

        layout.addSpacing(8)
        layout.addWidget(_heading("Document"))
        self.meta = QLabel("No document open")
        self.meta.setObjectName("documentMeta")
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.meta.setOpenExternalLinks(True)
        self.meta.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.meta)

        layout.addSpacing(8)
        layout.addWidget(_heading("My progress"))
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setTextVisible(True)
        layout.addWidget(self.progress)
        self.progress_text = QLabel()
        self.progress_text.setObjectName("progressText")
        layout.addWidget(self.progress_text)
        self.hint = QLabel("Ctrl+K: all commands · ?: all keys")
        self.hint.setObjectName("hint")
        layout.addWidget(self.hint)
        self.show_keys({})
        self.show_entity_keys({})

    def show_mode(self, mode: str) -> None:
        """The legend of the labels this mode's keys apply."""
        span = mode == "span"
        self.legend_heading.setText("ENTITY LABELS AND QUOTES" if span else "BLOCK LABELS")
        self.labels.setVisible(not span)
        self.entities.setVisible(span)

    def show_entity_keys(self, keys: dict[str, list[str]]) -> None:
        """``keys`` maps an entity label name (or quote, speaker, cue) to its keys."""
        cells = []
        for label in self.schema.entity_labels:
            key = ", ".join(keys.get(label.name, [label.key])) or "–"
            cells.append(
                f"<td><span style='background:{label.color}; color:white; font-weight:600'>"
                f"&nbsp;{escape(key)}&nbsp;</span></td>"
                "<td style='padding-left:5px; padding-right:12px'>"
                f"<b>{escape(label.name)}</b></td>"
            )
        rows = ["<tr>" + "".join(cells[i : i + 2]) + "</tr>" for i in range(0, len(cells), 2)]
        quote = self.schema.quote_color
        roles = []
        for name, fallback, what in (
            ("quote", self.schema.quote_key, "quote"),
            ("speaker", self.schema.speaker_key, "its speaker"),
            ("cue", "V", "its cue"),
        ):
            key = ", ".join(keys.get(name, [fallback.upper()])) or "–"
            roles.append(
                f"<td><span style='background:{quote}; color:#3e2723; font-weight:600'>"
                f"&nbsp;{escape(key)}&nbsp;</span></td>"
                f"<td style='padding-left:5px; padding-right:12px'>{what}</td>"
            )
        rows.append("<tr>" + "".join(roles[:2]) + "</tr><tr>" + roles[2] + "</tr>")
        self.entities.setText(
            f"<table cellspacing=2>{''.join(rows)}</table>"
            "<div style='color:#7b8794; font-size:small'>w or n selects a name, a digit labels "
            "it, e labels every occurrence; Space accepts, x rejects a suggestion; t picks "
            "the quote s and v link to; Esc: block mode</div>"
        )

    def show_keys(self, keys: dict[str, list[str]]) -> None:
        """``keys`` maps a label name to its current keys (from the keymap)."""
        rows = []
        for label in self.schema.block_labels:
            key = ", ".join(keys.get(label.name, [label.key.upper()])) or "–"
            rows.append(
                f"<tr><td><span style='background:{label.color}; color:white;"
                f" font-weight:600'>&nbsp;{escape(label.key.upper())}&nbsp;</span></td>"
                f"<td style='padding-left:8px'><b>{escape(label.name)}</b></td>"
                f"<td style='padding-left:8px; color:#7b8794'><code>{escape(key)}</code></td></tr>"
                f"<tr><td></td><td colspan=2 style='padding-left:8px; color:#7b8794;"
                f" font-size:small'>{escape(label.description)}</td></tr>"
            )
        self.labels.setText(f"<table cellspacing=2>{''.join(rows)}</table>")

    def show_document(self, document: Document | None, done: bool) -> None:
        if document is None:
            self.meta.setText("No document open")
            return
        meta = document.meta
        url = escape(meta.url or "")
        fields = [
            ("Title", escape(meta.title or "(untitled)")),
            ("Publisher", escape(meta.publisher or "–")),
            ("Source", escape(_file_name(meta.source)) if meta.source else "–"),
            ("Published", escape(meta.published or "–")),
            ("URL", f"<a href='{url}'>{escape(_short(meta.url))}</a>" if meta.url else "–"),
            ("Blocks", str(len(document.blocks))),
            ("My status", "<b style='color:#2e7d32'>done</b>" if done else "in progress"),
        ]
        rows = "".join(
            f"<tr><td style='color:#7b8794; padding-right:8px'>{name}</td><td>{value}</td></tr>"
            for name, value in fields
        )
        self.meta.setText(f"<table cellspacing=3>{rows}</table>")

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} / {total}")
        left = total - done
        self.progress_text.setText(f"{left} document{'s' if left != 1 else ''} to go")


def _file_name(source: str) -> str:
    return source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def _short(url: str | None, limit: int = 42) -> str:
    if not url:
        return ""
    bare = url.split("://", 1)[-1]
    return bare if len(bare) <= limit else bare[: limit - 1] + "…"
