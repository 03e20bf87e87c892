"""The main window: composition only. The session holds the state, the registry the
actions; this file puts the widgets together and connects their signals."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from annotator.gui.actions import ACTIONS, ActionRegistry, label_keys, label_specs
from annotator.gui.activity import ActivityTracker
from annotator.gui.article_view import ArticleView
from annotator.gui.conflict_dialog import ConflictHandler
from annotator.gui.document_list import DocumentListWidget
from annotator.gui.drop_import import DropImport
from annotator.gui.keymap import Keymap
from annotator.gui.live_progress import LiveProgress
from annotator.gui.review_actions import REVIEW_ENTRY
from annotator.gui.session import AnnotationSession
from annotator.gui.side_panel import SidePanel
from annotator.gui.status_bar import StatusBar
from annotator.gui.suggest_actions import SUGGEST_ACTIONS
from annotator.gui.suggest_controller import SuggestionsController
from annotator.gui.view_actions import VIEW_ACTIONS
from annotator.gui.zoom import Zoom
from annotator.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"Annotator — {workspace.annotator} — {workspace.location}")
        self.session = AnnotationSession(workspace, self)

        self.article = ArticleView(workspace.schema)
        self.article.setModel(self.session.model)
        self.session.line_layout = self.article  # span mode's Up/Down by visual line
        self.side_panel = SidePanel(workspace.schema)
        self.span_list = self.side_panel.span_list
        self.document_list = DocumentListWidget(workspace, self)
        self.document_list.setMinimumWidth(220)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        for widget in (self.document_list, self.article, self.side_panel):
            splitter.addWidget(widget)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([440, 660, 300])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)

        self.suggestions = SuggestionsController(self)
        specs = [
            *ACTIONS,
            *SUGGEST_ACTIONS,
            *VIEW_ACTIONS,
            *label_specs(workspace.schema),
            *REVIEW_ENTRY,
        ]
        keymap = Keymap.load(label_keys(workspace.schema))
        self.registry = ActionRegistry(self, specs, keymap, focus_scope=self.article)
        self.registry.fill_menus(self.menuBar())
        self._connect()
        self.conflicts = ConflictHandler(self.session, self)
        self.live = LiveProgress(self)
        self._show_label_keys()
        self.zoom = Zoom(self.article)
        self.activity = ActivityTracker(self)
        self.drop_import = DropImport(self)
        self.next_project = None  # set by File > Open project: the app reopens on it
        self.theme_changed()
        self.article.setFocus()
        # spaCy takes seconds to import: load the tokenizer before span mode needs it
        QThreadPool.globalInstance().start(workspace.warm_up_tokenizer)

    def _connect(self) -> None:
        session, status = self.session, self.status
        session.currentBlockChanged.connect(self.article.show_block)
        session.documentOpened.connect(self._document_opened)
        session.statusChanged.connect(self._status_changed)
        session.saved.connect(lambda _id: status.show_saved())
        session.progressChanged.connect(status.show_progress)
        session.progressChanged.connect(self.side_panel.show_progress)
        session.modeChanged.connect(status.show_mode)
        session.modeChanged.connect(self.registry.set_mode)
        session.message.connect(status.say)
        session.stateChanged.connect(self.registry.update_enabled)
        session.caretMoved.connect(self.article.ensure_offset_visible)
        session.modeChanged.connect(self.side_panel.show_mode)
        session.spansChanged.connect(self._spans_changed)
        self.article.blockClicked.connect(session.click_block)
        self.article.textPressed.connect(session.press_text)
        self.article.textDragged.connect(session.drag_text)
        self.span_list.jumpRequested.connect(self._jump_to_span)
        self.span_list.leaveRequested.connect(self.focus_article)
        self.document_list.documentActivated.connect(session.open_document)
        self.document_list.view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter on the document list opens the document and goes to its first block;
        moving with the arrows there previews documents and keeps the focus."""
        if (
            watched is self.document_list.view
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            QTimer.singleShot(0, self.focus_article)
        return super().eventFilter(watched, event)

    def theme_changed(self) -> None:
        """The palette changed (light or dark theme): repaint the article in it."""
        self.article.delegate.use_palette(self.article.palette())
        self.article.viewport().update()
        review = getattr(self, "review_window", None)
        if review is not None:
            review.theme_changed()

    def focus_article(self) -> None:
        self.article.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def toggle_focus(self) -> None:
        """Between the article and the document list (F6)."""
        if self.article.hasFocus():
            self.document_list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.focus_article()

    def toggle_span_list(self) -> None:
        """Between the article and the span list (F7); the list starts at the caret."""
        if self.span_list.hasFocus():
            self.focus_article()
            return
        model = self.span_list.model()
        if model.rowCount():
            caret = self.session.caret
            offset = caret.selection.start if caret is not None else 0
            self.span_list.setCurrentIndex(model.index(model.row_near(offset), 0))
        self.span_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _jump_to_span(self, start: int, end: int) -> None:
        self.session.jump_to(start, end)
        self.focus_article()

    def _spans_changed(self) -> None:
        session = self.session
        document = session.document
        mine = self.workspace.my_annotation(document.id) if document else None
        self.span_list.model().load(document.text if document else None, mine)

    def find_document(self) -> None:
        self.document_list.focus_search()

    def _document_opened(self, document_id: str) -> None:
        self.side_panel.show_document(self.session.document, self.workspace.is_done(document_id))
        title = self.session.document.meta.title if self.session.document else None
        self.setWindowTitle(f"{title or document_id} — Annotator ({self.workspace.annotator})")
        self.document_list.set_current(document_id)

    def _status_changed(self, document_id: str) -> None:
        if document_id == self.session.document_id:
            self.side_panel.show_document(
                self.session.document, self.workspace.is_done(document_id)
            )
        self.document_list.refresh()

    def _show_label_keys(self) -> None:
        keys = {
            label.name: self.registry.keys(f"label.{label.name}", "block")
            for label in self.workspace.schema.block_labels
        }
        self.side_panel.show_keys(keys)
        span_keys = {
            label.name: self.registry.keys(f"entity.{label.name}", "span")
            for label in self.workspace.schema.entity_labels
        }
        for role in ("quote", "speaker", "cue"):
            span_keys[role] = self.registry.keys(f"span.{role}", "span")
        self.side_panel.show_entity_keys(span_keys)

    # ------------------------------------------------------------------ dialogs
    def open_palette(self) -> None:
        from annotator.gui.palette import CommandPalette

        CommandPalette(self.registry, self).open()

    def open_cheat_sheet(self) -> None:
        from annotator.gui.cheat_sheet import CheatSheet

        CheatSheet(self.registry, self).open()

    def open_shortcut_editor(self) -> None:
        from annotator.gui.shortcut_editor import ShortcutEditor

        editor = ShortcutEditor(self.registry, self)
        editor.accepted.connect(self._show_label_keys)
        editor.open()

    def open_export_dialog(self) -> None:
        from annotator.gui.export_dialog import ExportDialog

        self.export_dialog = ExportDialog(self.workspace, self)
        self.export_dialog.open()

    def start(self, document_id: str | None = None) -> None:
        """Open ``document_id`` or the first unfinished document, focus on its first block."""
        self.document_list.refresh()  # documents may have arrived (first-run import)
        target = document_id or self.workspace.next_document() or self.workspace.first_document()
        if target is None:
            self.status.say(
                "This project has no documents yet: import some with `annotator import PATH`"
            )
            progress = self.workspace.progress()
            self.status.show_progress(progress.done, progress.total)
            self.side_panel.show_progress(progress.done, progress.total)
        else:
            self.session.open_document(target)
        self.article.setFocus()
