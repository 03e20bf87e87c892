"""Many processes on one project, on SQLite and PostgreSQL: no lost update, nothing
committed is lost when a writer is killed, the queue never over-hands a document.

The writers run in the session's pool of spawned processes (tests/team/conftest.py).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import Counter

import pytest

from annotator.core.model import Annotation
from annotator.store.assignments import add_assignments
from annotator.workspace import Workspace
from tests.team import workers
from tests.team.support import seed

WRITERS = 8  # the pool's size
CHANGES = 500
BLOCKS_EACH = 4
DOCUMENTS = 4


def test_eight_writers_making_500_changes_each_end_in_the_expected_state(db_url, pool):
    docs = seed(db_url, DOCUMENTS, blocks=WRITERS * BLOCKS_EACH)
    with Workspace.open(db_url, workers.SHARED) as ws:
        for doc in docs:
            ws.save_annotation(Annotation(doc, workers.SHARED))  # version 1
    jobs = [
        pool.submit(workers.label_writer, db_url, docs, w, CHANGES, BLOCKS_EACH)
        for w in range(WRITERS)
    ]
    results = [job.result(timeout=600) for job in jobs]  # re-raises any worker's error

    expected = {doc: {} for doc in docs}
    changes = Counter()
    for w in range(WRITERS):
        for change in range(CHANGES):
            document, block, label = workers.change_of(w, change, BLOCKS_EACH, DOCUMENTS)
            expected[docs[document]][block] = label
            changes[docs[document]] += 1
    with Workspace.open(db_url, workers.SHARED) as ws:
        for doc in docs:
            stored = ws.annotation(doc)
            assert stored.blocks == expected[doc]
            # every change was committed exactly once: none lost, none applied twice
            assert stored.version == 1 + changes[doc]
    print("conflicts met and retried:", sum(r["conflicts"] for r in results))


def test_a_writer_killed_mid_work_loses_nothing_it_had_committed(db_url):
    [doc] = seed(db_url, 1, blocks=3000)
    context = multiprocessing.get_context("spawn")
    acks = context.Queue()
    writer = context.Process(target=workers.acking_writer, args=(db_url, doc, acks))
    writer.start()
    try:
        acked = [acks.get(timeout=120) for _ in range(60)]
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.join(30)
    while not acks.empty():  # acks sent before the kill
        acked.append(acks.get_nowait())
    assert writer.exitcode == -signal.SIGKILL
    with Workspace.open(db_url, "killed") as ws:
        stored = ws.annotation(doc)
    assert acked == list(range(len(acked)))
    for change in acked:
        assert stored.blocks[change] == workers.LABELS[change % len(workers.LABELS)]
    # the one in flight at the kill is all there or not there at all
    assert sorted(stored.blocks) == list(range(stored.version))
    assert stored.version >= len(acked)


@pytest.mark.parametrize("overlap", [1, 2])
def test_the_queue_never_hands_a_document_out_beyond_the_overlap(db_url, pool, overlap):
    ids = seed(db_url, 40)
    with Workspace.open(db_url, "curator") as ws:
        with ws.db.writing() as session:  # all but the first ten are zed's
            add_assignments(session, {doc: ["zed"] for doc in ids[10:]})
        ws.enable_queue(overlap)
    names = [f"annotator{i}" for i in range(WRITERS)]
    taken = dict(zip(names, pool.map(workers.queue_taker, [db_url] * WRITERS, names), strict=True))
    handed = Counter(doc for docs in taken.values() for doc in docs)
    queued = set(ids[:10])
    assert set(handed) == queued
    assert all(n == overlap for n in handed.values())
    assert all(len(docs) == len(set(docs)) for docs in taken.values())
