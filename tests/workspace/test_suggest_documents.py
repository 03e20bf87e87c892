"""Pre-annotating named documents (what the window's background refresh does), block
model versions, and the document list ordered least confident first."""

from __future__ import annotations

import json

from annotator.core.model import SUGGESTIONS, Annotation, Status
from annotator.workspace import Workspace
from annotator.workspace.listing import DocumentFilter

SHARE = "Share this story on social media"


def _corpus(tmp_path, publishers: list[str]):
    path = tmp_path / "pages.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i, publisher in enumerate(publishers):
            text = (
                f"Story {i} of {publisher}\n\nThe council met on day {i} and approved the "
                "plan for the pier after many years of debate among residents.\n\n"
                f"{SHARE}\n\nWork starts next spring.\n"
            )
            url = f"https://www.{publisher}.example/{i}"
            record = {"id": f"d{i}", "text": text, "meta": {"url": url}}
            out.write(json.dumps(record) + "\n")
    return path


def test_named_documents_get_the_same_suggestions_as_a_full_run(db_url, tmp_path):
    path = _corpus(tmp_path, ["daily", "daily", "daily", "herald", "herald"])
    with Workspace.open(db_url, "alice") as ws:
        ws.import_paths([path])
        full = ws.preannotate({"blocks"})
        everything = {d: ws.suggestions(d) for d in ("d0", "d1", "d2", "d3", "d4")}
        report = ws.preannotate({"blocks"}, documents=["d1", "d4", "missing"])
        assert report.documents == report.total == 2
        for d, before in everything.items():
            after = ws.suggestions(d)
            assert (after.blocks, after.block_scores) == (before.blocks, before.block_scores)
            assert after.version == before.version + (d in ("d1", "d4"))
        assert full.meta["blocks"] == report.meta["blocks"]


def test_block_model_versions_and_no_retrain(db_url, tmp_path):
    path = _corpus(tmp_path, ["daily"] * 3)
    with Workspace.open(db_url, "alice") as ws:
        ws.import_paths([path])
        assert ws.block_model_info() is None
        labels = {0: "title", 1: "body", 2: "caption", 3: "body"}
        ws.save_annotation(Annotation("d0", "alice", Status.DONE, blocks=labels))
        first = ws.retrain_blocks()
        info = ws.block_model_info()
        assert info.version == 1 and info.model_id == first.model_id
        assert "block model v1" in info.describe()
        ws.save_annotation(Annotation("d1", "alice", Status.DONE, blocks=labels))
        # without retraining the stale model is used as it is
        report = ws.preannotate({"blocks"}, documents=["d2"], retrain=False)
        assert report.block_training is None and report.meta["blocks"] == info.model_id
        report = ws.preannotate({"blocks"}, documents=["d2"])
        assert report.block_training is not None and ws.block_model_info().version == 2
        assert ws.suggestions("d2").blocks[2] == "caption"  # the site's label memory


def test_least_confident_first_pages_and_rows(db_url, tmp_path):
    path = _corpus(tmp_path, ["daily"] * 6)
    confidences = {"d0": 0.9, "d1": None, "d2": 0.4, "d3": 0.7, "d4": 0.4}  # d5: none
    with Workspace.open(db_url, "alice") as ws:
        ws.import_paths([path])
        for doc, confidence in confidences.items():
            meta = {} if confidence is None else {"block_confidence": confidence}
            ws.save_annotation(Annotation(doc, SUGGESTIONS, blocks={0: "title"}, meta=meta))
        where = DocumentFilter(order="uncertain")
        order = [s.id for s in ws.list_documents(where)]
        assert order == ["d2", "d4", "d3", "d0", "d1", "d5"]
        assert [s.confidence for s in ws.list_documents(where)][:4] == [0.4, 0.4, 0.7, 0.9]
        assert [s.id for s in ws.list_documents(where, offset=2, limit=2)] == ["d3", "d0"]
        assert [ws.document_row(d, where) for d in order] == list(range(6))
        ws.save_annotation(Annotation("d2", "alice", Status.DONE, blocks={0: "title"}))
        unfinished = DocumentFilter(status="new", order="uncertain")
        assert [s.id for s in ws.list_documents(unfinished)][:2] == ["d4", "d3"]
        assert ws.document_row("d3", unfinished) == 1 and ws.document_row("d2", unfinished) is None
