"""Work queues: documents handed out to concurrent claimants, each at most ``slots`` times.

A queue (``annotate`` for people, ``preannotate`` for batch workers) holds one row per
(document, slot) in ``claims`` (migration 0005). Claiming takes the first free slots in
import order inside one short transaction: on PostgreSQL ``FOR UPDATE SKIP LOCKED``
lets concurrent claimants pass each other's locked rows; on SQLite the writing session's
``BEGIN IMMEDIATE`` serialises them. A claim carries a lease: its holder renews it, and
a holder that died stops renewing, so ``sweep`` hands its claims out again.

The ``annotate`` queue has only documents nobody is assigned to (assigned documents go to
their assignees, see ``workspace.team``); its slots go to distinct people, and a document
someone annotated outside the queue counts as theirs.

Which slots exist (adding them for new documents, the queue's settings) is
``queue_slots``; this module hands them out and takes them back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from annotator.core.model import RESERVED_SOURCES, Document, Status
from annotator.store.convert import document_from_row

# the slots side (queue names, settings, sync, reset) lives in queue_slots; callers reach
# the whole queue through this module
from annotator.store.queue_slots import (  # noqa: F401
    ANNOTATE,
    PREANNOTATE,
    queue_settings,
    reset,
    sync,
    update_settings,
)
from annotator.store.schema import (
    AnnotationRow,
    AssignmentRow,
    ClaimRow,
    DocumentRow,
)

FINISHED_STATUSES = (str(Status.DONE), str(Status.SKIPPED))
_PAGE = 16


@dataclass(frozen=True, slots=True)
class Claim:
    document_pk: int
    document_id: str
    slot: int


@dataclass(frozen=True, slots=True)
class QueueCounts:
    documents: int  # documents in the queue
    free: int  # slots nobody holds
    claimed: int  # slots held under a live or expired lease
    finished: int  # slots whose work is done
    claimants: tuple[str, ...]  # who holds live claims now


def _live(queue: str):
    return (
        (ClaimRow.queue == queue) & ClaimRow.claimant.is_not(None) & ClaimRow.finished_at.is_(None)
    )


def sweep(session: Session, queue: str, now: datetime) -> int:
    """Hand out again the claims whose lease ran out. In the ``annotate`` queue a claim
    whose holder has finished the document meanwhile is marked finished instead."""
    expired = session.execute(
        select(ClaimRow.pk, ClaimRow.document_pk, ClaimRow.claimant)
        .where(_live(queue), ClaimRow.expires_at < now)
        .with_for_update(skip_locked=True)
    ).all()
    if not expired:
        return 0
    finished: set[int] = set()
    if queue == ANNOTATE:
        for pk, document_pk, claimant in expired:
            status = _status(session, document_pk, claimant)
            if status in FINISHED_STATUSES:
                finished.add(pk)
    if finished:
        session.execute(update(ClaimRow).where(ClaimRow.pk.in_(finished)).values(finished_at=now))
    released = [pk for pk, _, _ in expired if pk not in finished]
    if released:
        session.execute(
            update(ClaimRow)
            .where(ClaimRow.pk.in_(released))
            .values(claimant=None, claimed_at=None, expires_at=None)
        )
    return len(released)


def _status(session: Session, document_pk: int, source: str) -> str | None:
    return session.scalar(
        select(AnnotationRow.status).where(
            AnnotationRow.document_pk == document_pk, AnnotationRow.source == source
        )
    )


def held(session: Session, queue: str, claimant: str) -> list[tuple[Claim, str | None]]:
    """The claimant's live claims, oldest first, each with the status of their own
    annotation of the document (None when they have none)."""
    mine = (AnnotationRow.document_pk == ClaimRow.document_pk) & (AnnotationRow.source == claimant)
    rows = session.execute(
        select(ClaimRow.document_pk, DocumentRow.id, ClaimRow.slot, AnnotationRow.status)
        .join(DocumentRow, DocumentRow.pk == ClaimRow.document_pk)
        .outerjoin(AnnotationRow, mine)
        .where(_live(queue), ClaimRow.claimant == claimant)
        .order_by(ClaimRow.claimed_at, ClaimRow.document_pk)
    )
    return [(Claim(pk, doc_id, slot), status) for pk, doc_id, slot, status in rows]


def renew(session: Session, queue: str, claimant: str, now: datetime, lease: timedelta) -> int:
    """Extend the claimant's live leases (a heartbeat)."""
    result = session.execute(
        update(ClaimRow)
        .where(_live(queue), ClaimRow.claimant == claimant)
        .values(expires_at=now + lease)
    )
    return result.rowcount or 0


def finish(
    session: Session, queue: str, claimant: str, document_pks: Iterable[int], now: datetime
) -> int:
    pks = list(document_pks)
    if not pks:
        return 0
    result = session.execute(
        update(ClaimRow)
        .where(_live(queue), ClaimRow.claimant == claimant, ClaimRow.document_pk.in_(pks))
        .values(finished_at=now, expires_at=None)
    )
    return result.rowcount or 0


def release(session: Session, queue: str, claimant: str, document_pks: Iterable[int]) -> int:
    """Give unfinished claims back to the queue at once."""
    pks = list(document_pks)
    result = session.execute(
        update(ClaimRow)
        .where(_live(queue), ClaimRow.claimant == claimant, ClaimRow.document_pk.in_(pks))
        .values(claimant=None, claimed_at=None, expires_at=None)
    )
    return result.rowcount or 0


def claim(
    session: Session,
    queue: str,
    claimant: str,
    now: datetime,
    lease: timedelta,
    limit: int = 1,
) -> list[Claim]:
    """Claim up to ``limit`` free slots of distinct documents, in import order."""
    if queue == ANNOTATE:
        return _claim_for_person(session, claimant, now, lease, limit)
    rows = session.execute(
        select(ClaimRow.pk, ClaimRow.document_pk, ClaimRow.slot)
        .where(ClaimRow.queue == queue, ClaimRow.claimant.is_(None))
        .order_by(ClaimRow.document_pk, ClaimRow.slot)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    if not rows:
        return []
    session.execute(
        update(ClaimRow)
        .where(ClaimRow.pk.in_([row.pk for row in rows]))
        .values(claimant=claimant, claimed_at=now, expires_at=now + lease)
    )
    return _claims(session, rows)


def _claims(session: Session, rows: list) -> list[Claim]:
    ids = dict(
        session.execute(
            select(DocumentRow.pk, DocumentRow.id).where(
                DocumentRow.pk.in_([row.document_pk for row in rows])
            )
        ).all()
    )
    return [Claim(row.document_pk, ids[row.document_pk], row.slot) for row in rows]


def _lock_free(session: Session, pks: list[int]) -> list[int]:
    """Of these slots, lock those still free and not locked by anyone else."""
    if not pks:
        return []
    return list(
        session.scalars(
            select(ClaimRow.pk)
            .where(ClaimRow.pk.in_(pks), ClaimRow.claimant.is_(None))
            .with_for_update(skip_locked=True)
        )
    )


def _claim_for_person(
    session: Session, claimant: str, now: datetime, lease: timedelta, limit: int
) -> list[Claim]:
    """Candidates are read without locks and sorted out (see ``_people_filter``); only
    the slot about to be taken is locked, so concurrent claimants hardly ever meet. If
    every usable slot was locked by someone else, look again: None means none is left."""
    claimed: list = []
    serialised = session.get_bind().dialect.name == "sqlite"
    for _attempt in range(50):
        busy = False
        after = (-1, -1)
        while len(claimed) < limit:
            rows = session.execute(
                # no join here: PostgreSQL may merge-join it over every document
                select(ClaimRow.pk, ClaimRow.document_pk, ClaimRow.slot)
                .where(
                    ClaimRow.queue == ANNOTATE,
                    ClaimRow.claimant.is_(None),
                    (ClaimRow.document_pk > after[0])
                    | ((ClaimRow.document_pk == after[0]) & (ClaimRow.slot > after[1])),
                )
                .order_by(ClaimRow.document_pk, ClaimRow.slot)
                .limit(_PAGE)
            ).all()
            if not rows:
                break
            after = (rows[-1].document_pk, rows[-1].slot)
            for row in _people_filter(session, claimant, rows, now):
                if not _lock_free(session, [row.pk]):
                    busy = True
                    continue
                take = (
                    update(ClaimRow)
                    .where(ClaimRow.pk == row.pk)
                    .values(claimant=claimant, claimed_at=now, expires_at=now + lease)
                )
                if serialised:  # SQLite: nobody else is writing, the filter holds
                    session.execute(take)
                else:
                    try:
                        with session.begin_nested():
                            session.execute(take)
                    except IntegrityError:
                        continue  # I took another slot of it in a transaction just committed
                claimed.append(row)
                if len(claimed) == limit:
                    break
        if claimed or not busy:
            break
    return _claims(session, claimed) if claimed else []


def _holders(session: Session, pks: list[int]) -> dict[int, set[str]]:
    holders: dict[int, set[str]] = {pk: set() for pk in pks}
    for pk, name in session.execute(
        select(ClaimRow.document_pk, ClaimRow.claimant).where(
            ClaimRow.queue == ANNOTATE,
            ClaimRow.document_pk.in_(pks),
            ClaimRow.claimant.is_not(None),
        )
    ):
        holders[pk].add(name)
    return holders


def _record_finished(session: Session, pk: int, name: str, now: datetime) -> None:
    """Give ``name``, who annotated the document outside the queue, the slot ``pk`` as
    finished. On PostgreSQL the holders and the annotations are read by two statements,
    so ``name`` may have claimed a slot of it in between: the unique claim then stands
    and this one is left as it was (a savepoint keeps the transaction going)."""
    record = (
        update(ClaimRow)
        .where(ClaimRow.pk == pk)
        .values(claimant=name, claimed_at=now, finished_at=now)
    )
    if session.get_bind().dialect.name == "sqlite":  # one writer: nobody got in between
        session.execute(record)
        return
    try:
        with session.begin_nested():
            session.execute(record)
    except IntegrityError:
        pass


def _people_filter(session: Session, claimant: str, rows: list, now: datetime) -> list:
    """Of free slots, those the claimant may take: not of a document assigned meanwhile
    (such slots are dropped), not of a document they already hold or annotated, one per
    document. A document somebody annotated outside the queue gives them a free slot,
    finished, so that the overlap counts them."""
    pks = sorted({row.document_pk for row in rows})
    assigned = set(
        session.scalars(select(AssignmentRow.document_pk).where(AssignmentRow.document_pk.in_(pks)))
    )
    holders = _holders(session, pks)
    workers: dict[int, list[str]] = {pk: [] for pk in pks}
    for pk, source in session.execute(
        select(AnnotationRow.document_pk, AnnotationRow.source)
        .where(AnnotationRow.document_pk.in_(pks), AnnotationRow.source.not_in(RESERVED_SOURCES))
        .order_by(AnnotationRow.document_pk, AnnotationRow.source)
    ):
        workers[pk].append(source)
    drop, usable = [], []
    for row in rows:
        pk = row.document_pk
        if pk in assigned:
            drop.append(row.pk)
            continue
        untracked = [name for name in workers[pk] if name not in holders[pk]]
        if untracked:
            if _lock_free(session, [row.pk]):
                _record_finished(session, row.pk, untracked[0], now)
                holders[pk].add(untracked[0])
        elif claimant not in holders[pk]:
            usable.append(row)
            holders[pk].add(claimant)
    drop = _lock_free(session, drop)
    if drop:
        session.execute(delete(ClaimRow).where(ClaimRow.pk.in_(drop)))
    return usable


def counts(session: Session, queue: str, now: datetime) -> QueueCounts:
    row = session.execute(
        select(
            func.count(func.distinct(ClaimRow.document_pk)),
            func.count(),
            func.count(ClaimRow.finished_at),
            func.count(ClaimRow.claimant),
        ).where(ClaimRow.queue == queue)
    ).one()
    documents, slots, finished, taken = (int(v or 0) for v in row)
    # live claims whose holder has finished the document already (a claim is marked
    # finished when its holder next asks for a document) count as finished
    status = (
        select(AnnotationRow.status)
        .where(
            AnnotationRow.document_pk == ClaimRow.document_pk,
            AnnotationRow.source == ClaimRow.claimant,
        )
        .scalar_subquery()
    )
    names: set[str] = set()
    for name, expires_at, state in session.execute(
        select(ClaimRow.claimant, ClaimRow.expires_at, status).where(_live(queue))
    ):
        if state in FINISHED_STATUSES:
            finished += 1
        elif _aware(expires_at) >= now:
            names.add(name)
    return QueueCounts(documents, slots - taken, taken - finished, finished, tuple(sorted(names)))


def _aware(moment: datetime) -> datetime:
    """SQLite hands datetimes back without their time zone: they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def next_assigned(session: Session, annotator: str, after_id: str | None = None) -> Claim | None:
    """The first document assigned to ``annotator`` that they have not finished, after
    the document ``after_id`` in import order, wrapping round to the start."""
    finished = exists().where(
        AnnotationRow.document_pk == AssignmentRow.document_pk,
        AnnotationRow.source == annotator,
        AnnotationRow.status.in_(FINISHED_STATUSES),
    )
    query = (
        select(AssignmentRow.document_pk, DocumentRow.id)
        .join(DocumentRow, DocumentRow.pk == AssignmentRow.document_pk)
        .where(AssignmentRow.annotator == annotator, ~finished)
        .order_by(AssignmentRow.document_pk)
        .limit(1)
    )
    after = select(DocumentRow.pk).where(DocumentRow.id == after_id).scalar_subquery()
    found = None
    if after_id is not None:
        found = session.execute(query.where(AssignmentRow.document_pk > after)).first()
    if found is None:
        found = session.execute(query).first()
    return Claim(found[0], found[1], 0) if found else None


def document_pk(session: Session, document_id: str) -> int | None:
    return session.scalar(select(DocumentRow.pk).where(DocumentRow.id == document_id))


def change_stamp(session: Session) -> tuple:
    """Changes when anyone saves an annotation or imports a document (index lookups)."""
    return (
        session.scalar(select(func.max(AnnotationRow.updated_at))),
        session.scalar(select(func.max(DocumentRow.pk))),
    )


def documents_of(session: Session, pks: list[int]) -> list[tuple[int, Document]]:
    """The documents with these pks, in import order."""
    columns = [c for c in DocumentRow.__table__.c if c.name not in ("fingerprint", "imported_at")]
    rows = session.execute(select(*columns).where(DocumentRow.pk.in_(pks)).order_by(DocumentRow.pk))
    return [(row.pk, document_from_row(row)) for row in rows]
