"""Zoom of the article text (Ctrl+plus, Ctrl+minus, Ctrl+0), remembered in the settings
as a number of points above or below the default size."""

from __future__ import annotations

from annotator import settings

MIN_STEP, MAX_STEP = -4, 16


def remembered_zoom() -> int:
    value = settings.load().get("zoom", 0)
    return max(MIN_STEP, min(MAX_STEP, value)) if isinstance(value, int) else 0


def remember_zoom(step: int) -> None:
    values = settings.load()
    values["zoom"] = step
    settings.save(values)


class Zoom:
    """The zoom of one article view (an ``ArticleView`` with a ``BlockDelegate``)."""

    def __init__(self, view) -> None:
        self.view = view
        self.step = remembered_zoom()
        self._apply()

    def change(self, delta: int | None) -> int:
        """Zoom in (+1) or out (-1), or back to the default size (None)."""
        step = 0 if delta is None else max(MIN_STEP, min(MAX_STEP, self.step + delta))
        if step != self.step:
            self.step = step
            self._apply()
            remember_zoom(step)
        return self.step

    @property
    def point_size(self) -> float:
        return self.view.delegate.base_point_size + self.step

    def _apply(self) -> None:
        delegate = self.view.delegate
        delegate.set_point_size(self.point_size)
        self.view.scheduleDelayedItemsLayout()
        self.view.viewport().update()
