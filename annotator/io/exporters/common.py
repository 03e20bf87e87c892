"""Small pieces the exchange formats share."""

from __future__ import annotations

from typing import Any

import orjson

from annotator.core.export import ExportItem
from annotator.core.model import Document

LINE = orjson.OPT_APPEND_NEWLINE


def entities(item: ExportItem) -> list[tuple[int, int, str]]:
    """The item's entity spans as sorted ``(start, end, label)``."""
    if item.annotation is None:
        return []
    return sorted((s.start, s.end, s.label) for s in item.annotation.spans)


def document_meta(document: Document) -> dict[str, Any]:
    """The document's id and its meta fields that are set, for a format's ``meta``."""
    meta = document.meta
    out: dict[str, Any] = {"id": document.id}
    for key in ("source", "url", "title", "publisher", "published"):
        value = getattr(meta, key)
        if value is not None:
            out[key] = value
    return out
