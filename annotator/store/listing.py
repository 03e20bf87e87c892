"""The document list as one annotator sees it: a page of rows, search, status filter, counts.

Rows are in import order (documents.pk), or with ``order="uncertain"`` least confident
suggestions first (the document confidence pre-annotation stores with the suggestions,
``annotations.confidence`` with its index from migration 0006; documents without one come
last). A filter is a search (every word of it, as a
word prefix, in the title or the text) and a status of the annotator's own annotation
(``new`` when there is none). Paging is OFFSET over a narrow index (see migration 0002),
so any page of 100,000 documents costs a few milliseconds.

Search uses the FTS5 table ``documents_fts`` on SQLite, the GIN index over
``to_tsvector('simple', ...)`` on PostgreSQL, and LIKE on SQLite builds without FTS5.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Literal
from urllib.parse import urlsplit

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    and_,
    case,
    column,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from annotator.core.model import SUGGESTIONS
from annotator.store.schema import AnnotationRow, DocumentRow

NEW = "new"
ALL = "all"
IMPORT_ORDER = "import"
UNCERTAIN = "uncertain"
ORDERS = (IMPORT_ORDER, UNCERTAIN)
NO_CONFIDENCE = 2.0  # sorts after every real confidence (0..1)
STATUSES = (NEW, "in_progress", "done", "skipped")
FILTERS = (ALL, *STATUSES)
TITLE_CHARS = 80
MAX_TERMS = 8

SearchMethod = Literal["auto", "fulltext", "like"]

# Must be the expression of ix_documents_search (migration 0002) for PostgreSQL to use it.
_PG_VECTOR = "to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || text)"
_WORD = re.compile(r"[^\W_]+")
_MINE = aliased(AnnotationRow, name="mine")
_SUGGESTED = aliased(AnnotationRow, name="suggested")
_HEADS = aliased(DocumentRow, name="heads")
_FTS = table("documents_fts", column("rowid"))
_INDEXED_UPTO = "SELECT indexed_upto FROM documents_fts_state WHERE id = 1"
_has_fts: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class ListingFilter:
    search: str = ""
    status: str = ALL
    order: str = IMPORT_ORDER

    def __post_init__(self) -> None:
        if self.status not in FILTERS:
            raise ValueError(f"unknown status filter {self.status!r}; use one of {FILTERS}")
        if self.order not in ORDERS:
            raise ValueError(f"unknown order {self.order!r}; use one of {ORDERS}")


@dataclass(frozen=True, slots=True)
class ListingRow:
    id: str
    title: str
    publisher: str
    status: str
    suggestions: int
    updated_at: datetime | None
    confidence: float | None = None  # of the block suggestions (workspace.suggesting)


def _confidence(suggested) -> ColumnElement:
    """The sort key of ``order="uncertain"``: the stored confidence, else NO_CONFIDENCE."""
    return func.coalesce(suggested.confidence, NO_CONFIDENCE)


def _by_confidence(inner: Select, pk: ColumnElement):
    """``inner`` (filtered pks) with each document's confidence key, as a subquery."""
    found = inner.subquery("found")
    suggested = aliased(AnnotationRow, name="conf")
    key = _confidence(suggested)
    query = select(found.c.pk.label("pk"), key.label("conf")).outerjoin(
        suggested, and_(suggested.document_pk == found.c.pk, suggested.source == SUGGESTIONS)
    )
    return query, key, found.c.pk


def search_terms(search: str) -> list[str]:
    """The words of a search box, split the way the FTS5 tokenizer splits text."""
    return _WORD.findall(unicodedata.normalize("NFC", search).casefold())[:MAX_TERMS]


# ------------------------------------------------------------------------------ filters


def _fulltext_available(session: Session) -> bool:
    engine = session.get_bind()
    engine = getattr(engine, "engine", engine)
    found = _has_fts.get(engine)
    if found is None:
        found = bool(
            session.scalar(
                text(
                    "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='documents_fts'"
                )
            )
        )
        _has_fts[engine] = found
    return found


def _like(terms: list[str]):
    clauses = []
    for term in terms:
        pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(
            or_(
                DocumentRow.title.ilike(pattern, escape="\\"),
                DocumentRow.text.ilike(pattern, escape="\\"),
            )
        )
    return and_(*clauses)


def _fts_term(term: str) -> str:
    # one-letter words match whole words only: as prefixes they would match everything
    return f'"{term}"*' if len(term) > 1 else f'"{term}"'


def _pg_term(term: str) -> str:
    return f"{term}:*" if len(term) > 1 else term


def _inner(
    session: Session,
    annotator: str | None,
    where: ListingFilter,
    method: SearchMethod,
    display: bool,
) -> tuple[Select, ColumnElement]:
    """The filtered documents as ``SELECT pk [, display columns]`` and its pk column.

    Searches on SQLite are driven by the FTS5 table (its rowids come in pk order); the
    rest by documents, where the display columns come from the covering index
    ix_documents_listing (SQLite) so the ~8 KB rows are not read for a page.
    """
    terms = search_terms(where.search)
    dialect = session.get_bind().dialect.name
    fulltext = bool(terms) and method != "like" and dialect == "sqlite"
    fulltext = fulltext and _fulltext_available(session)
    if fulltext:
        match = " ".join(_fts_term(term) for term in terms)
        indexed = select(_FTS.c.rowid.label("pk")).where(
            text("documents_fts MATCH :fts_query").bindparams(fts_query=match)
        )
        # documents imported since the index last caught up are searched directly
        haystack = func.coalesce(DocumentRow.title, "") + " " + DocumentRow.text
        tail = select(DocumentRow.pk.label("pk")).where(
            DocumentRow.pk > text(f"({_INDEXED_UPTO})"),
            *(func.has_word(haystack, term) for term in terms),
        )
        found = union_all(indexed, tail).subquery("found")
        pk = found.c.pk
        query = select(pk)
        display = False
    else:
        pk = DocumentRow.pk
        columns = [DocumentRow.pk]
        if display:
            columns += [
                DocumentRow.id,
                DocumentRow.title,
                DocumentRow.publisher,
                DocumentRow.url,
                DocumentRow.source,
            ]
        query = select(*columns)
        if terms and method != "like" and dialect == "postgresql":
            tsquery = " & ".join(_pg_term(term) for term in terms)
            query = query.where(
                text(f"{_PG_VECTOR} @@ to_tsquery('simple', :tsquery)").bindparams(tsquery=tsquery)
            )
        elif terms:
            query = query.where(_like(terms))
    if where.status == NEW:
        if annotator is not None:
            mine = select(AnnotationRow.document_pk).where(AnnotationRow.source == annotator)
            query = query.where(pk.not_in(mine))
    elif where.status != ALL:
        if annotator is None:
            return query.where(false()), pk
        mine = select(AnnotationRow.document_pk).where(
            AnnotationRow.source == annotator, AnnotationRow.status == where.status
        )
        query = query.where(pk.in_(mine))
    return query, pk


def _pk_of(session: Session, document_id: str) -> int | None:
    return session.scalar(select(DocumentRow.pk).where(DocumentRow.id == document_id))


# ------------------------------------------------------------------------------- reading


def count(
    session: Session, annotator: str | None, where: ListingFilter, method: SearchMethod = "auto"
) -> int:
    """How many documents pass ``where``."""
    if not search_terms(where.search) and annotator:
        mine = select(func.count()).where(AnnotationRow.source == annotator)
        if where.status == NEW:
            total = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
            return total - (session.scalar(mine) or 0)
        if where.status != ALL:
            return session.scalar(mine.where(AnnotationRow.status == where.status)) or 0
    inner, _pk = _inner(session, annotator, where, method, display=False)
    return session.scalar(select(func.count()).select_from(inner.subquery())) or 0


def page(
    session: Session,
    annotator: str | None,
    where: ListingFilter,
    offset: int,
    limit: int,
    method: SearchMethod = "auto",
    after_id: str | None = None,
) -> list[ListingRow]:
    """Rows ``[offset, offset + limit)`` of the filtered list in its order; or, in import
    order with ``after_id``, the ``limit`` rows after that document (cheap however deep
    it is; least-confident-first ignores ``after_id``)."""
    uncertain = where.order == UNCERTAIN
    inner, pk = _inner(session, annotator, where, method, display=not uncertain)
    if uncertain:  # OFFSET paging: the keyset of import order does not apply
        inner, key, pk = _by_confidence(inner, pk)
        rows_ = inner.order_by(key, pk).offset(max(0, offset)).limit(max(0, limit))
        rows_ = rows_.subquery("rows")
    else:
        after = _pk_of(session, after_id) if after_id is not None else None
        inner = inner.where(pk > after) if after is not None else inner.offset(max(0, offset))
        rows_ = inner.order_by(pk).limit(max(0, limit)).subquery("rows")
    if "id" in rows_.c:
        pk_column = rows_.c.pk
        columns = [rows_.c.id, rows_.c.title, rows_.c.publisher, rows_.c.url, rows_.c.source]
        base = select().select_from(rows_)
    else:
        pk_column = DocumentRow.pk
        columns = [
            DocumentRow.id,
            DocumentRow.title,
            DocumentRow.publisher,
            DocumentRow.url,
            DocumentRow.source,
        ]
        base = select().select_from(rows_).join(DocumentRow, DocumentRow.pk == rows_.c.pk)
    heads = _HEADS
    head = (
        select(func.substr(heads.text, 1, 4 * TITLE_CHARS))
        .where(heads.pk == pk_column)
        .scalar_subquery()
    )
    title = columns[1]
    untitled = or_(title.is_(None), title == "")
    mine, suggested = _MINE, _SUGGESTED
    query = (
        base.add_columns(
            *columns,
            case((untitled, head), else_=None),
            mine.status if annotator else literal_column("NULL"),
            mine.updated_at if annotator else literal_column("NULL"),
            suggested.item_count,
            suggested.confidence,
        )
        .outerjoin(
            suggested,
            and_(suggested.document_pk == pk_column, suggested.source == SUGGESTIONS),
        )
        .order_by(*([rows_.c.conf] if uncertain else []), pk_column)
    )
    if annotator:
        query = query.outerjoin(mine, and_(mine.document_pk == pk_column, mine.source == annotator))
    rows = []
    result = session.connection().execute(query)  # Core rows: no ORM loading overhead
    for doc_id, title_, publisher, url, source_, head_, status, updated, n, conf in result:
        rows.append(
            ListingRow(
                id=doc_id,
                title=_title(title_, head_),
                publisher=_publisher(publisher, url, source_),
                status=status or NEW,
                suggestions=n or 0,
                updated_at=updated,
                confidence=conf,
            )
        )
    return rows


def row_of(
    session: Session,
    annotator: str | None,
    where: ListingFilter,
    document_id: str,
    method: SearchMethod = "auto",
) -> int | None:
    """The row of ``document_id`` in the filtered list, or None when it is not there."""
    target = _pk_of(session, document_id)
    if target is None:
        return None
    inner, pk = _inner(session, annotator, where, method, display=False)
    if session.scalar(inner.where(pk == target)) is None:
        return None
    if where.order == UNCERTAIN:
        inner, key, pk = _by_confidence(inner, pk)
        ordered = inner.subquery("ordered")
        mine = session.scalar(select(ordered.c.conf).where(ordered.c.pk == target))
        inner = inner.where(or_(key < mine, and_(key == mine, pk < target)))
        return session.scalar(select(func.count()).select_from(inner.subquery())) or 0
    before = inner.where(pk < target).subquery()
    return session.scalar(select(func.count()).select_from(before)) or 0


def status_counts(
    session: Session, annotator: str | None, search: str = "", method: SearchMethod = "auto"
) -> dict[str, int]:
    """``{"all": n, "new": n, "in_progress": n, "done": n, "skipped": n}`` for the search."""
    everything = ListingFilter(search, ALL)
    total = count(session, annotator, everything, method)
    counts = dict.fromkeys(FILTERS, 0)
    counts[ALL] = total
    if annotator:
        query = (
            select(AnnotationRow.status, func.count())
            .where(AnnotationRow.source == annotator)
            .group_by(AnnotationRow.status)
        )
        if search_terms(search):
            inner, _pk = _inner(session, annotator, everything, method, display=False)
            query = query.where(AnnotationRow.document_pk.in_(inner))
        for status, n in session.execute(query):
            if status in counts:
                counts[status] = n
    counts[NEW] = total - sum(counts[s] for s in STATUSES if s != NEW)
    return counts


# ---------------------------------------------------------------------------- fallbacks


def _title(title: str | None, head: str | None) -> str:
    if title and title.strip():
        return title.strip()
    for line in (head or "").splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1] + "…"
    return ""


def _publisher(publisher: str | None, url: str | None, source: str | None) -> str:
    if publisher and publisher.strip():
        return publisher.strip()
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    if source:
        return PurePosixPath(source.replace("\\", "/")).name
    return ""
