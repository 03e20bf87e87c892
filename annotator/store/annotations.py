"""Annotations: read one source's view of a document, save it with a version check."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from annotator.core.model import Annotation
from annotator.store.convert import annotation_from_row, annotation_values
from annotator.store.schema import AnnotationRow, DocumentRow


class UnknownDocument(LookupError):
    pass


class VersionConflict(RuntimeError):
    """Somebody else saved this annotation since it was read; ``current`` is their state
    and ``changed_by`` who saved it ("alice@laptop"), when that is known."""

    def __init__(self, current: Annotation, changed_by: str | None = None) -> None:
        self.current = current
        self.changed_by = changed_by
        super().__init__(
            f"the annotation of {current.source} on {current.document_id} was changed"
            f" elsewhere (now version {current.version})"
        )


def _document_pk(session: Session, document_id: str) -> int:
    pk = session.scalar(select(DocumentRow.pk).where(DocumentRow.id == document_id))
    if pk is None:
        raise UnknownDocument(f"no document {document_id!r} in this project")
    return pk


def get_annotation(session: Session, document_id: str, source: str) -> Annotation | None:
    row = session.scalars(
        select(AnnotationRow)
        .join(DocumentRow, DocumentRow.pk == AnnotationRow.document_pk)
        .where(DocumentRow.id == document_id, AnnotationRow.source == source)
    ).first()
    return annotation_from_row(row, document_id) if row else None


def get_annotations(session: Session, document_id: str) -> list[Annotation]:
    rows = session.scalars(
        select(AnnotationRow)
        .join(DocumentRow, DocumentRow.pk == AnnotationRow.document_pk)
        .where(DocumentRow.id == document_id)
        .order_by(AnnotationRow.source)
    )
    return [annotation_from_row(row, document_id) for row in rows]


def save_annotation(
    session: Session, annotation: Annotation, changed_by: str | None = None
) -> Annotation:
    """Store ``annotation`` if nobody changed it since ``annotation.version`` was read.

    Version 0 means "new": it fails if the row exists. Returns the stored annotation
    with its new version; raises ``VersionConflict`` holding the newer state otherwise.
    ``changed_by`` (who is saving) is stored with the row for such conflicts.
    """
    now = datetime.now(UTC)
    values = annotation_values(annotation)
    values["changed_by"] = changed_by
    if annotation.version > 0:
        # the common case, one keypress: a single Core UPDATE (no ORM bookkeeping), the
        # document found by a subquery; every saved millisecond is felt at the keyboard
        table = AnnotationRow.__table__
        document_pk = (
            select(DocumentRow.pk).where(DocumentRow.id == annotation.document_id).scalar_subquery()
        )
        result = session.execute(
            table.update()
            .where(
                table.c.document_pk == document_pk,
                table.c.source == annotation.source,
                table.c.version == annotation.version,
            )
            .values(**values, version=annotation.version + 1, updated_at=now)
        )
        if result.rowcount == 1:
            return _stored(annotation, annotation.version + 1, now)
    pk = _document_pk(session, annotation.document_id)
    if annotation.version == 0:
        exists = session.scalar(
            select(AnnotationRow.pk).where(
                AnnotationRow.document_pk == pk, AnnotationRow.source == annotation.source
            )
        )
        if exists is None:
            session.execute(
                insert(AnnotationRow),
                [{**values, "document_pk": pk, "version": 1, "updated_at": now}],
            )
            return _stored(annotation, 1, now)
    current = get_annotation(session, annotation.document_id, annotation.source)
    if current is None:  # it was deleted meanwhile; store ours as new
        return save_annotation(session, _stored(annotation, 0, now), changed_by)
    who = session.scalar(
        select(AnnotationRow.changed_by).where(
            AnnotationRow.document_pk == pk, AnnotationRow.source == annotation.source
        )
    )
    raise VersionConflict(current, who)


def _stored(annotation: Annotation, version: int, now: datetime) -> Annotation:
    return Annotation(
        document_id=annotation.document_id,
        source=annotation.source,
        status=annotation.status,
        blocks=dict(annotation.blocks),
        block_scores=dict(annotation.block_scores),
        spans=list(annotation.spans),
        quotes=list(annotation.quotes),
        version=version,
        updated_at=now.isoformat(),
        meta=dict(annotation.meta),
    )


def source_status_counts(session: Session) -> dict[str, dict[str, int]]:
    """``{source: {status: number of documents}}``."""
    counts: dict[str, dict[str, int]] = {}
    rows = session.execute(
        select(AnnotationRow.source, AnnotationRow.status, func.count()).group_by(
            AnnotationRow.source, AnnotationRow.status
        )
    )
    for source, status, n in rows:
        counts.setdefault(source, {})[status] = n
    return counts


def annotated_document_count(session: Session) -> int:
    return session.scalar(select(func.count(func.distinct(AnnotationRow.document_pk)))) or 0
