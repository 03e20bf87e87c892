"""Reviewing through the workspace, on SQLite and PostgreSQL: agreement over documents
two or more annotators finished, the disagreement queue, gold, assignment."""

import json

import pytest

from annotator.core.model import GOLD, SUGGESTIONS, Annotation, Quote, Range, Span, Status
from annotator.workspace import VersionConflict, Workspace

DONE, WIP = Status.DONE, Status.IN_PROGRESS


def _import(ws, folder, n, start=0):
    folder.mkdir(exist_ok=True)
    for i in range(start, start + n):
        (folder / f"{i:03d}.txt").write_text(
            f"Title {i}\n\nFirst paragraph of {i}.\n\nSecond paragraph of {i}.\n",
            encoding="utf-8",
        )
    assert ws.import_paths([folder]).added == n


def _save(ws, doc, source, status=DONE, blocks=None, spans=(), quotes=()):
    ws.save_annotation(
        Annotation(
            doc, source, status=status, blocks=blocks or {}, spans=list(spans), quotes=list(quotes)
        )
    )


@pytest.fixture
def project(db_url, tmp_path):
    ws = Workspace.open(db_url, "curator")
    _import(ws, tmp_path / "in", 5)
    ids = [row.id for row in ws.list_documents()]
    d0, d1, d2, d3, d4 = ids
    agree = {0: "title", 1: "body", 2: "body"}
    person = Span(8, 13, "PERSON")
    _save(ws, d0, "alice", blocks=agree, spans=[person])
    _save(ws, d0, "bob", blocks=agree, spans=[person])
    # d1: bob disagrees on one block, one span and a quote's speaker
    _save(ws, d1, "alice", blocks=agree, spans=[person], quotes=[Quote(20, 30, Range(8, 13))])
    _save(
        ws,
        d1,
        "bob",
        blocks={0: "title", 1: "boilerplate", 2: "body"},
        quotes=[Quote(20, 30, None)],
    )
    # d2: everyone disagrees on everything
    _save(ws, d2, "alice", blocks={0: "body", 1: "body", 2: "title"})
    _save(ws, d2, "bob", blocks={0: "caption", 1: "title", 2: "body"})
    _save(ws, d2, "carol", blocks={0: "byline", 1: "heading", 2: "heading"})
    # d3: finished by alice only; carol, gold and suggestions are not counted
    _save(ws, d3, "alice", blocks=agree)
    _save(ws, d3, "carol", status=WIP, blocks={0: "body"})
    _save(ws, d3, GOLD, blocks={0: "body"})
    _save(ws, d3, SUGGESTIONS, blocks={0: "body"})
    yield ws, ids
    ws.close()


def test_agreement_counts_only_documents_two_annotators_finished(project):
    ws, (d0, d1, d2, d3, d4) = project
    report = ws.agreement()
    assert report.documents == 3
    assert report.annotators == ["alice", "bob", "carol"]
    data = report.as_dict(documents=True)
    assert [row["id"] for row in data["per_document"]] == [d0, d1, d2]
    blocks = data["blocks"]
    assert blocks["overall"]["units"] == 9
    by_pair = {tuple(p["annotators"]): p for p in blocks["pairs"]}
    assert set(by_pair) == {("alice", "bob"), ("alice", "carol"), ("bob", "carol")}
    assert by_pair[("alice", "bob")]["units"] == 9
    assert by_pair[("alice", "bob")]["percent_agreement"] == pytest.approx(5 / 9)
    assert by_pair[("alice", "carol")]["units"] == 3
    assert data["per_document"][0]["blocks"]["percent_agreement"] == 1.0
    assert data["per_document"][0]["entity_f1"] == 1.0
    assert data["entities"]["per_label"]["PERSON"]["exact_f1"] == pytest.approx(2 / 3)
    quotes = data["quotes"]["overall"]
    assert quotes["exact_f1"] == 1.0 and quotes["speaker_agreement"] == 0.0
    json.dumps(data)  # plain JSON all the way down


def test_disagreements_worst_first_and_resolved_ones_leave_the_queue(project):
    ws, (d0, d1, d2, d3, d4) = project
    queue = ws.disagreements()
    assert [d.document_id for d in queue] == [d2, d1]
    assert queue[1].blocks[0].labels == {"alice": "body", "bob": "boilerplate"}
    assert [s.label for s in queue[1].spans] == ["PERSON"]
    assert queue[1].quotes[0].kind == "speaker"
    ws.accept_into_gold(d2)
    assert [d.document_id for d in ws.disagreements()] == [d1]
    assert [d.document_id for d in ws.disagreements(include_resolved=True)] == [d2, d1]


def test_adjudicating_by_annotator_keys_then_accepting_exports_gold(project, tmp_path):
    ws, (d0, d1, d2, d3, d4) = project
    assert ws.gold(d1).version == 0
    gold = ws.take_annotator(d1, "bob")
    gold = ws.take_annotator_label(d1, 1, "alice", version=gold.version)
    gold = ws.take_annotator_spans(d1, "alice", 0, 15, version=gold.version)
    with pytest.raises(VersionConflict):
        ws.set_gold_block_labels(d1, [0], "heading", version=gold.version - 1)
    with pytest.raises(LookupError):
        ws.take_annotator_label(d1, 0, "carol")
    gold = ws.accept_into_gold(d1, version=gold.version)
    assert gold.status == DONE
    assert gold.blocks == {0: "title", 1: "body", 2: "body"}
    assert gold.spans == [Span(8, 13, "PERSON")]
    assert gold.quotes == [Quote(20, 30, None)]  # bob's, taken first and outside 0-15
    out = tmp_path / "gold.jsonl"
    ws.export(out, source="gold")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    by_id = {r["id"]: r for r in records}
    assert set(by_id) == {d1, d3}
    record = by_id[d1]
    assert record["annotator"] == "gold" and record["status"] == "done"
    assert [b["label"] for b in record["blocks"]] == ["title", "body", "body"]
    assert record["spans"] == [{"start": 8, "end": 13, "label": "PERSON"}]


def test_accept_into_gold_without_a_proposal_takes_the_majority_and_leaves_ties(project):
    ws, (d0, d1, d2, d3, d4) = project
    merge = ws.majority_merge(d2)
    assert merge.blocks == {} and [t.key for t in merge.ties] == [0, 1, 2]
    gold = ws.accept_into_gold(d2)
    assert gold.blocks == {} and gold.status == DONE
    proposal = Annotation(d2, GOLD, blocks={0: "title", 1: "body", 2: "body"})
    gold = ws.accept_into_gold(d2, proposal, version=gold.version)
    assert gold.blocks == {0: "title", 1: "body", 2: "body"} and gold.version == 2


def test_accept_everything_agreed_in_one_action(project):
    ws, (d0, d1, d2, d3, d4) = project
    ws.set_gold_block_labels(d1, [0], "heading")  # a reviewer's decision is kept
    report = ws.accept_agreed_into_gold()
    assert report.conflicts == []
    g0, g1 = ws.gold(d0), ws.gold(d1)
    assert g0.status == DONE and g0.blocks == {0: "title", 1: "body", 2: "body"}
    assert g0.spans == [Span(8, 13, "PERSON")]
    assert g1.status == WIP and g1.blocks == {0: "heading", 2: "body"} and g1.spans == []
    assert ws.gold(d2).version == 0  # nothing agreed: no gold made
    assert report.completed == 1 and report.items == 4 + 1
    again = ws.accept_agreed_into_gold()
    assert again.documents == 0 and again.items == 0


def test_confusion_matrix_between_two_annotators(project):
    ws, _ = project
    matrix = ws.confusion_matrix("alice", "bob")
    labels = matrix.labels
    assert labels[:6] == ["body", "boilerplate", "title", "byline", "caption", "heading"]
    assert matrix.total == 9
    cell = matrix.counts[labels.index("body")][labels.index("boilerplate")]
    assert cell == 1
    assert matrix.counts[labels.index("title")][labels.index("title")] == 2
    with pytest.raises(ValueError):
        ws.confusion_matrix("alice", "alice")


def test_assignment_is_deterministic_balanced_and_blind(db_url, tmp_path):
    with Workspace.open(db_url, "curator") as ws:
        _import(ws, tmp_path / "in", 40)
        first = ws.assign(["a", "b", "c"], overlap=0.25, seed=3)
        assert (first.documents, first.shared, first.assignments) == (40, 10, 50)
        assert sorted(first.load.values()) == [16, 17, 17]
        plan = {doc: ws.assignees(doc) for doc in (r.id for r in ws.list_documents())}
        assert all(len(names) in (1, 2) for names in plan.values())
        assert ws.assign(["a", "b", "c"], overlap=0.25, seed=3).documents == 0  # nothing new
        again = ws.assign(["a", "b", "c"], overlap=0.25, seed=3, replace_existing=True)
        assert again.documents == 40
        assert {doc: ws.assignees(doc) for doc in plan} == plan
        counts = ws.assignment_counts()
        assert {name: c["assigned"] for name, c in counts.items()} == first.load
        assert sum(c["shared"] for c in counts.values()) == 20
        _import(ws, tmp_path / "more", 5, start=100)
        later = ws.assign(["a", "b", "c"], overlap=0.0, seed=3)
        assert later.documents == 5 and later.shared == 0
        assert max(later.load.values()) - min(later.load.values()) <= 1
    with Workspace.open(db_url, "a") as alice:
        mine = alice.my_assigned_documents()
        assert len(mine) == later.load["a"]
        assert mine == [d for d in (r.id for r in alice.list_documents(limit=100)) if d in mine]
        alice.save_annotation(Annotation(mine[0], "a", status=DONE))
        assert alice.assignment_counts()["a"]["done"] == 1
        assert alice.my_assigned_documents(offset=1, limit=2) == mine[1:3]
