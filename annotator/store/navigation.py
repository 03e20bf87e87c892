"""Moving between documents in import order, as seen by one annotation source."""

from __future__ import annotations

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from annotator.store.schema import AnnotationRow, DocumentRow

DONE = "done"


def _pk(session: Session, document_id: str) -> int | None:
    return session.scalar(select(DocumentRow.pk).where(DocumentRow.id == document_id))


def next_unfinished(session: Session, source: str, after_id: str | None = None) -> str | None:
    """The first document after ``after_id`` (in import order, wrapping round to the
    start) that ``source`` has not marked done; ``None`` when every one is done."""
    finished = exists().where(
        AnnotationRow.document_pk == DocumentRow.pk,
        AnnotationRow.source == source,
        AnnotationRow.status == DONE,
    )
    after = (_pk(session, after_id) if after_id else None) or 0
    query = select(DocumentRow.id).where(~finished).order_by(DocumentRow.pk).limit(1)
    found = session.scalar(query.where(DocumentRow.pk > after))
    if found is None and after:
        found = session.scalar(query.where(DocumentRow.pk <= after))
    return found


def neighbour(session: Session, document_id: str, step: int) -> str | None:
    """The document just after (``step`` > 0) or before (``step`` < 0) in import order."""
    pk = _pk(session, document_id)
    if pk is None:
        return None
    if step > 0:
        query = select(DocumentRow.id).where(DocumentRow.pk > pk).order_by(DocumentRow.pk)
    else:
        query = select(DocumentRow.id).where(DocumentRow.pk < pk).order_by(DocumentRow.pk.desc())
    return session.scalar(query.limit(1))


def first_document(session: Session) -> str | None:
    return session.scalar(select(DocumentRow.id).order_by(DocumentRow.pk).limit(1))


def done_count(session: Session, source: str) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(AnnotationRow)
            .where(AnnotationRow.source == source, AnnotationRow.status == DONE)
        )
        or 0
    )
