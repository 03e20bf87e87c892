"""Queries for review: the finished work of annotators on documents two or more of them
finished, streamed in the compact form, and gold annotations by the batch."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
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


@dataclass(slots=True)
class FinishedPage:
    """The finished work on a page of documents, column by column, as stored.

    ``doc_ids[d]``: the documents (import order); per annotation ``i`` (grouped by
    document, annotators in name order): ``row_doc[i]`` its document's index in the page,
    ``sources[i]`` the annotator, and its block labels, spans and quotes as the stored
    compact JSON (bytes; PostgreSQL's text form has spaces after separators)."""

    doc_ids: list[str]
    row_doc: np.ndarray
    sources: list[str]
    blocks: list[bytes]
    spans: list[bytes]
    quotes: list[bytes]


def iter_finished_pages(
    session: Session,
    minimum: int = 2,
    batch: int = 2000,
    sources: Sequence[str] | None = None,
) -> Iterator[FinishedPage]:
    """The done work of annotators (only ``sources`` if given) on every document at
    least ``minimum`` of them finished, by pages of about ``batch`` documents: one
    streamed query reading only the columns agreement needs, fetched a page at a time
    (no Python work per row beyond the driver's)."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    cast = "BLOB" if sqlite else "TEXT"
    mark = ":{}" if sqlite else "%({})s"  # the driver's own parameter style
    sql = (
        f"SELECT a.document_pk, d.id, a.source, CAST(a.blocks AS {cast}),"
        f" CAST(a.spans AS {cast}), CAST(a.quotes AS {cast})"
        " FROM annotations a JOIN documents d ON d.pk = a.document_pk"
        f" WHERE a.status = {mark.format('done')}"
        f" AND a.source NOT IN ({mark.format('gold')}, {mark.format('suggestions')})"
    )
    params = {"done": str(Status.DONE), "gold": GOLD, "suggestions": SUGGESTIONS}
    for i, name in enumerate(sources or ()):
        params[f"source{i}"] = name
    if sources is not None:
        marks = ", ".join(mark.format(f"source{i}") for i in range(len(sources)))
        sql += f" AND a.source IN ({marks or 'NULL'})"
    sql += " ORDER BY a.document_pk, a.source"
    # the driver's cursor: SQLAlchemy's row objects cost more than the query itself here
    connection = session.connection().connection.dbapi_connection
    assert connection is not None
    # a named (server-side) cursor streams on PostgreSQL; SQLite's cursor always does
    cursor = connection.cursor() if sqlite else connection.cursor(name="finished_pages")
    try:
        cursor.execute(sql, params)
        carry: list[Any] = []  # the last document's rows of a fetch: it may go on
        while part := cursor.fetchmany(batch * 4):
            rows = carry + part
            last = rows[-1][0]
            cut = len(rows)
            while cut and rows[cut - 1][0] == last:
                cut -= 1
            carry = rows[cut:]
            if cut and (page := _page(rows[:cut], minimum)) is not None:
                yield page
        if carry and (page := _page(carry, minimum)) is not None:
            yield page
    finally:
        cursor.close()


def _page(rows: list[Any], minimum: int) -> FinishedPage | None:
    pks, ids, sources, blocks, spans, quotes = zip(*rows, strict=True)
    pk = np.array(pks, dtype=np.int64)
    first = np.flatnonzero(np.concatenate(([True], pk[1:] != pk[:-1])))
    sizes = np.diff(np.append(first, len(pk)))
    row_doc = np.repeat(np.arange(len(first)), sizes)
    kept_docs = np.flatnonzero(sizes >= minimum)
    if not len(kept_docs):
        return None
    order = _name_order(sources, row_doc)
    if order is not None or len(kept_docs) < len(first):
        take = np.arange(len(pk)) if order is None else order
        take = take[sizes[row_doc[take]] >= minimum]
        renumber = np.full(len(first), -1, dtype=np.int64)
        renumber[kept_docs] = np.arange(len(kept_docs))
        row_doc = renumber[row_doc[take]]
        chosen = take.tolist()
        sources, blocks, spans, quotes = (
            [column[i] for i in chosen] for column in (sources, blocks, spans, quotes)
        )
    doc_ids = [ids[i] for i in first[kept_docs].tolist()]
    return FinishedPage(
        doc_ids, row_doc, list(sources), _bytes(blocks), _bytes(spans), _bytes(quotes)
    )


def _name_order(sources: list[str], row_doc: np.ndarray) -> np.ndarray | None:
    """The row order putting each document's annotators in Python's name order (the
    database's collation may differ), or None when the rows already are."""
    names = sorted(set(sources))
    rank = dict(zip(names, range(len(names)), strict=True))
    ranks = np.array([rank[s] for s in sources], dtype=np.int64)
    same_doc = row_doc[1:] == row_doc[:-1]
    if not (same_doc & (ranks[1:] <= ranks[:-1])).any():
        return None
    return np.lexsort((ranks, row_doc))


def _bytes(values: Sequence[Any]) -> list[bytes]:
    """Stored JSON as bytes (SQLite hands back BLOBs, PostgreSQL text)."""
    if values and type(values[0]) is bytes:  # one driver, one type for the column
        return list(values)
    return [v.encode() if isinstance(v, str) else bytes(v) for v in values]
