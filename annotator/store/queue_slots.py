"""The slots of a work queue: one ``claims`` row per (document, slot), kept in step
with the documents (``sync``), and the queue's settings (how many slots per document,
how far the documents have been synced).

Handing the slots out, leases and counts are ``work_queue``'s.
"""

from __future__ import annotations

from sqlalchemy import delete, exists, func, insert, literal, select, text
from sqlalchemy.orm import Session

from annotator.store.schema import AssignmentRow, ClaimRow, DocumentRow, SettingRow
from annotator.store.suggestions import put_setting

ANNOTATE = "annotate"
PREANNOTATE = "preannotate"
_SYNC_LOCK = 72_616_105  # PostgreSQL advisory lock id: one process adds slots at a time


def _setting_key(queue: str) -> str:
    return f"queue.{queue}"


def queue_settings(session: Session, queue: str) -> dict:
    row = session.get(SettingRow, _setting_key(queue))
    return dict(row.value) if row is not None else {}


def _put_settings(session: Session, queue: str, value: dict) -> None:
    put_setting(session, _setting_key(queue), value)


def update_settings(session: Session, queue: str, **values: object) -> None:
    _put_settings(session, queue, {**queue_settings(session, queue), **values})


def _lock_sync(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _SYNC_LOCK})


def _unassigned():
    return ~exists().where(AssignmentRow.document_pk == DocumentRow.pk)


def _add_slots(session: Session, queue: str, slots: int, where, pool: bool) -> int:
    """Insert the missing slots ``0..slots-1`` of the documents matching ``where``."""
    added = 0
    for slot in range(slots):
        missing = ~exists().where(
            ClaimRow.queue == queue,
            ClaimRow.document_pk == DocumentRow.pk,
            ClaimRow.slot == slot,
        )
        chosen = select(literal(queue), DocumentRow.pk, literal(slot)).where(where, missing)
        if pool:
            chosen = chosen.where(_unassigned())
        result = session.execute(
            insert(ClaimRow).from_select(["queue", "document_pk", "slot"], chosen)
        )
        added += result.rowcount or 0
    return added


def sync(session: Session, queue: str, slots: int | None = None, full: bool = False) -> int:
    """Give documents imported since the last call their slots (cheap when there are
    none: two index lookups). ``full`` also catches documents committed out of order,
    drops free slots of documents assigned meanwhile and applies a changed ``slots``.
    Returns how many slots were added."""
    state = queue_settings(session, queue)
    upto = int(state.get("synced_upto", 0))
    slots = int(slots or state.get("slots", 1))
    newest = session.scalar(select(func.max(DocumentRow.pk))) or 0
    if not full and newest <= upto and slots == int(state.get("slots", 1)):
        return 0
    _lock_sync(session)
    state = queue_settings(session, queue)
    upto = 0 if full else int(state.get("synced_upto", 0))
    pool = queue == ANNOTATE
    added = _add_slots(session, queue, slots, DocumentRow.pk > upto, pool)
    if full:
        surplus = ClaimRow.slot >= slots
        if pool:
            assigned = exists().where(AssignmentRow.document_pk == ClaimRow.document_pk)
            surplus = surplus | assigned
        session.execute(
            delete(ClaimRow).where(ClaimRow.queue == queue, ClaimRow.claimant.is_(None), surplus)
        )
    _put_settings(session, queue, {**state, "synced_upto": max(newest, upto), "slots": slots})
    return added


def reset(session: Session, queue: str) -> int:
    """Forget every slot of the queue (a new pre-annotation run starts from nothing)."""
    n = session.execute(delete(ClaimRow).where(ClaimRow.queue == queue)).rowcount or 0
    session.execute(delete(SettingRow).where(SettingRow.key == _setting_key(queue)))
    return n
