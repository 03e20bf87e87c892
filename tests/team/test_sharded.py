"""Pre-annotation shared out among processes through the database, on SQLite and
PostgreSQL: every document once, and a dead worker's batch done by another."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from annotator.core.model import SUGGESTIONS
from annotator.store import work_queue as queue_repo
from annotator.workspace import Workspace
from annotator.workspace.listing import DocumentFilter
from tests.team import workers
from tests.team.support import seed

DOCUMENTS = 40


def _suggested(url):
    with Workspace.open(url) as ws:
        return ws.stats().sources.get(SUGGESTIONS, {}).get("in_progress", 0)


def test_workers_in_four_processes_share_the_corpus(db_url, pool):
    seed(db_url, DOCUMENTS)
    done = list(pool.map(workers.preannotate_worker, [db_url] * 4, [3] * 4))
    assert sum(done) == DOCUMENTS  # each document once: no batch was claimed twice
    assert _suggested(db_url) == DOCUMENTS
    with Workspace.open(db_url) as ws:
        counts = ws.queue_counts(queue_repo.PREANNOTATE)
        assert (counts.finished, counts.free, counts.claimed) == (DOCUMENTS, 0, 0)
        # a new run starts over; a run that is over does nothing
        assert ws.preannotate_worker("blocks", batch=50).documents == 0
        assert ws.preannotate_worker("blocks", batch=50, restart=True).documents == DOCUMENTS


def test_a_dead_workers_batch_is_done_by_the_next_worker(db_url):
    ids = seed(db_url, 12)
    with Workspace.open(db_url) as ws:
        with ws.db.writing() as session:
            queue_repo.sync(session, queue_repo.PREANNOTATE)
            past = datetime.now(UTC) - timedelta(hours=1)  # its lease has run out
            dead = queue_repo.claim(
                session, queue_repo.PREANNOTATE, "dead", past, timedelta(minutes=10), 5
            )
        assert [claim.document_id for claim in dead] == ids[:5]
        report = ws.preannotate_worker("blocks", batch=4)
    assert report.documents == 12 and report.left == 0
    assert _suggested(db_url) == 12


def test_workers_write_what_a_single_run_writes(db_url, tmp_path):
    """The same suggestions and document confidence (the list's least-confident order) as
    ``preannotate`` in one process: both use the one per-page step."""
    from annotator.workspace.suggesting import BLOCK_CONFIDENCE

    ids = seed(db_url, 6)
    with Workspace.open(db_url) as ws:
        ws.preannotate_worker("blocks", batch=4)
        sharded = {i: ws.suggestions(i) for i in ids}
        ws.preannotate({"blocks"})
        single = {i: ws.suggestions(i) for i in ids}
        rows = ws.list_documents(DocumentFilter(order="uncertain"))
    for i in ids:
        assert sharded[i].blocks == single[i].blocks
        assert sharded[i].block_scores == single[i].block_scores
        assert sharded[i].meta == single[i].meta
        assert isinstance(sharded[i].meta[BLOCK_CONFIDENCE], float)
    assert all(row.confidence is not None for row in rows)
