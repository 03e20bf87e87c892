"""The document list: a lazily paging table of the project's documents, a search box and a
status filter, as one annotator sees them.

``DocumentListModel`` is an adapter over ``Workspace.list_documents``: ``rowCount`` is the
number of documents passing the filter (one cheap COUNT), and ``data()`` loads the page of
``PAGE`` rows holding the asked row when it is not cached. Only the last ``CACHED_PAGES``
pages are kept, so memory does not grow with the project or with scrolling.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.workspace import Workspace
from annotator.workspace.listing import (
    FILTERS,
    IMPORT_ORDER,
    UNCERTAIN,
    DocumentFilter,
    DocumentSummary,
)

DocumentIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2

STATUS_TITLES = {
    "all": "All",
    "new": "New",
    "in_progress": "In progress",
    "done": "Done",
    "skipped": "Skipped",
}
COLUMNS = ("Title", "Publisher", "Status", "Sugg.", "Changed", "Conf.")
TITLE, PUBLISHER, STATUS, SUGGESTIONS, CHANGED, CONFIDENCE = range(len(COLUMNS))
ORDER_TITLES = {IMPORT_ORDER: "Import order", UNCERTAIN: "Least confident first"}
SEARCH_DELAY_MS = 150

_Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractTableModel):
    PAGE = 200
    CACHED_PAGES = 8

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._filter = DocumentFilter()
        self._pages: OrderedDict[int, list[DocumentSummary]] = OrderedDict()
        self._count = workspace.document_count(self._filter)
        self.pages_loaded = 0  # how many pages were read from the workspace (for tests)

    # ------------------------------------------------------------------ the filter
    @property
    def filter(self) -> DocumentFilter:
        return self._filter

    def set_filter(
        self, search: str | None = None, status: str | None = None, order: str | None = None
    ) -> None:
        new = DocumentFilter(
            self._filter.search if search is None else search,
            self._filter.status if status is None else status,
            self._filter.order if order is None else order,
        )
        if new == self._filter:
            return
        self.beginResetModel()
        self._filter = new
        self._pages.clear()
        self._count = self._workspace.document_count(new)
        self.endResetModel()

    def refresh(self) -> bool:
        """Read again after changes elsewhere. Returns True when rows came or went (the
        model was reset) and False when only their contents may have changed."""
        count = self._workspace.document_count(self._filter)
        if count != self._count:
            self.beginResetModel()
            self._pages.clear()
            self._count = count
            self.endResetModel()
            return True
        self._pages.clear()
        if count:
            last = self.index(count - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        return False

    # ------------------------------------------------------------------- rows
    def summary(self, row: int) -> DocumentSummary | None:
        if not 0 <= row < self._count:
            return None
        number = row // self.PAGE
        page = self._pages.get(number)
        if page is None:
            previous = self._pages.get(number - 1)
            after = previous[-1].id if previous and len(previous) == self.PAGE else None
            after = after if self._filter.order == IMPORT_ORDER else None
            page = self._workspace.list_documents(
                self._filter, number * self.PAGE, self.PAGE, after_id=after
            )
            self.pages_loaded += 1
            self._pages[number] = page
            while len(self._pages) > self.CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * self.PAGE
        return page[offset] if offset < len(page) else None

    def document_id(self, row: int) -> str | None:
        found = self.summary(row)
        return found.id if found else None

    def row_of(self, document_id: str) -> int | None:
        for number, page in self._pages.items():
            for offset, item in enumerate(page):
                if item.id == document_id:
                    return number * self.PAGE + offset
        row = self._workspace.document_row(document_id, self._filter)
        return row if row is not None and row < self._count else None

    # -------------------------------------------------------- QAbstractTableModel
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return section + 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(COLUMNS):
            return None
        if role not in _ROLES:
            return None
        item = self.summary(index.row())
        if item is None:
            return None
        column = index.column()
        if role == DocumentIdRole:
            return item.id
        if role == StatusRole:
            return item.status
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (SUGGESTIONS, CONFIDENCE):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.title}\n{item.publisher} · {item.id}" if column == TITLE else None
        return _display(item, column)


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        DocumentIdRole,
        StatusRole,
    }
)


def _display(item: DocumentSummary, column: int) -> str:
    if column == TITLE:
        return item.title
    if column == PUBLISHER:
        return item.publisher
    if column == STATUS:
        return STATUS_TITLES.get(item.status, item.status)
    if column == SUGGESTIONS:
        return str(item.suggestions) if item.suggestions else ""
    if column == CONFIDENCE:
        return f"{item.confidence:.0%}" if item.confidence is not None else ""
    if item.updated_at is None:
        return ""
    return item.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")


class _DocumentTable(QTableView):
    """Knows whether the current row moved by a key, and sends typing to the search box."""

    typed = Signal(str)
    opened = Signal(QModelIndex)  # Enter on the current row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.by_keyboard = False

    def keyPressEvent(self, event) -> None:  # noqa: N802
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        enter = plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.currentIndex().isValid():
            self.opened.emit(self.currentIndex())
            event.accept()
            return
        self.by_keyboard = True
        try:
            super().keyPressEvent(event)
        finally:
            self.by_keyboard = False

    def keyboardSearch(self, search: str) -> None:  # noqa: N802
        # The default walks every row with match(), which would load the whole list.
        if search.strip():
            self.typed.emit(search)


class DocumentListWidget(QWidget):
    """Search box, status filter and the document table, for keyboard and mouse."""

    documentActivated = Signal(str)  # noqa: N815  (Qt naming)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._quiet = False
        self._current_id: str | None = None

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search titles and text")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.status = QComboBox(self)
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for status in FILTERS:
            self.status.addItem(STATUS_TITLES[status], status)
        self.order = QComboBox(self)
        self.order.setObjectName("documentOrder")
        self.order.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.order.setToolTip(
            "Least confident first: documents whose block suggestions are "
            "least certain come first (active learning)"
        )
        for order, title in ORDER_TITLES.items():
            self.order.addItem(title, order)

        self.model = DocumentListModel(workspace, self)
        self.view = _DocumentTable(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        rows = self.view.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        columns = self.view.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        em = self.view.fontMetrics().horizontalAdvance("M")
        for column, width in (
            (PUBLISHER, 9),
            (STATUS, 6),
            (SUGGESTIONS, 3),
            (CHANGED, 7),
            (CONFIDENCE, 4),
        ):
            columns.resizeSection(column, width * em)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.status.currentIndexChanged.connect(self._apply_filter)
        self.order.currentIndexChanged.connect(self._apply_filter)
        self.view.opened.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.view.typed.connect(self._typed)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.status)
        top.addWidget(self.order)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)
        self._update_counts()

    # ----------------------------------------------------------------- public
    def current_document(self) -> str | None:
        return self._current_id if self.view.currentIndex().isValid() else None

    def set_current(self, document_id: str | None) -> bool:
        """Select the document's row without emitting ``documentActivated``; False when
        the current filter hides it (the selection is then cleared)."""
        row = self.model.row_of(document_id) if document_id else None
        self._quiet = True
        try:
            selection = self.view.selectionModel()
            self._current_id = document_id if row is not None else None
            if row is None:
                selection.clear()
                return False
            index = self.model.index(row, 0)
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.setCurrentIndex(index, flags)
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
            return True
        finally:
            self._quiet = False

    def refresh(self) -> None:
        """Show changes made elsewhere (statuses, suggestions, new documents)."""
        current = self.current_document()
        if self.model.refresh() and current:
            self.set_current(current)
        self._update_counts()

    def toggle_order(self) -> str:
        """Between import order and least confident first; returns the new order."""
        self.order.setCurrentIndex((self.order.currentIndex() + 1) % self.order.count())
        return self.model.filter.order

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ---------------------------------------------------------------- private
    def _apply_filter(self) -> None:
        self._search_timer.stop()
        current = self.current_document()
        self.model.set_filter(
            self.search.text(), self.status.currentData(), self.order.currentData()
        )
        if current:
            self.set_current(current)
        self._update_counts()

    def _update_counts(self) -> None:
        counts = self._workspace.status_counts(self.model.filter.search)
        for i in range(self.status.count()):
            status = self.status.itemData(i)
            self.status.setItemText(i, f"{STATUS_TITLES[status]} ({counts.of(status):,})")

    def _activated(self, index: QModelIndex) -> None:
        doc_id = self.model.document_id(index.row())
        if doc_id:
            self.documentActivated.emit(doc_id)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        self._current_id = self.model.document_id(current.row()) if current.isValid() else None
        if self.view.by_keyboard and self._current_id:
            self.documentActivated.emit(self._current_id)

    def _typed(self, text: str) -> None:
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search.insert(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._search_timer.isActive():
                    self._apply_filter()
                self._enter_list()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    def _enter_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.set_current(self.model.document_id(0))
