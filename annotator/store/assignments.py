"""Assignments of documents to annotators (table ``assignments``, migration 0004)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from sqlalchemy import and_, delete, exists, func, insert, select
from sqlalchemy.orm import Session

from annotator.core.model import Status
from annotator.store.schema import AnnotationRow, AssignmentRow, DocumentRow

_CHUNK = 500


def unassigned_document_ids(session: Session) -> list[str]:
    """Documents nobody is assigned, in import order."""
    assigned = exists().where(AssignmentRow.document_pk == DocumentRow.pk)
    return list(session.scalars(select(DocumentRow.id).where(~assigned).order_by(DocumentRow.pk)))


def all_document_ids(session: Session) -> list[str]:
    return list(session.scalars(select(DocumentRow.id).order_by(DocumentRow.pk)))


def clear_assignments(session: Session) -> int:
    return session.execute(delete(AssignmentRow)).rowcount or 0


def add_assignments(session: Session, plan: Mapping[str, Iterable[str]]) -> int:
    """Store ``document id -> annotators`` (pairs already stored are left as they are)."""
    ids = list(plan)
    now = datetime.now(UTC)
    added = 0
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        query = select(DocumentRow.id, DocumentRow.pk).where(DocumentRow.id.in_(chunk))
        pks = {doc_id: pk for doc_id, pk in session.execute(query)}
        stored = select(AssignmentRow.document_pk, AssignmentRow.annotator).where(
            AssignmentRow.document_pk.in_(list(pks.values()))
        )
        have = {(pk, name) for pk, name in session.execute(stored)}
        rows = [
            {"document_pk": pks[doc_id], "annotator": name, "assigned_at": now}
            for doc_id in chunk
            if doc_id in pks
            for name in plan[doc_id]
            if (pks[doc_id], name) not in have
        ]
        if rows:
            session.execute(insert(AssignmentRow), rows)
            added += len(rows)
    return added


def load(session: Session) -> dict[str, int]:
    """Documents assigned per annotator."""
    query = select(AssignmentRow.annotator, func.count()).group_by(AssignmentRow.annotator)
    return {name: n for name, n in session.execute(query)}


def assignment_counts(session: Session) -> dict[str, dict[str, int]]:
    """Per annotator: ``assigned``, ``shared`` (also assigned to someone else) and
    ``done`` (of the assigned, finished)."""
    counts = {name: {"assigned": n, "shared": 0, "done": 0} for name, n in load(session).items()}
    shared_docs = (
        select(AssignmentRow.document_pk)
        .group_by(AssignmentRow.document_pk)
        .having(func.count() >= 2)
        .subquery()
    )
    shared = (
        select(AssignmentRow.annotator, func.count())
        .join(shared_docs, shared_docs.c.document_pk == AssignmentRow.document_pk)
        .group_by(AssignmentRow.annotator)
    )
    for name, n in session.execute(shared):
        counts[name]["shared"] = n
    done = (
        select(AssignmentRow.annotator, func.count())
        .join(
            AnnotationRow,
            and_(
                AnnotationRow.document_pk == AssignmentRow.document_pk,
                AnnotationRow.source == AssignmentRow.annotator,
                AnnotationRow.status == str(Status.DONE),
            ),
        )
        .group_by(AssignmentRow.annotator)
    )
    for name, n in session.execute(done):
        counts[name]["done"] = n
    return counts


def assigned_documents(
    session: Session, annotator: str, offset: int = 0, limit: int | None = None
) -> list[str]:
    """The ids of the documents assigned to ``annotator``, in import order."""
    query = (
        select(DocumentRow.id)
        .join(AssignmentRow, AssignmentRow.document_pk == DocumentRow.pk)
        .where(AssignmentRow.annotator == annotator)
        .order_by(DocumentRow.pk)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def assignees(session: Session, document_id: str) -> list[str]:
    query = (
        select(AssignmentRow.annotator)
        .join(DocumentRow, DocumentRow.pk == AssignmentRow.document_pk)
        .where(DocumentRow.id == document_id)
        .order_by(AssignmentRow.annotator)
    )
    return list(session.scalars(query))
