"""Rows to domain objects and back, through the compact shapes of ``core.compact``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from annotator.core.compact import (
    StoredAnnotation,
    annotation_from_compact,
    blocks_from_compact,
    blocks_to_compact,
    labels_to_compact,
    quotes_to_compact,
    spans_to_compact,
)
from annotator.core.model import SUGGESTIONS, Annotation, Document, DocumentMeta


def document_values(document: Document, fingerprint: str, now: datetime) -> dict[str, Any]:
    meta = document.meta
    return {
        "id": document.id,
        "fingerprint": fingerprint,
        "text": document.text,
        "blocks": blocks_to_compact(document.blocks),
        "source": meta.source,
        "url": meta.url,
        "title": meta.title,
        "publisher": meta.publisher,
        "published": meta.published,
        "meta_extra": meta.extra,
        "imported_at": now,
    }


def document_from_row(row: Any) -> Document:
    meta = DocumentMeta(
        source=row.source,
        url=row.url,
        title=row.title,
        publisher=row.publisher,
        published=row.published,
        extra=dict(row.meta_extra or {}),
    )
    return Document(row.id, row.text, blocks_from_compact(row.blocks), meta)


CONFIDENCE_KEY = "block_confidence"  # in the suggestions' meta (workspace.suggesting)


def _confidence(annotation: Annotation) -> float | None:
    value = annotation.meta.get(CONFIDENCE_KEY) if annotation.source == SUGGESTIONS else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def annotation_values(annotation: Annotation) -> dict[str, Any]:
    blocks = labels_to_compact(annotation)
    spans = spans_to_compact(annotation.spans)
    quotes = quotes_to_compact(annotation.quotes)
    return {
        "source": annotation.source,
        "status": str(annotation.status),
        "blocks": blocks,
        "spans": spans,
        "quotes": quotes,
        "meta": annotation.meta,
        "item_count": len(blocks) + len(spans) + len(quotes),
        "confidence": _confidence(annotation),
    }


def annotation_from_row(row: Any, document_id: str) -> Annotation:
    stored = StoredAnnotation(row.source, row.status, row.blocks, row.spans, row.quotes, row.meta)
    return annotation_from_compact(stored, document_id, row.version, _iso(row.updated_at))


def _iso(value: datetime | str | None) -> str | None:
    """ISO 8601, from a datetime or from the text SQLite stores (``YYYY-MM-DD HH:MM:SS``)."""
    if value is None or isinstance(value, str):
        return value.replace(" ", "T", 1) if value else None
    return value.isoformat()
