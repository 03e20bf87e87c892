"""The database tables, as SQLAlchemy 2.0 typed ORM classes.

Blocks are fixed at import, so a document keeps its segmentation as one JSON list.
An annotation is one row per (document, source) holding that source's block labels,
spans and quotes as JSON: each user event rewrites one short row in one transaction,
and ``version`` detects concurrent writers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import DateTime

Json = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: Json, list[Any]: Json}


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (
        # Narrow indexes the document list pages over on SQLite (migration 0002); SQLite's
        # full-text table and PostgreSQL's search index live in the migrations only.
        Index("ix_documents_pk", "pk").ddl_if(dialect="sqlite"),
        Index("ix_documents_listing", "pk", "id", "title", "publisher", "url", "source").ddl_if(
            dialect="sqlite"
        ),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(200), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    blocks: Mapped[list[Any]]
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(Text)
    meta_extra: Mapped[dict[str, Any]]
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AnnotationRow(Base):
    __tablename__ = "annotations"
    __table_args__ = (
        UniqueConstraint("document_pk", "source", name="uq_annotations_document_source"),
        Index("ix_annotations_source_status_document", "source", "status", "document_pk"),
        Index("ix_annotations_updated_at", "updated_at"),
        Index("ix_annotations_document_source_confidence", "document_pk", "source", "confidence"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.pk", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    blocks: Mapped[list[Any]]
    spans: Mapped[list[Any]]
    quotes: Mapped[list[Any]]
    meta: Mapped[dict[str, Any]]
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    changed_by: Mapped[str | None] = mapped_column(String(200))  # migration 0005
    # the suggestions' document confidence (meta.block_confidence), for the list's order
    confidence: Mapped[float | None] = mapped_column(Float)  # migration 0006


class SettingRow(Base):
    """Project-wide settings (label schema, name), one JSON value per key."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict[str, Any]]


class AssignmentRow(Base):
    """A document assigned to an annotator (migration 0004)."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("document_pk", "annotator", name="uq_assignments_document_annotator"),
        Index("ix_assignments_annotator_document", "annotator", "document_pk"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.pk", ondelete="CASCADE"))
    annotator: Mapped[str] = mapped_column(String(200))
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


_FREE = text("claimant IS NULL")
_LIVE = text("claimant IS NOT NULL AND finished_at IS NULL")


class ClaimRow(Base):
    """One slot of a document in a work queue (migration 0005): free, claimed under a
    lease, or finished."""

    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint("queue", "document_pk", "slot", name="uq_claims_queue_document_slot"),
        UniqueConstraint(
            "queue", "document_pk", "claimant", name="uq_claims_queue_document_claimant"
        ),
        Index(
            "ix_claims_free",
            "queue",
            "document_pk",
            "slot",
            postgresql_where=_FREE,
            sqlite_where=_FREE,
        ),
        Index(
            "ix_claims_leases",
            "queue",
            "claimant",
            "expires_at",
            postgresql_where=_LIVE,
            sqlite_where=_LIVE,
        ),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    queue: Mapped[str] = mapped_column(String(40))
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.pk", ondelete="CASCADE"))
    slot: Mapped[int] = mapped_column(Integer)
    claimant: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
