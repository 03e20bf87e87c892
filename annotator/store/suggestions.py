"""Queries for suggesting: project settings, pages of documents, the confirmed labels
that suggesters learn from, and batch writes of the ``suggestions`` annotation."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Text, and_, cast, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from annotator.core.model import GOLD, SUGGESTIONS, Annotation, Document, Status
from annotator.store.convert import annotation_from_row, annotation_values, document_from_row
from annotator.store.schema import AnnotationRow, DocumentRow, SettingRow

_DOCUMENT_COLUMNS = [
    c for c in DocumentRow.__table__.c if c.name not in ("fingerprint", "imported_at")
]


def get_setting(session: Session, key: str) -> dict[str, Any] | None:
    row = session.get(SettingRow, key)
    return dict(row.value) if row is not None else None


def put_setting(session: Session, key: str, value: dict[str, Any]) -> None:
    """Write a project setting in one upsert, so two processes writing the same key at
    once (parallel pre-annotation workers refitting the block model) both succeed."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
    session.flush()
    statement = upsert(SettingRow).values(key=key, value=value)
    session.execute(
        statement.on_conflict_do_update(index_elements=[SettingRow.key], set_={"value": value})
    )
    loaded = session.identity_map.get(session.identity_key(SettingRow, key))
    if loaded is not None:  # read again on its next use
        session.expire(loaded)


def delete_setting(session: Session, key: str) -> None:
    session.execute(delete(SettingRow).where(SettingRow.key == key))


def document_page(session: Session, after_pk: int, limit: int) -> list[tuple[int, Document]]:
    """The next ``limit`` documents after ``after_pk``, in import order."""
    rows = session.execute(
        select(*_DOCUMENT_COLUMNS)
        .where(DocumentRow.pk > after_pk)
        .order_by(DocumentRow.pk)
        .limit(limit)
    ).all()
    return [(row.pk, document_from_row(row)) for row in rows]


def _confirmed():
    """Done annotations of annotators, and gold unless skipped."""
    return or_(
        and_(AnnotationRow.source == GOLD, AnnotationRow.status != str(Status.SKIPPED)),
        and_(
            AnnotationRow.source.not_in([GOLD, SUGGESTIONS]),
            AnnotationRow.status == str(Status.DONE),
        ),
    )


def confirmed_page(
    session: Session, after_pk: int, limit: int
) -> list[tuple[int, Document, list[Annotation]]]:
    """The next ``limit`` documents after ``after_pk`` that have confirmed annotations
    (done, or gold), with those annotations."""
    pks = list(
        session.scalars(
            select(AnnotationRow.document_pk)
            .where(_confirmed(), AnnotationRow.document_pk > after_pk)
            .group_by(AnnotationRow.document_pk)
            .order_by(AnnotationRow.document_pk)
            .limit(limit)
        )
    )
    if not pks:
        return []
    documents = {
        row.pk: document_from_row(row)
        for row in session.execute(select(*_DOCUMENT_COLUMNS).where(DocumentRow.pk.in_(pks)))
    }
    found: dict[int, list[Annotation]] = {}
    for row in session.scalars(
        select(AnnotationRow)
        .where(_confirmed(), AnnotationRow.document_pk.in_(pks))
        .order_by(AnnotationRow.document_pk, AnnotationRow.source)
    ):
        found.setdefault(row.document_pk, []).append(
            annotation_from_row(row, documents[row.document_pk].id)
        )
    return [(pk, documents[pk], found[pk]) for pk in pks]


def suggestions_of(session: Session, document_pks: list[int]) -> dict[int, Annotation]:
    """The stored suggestions of these documents (by document pk)."""
    if not document_pks:
        return {}
    rows = session.execute(
        select(AnnotationRow, DocumentRow.id)
        .join(DocumentRow, DocumentRow.pk == AnnotationRow.document_pk)
        .where(AnnotationRow.source == SUGGESTIONS, AnnotationRow.document_pk.in_(document_pks))
    )
    return {row.document_pk: annotation_from_row(row, doc_id) for row, doc_id in rows}


def write_suggestions(session: Session, items: list[tuple[int, Annotation, int]]) -> None:
    """Store (document pk, suggestions, stored version or 0 when new) in the caller's
    transaction. Suggestions belong to no one: the last writer wins, the version grows."""
    now = datetime.now(UTC)
    new_rows = []
    for pk, annotation, version in items:
        values = annotation_values(annotation)
        values["source"] = SUGGESTIONS
        if version == 0:
            new_rows.append({**values, "document_pk": pk, "version": 1, "updated_at": now})
            continue
        result = session.execute(
            update(AnnotationRow)
            .where(AnnotationRow.document_pk == pk, AnnotationRow.source == SUGGESTIONS)
            .values(**values, version=AnnotationRow.version + 1, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 0:  # deleted meanwhile
            new_rows.append({**values, "document_pk": pk, "version": 1, "updated_at": now})
    if new_rows:
        session.execute(insert(AnnotationRow), new_rows)


def confirmed_state(session: Session) -> str:
    """Changes whenever a confirmed annotation is added, changed or removed: what a
    stored block model was fitted on, to tell whether it is still current."""
    count, last, versions = session.execute(
        select(func.count(), func.max(AnnotationRow.updated_at), func.sum(AnnotationRow.version))
        .select_from(AnnotationRow)
        .where(_confirmed())
    ).one()
    return f"{count}:{last}:{versions or 0}"


def documents_by_id(session: Session, document_ids: list[str]) -> list[tuple[int, Document]]:
    """These documents (those that exist), in import order."""
    if not document_ids:
        return []
    rows = session.execute(
        select(*_DOCUMENT_COLUMNS).where(DocumentRow.id.in_(document_ids)).order_by(DocumentRow.pk)
    ).all()
    return [(row.pk, document_from_row(row)) for row in rows]


def site_candidates(session: Session, hosts: list[str], publishers: list[str]) -> list[Document]:
    """Documents that may belong to these sites: a URL or extra meta naming one of the
    ``hosts``, or one of the ``publishers`` (lower case). A superset: the caller keeps
    those whose site really matches."""
    clauses = []
    for host in hosts:
        pattern = "%" + host.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(DocumentRow.url.ilike(pattern, escape="\\"))
        clauses.append(cast(DocumentRow.meta_extra, Text).ilike(pattern, escape="\\"))
    if publishers:
        clauses.append(func.lower(func.trim(DocumentRow.publisher)).in_(publishers))
    if not clauses:
        return []
    rows = session.execute(
        select(*_DOCUMENT_COLUMNS).where(or_(*clauses)).order_by(DocumentRow.pk)
    ).all()
    return [document_from_row(row) for row in rows]
