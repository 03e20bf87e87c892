"""Team mode: the work queue that hands each annotator their next document, leases kept
alive while a window is open, the team's progress, and saving through conflicts.

Team mode is on for projects on a PostgreSQL server and for any project where
``enable_queue`` was called (``annotator queue --overlap N``). Without it "next document"
is simply my next unfinished document in import order.

In team mode my next document is, in this order: the document I hold a live claim on
and have not finished (after a crash or a restart I get it back); the next document
assigned to me that I have not finished; the first free slot of the queue of documents
nobody is assigned to. A queued document goes to at most ``overlap`` distinct people.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from annotator.core.commands import ChangeSet, Command
from annotator.core.model import RESERVED_SOURCES, Annotation
from annotator.store import annotations as annotation_repo
from annotator.store import work_queue as queue_repo
from annotator.store.annotations import VersionConflict
from annotator.store.documents import count_documents
from annotator.store.work_queue import ANNOTATE, FINISHED_STATUSES, QueueCounts

if TYPE_CHECKING:
    from annotator.store.database import Database

__all__ = ["ConflictDetails", "QueueCounts", "Team", "TeamProgress", "describe_conflict"]

LEASE = timedelta(minutes=30)
"""How long a claim outlives its holder's last sign of life (open windows renew it)."""
FULL_SYNC_EVERY = 60.0  # seconds between full queue syncs when the queue looks empty


@dataclass(frozen=True, slots=True)
class TeamProgress:
    """What everyone has done: documents per status for each annotator, the queue."""

    documents: int
    annotators: dict[str, dict[str, int]]
    queue: QueueCounts | None
    working_now: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ConflictDetails:
    """A refused save explained: the stored state, who saved it and when, what differs."""

    document_id: str
    source: str
    version: int
    changed_by: str | None
    changed_at: str | None
    differences: list[str] = field(default_factory=list)


def client_name(annotator: str | None) -> str | None:
    """``alice@laptop``: who saved a version, shown to whoever's save it refuses."""
    return f"{annotator}@{socket.gethostname()}" if annotator else None


class Team:
    """Mixed into Workspace; uses ``self.db`` and ``self.annotator``."""

    db: Database
    annotator: str | None

    # ----------------------------------------------------------------- identity
    @property
    def changed_by(self) -> str | None:
        return client_name(self.annotator)

    # ------------------------------------------------------------------ the queue
    def team_mode(self) -> bool:
        """On for PostgreSQL projects and where the queue was enabled (looked up again at
        most every few seconds while it is off: turning it on reaches open windows)."""
        if self.db.backend == "postgresql" or self.__dict__.get("_team_mode"):
            return True
        last = self.__dict__.get("_team_mode_checked", -FULL_SYNC_EVERY)
        if time.monotonic() - last < 5.0:
            return False
        with self.db.reading() as session:
            on = bool(queue_repo.queue_settings(session, ANNOTATE).get("enabled"))
        self.__dict__["_team_mode"] = on
        self.__dict__["_team_mode_checked"] = time.monotonic()
        return on

    def enable_queue(self, overlap: int | None = None) -> QueueCounts:
        """Turn the work queue on (it is always on for PostgreSQL projects) and give every
        unassigned document ``overlap`` slots (default: as before, else 1); documents
        assigned meanwhile leave the queue."""
        if overlap is not None and overlap < 1:
            raise ValueError("the overlap is the number of people per document: 1 or more")
        with self.db.writing() as session:
            queue_repo.sync(session, ANNOTATE, overlap, full=True)
            queue_repo.update_settings(session, ANNOTATE, enabled=True)
        self.__dict__["_team_mode"] = True
        return self.queue_counts()

    def queue_counts(self, queue: str = ANNOTATE) -> QueueCounts:
        with self.db.reading() as session:
            return queue_repo.counts(session, queue, datetime.now(UTC))

    def next_document(self, after_id: str | None = None) -> str | None:
        """My next document (see the module docstring); None when nothing is left."""
        if not self.team_mode():
            return self.next_unfinished(after_id)
        me = self._me()
        found = self._next_in_queue(me, after_id)
        if found is None and self._may_full_sync():
            with self.db.writing() as session:
                queue_repo.sync(session, ANNOTATE, full=True)
            found = self._next_in_queue(me, after_id)
        return found

    def _next_in_queue(self, me: str, after_id: str | None) -> str | None:
        now = datetime.now(UTC)
        with self.db.writing() as session:
            queue_repo.sweep(session, ANNOTATE, now)
            finished = []
            for held, status in queue_repo.held(session, ANNOTATE, me):
                if status in FINISHED_STATUSES:
                    finished.append(held.document_pk)
                else:
                    queue_repo.renew(session, ANNOTATE, me, now, LEASE)
                    return held.document_id
            queue_repo.finish(session, ANNOTATE, me, finished, now)
            assigned = queue_repo.next_assigned(session, me, after_id)
            if assigned is not None:
                return assigned.document_id
            queue_repo.sync(session, ANNOTATE)
            claimed = queue_repo.claim(session, ANNOTATE, me, now, LEASE)
        return claimed[0].document_id if claimed else None

    def _may_full_sync(self) -> bool:
        last = self.__dict__.get("_last_full_sync", 0.0)
        if time.monotonic() - last < FULL_SYNC_EVERY:
            return False
        self.__dict__["_last_full_sync"] = time.monotonic()
        return True

    def release_document(self, document_id: str) -> bool:
        """Give my claim on the document back to the queue (someone else may take it)."""
        with self.db.writing() as session:
            pk = queue_repo.document_pk(session, document_id)
            return bool(pk and queue_repo.release(session, ANNOTATE, self._me(), [pk]))

    def heartbeat(self) -> int:
        """Renew my claims' leases (open windows call this every minute or so)."""
        if not self.annotator:
            return 0
        with self.db.writing() as session:
            return queue_repo.renew(session, ANNOTATE, self.annotator, datetime.now(UTC), LEASE)

    def preannotate_worker(self, what=None, **options):
        """Take part in a shared pre-annotation run (see ``workspace.sharded``)."""
        from annotator.workspace.sharded import run_worker

        return run_worker(self, what or ("blocks", "entities", "quotes"), **options)

    # ---------------------------------------------------------------- progress
    def change_stamp(self) -> tuple:
        """A value that changes whenever anyone saves or imports something (cheap)."""
        with self.db.reading() as session:
            return queue_repo.change_stamp(session)

    def team_progress(self) -> TeamProgress:
        now = datetime.now(UTC)
        with self.db.reading() as session:
            sources = annotation_repo.source_status_counts(session)
            documents = count_documents(session)
            queue = queue_repo.counts(session, ANNOTATE, now) if self.team_mode() else None
        people = {
            name: counts for name, counts in sorted(sources.items()) if name not in RESERVED_SOURCES
        }
        return TeamProgress(documents, people, queue, queue.claimants if queue else ())

    # ----------------------------------------------------------------- conflicts
    def conflict_details(
        self, conflict: VersionConflict, mine: Annotation | None
    ) -> ConflictDetails:
        """The refused save explained (``mine``: the state that was refused)."""
        current = conflict.current
        return ConflictDetails(
            current.document_id,
            current.source,
            current.version,
            conflict.changed_by,
            current.updated_at,
            describe_conflict(mine, current) if mine is not None else [],
        )

    def keep_mine(self, document_id: str, command: Command) -> ChangeSet:
        """Apply ``command`` again on top of the newer stored state (after a conflict)."""
        self.my_annotation(document_id, reload=True)
        return self.apply(document_id, command)

    def apply_with_retry(
        self,
        document_id: str,
        command: Command,
        attempts: int = 50,
        on_conflict: Callable[[VersionConflict], None] | None = None,
    ) -> ChangeSet:
        """``apply``, reapplied on the newer state after each conflict (for scripts and
        batch writers whose changes do not depend on what others did)."""
        for attempt in range(attempts):
            try:
                return self.apply(document_id, command)
            except VersionConflict as conflict:
                if on_conflict:
                    on_conflict(conflict)
                if attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")

    # provided by Workspace
    _me: Callable[[], str]
    next_unfinished: Callable[..., str | None]
    my_annotation: Callable[..., Annotation]
    apply: Callable[[str, Command], ChangeSet]


def describe_conflict(mine: Annotation, theirs: Annotation) -> list[str]:
    """What the stored version says differently from the one I tried to save, in lines
    a person reads ("block 3: body (theirs) / title (mine)")."""
    lines = []
    if mine.status != theirs.status:
        lines.append(f"status: {theirs.status} (theirs) / {mine.status} (mine)")
    for index in sorted(set(mine.blocks) | set(theirs.blocks)):
        theirs_label = theirs.blocks.get(index) or "no label"
        my_label = mine.blocks.get(index) or "no label"
        if theirs_label != my_label:
            lines.append(f"block {index + 1}: {theirs_label} (theirs) / {my_label} (mine)")
    their_spans = {(s.start, s.end, s.label) for s in theirs.spans}
    my_spans = {(s.start, s.end, s.label) for s in mine.spans}
    for start, end, label in sorted(their_spans - my_spans):
        lines.append(f"{label} span {start}-{end}: only in theirs")
    for start, end, label in sorted(my_spans - their_spans):
        lines.append(f"{label} span {start}-{end}: only in mine")
    their_quotes = {(q.start, q.end) for q in theirs.quotes}
    my_quotes = {(q.start, q.end) for q in mine.quotes}
    for start, end in sorted(their_quotes - my_quotes):
        lines.append(f"quote {start}-{end}: only in theirs")
    for start, end in sorted(my_quotes - their_quotes):
        lines.append(f"quote {start}-{end}: only in mine")
    return lines


def worker_name() -> str:
    """A batch worker's claimant name: host, process and a start stamp."""
    return f"worker@{socket.gethostname()}:{os.getpid()}:{int(time.time() * 1000) % 10**8}"
