"""The rows the statistics view counts: every annotation except the suggestions, in the
compact form, streamed so memory stays flat on a large project."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator.core.model import SUGGESTIONS
from annotator.store.schema import AnnotationRow, DocumentRow


class AnnotationFacts(NamedTuple):
    document_id: str
    title: str | None
    source: str
    status: str
    blocks: list[Any]
    spans: list[Any]
    quotes: list[Any]
    meta: dict[str, Any]


def _json(value: Any) -> Any:
    """SQLite hands JSON columns back as text, PostgreSQL's JSONB as Python values."""
    return orjson.loads(value) if isinstance(value, str | bytes) else value


def iter_annotation_facts(session: Session, batch: int = 2000) -> Iterator[AnnotationFacts]:
    """Every annotation but the suggestions, in import order, then by source."""
    query = (
        select(
            DocumentRow.id,
            DocumentRow.title,
            AnnotationRow.source,
            AnnotationRow.status,
            AnnotationRow.blocks,
            AnnotationRow.spans,
            AnnotationRow.quotes,
            AnnotationRow.meta,
        )
        .join(DocumentRow, DocumentRow.pk == AnnotationRow.document_pk)
        .where(AnnotationRow.source != SUGGESTIONS)
        .order_by(AnnotationRow.document_pk, AnnotationRow.source)
        .execution_options(stream_results=True, yield_per=batch)
    )
    for doc_id, title, source, status, blocks, spans, quotes, meta in session.execute(query):
        yield AnnotationFacts(
            doc_id,
            title,
            source,
            status,
            _json(blocks) or [],
            _json(spans) or [],
            _json(quotes) or [],
            _json(meta) or {},
        )
