"""The document list: paging, search, status filter, progress.

Everything is seen as ``self.annotator``: a document's status is that annotator's
annotation status, or ``new`` when they have none (for a workspace without an annotator
every document is ``new``). Rows are in import order, or least confident block
suggestions first (``order="uncertain"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from annotator.store import listing as listing_repo
from annotator.store.listing import (
    ALL,
    FILTERS,
    IMPORT_ORDER,
    NEW,
    ORDERS,
    STATUSES,
    UNCERTAIN,
    ListingFilter,
)

if TYPE_CHECKING:
    from annotator.store.database import Database

__all__ = [
    "ALL",
    "FILTERS",
    "IMPORT_ORDER",
    "NEW",
    "ORDERS",
    "STATUSES",
    "UNCERTAIN",
    "DocumentFilter",
    "DocumentSummary",
    "Listing",
    "StatusCounts",
]

DocumentFilter = ListingFilter
"""``DocumentFilter(search="", status="all", order="import")``; status is one of
``FILTERS``, order one of ``ORDERS`` (``"uncertain"``: least confident suggestions first)."""


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One row of the document list."""

    id: str
    title: str  # the stored title, else the start of the text
    publisher: str  # the publisher, else the URL host, else the source file name
    status: str  # "new", "in_progress", "done" or "skipped"
    suggestions: int  # items in the "suggestions" annotation
    updated_at: datetime | None  # last change of my annotation
    confidence: float | None = None  # of its block suggestions (suggesting.document_confidence)


@dataclass(frozen=True, slots=True)
class StatusCounts:
    """How many documents have each of my statuses (within a search, if given)."""

    all: int
    new: int
    in_progress: int
    done: int
    skipped: int

    def of(self, status: str) -> int:
        return getattr(self, status)

    @property
    def finished(self) -> int:
        return self.done + self.skipped


class Listing:
    """Mixed into Workspace; uses ``self.db`` and ``self.annotator``."""

    db: Database
    annotator: str | None

    def list_documents(
        self,
        where: DocumentFilter | None = None,
        offset: int = 0,
        limit: int = 200,
        after_id: str | None = None,
    ) -> list[DocumentSummary]:
        """Rows ``[offset, offset + limit)`` of the documents passing ``where``; with
        ``after_id`` (the last id of the previous page) the ``limit`` rows after that
        document instead, which stays cheap however deep in the list it is."""
        with self.db.reading() as session:
            rows = listing_repo.page(
                session, self.annotator, where or DocumentFilter(), offset, limit, after_id=after_id
            )
        return [
            DocumentSummary(
                r.id, r.title, r.publisher, r.status, r.suggestions, r.updated_at, r.confidence
            )
            for r in rows
        ]

    def document_count(self, where: DocumentFilter | None = None) -> int:
        with self.db.reading() as session:
            return listing_repo.count(session, self.annotator, where or DocumentFilter())

    def document_row(self, document_id: str, where: DocumentFilter | None = None) -> int | None:
        """The row of ``document_id`` in the filtered list; None when the filter hides it."""
        with self.db.reading() as session:
            return listing_repo.row_of(
                session, self.annotator, where or DocumentFilter(), document_id
            )

    def status_counts(self, search: str = "") -> StatusCounts:
        """My progress: documents per status (of those matching ``search``, if given)."""
        with self.db.reading() as session:
            counts = listing_repo.status_counts(session, self.annotator, search)
        return StatusCounts(**counts)
