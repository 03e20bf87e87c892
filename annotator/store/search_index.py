"""Keeping SQLite's full-text index up with imported documents, in short batches.

PostgreSQL's GIN index is maintained by the server itself; there this is a no-op.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

_STATE = "SELECT indexed_upto FROM documents_fts_state WHERE id = 1"


def uses_catch_up(session: Session) -> bool:
    if session.get_bind().dialect.name != "sqlite":
        return False
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents_fts_state'")
    ).first()
    return found is not None


def indexed_upto(session: Session) -> int:
    """Documents with a pk up to this are in the full-text index; later ones are not yet."""
    return int(session.execute(text(_STATE)).scalar_one())


def pending(session: Session) -> int:
    if not uses_catch_up(session):
        return 0
    return int(
        session.execute(text(f"SELECT count(*) FROM documents WHERE pk > ({_STATE})")).scalar_one()
    )


def catch_up(session: Session, batch: int = 1000) -> int:
    """Index the next ``batch`` documents not yet indexed; returns how many it indexed."""
    if not uses_catch_up(session):
        return 0
    upto = indexed_upto(session)
    last = session.execute(
        text(
            "SELECT max(pk), count(*) FROM (SELECT pk FROM documents WHERE pk > :upto"
            " ORDER BY pk LIMIT :batch)"
        ),
        {"upto": upto, "batch": batch},
    ).one()
    if not last[1]:
        return 0
    session.execute(
        text(
            "INSERT INTO documents_fts(rowid, title, text) SELECT pk, title, text"
            " FROM documents WHERE pk > :upto AND pk <= :last ORDER BY pk"
        ),
        {"upto": upto, "last": last[0]},
    )
    session.execute(
        text("UPDATE documents_fts_state SET indexed_upto = :last WHERE id = 1"),
        {"last": last[0]},
    )
    return int(last[1])
