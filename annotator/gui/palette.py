"""The command palette (Ctrl+K): every action of the registry, fuzzy-filtered as you
type; Up/Down choose, Enter runs, Esc closes."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListView, QVBoxLayout, QWidget

from annotator.gui.actions import ActionRegistry

Index = QModelIndex | QPersistentModelIndex
ActionIdRole = Qt.ItemDataRole.UserRole + 1


def fuzzy_score(query: str, text: str) -> int | None:
    """Every query character in order in ``text``; higher is better; ``None``: no match."""
    query, text = query.casefold().strip(), text.casefold()
    if not query:
        return 0
    if query in text:
        return 1000 - text.index(query)
    score, at, previous = 0, 0, -2
    for char in query:
        if char == " ":
            continue
        found = text.find(char, at)
        if found < 0:
            return None
        score += (
            10 if found == previous + 1 else (5 if found == 0 or text[found - 1] in " ._" else 1)
        )
        previous, at = found, found + 1
    return score


class ActionListModel(QAbstractListModel):
    """The registry's enabled actions matching a query, best first."""

    def __init__(self, registry: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self._rows: list[tuple[str, str, str]] = []  # id, title, keys
        self.set_query("")

    def set_query(self, query: str) -> None:
        scored = []
        for order, spec in enumerate(self.registry.specs):
            action = self.registry.actions[spec.id]
            if not action.isEnabled():
                continue
            score = fuzzy_score(query, f"{spec.title} {spec.menu} {spec.id}")
            if score is not None:
                keys = ", ".join(self.registry.keys(spec.id))
                scored.append((-score, order, (spec.id, f"{spec.menu}: {spec.title}", keys)))
        self.beginResetModel()
        self._rows = [row for _s, _o, row in sorted(scored)]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        action_id, title, keys = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{title}    {keys}" if keys else title
        if role == Qt.ItemDataRole.ToolTipRole:
            return action_id
        if role == ActionIdRole:
            return action_id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class CommandPalette(QDialog):
    def __init__(self, registry: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commandPalette")
        self.setWindowTitle("Command palette")
        self.registry = registry
        self.ran: str | None = None
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        self.query = QLineEdit()
        self.query.setPlaceholderText("Type a command…")
        self.query.setObjectName("paletteQuery")
        self.model = ActionListModel(registry, self)
        self.list = QListView()
        self.list.setObjectName("paletteList")
        self.list.setModel(self.model)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.query)
        layout.addWidget(self.list)
        self.query.textChanged.connect(self._filter)
        self.query.returnPressed.connect(self.run_selected)
        self.list.activated.connect(lambda _i: self.run_selected())
        self._filter("")
        self.query.setFocus()

    def _filter(self, text: str) -> None:
        self.model.set_query(text)
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
        if step and self.model.rowCount():
            row = (self.list.currentIndex().row() + step) % self.model.rowCount()
            self.list.setCurrentIndex(self.model.index(row))
            return
        super().keyPressEvent(event)

    def run_selected(self) -> None:
        index = self.list.currentIndex()
        if not index.isValid():
            return
        self.ran = index.data(ActionIdRole)
        self.accept()
        self.registry.run(self.ran)
