"""Queries of adjudication: taking a gold annotation back out (undoing its creation)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from annotator.store.schema import AnnotationRow, DocumentRow


def delete_annotation(session: Session, document_id: str, source: str, version: int) -> bool:
    """Delete one source's annotation of a document if it is still at ``version``;
    False when it is not (someone changed it since, or it is gone)."""
    document_pk = select(DocumentRow.pk).where(DocumentRow.id == document_id).scalar_subquery()
    result = session.execute(
        delete(AnnotationRow).where(
            AnnotationRow.document_pk == document_pk,
            AnnotationRow.source == source,
            AnnotationRow.version == version,
        )
    )
    return result.rowcount == 1
