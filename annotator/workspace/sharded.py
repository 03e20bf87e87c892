"""Pre-annotation shared out among processes and machines through the database.

Each worker claims a batch of documents from the ``preannotate`` queue (the claim
mechanism of the annotators' queue: skip-locked slots under a lease), suggests for them,
and writes the suggestions and marks the batch finished in one transaction. A worker
that dies mid-batch leaves its claims unfinished; once their lease runs out the next
worker to look takes them, so every document is done at least once, and doing one twice
only writes the same suggestions again. Workers stop when no document is left to claim.

The suggesting itself is the same per-page step as ``Suggesting.preannotate``'s
(``suggest_batch.BatchSuggester``), prepared once per worker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from annotator.store import suggestions as suggestion_repo
from annotator.store import work_queue as queue_repo
from annotator.store.work_queue import PREANNOTATE
from annotator.workspace import suggesting
from annotator.workspace.suggest_batch import BatchSuggester
from annotator.workspace.suggesting import parse_what
from annotator.workspace.team import worker_name

if TYPE_CHECKING:
    from annotator.workspace import Workspace

LEASE = timedelta(minutes=10)


@dataclass
class WorkerReport:
    worker: str
    documents: int = 0  # documents this worker suggested for
    batches: int = 0
    left: int = 0  # documents still claimed by other workers when this one stopped
    cancelled: bool = False
    meta: dict[str, str] = field(default_factory=dict)
    pipeline_problem: str | None = None


def _prepare(workspace: Workspace, chosen: set[str]) -> BatchSuggester:
    """The worker's suggesters; the block model is refitted first if labels changed."""
    block_model, context = None, None
    if "blocks" in chosen:
        context = workspace.block_context()
        block_suggester, block_id, current = workspace.block_suggester()
        if not current:
            workspace.retrain_blocks(context=context)
            block_suggester, block_id, _ = workspace.block_suggester()
        block_model = (block_suggester, block_id)
    return BatchSuggester.prepare(workspace, chosen, block_model, context)


def run_worker(
    workspace: Workspace,
    what: Iterable[str] | str = suggesting.WHAT,
    batch: int = 50,
    restart: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    lease: timedelta = LEASE,
    name: str | None = None,
) -> WorkerReport:
    """Claim batches from the shared pre-annotation queue until none is left.
    ``restart`` starts a new run: every document is queued again."""
    chosen = parse_what(what)
    report = WorkerReport(name or worker_name())
    db = workspace.db
    with db.writing() as session:
        if restart:
            queue_repo.reset(session, PREANNOTATE)
        queue_repo.sync(session, PREANNOTATE)
    suggesters = _prepare(workspace, chosen)
    report.meta, report.pipeline_problem = suggesters.meta, suggesters.problem
    while True:
        if cancelled and cancelled():
            report.cancelled = True
            break
        now = datetime.now(UTC)
        with db.writing() as session:
            queue_repo.sweep(session, PREANNOTATE, now)
            queue_repo.sync(session, PREANNOTATE)
            claims = queue_repo.claim(session, PREANNOTATE, report.worker, now, lease, batch)
        if not claims:
            break
        pks = [claim.document_pk for claim in claims]
        with db.reading() as session:
            page = queue_repo.documents_of(session, pks)
            stored = suggestion_repo.suggestions_of(session, pks)
        items = suggesters.suggest(page, stored)
        with db.writing() as session:  # the suggestions and the claims' end: all or nothing
            suggestion_repo.write_suggestions(session, items)
            queue_repo.finish(session, PREANNOTATE, report.worker, pks, datetime.now(UTC))
        report.documents += len(items)
        report.batches += 1
        if progress:
            counts = workspace.queue_counts(PREANNOTATE)
            progress(counts.finished, counts.documents)
    counts = workspace.queue_counts(PREANNOTATE)
    report.left = counts.claimed
    return report
