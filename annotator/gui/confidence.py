"""Least-confident-first navigation over the open document's block suggestions, and the
status-bar text that shows the current block's suggestion and confidence."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from annotator.gui.block_model import BlockModel, BlockRole


def uncertain_rows(model: BlockModel) -> list[int]:
    """Rows with a suggestion I have not labelled yet, least confident first (a missing
    confidence counts as certain); ties in document order."""
    labels = model.labels()
    rows = [row for row in model.suggested() if row not in labels]
    return sorted(rows, key=lambda row: (_score(model, row), row))


def next_uncertain(model: BlockModel, step: int = +1, walking: bool = True) -> int | None:
    """The row after (``step`` +1) or before (-1) the current one in least-confident
    order when ``walking`` on from it; else (or when the current block is no longer
    open) the least confident row (or, going back, the most confident)."""
    order = uncertain_rows(model)
    if not order:
        return None
    if walking and model.current in order:
        return order[(order.index(model.current) + step) % len(order)]
    return order[0] if step > 0 else order[-1]


def describe(model: BlockModel, row: int) -> str:
    """``"boilerplate? 54% sure · 2nd least sure of 12 open"``; empty without suggestions."""
    if not 0 <= row < model.rowCount() or not model.suggested():
        return ""
    suggestion = model.index(row).data(BlockRole.SUGGESTION)
    if suggestion is None:
        return "no suggestion here"
    score = model.index(row).data(BlockRole.SCORE)
    text = f"{suggestion}?"
    if isinstance(score, int | float):
        text += f" {score:.0%} sure"
    label = model.index(row).data(BlockRole.LABEL)
    if label is not None:
        return text + f" · labelled {label}"
    order = uncertain_rows(model)
    place = order.index(row) + 1
    return text + f" · {_ordinal(place)} least sure of {len(order)} open"


class ConfidenceLabel(QLabel):
    """The current block's suggestion and confidence, on the right of the status bar."""

    def __init__(self, model: BlockModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusConfidence")
        self.model = model

    def show_block(self, row: int) -> None:
        self.setText(describe(self.model, row))


def _score(model: BlockModel, row: int) -> float:
    score = model.index(row).data(BlockRole.SCORE)
    return score if isinstance(score, int | float) else 1.0


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
