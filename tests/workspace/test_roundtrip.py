"""Export a whole project, import it into an empty one, export again: identical bytes."""

import orjson
import pytest

from annotator.core.model import Annotation, Quote, Range, Span, Status
from annotator.workspace import Workspace

TEXT = (
    "City Council Approves Harbor Plan\n\nBy Lena Ortiz\n\n"
    "The council voted 7-2 on Tuesday, Mayor Ana Ruiz said.\n\n"
    "“We will rebuild the pier,” Ruiz told reporters. “It is overdue.”\n\nShare"
)


@pytest.fixture
def project(tmp_path, shared):
    workspace = Workspace.open(str(tmp_path / "a.db"), "alice")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "council.txt").write_text(TEXT, encoding="utf-8")
    report = workspace.import_paths([tmp_path / "in", shared / "seeds"])
    assert report.ok and report.added == 2
    doc = workspace.document("council")
    quote_start = TEXT.index("We will")
    workspace.save_annotation(
        Annotation(
            "council",
            "alice",
            Status.DONE,
            blocks={0: "title", 1: "byline", 2: "body", 3: "body", 4: "boilerplate"},
            spans=[Span(TEXT.index("Ana Ruiz"), TEXT.index("Ana Ruiz") + 8, "PERSON")],
            quotes=[
                Quote(
                    quote_start,
                    quote_start + len("We will rebuild the pier,"),
                    Range(TEXT.index("Ruiz told"), TEXT.index("Ruiz told") + 4),
                    Range(TEXT.index("told"), TEXT.index("told") + 4),
                )
            ],
        )
    )
    workspace.save_annotation(Annotation("council", "bob", blocks={0: "title", 2: "body"}))
    workspace.save_annotation(
        Annotation(
            "council",
            "suggestions",
            blocks={i: "body" for i in range(len(doc.blocks))},
            block_scores={i: 0.5 + i / 10 for i in range(len(doc.blocks))},
            spans=[Span(0, 4, "ORG", 0.75)],
            meta={"model": "rules-v1"},
        )
    )
    workspace.save_annotation(Annotation("council", "gold", Status.DONE, blocks={0: "title"}))
    yield workspace
    workspace.close()


def test_backup_round_trip_is_byte_identical(project, tmp_path):
    first = tmp_path / "first.jsonl"
    project.export(first)
    restored = Workspace.open(str(tmp_path / "b.db"), "carol")
    report = restored.import_paths([first])
    assert report.ok
    assert report.added == 2 and report.same == 3 and not report.duplicates
    second = tmp_path / "second.jsonl"
    restored.export(second)
    assert second.read_bytes() == first.read_bytes()

    def content(workspace):
        return [
            (a.source, a.status, a.blocks, a.block_scores, a.spans, a.quotes, a.meta)
            for a in workspace.annotations("council")
        ]

    assert content(restored) == content(project)
    restored.close()


def test_all_source_lists_every_source_and_unannotated_documents_once(project, tmp_path):
    out = tmp_path / "all.jsonl"
    report = project.export(out)
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert [(r["id"], r["annotator"]) for r in records] == [
        ("council", "alice"),
        ("council", "bob"),
        ("council", "gold"),
        ("council", "suggestions"),
        ("000_08d65a8e5416cb17", None),
    ]
    assert report.records == 5 and report.documents == 2
    assert list(records[0]) == [
        "id",
        "text",
        "meta",
        "annotator",
        "status",
        "blocks",
        "spans",
        "quotes",
    ]
    assert list(records[0]["meta"])[:5] == ["source", "url", "title", "publisher", "published"]
    alice = records[0]
    assert alice["status"] == "done"
    quote = alice["quotes"][0]
    assert TEXT[quote["start"] : quote["end"]] == "We will rebuild the pier,"
    assert TEXT[quote["speaker"]["start"] : quote["speaker"]["end"]] == "Ruiz"
    assert TEXT[quote["cue"]["start"] : quote["cue"]["end"]] == "told"


@pytest.mark.parametrize(
    ("source", "expected"),
    [("gold", ["gold"]), ("suggestions", ["suggestions"]), ("annotator:alice", ["alice"])],
)
def test_single_source_exports(project, tmp_path, source, expected):
    out = tmp_path / "one.jsonl"
    project.export(out, source=source)
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert [r["annotator"] for r in records] == expected


def test_unfinished_work_is_left_out_unless_asked_for(project, tmp_path):
    out = tmp_path / "bob.jsonl"
    report = project.export(out, source="annotator:bob", include_unfinished=False)
    assert out.read_bytes() == b"" and report.unfinished == 1
    project.export(out, source="annotator:bob", include_unfinished=True)
    assert [orjson.loads(line)["annotator"] for line in out.read_bytes().splitlines()] == ["bob"]


def test_importing_the_same_files_again_adds_nothing(project, tmp_path, shared):
    report = project.import_paths([tmp_path / "in", shared / "seeds"])
    assert report.ok and report.added == 0 and report.same == 2


def test_failed_export_leaves_no_file(project, tmp_path):
    out = tmp_path / "x.jsonl"
    with pytest.raises(Exception, match="unknown export format"):
        project.export(out, format_name="nope")
    assert not out.exists()
    assert not list(tmp_path.glob(".x.jsonl.*"))


def test_fast_export_path_writes_the_same_records_as_the_domain_path(project, shared):
    """The backup streams from stored rows; it must say exactly what the domain objects say."""
    from annotator.io.native import record_from_stored, to_record
    from annotator.store.documents import iter_documents, iter_stored

    project.import_paths(sorted((shared / "data" / "fundus" / "html").glob("*.html.gz"))[:3])
    with project.db.reading() as session:
        slow = [
            to_record(doc, ann) for doc, anns in iter_documents(session) for ann in (anns or [None])
        ]
        fast = [
            record_from_stored(doc, ann)
            for doc, anns in iter_stored(session)
            for ann in (anns or [None])
        ]
    assert fast == slow
    assert any(block.get("features") for record in fast for block in record["blocks"])
    assert any("score" in block for record in fast for block in record["blocks"])


def test_merged_export_takes_the_majority_and_reports_ties(tmp_path):
    ws = Workspace.open(str(tmp_path / "m.db"), "alice")
    (tmp_path / "d.txt").write_text("Title Here Now\n\nBody one.\n\nBody two.", encoding="utf-8")
    ws.import_paths([tmp_path / "d.txt"])
    votes = {
        "alice": {0: "title", 1: "body", 2: "body"},
        "bob": {0: "title", 1: "body", 2: "boilerplate"},
        "carol": {0: "title", 1: "boilerplate"},
        "dave": {0: "title", 1: "body", 2: "body"},
    }
    for name, blocks in votes.items():
        status = Status.IN_PROGRESS if name == "dave" else Status.DONE  # dave is not finished
        ws.save_annotation(Annotation("d", name, status, blocks=blocks))
    out = tmp_path / "merged.jsonl"
    report = ws.export(out, source="merged")
    [record] = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert record["annotator"] == "merged"
    assert [b["label"] for b in record["blocks"]] == ["title", "body", None]
    assert record["annotation_meta"]["merged_from"] == ["alice", "bob", "carol"]
    assert [t["kind"] for t in record["annotation_meta"]["ties"]] == ["block"]
    assert report.ties == 1
    ws.close()
