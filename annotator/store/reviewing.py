"""Queries for review: the finished work of annotators on documents two or more of them
finished, streamed in the compact form, and gold annotations by the batch."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import orjson
from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from annotator.core.compact import StoredAnnotation
from annotator.core.model import GOLD, SUGGESTIONS, Annotation, Status
from annotator.store.convert import annotation_from_row
from annotator.store.schema import AnnotationRow, DocumentRow

_FINISHED = text(
    "SELECT a.document_pk, d.id, a.source, a.blocks, a.spans, a.quotes"
    " FROM annotations a JOIN documents d ON d.pk = a.document_pk"
    " WHERE a.status = :done AND a.source NOT IN (:gold, :suggestions)"
    " ORDER BY a.document_pk, a.source"
)
_NO_META: dict[str, Any] = {}


def _json(value: Any) -> Any:
    """SQLite hands JSON columns back as text, PostgreSQL's JSONB as Python values."""
    return orjson.loads(value) if isinstance(value, str | bytes) else value


def iter_finished(
    session: Session, minimum: int = 2, batch: int = 2000
) -> Iterator[tuple[str, list[StoredAnnotation]]]:
    """``(document id, done annotations of annotators)`` for every document at least
    ``minimum`` annotators finished, in import order, annotations in source order.
    One streamed query: memory stays flat however large the project."""
    params = {"done": str(Status.DONE), "gold": GOLD, "suggestions": SUGGESTIONS}
    rows = session.execute(
        _FINISHED.execution_options(stream_results=True, yield_per=batch), params
    )
    current_pk = None
    current_id = ""
    found: list[StoredAnnotation] = []
    done = str(Status.DONE)
    for pk, doc_id, source, blocks, spans, quotes in rows:
        if pk != current_pk:
            if len(found) >= minimum:
                yield current_id, found
            current_pk, current_id, found = pk, doc_id, []
        found.append(
            StoredAnnotation(source, done, _json(blocks), _json(spans), _json(quotes), _NO_META)
        )
    if len(found) >= minimum:
        yield current_id, found


def annotations_of(
    session: Session, document_ids: Iterable[str], sources: Iterable[str] | None = None
) -> dict[str, list[Annotation]]:
    """The annotations of many documents at once (only ``sources`` if given)."""
    ids = list(document_ids)
    out: dict[str, list[Annotation]] = {doc_id: [] for doc_id in ids}
    query = (
        select(AnnotationRow, DocumentRow.id)
        .join(DocumentRow, DocumentRow.pk == AnnotationRow.document_pk)
        .where(DocumentRow.id.in_(bindparam("ids", expanding=True)))
        .order_by(AnnotationRow.document_pk, AnnotationRow.source)
    )
    if sources is not None:
        query = query.where(AnnotationRow.source.in_(list(sources)))
    for i in range(0, len(ids), 500):
        for row, doc_id in session.execute(query, {"ids": ids[i : i + 500]}):
            out[doc_id].append(annotation_from_row(row, doc_id))
    return out


def gold_done_ids(session: Session) -> set[str]:
    """Documents whose gold annotation is done (adjudicated)."""
    query = (
        select(DocumentRow.id)
        .join(AnnotationRow, AnnotationRow.document_pk == DocumentRow.pk)
        .where(AnnotationRow.source == GOLD, AnnotationRow.status == str(Status.DONE))
    )
    return set(session.scalars(query))


FinishedRow = tuple[int, str, bytes, str | bytes, str | bytes]
"""(index of the document in its page, source, and the block labels, spans and quotes as
stored JSON text)."""


def iter_finished_pages(
    session: Session, minimum: int = 2, batch: int = 2000
) -> Iterator[tuple[list[str], list[FinishedRow]]]:
    """Like ``iter_finished``, by pages of about ``batch`` documents, with each
    annotation's block labels left as the raw JSON text (bytes) for a vectorised parse:
    a corpus holds tens of millions of block labels."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        columns = "CAST(blocks AS BLOB), spans, quotes"
    else:
        columns = "CAST(blocks AS TEXT), CAST(spans AS TEXT), CAST(quotes AS TEXT)"
    query = text(
        f"SELECT document_pk, source, {columns} FROM annotations"
        " WHERE status = :done AND source NOT IN (:gold, :suggestions)"
        " ORDER BY document_pk"
    ).execution_options(stream_results=True, yield_per=batch * 4)
    params = {"done": str(Status.DONE), "gold": GOLD, "suggestions": SUGGESTIONS}
    pks: list[int] = []
    rows: list[FinishedRow] = []
    group: list[tuple[str, Any, Any, Any]] = []
    current = None

    def close_group() -> None:
        if len(group) >= minimum:
            at = len(pks)
            pks.append(current)  # type: ignore[arg-type]
            for source, blocks, spans, quotes in group:
                raw = blocks.encode() if isinstance(blocks, str) else bytes(blocks)
                rows.append((at, source, raw, _text(spans), _text(quotes)))

    def page() -> tuple[list[str], list[FinishedRow]]:
        ids = dict(
            session.execute(
                select(DocumentRow.pk, DocumentRow.id).where(DocumentRow.pk.in_(pks))
            ).all()
        )
        return [ids[pk] for pk in pks], rows

    for pk, source, blocks, spans, quotes in session.execute(query, params):
        if pk != current:
            close_group()
            group = []
            current = pk
            if len(pks) >= batch:
                yield page()
                pks, rows = [], []
        group.append((source, blocks, spans, quotes))
    close_group()
    if pks:
        yield page()


def _text(value: Any) -> str | bytes:
    """JSON as stored (SQLite: text; PostgreSQL: jsonb as text), parsed by the reader."""
    return value if isinstance(value, str | bytes) else orjson.dumps(value)
