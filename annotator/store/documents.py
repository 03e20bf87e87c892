"""Documents: adding imported batches (with de-duplication) and reading them back."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import orjson
from sqlalchemy import String, bindparam, func, or_, select, text, type_coerce
from sqlalchemy.orm import Session

from annotator.core.compact import StoredAnnotation, StoredDocument
from annotator.core.model import Annotation, Document
from annotator.store.convert import (
    annotation_from_row,
    annotation_values,
    document_from_row,
    document_values,
)
from annotator.store.schema import AnnotationRow, DocumentRow

_CHUNK = 500

Outcome = Literal["added", "same", "duplicate"]


@dataclass(slots=True)
class NewDocument:
    document: Document
    fingerprint: str
    annotations: list[Annotation] = field(default_factory=list)
    origin: str = ""


@dataclass(slots=True)
class AddResult:
    """What became of one imported record.

    ``added``: a new document. ``same``: the document was there already under this id
    (another annotation source of it, or the same file again). ``duplicate``: its text
    is already in the project under ``existing_id``.
    """

    origin: str
    outcome: Outcome
    document_id: str
    existing_id: str | None = None
    annotations_added: list[str] = field(default_factory=list)
    annotations_kept: list[str] = field(default_factory=list)


def _chunks(values: list, size: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def add_documents(session: Session, batch: list[NewDocument]) -> list[AddResult]:
    """Insert a batch of imported documents and their annotations in the caller's transaction."""
    by_id: dict[str, tuple[int | None, str]] = {}
    by_fingerprint: dict[str, tuple[int | None, str]] = {}
    ids = [item.document.id for item in batch]
    fingerprints = [item.fingerprint for item in batch]
    for id_chunk, fp_chunk in zip(_chunks(ids), _chunks(fingerprints), strict=True):
        rows = session.execute(
            select(DocumentRow.pk, DocumentRow.id, DocumentRow.fingerprint).where(
                or_(DocumentRow.id.in_(id_chunk), DocumentRow.fingerprint.in_(fp_chunk))
            )
        )
        for pk, doc_id, fingerprint in rows:
            by_id[doc_id] = (pk, fingerprint)
            by_fingerprint[fingerprint] = (pk, doc_id)

    now = datetime.now(UTC)
    results: list[AddResult] = []
    new_rows: list[dict] = []
    pending_annotations: list[tuple[str, Annotation, AddResult]] = []
    for item in batch:
        doc = item.document
        if item.fingerprint in by_fingerprint:
            _pk, existing_id = by_fingerprint[item.fingerprint]
            outcome: Outcome = "same" if existing_id == doc.id else "duplicate"
            result = AddResult(item.origin, outcome, existing_id, existing_id)
            target_id = existing_id
        else:
            doc_id = _free_id(doc.id, item.fingerprint, by_id)
            if doc_id != doc.id:
                doc = Document(doc_id, doc.text, doc.blocks, doc.meta)
            new_rows.append(document_values(doc, item.fingerprint, now))
            by_id[doc_id] = (None, item.fingerprint)
            by_fingerprint[item.fingerprint] = (None, doc_id)
            result = AddResult(item.origin, "added", doc_id)
            target_id = doc_id
        results.append(result)
        for annotation in item.annotations:
            pending_annotations.append((target_id, annotation, result))

    if new_rows:
        session.execute(DocumentRow.__table__.insert(), new_rows)  # Core: no ORM bookkeeping
    if pending_annotations:
        _attach_annotations(session, pending_annotations, now)
    return results


def _free_id(doc_id: str, fingerprint: str, taken: dict[str, tuple[int | None, str]]) -> str:
    """Two different texts with one id (same file name in two folders) both get in."""
    if doc_id not in taken:
        return doc_id
    candidate = f"{doc_id}-{fingerprint[:8]}"
    n = 2
    while candidate in taken:
        candidate = f"{doc_id}-{fingerprint[:8]}-{n}"
        n += 1
    return candidate


def _attach_annotations(
    session: Session, pending: list[tuple[str, Annotation, AddResult]], now: datetime
) -> None:
    doc_ids = sorted({doc_id for doc_id, _, _ in pending})
    pks: dict[str, int] = {}
    for chunk in _chunks(doc_ids):
        query = select(DocumentRow.id, DocumentRow.pk).where(DocumentRow.id.in_(chunk))
        pks.update((doc_id, pk) for doc_id, pk in session.execute(query))
    existing: set[tuple[int, str]] = set()
    for chunk in _chunks(list(pks.values())):
        query = select(AnnotationRow.document_pk, AnnotationRow.source).where(
            AnnotationRow.document_pk.in_(chunk)
        )
        existing.update((pk, source) for pk, source in session.execute(query))
    rows = []
    for doc_id, annotation, result in pending:
        key = (pks[doc_id], annotation.source)
        if key in existing:
            result.annotations_kept.append(annotation.source)
            continue
        existing.add(key)
        values = annotation_values(annotation)
        values.update(document_pk=key[0], version=1, updated_at=now)
        rows.append(values)
        result.annotations_added.append(annotation.source)
    if rows:
        session.execute(AnnotationRow.__table__.insert(), rows)


def count_documents(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(DocumentRow)) or 0


def get_document(session: Session, document_id: str) -> Document | None:
    row = session.scalars(select(DocumentRow).where(DocumentRow.id == document_id)).first()
    return document_from_row(row) if row else None


def iter_documents(
    session: Session, sources: Iterable[str] | None = None, page_size: int = 500
) -> Iterator[tuple[Document, list[Annotation]]]:
    """Every document in import order with its annotations (only ``sources`` if given),
    read page by page so memory stays flat however large the project is. Plain Core
    rows: an export touches every row once, ORM identity tracking would only cost."""
    wanted = list(sources) if sources is not None else None
    documents = DocumentRow.__table__
    annotations = AnnotationRow.__table__
    # Only what the domain objects hold, timestamps as stored text: SQLAlchemy's datetime
    # parsing would cost more than everything else an export does with a row.
    doc_columns = [c for c in documents.c if c.name not in ("fingerprint", "imported_at")]
    ann_columns = [
        type_coerce(c, String).label(c.name) if c.name == "updated_at" else c for c in annotations.c
    ]
    last_pk = 0
    while True:
        rows = session.execute(
            select(*doc_columns)
            .where(documents.c.pk > last_pk)
            .order_by(documents.c.pk)
            .limit(page_size)
        ).all()
        if not rows:
            return
        last_pk = rows[-1].pk
        query = select(*ann_columns).where(annotations.c.document_pk.in_([r.pk for r in rows]))
        if wanted is not None:
            query = query.where(annotations.c.source.in_(wanted))
        found: dict[int, list] = {}
        for ann in session.execute(query.order_by(annotations.c.source)):
            found.setdefault(ann.document_pk, []).append(ann)
        for row in rows:
            yield (
                document_from_row(row),
                [annotation_from_row(a, row.id) for a in found.get(row.pk, [])],
            )


_STORED_DOCUMENTS = text(
    "SELECT pk, id, text, blocks, source, url, title, publisher, published, meta_extra"
    " FROM documents WHERE pk > :last ORDER BY pk LIMIT :size"
)
_STORED_ANNOTATIONS = (
    "SELECT document_pk, source, status, blocks, spans, quotes, meta FROM annotations"
    " WHERE document_pk >= :first AND document_pk <= :last{sources} ORDER BY document_pk, source"
)


def _json(value: Any) -> Any:
    """SQLite hands JSON columns back as text, PostgreSQL's JSONB as Python values."""
    return orjson.loads(value) if isinstance(value, str | bytes) else value


def iter_stored(
    session: Session, sources: Iterable[str] | None = None, page_size: int = 1000
) -> Iterator[tuple[StoredDocument, list[StoredAnnotation]]]:
    """Like ``iter_documents`` but in the stored compact form (``core.compact``), for
    exporters that write records straight from it. Plain SQL text without column types:
    SQLAlchemy's per-value result processing cost more than the rest of an export."""
    wanted = list(sources) if sources is not None else None
    # SQLite hands JSON back as text; psycopg has already parsed PostgreSQL's JSONB
    load = orjson.loads if session.get_bind().dialect.name == "sqlite" else _json
    ann_query = text(
        _STORED_ANNOTATIONS.format(sources=" AND source IN :sources" if wanted is not None else "")
    )
    if wanted is not None:
        ann_query = ann_query.bindparams(bindparam("sources", expanding=True))
    last_pk = 0
    while True:
        rows = session.execute(_STORED_DOCUMENTS, {"last": last_pk, "size": page_size}).all()
        if not rows:
            return
        first_pk, last_pk = rows[0][0], rows[-1][0]
        params: dict[str, Any] = {"first": first_pk, "last": last_pk}
        if wanted is not None:
            params["sources"] = wanted
        found: dict[int, list[StoredAnnotation]] = {}
        for pk, source, status, blocks, spans, quotes, meta in session.execute(ann_query, params):
            found.setdefault(pk, []).append(
                StoredAnnotation(
                    source, status, load(blocks), load(spans), load(quotes), load(meta)
                )
            )
        for pk, doc_id, body, blocks, src, url, title, publisher, published, extra in rows:
            yield (
                StoredDocument(
                    doc_id, body, load(blocks), src, url, title, publisher, published, load(extra)
                ),
                found.get(pk, []),
            )
