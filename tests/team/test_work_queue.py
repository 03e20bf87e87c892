"""The work queue in one process, on SQLite and PostgreSQL: distinct documents, overlap,
assignments, resuming, leases that run out, documents annotated outside the queue."""

from datetime import UTC, datetime, timedelta

import pytest

from annotator.core.commands import SetStatus
from annotator.core.model import Annotation, Status
from annotator.store import work_queue as queue_repo
from annotator.workspace import Workspace
from tests.team.support import seed


@pytest.fixture
def project(db_url):
    ids = seed(db_url, 6)
    with Workspace.open(db_url, "curator") as ws:
        ws.enable_queue()
    return db_url, ids


def _finish(ws, doc):
    ws.apply(doc, SetStatus(Status.DONE))


def test_annotators_get_distinct_documents_and_resume_their_own(project):
    url, ids = project
    alice, bob = Workspace.open(url, "alice"), Workspace.open(url, "bob")
    assert alice.next_document() == ids[0]
    assert bob.next_document() == ids[1]
    assert alice.next_document() == ids[0]  # not finished: the same one again
    _finish(alice, ids[0])
    assert alice.next_document() == ids[2]
    counts = alice.queue_counts()
    assert (counts.documents, counts.finished, counts.claimed) == (6, 1, 2)
    assert counts.claimants == ("alice", "bob")
    _finish(bob, ids[1])  # finished, not asked for another yet: counted as finished
    counts = alice.queue_counts()
    assert (counts.finished, counts.claimed, counts.claimants) == (2, 1, ("alice",))
    alice.close(), bob.close()


def test_overlap_hands_a_document_to_that_many_distinct_people(db_url):
    ids = seed(db_url, 3)
    with Workspace.open(db_url, "curator") as ws:
        ws.enable_queue(overlap=2)
    got = {}
    for name in ("a", "b", "c"):
        with Workspace.open(db_url, name) as ws:
            got[name] = []
            while (doc := ws.next_document()) is not None:
                got[name].append(doc)
                _finish(ws, doc)
    handed = sorted(doc for docs in got.values() for doc in docs)
    assert handed == sorted(ids * 2)
    assert all(len(set(docs)) == len(docs) for docs in got.values())


def test_assigned_documents_go_only_to_their_assignees(project):
    url, ids = project
    with Workspace.open(url, "curator") as ws:
        ws.assign(["alice", "bob"], overlap=0.0, seed=1)
        ws.enable_queue()
        plan = {doc: ws.assignees(doc) for doc in ids}
    for name in ("alice", "bob", "carol"):
        with Workspace.open(url, name) as ws:
            seen = []
            while (doc := ws.next_document(seen[-1] if seen else None)) is not None:
                if doc in seen:
                    break
                seen.append(doc)
                _finish(ws, doc)
            assert sorted(seen) == sorted(d for d in ids if name in plan[d])


def test_a_dead_clients_claim_comes_back_when_its_lease_runs_out(project):
    url, ids = project
    with Workspace.open(url, "crashed") as ws:
        assert ws.next_document() == ids[0]
    with Workspace.open(url, "bob") as bob:
        assert bob.next_document() == ids[1]
        with bob.db.writing() as session:
            later = datetime.now(UTC) + timedelta(hours=1)
            assert queue_repo.sweep(session, queue_repo.ANNOTATE, later) == 2
        _finish(bob, ids[1])
        assert bob.next_document() == ids[0]


def test_heartbeat_keeps_a_claim(project):
    url, ids = project
    with Workspace.open(url, "alice") as ws:
        ws.next_document()
        assert ws.heartbeat() == 1
        assert ws.release_document(ids[0])
        assert ws.heartbeat() == 0


def test_work_done_outside_the_queue_counts_toward_the_overlap(project):
    url, ids = project
    with Workspace.open(url, "bob") as bob:
        bob.save_annotation(Annotation(ids[0], "bob", status=Status.DONE))
    with Workspace.open(url, "alice") as alice:
        assert alice.next_document() == ids[1]
        alice.save_annotation(Annotation(ids[2], "alice", status=Status.DONE))
        _finish(alice, ids[1])
        assert alice.next_document() == ids[3]


def test_documents_imported_later_join_the_queue(project):
    url, ids = project
    with Workspace.open(url, "alice") as ws:
        for doc in ids:
            assert ws.next_document() == doc
            _finish(ws, doc)
        assert ws.next_document() is None
        more = seed(url, 2, start=100)
        assert ws.next_document() == more[0]


def test_without_team_mode_next_is_the_next_unfinished(tmp_path):
    url = f"sqlite:///{tmp_path / 'solo.db'}"
    ids = seed(url, 3)
    with Workspace.open(url, "alice") as ws:
        assert not ws.team_mode()
        assert ws.next_document(ids[0]) == ids[1]
        assert ws.queue_counts().documents == 0
