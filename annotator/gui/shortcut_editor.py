"""The shortcut editor: change the keys of any action; a key already used in the same
mode is refused with a message. Saved as TOML in the user's config folder."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.actions import ActionRegistry
from annotator.gui.keymap import Keymap

MODE_TITLES = {"global": "everywhere", "block": "block", "span": "span", "review": "review"}


class ShortcutEditor(QDialog):
    def __init__(self, registry: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutEditor")
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(640, 600)
        self.registry = registry
        self.keymap: Keymap = registry.keymap
        self.rows = [(spec.id, spec.modes[0]) for spec in registry.specs]

        self.table = QTableWidget(len(self.rows), 3)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels(["Action", "Mode", "Keys"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.keys = QLineEdit()
        self.keys.setObjectName("shortcutKeys")
        self.keys.setPlaceholderText("Keys, comma separated: e.g. J, Down")
        self.assign_button = QPushButton("Assign")
        self.reset_button = QPushButton("Default")
        self.error = QLabel()
        self.error.setObjectName("shortcutError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b91c1c")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

        edit_row = QHBoxLayout()
        edit_row.addWidget(self.keys, 1)
        edit_row.addWidget(self.assign_button)
        edit_row.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(edit_row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.table.currentCellChanged.connect(lambda row, *_: self._row_chosen(row))
        self.assign_button.clicked.connect(self._assign_typed)
        self.keys.returnPressed.connect(self._assign_typed)
        self.reset_button.clicked.connect(self._reset)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self._fill()
        self.table.setCurrentCell(0, 0)

    def _fill(self) -> None:
        for row, (action_id, mode) in enumerate(self.rows):
            spec = self.registry.spec(action_id)
            cells = (
                spec.title,
                MODE_TITLES.get(mode, mode),
                ", ".join(self.keymap.keys(action_id, mode)),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, action_id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            action_id, mode = self.rows[row]
            self.keys.setText(", ".join(self.keymap.keys(action_id, mode)))

    def select(self, action_id: str) -> None:
        row = next(i for i, (a, _m) in enumerate(self.rows) if a == action_id)
        self.table.setCurrentCell(row, 0)

    def _assign_typed(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            keys = [k.strip() for k in self.keys.text().split(",") if k.strip()]
            self.assign(self.rows[row][0], keys)

    def _reset(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            action_id, mode = self.rows[row]
            self.assign(action_id, self.keymap.defaults[mode].get(action_id, []))
            self._row_chosen(row)

    def assign(self, action_id: str, keys: list[str]) -> str | None:
        """Give ``action_id`` these keys; returns the refusal message, or None when done."""
        mode = self.registry.spec(action_id).modes[0]
        changed = self.keymap.with_keys(action_id, mode, keys)
        problems = [p for p in changed.conflicts(self.registry.ids) if action_id in p]
        if problems:
            message = "Refused: " + "; ".join(problems)
            self.error.setText(message)
            return message
        self.keymap = changed
        self.error.setText("")
        self._fill()
        return None

    def save(self) -> None:
        self.keymap.save()
        self.registry.set_keymap(self.keymap)
        self.accept()
