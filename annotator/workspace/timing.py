"""Active annotation time per document, kept in the annotation's meta as the annotator
works.

The app reports every keypress or click on a document (``record_activity``). The gap
since the previous event on the same document counts as active time unless it is longer
than ``IDLE_CAP`` (the annotator was away: that gap counts nothing). The time gathered
rides along with the next change committed to that document, or is written on its own
when the annotator leaves the document (``flush_active_time``); a document nobody has
labelled yet gets no annotation just for being read.
"""

from __future__ import annotations

from dataclasses import replace

from annotator.core.model import Annotation
from annotator.store.annotations import VersionConflict

ACTIVE_SECONDS = "active_seconds"
IDLE_CAP = 120.0  # seconds; a longer pause is not annotating


class Timing:
    """Mixed into Workspace; uses ``self.db`` and the Annotating mixin."""

    def _clock(self) -> dict:
        state = self.__dict__.get("_activity")
        if state is None:
            state = self.__dict__["_activity"] = {"last": None, "pending": {}}
        return state

    def record_activity(self, document_id: str, at: float) -> None:
        """An event on ``document_id`` at monotonic time ``at`` (seconds)."""
        state = self._clock()
        last = state["last"]
        if last is not None and last[0] == document_id:
            gap = at - last[1]
            if 0 < gap <= IDLE_CAP:
                pending = state["pending"]
                pending[document_id] = pending.get(document_id, 0.0) + gap
        state["last"] = (document_id, at)

    def pending_active_time(self, document_id: str) -> float:
        return self._clock()["pending"].get(document_id, 0.0)

    def _with_active_time(self, document_id: str, changed: Annotation) -> Annotation:
        """``changed`` carrying the time gathered on the document (called on commit)."""
        pending = self._clock()["pending"].pop(document_id, 0.0)
        if pending <= 0:
            return changed
        meta = dict(changed.meta)
        meta[ACTIVE_SECONDS] = round(float(meta.get(ACTIVE_SECONDS, 0.0)) + pending, 1)
        return replace(changed, meta=meta)

    def flush_active_time(self, document_id: str | None = None) -> None:
        """Write the time gathered (on one document, or all) to my annotations now."""
        pending = self._clock()["pending"]
        for doc_id in [document_id] if document_id else list(pending):
            if pending.get(doc_id, 0.0) < 1.0 or not self.annotator:
                continue
            mine = self.my_annotation(doc_id)
            if mine.version == 0:
                pending.pop(doc_id, None)  # read, never labelled: nothing to attach it to
                continue
            try:
                saved = self.save_annotation(self._with_active_time(doc_id, mine))
            except VersionConflict as conflict:
                self._known()[doc_id] = conflict.current
                continue
            self._known()[doc_id] = saved
