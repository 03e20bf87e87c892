"""Review mode: a window of its own that takes the main window's place (F9 there, F9
again to come back). Composition only: the session holds the state, the registry the
actions. Left the queue, in the middle the blocks with one label column per annotator
and the gold column, under them the selected blocks compared source by source.

Only the project's curators may enter (``review_entry``): annotators work blind, and this
window shows everyone's work.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QSplitter,
    QStatusBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Status
from annotator.gui.actions import ActionRegistry, label_keys
from annotator.gui.keymap import Keymap
from annotator.gui.review_actions import review_keys, review_specs
from annotator.gui.review_compare import ComparePane
from annotator.gui.review_delegate import ReviewDelegate
from annotator.gui.review_queue import QueueDelegate, QueueModel
from annotator.gui.review_session import ReviewSession
from annotator.workspace import Workspace

MENUS = (
    "File",
    "Edit",
    "View",
    "Navigate",
    "Blocks",
    "Gold",
    "Annotators",
    "Document",
    "Review",
    "Help",
)


def review_keymap(workspace: Workspace) -> Keymap:
    return Keymap.load({**label_keys(workspace.schema), **review_keys(workspace.schema)})


class ReviewWindow(QMainWindow):
    agreedAccepted = Signal(object)  # the AcceptReport of "accept everything agreed"

    def __init__(self, workspace: Workspace, main_window: QMainWindow | None = None) -> None:
        super().__init__()
        self.setObjectName("reviewWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.workspace, self.main_window = workspace, main_window
        self._leaving = False
        self.setWindowTitle(f"Review — Annotator ({workspace.annotator}, curator)")
        self.session = ReviewSession(workspace, self)

        self.queue = QListView()
        self.queue.setObjectName("reviewQueue")
        self.queue.setModel(QueueModel(self.session, self))
        self.queue.setItemDelegate(QueueDelegate(self.queue))
        self.queue.setUniformItemSizes(True)
        self.queue.setMinimumWidth(260)
        self.heading = QLabel()
        self.heading.setObjectName("reviewHeading")
        # a fixed height: a heading that grew would shrink the table under the scroll
        line = self.heading.fontMetrics().lineSpacing()
        self.heading.setFixedHeight(2 * line + 20)
        self.table = QTableView()
        self.table.setObjectName("reviewTable")
        self.table.setModel(self.session.model)
        self.delegate = ReviewDelegate(workspace.schema, self.table)
        self.table.setItemDelegate(self.delegate)
        self.delegate.use_palette(self.table.palette())
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.delegate.row_height())
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.compare = ComparePane(workspace.schema)
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.heading)
        column.addWidget(self.table, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(middle)
        right.addWidget(self.compare)
        right.setSizes([520, 300])
        right.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("reviewSplitter")
        splitter.addWidget(self.queue)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 1070])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.status = QStatusBar()
        self.status.setObjectName("statusBar")
        self.progress = QLabel()
        self.mode = QLabel("REVIEW MODE")
        self.mode.setObjectName("statusMode")
        self.mode.setProperty("mode", "review")
        self.saved = QLabel("Gold is saved as you go")
        self.saved.setObjectName("statusSaved")
        for widget in (self.progress, self.mode, self.saved):
            self.status.addPermanentWidget(widget)
        self.setStatusBar(self.status)

        self.registry = ActionRegistry(
            self, review_specs(workspace.schema), review_keymap(workspace)
        )
        self.registry.set_mode("review")
        self._fill_menus()
        self._connect()
        self.compare.clear_view("Finding the documents the annotators disagree on…")
        self.table.setFocus()

    def theme_changed(self) -> None:
        """The palette changed (light or dark theme): repaint the rows and the pane."""
        self.delegate.use_palette(self.table.palette())
        self.table.viewport().update()
        self._show_compare()

    def _fill_menus(self) -> None:
        menus = {name: self.menuBar().addMenu(f"&{name}") for name in MENUS}
        for spec in self.registry.specs:
            menu = menus.get(spec.menu) or menus.setdefault(
                spec.menu, self.menuBar().addMenu(spec.menu)
            )
            menu.addAction(self.registry.actions[spec.id])

    def _connect(self) -> None:
        session = self.session
        session.message.connect(lambda text: self.status.showMessage(text, 10000))
        session.stateChanged.connect(self.registry.update_enabled)
        session.documentOpened.connect(self._document_opened)
        session.currentBlockChanged.connect(self._current_changed)
        session.goldChanged.connect(self._gold_changed)
        session.queueChanged.connect(self._queue_changed)
        self.queue.clicked.connect(self._queue_clicked)
        self.queue.activated.connect(self._queue_clicked)

    def start(self) -> None:
        self.session.load_queue()

    # ------------------------------------------------------------------ updates
    def _document_opened(self, document_id: str) -> None:
        model = self.session.model
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(0, 52)
        for column in range(1, model.gold_column + 1):
            self.table.setColumnWidth(column, 118)
        self._queue_changed()
        self._show_heading()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _current_changed(self, row: int) -> None:
        self._show_compare()
        self.table.scrollTo(self.session.model.index(row, 0))

    def _gold_changed(self) -> None:
        self.saved.setText("✓ Gold saved")
        self._show_heading()
        self._show_compare()
        self.registry.update_enabled()

    def _queue_changed(self) -> None:
        queue = self.session.queue
        settled = sum(item.settled for item in queue)
        self.progress.setText(f"{settled} of {len(queue)} settled")
        row = self.session.queue_row()
        if row >= 0:
            self.queue.setCurrentIndex(self.queue.model().index(row, 0))
        self.registry.update_enabled()

    def _queue_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.session.open_document(self.session.queue[index.row()].document_id)
            self.table.setFocus(Qt.FocusReason.MouseFocusReason)

    def _show_heading(self) -> None:
        session = self.session
        document, found = session.document, session.found
        if document is None or found is None:
            self.heading.setText("")
            return
        title = document.meta.title or document.id
        gold = {Status.DONE: "accepted", Status.IN_PROGRESS: "in progress"}.get(
            session.gold.status, str(session.gold.status)
        )
        if session.gold.version == 0:
            gold = "not started"
        names = ", ".join(f"{n} {a}" for n, a in enumerate(session.annotators, 1))
        self.heading.setToolTip(title)
        self.heading.setText(
            f"<b>{escape(title)}</b><br><span style='color:#7b8794'>"
            f"{found.count} of {found.items} items differ ({found.score:.0%}) · "
            f"{len(found.blocks)} block labels, {len(found.spans)} spans, "
            f"{len(found.quotes)} quote{'' if len(found.quotes) == 1 else 's'} · "
            f"annotators {escape(names)} · gold {gold}</span>"
        )

    def _show_compare(self) -> None:
        session = self.session
        rows = session.model.selection
        if session.document is None or session.found is None or not rows:
            return
        model = session.model
        proposals = {r: p for r in rows if (p := model.proposal(r)) is not None}
        self.compare.show_selection(
            session.document, rows, model.work, session.gold, session.found, proposals
        )

    # ------------------------------------------------------------------ actions
    def accept_agreed(self) -> None:
        from annotator.gui.review_agreed import AcceptAgreed

        self.agreed = AcceptAgreed(self.workspace, self)
        self.agreed.finished.connect(self._agreed_done)
        self.agreed.start()

    def _agreed_done(self, result: object) -> None:
        if isinstance(result, Exception):
            self.status.showMessage(f"Nothing was accepted: {result}", 10000)
            return
        for stack in self.session.undo_group.stacks():
            stack.clear()  # versions moved under them; the corpus action is not undoable
        if self.session.document is not None:
            self.session.open_document(self.session.document.id)
        self.session.load_queue()
        self.status.showMessage(
            f"Accepted what everyone agrees on: {result.items} items in "
            f"{result.documents} documents, {result.completed} finished",
            15000,
        )
        self.agreedAccepted.emit(result)

    def toggle_focus(self) -> None:
        if self.table.hasFocus():
            self.queue.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_palette(self) -> None:
        from annotator.gui.palette import CommandPalette

        CommandPalette(self.registry, self).open()

    def open_cheat_sheet(self) -> None:
        from annotator.gui.cheat_sheet import CheatSheet

        CheatSheet(self.registry, self).open()

    def open_shortcut_editor(self) -> None:
        from annotator.gui.shortcut_editor import ShortcutEditor

        ShortcutEditor(self.registry, self).open()

    def leave(self) -> None:
        """Back to annotating (F9): the main window comes back where this one was."""
        self._leaving = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Closed by ``leave`` the main window comes back; closed otherwise (Ctrl+Q, the
        window's close button) the app quits, as it would from the main window."""
        loader = self.session.loader
        if loader is not None and loader.isRunning():
            loader.wait(10000)  # a thread must not outlive its window
        main, leaving = self.main_window, self._leaving
        self._leaving = False
        if main is not None and not leaving:
            main.close()
        elif main is not None:
            main.setGeometry(self.geometry())
            registry = getattr(main, "registry", None)
            if registry is not None:  # keys may have been edited here
                registry.set_keymap(Keymap.load(label_keys(self.workspace.schema)))
            main.show()
            main.activateWindow()
        super().closeEvent(event)
