"""`annotator preannotate` and `annotator train` as a curator runs them."""

from __future__ import annotations

import re

import orjson
import spacy
from typer.testing import CliRunner

from annotator import cli
from annotator.core.model import Status
from annotator.workspace import Workspace
from tests.nlp.test_training import corpus

runner = CliRunner()


def invoke(*args, env=None):
    return runner.invoke(cli.app, list(args), env=env or {}, catch_exceptions=False)


def test_preannotate_the_seed_then_bad_arguments(tmp_path, shared, monkeypatch):
    monkeypatch.delenv("ANNOTATOR_SPACY_MODEL", raising=False)
    db = str(tmp_path / "p.db")
    assert invoke("--db", db, "preannotate").exit_code == 1  # no documents yet
    assert invoke("--db", db, "import", str(shared / "seeds")).exit_code == 0
    result = invoke("--db", db, "preannotate")
    assert result.exit_code == 0, result.output
    assert re.search(r"documents\s+1 of 1", result.output)
    assert "is not installed" in result.output and "annotator train ner" in result.output
    assert re.search(r"blocks\s+suggest\.blocks\.v1", result.output)
    with Workspace.open(db) as ws:
        suggestions = ws.suggestions("000_08d65a8e5416cb17")
        assert suggestions.blocks and suggestions.quotes
    bad = invoke("--db", db, "preannotate", "--what", "blocks,colours")
    assert bad.exit_code == 2 and "colours" in bad.output
    missing = invoke("--db", db, "preannotate", "--entity-model", "xx_not_a_pipeline")
    assert missing.exit_code == 2 and "'xx_not_a_pipeline' is not installed" in missing.output
    assert invoke("--db", db, "train", "ner").exit_code == 1
    assert invoke("--db", db, "train", "blocks").exit_code == 1


def test_train_ner_from_done_annotations_registers_the_model(tmp_path, monkeypatch):
    monkeypatch.delenv("ANNOTATOR_SPACY_MODEL", raising=False)
    db = str(tmp_path / "p.db")
    lines = []
    for i, (text, spans) in enumerate(corpus()):
        record = {
            "id": f"s{i}",
            "text": text,
            "annotator": "alice",
            "status": "done",
            "spans": [{"start": s, "end": e, "label": label} for s, e, label in spans],
        }
        lines.append(orjson.dumps(record))
    # a span off the token boundaries is skipped and reported; the model is still saved
    lines.append(
        orjson.dumps(
            {
                "id": "odd",
                "text": "Maria Lopez spoke.",
                "annotator": "alice",
                "status": "done",
                "spans": [{"start": 0, "end": 4, "label": "PERSON"}],
            }
        )
    )
    source = tmp_path / "done.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    assert invoke("--db", db, "import", str(source)).exit_code == 0
    out, problems = tmp_path / "ner", tmp_path / "skipped.txt"
    result = invoke(
        "--db", db, "train", "ner", "--out", str(out), "--iterations", "6",
        "--problems", str(problems),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1 span skipped" in result.output
    assert "'Mari' does not fall on token boundaries" in result.output
    assert "'Mari' does not fall on token boundaries" in problems.read_text("utf-8")
    assert re.search(r"entity spans\s+84\b", result.output)
    assert re.search(r"skipped spans\s+1\b", result.output)
    assert re.search(r"entity model v1\b", result.output)
    assert spacy.load(out).get_pipe("ner").labels == ("GPE", "ORG", "PERSON")
    with Workspace.open(db) as ws:
        assert ws.entity_model_name() == str(out.resolve())
        info = ws.entity_model_info()
        assert info.version == 1 and info.documents == len(corpus()) + 1
        assert info.describe() == f"Entity model v1 (trained on {len(corpus()) + 1} documents)"
    result = invoke("--db", db, "preannotate", "--what", "entities")
    assert result.exit_code == 0 and "is not installed" not in result.output
    assert "suggest.entities.spacy.v1:en_annotator_ner-1.0." in result.output
    assert invoke("--db", db, "train", "ner", "--iterations", "0").exit_code == 2
    switched = invoke("--db", db, "preannotate", "--what", "entities", "--entity-model", "none")
    assert switched.exit_code == 0 and "gazetteer" in switched.output


def test_train_ner_events_for_the_window(tmp_path, monkeypatch):
    """What the window's background retraining runs: JSON lines, then the new entity
    model's suggestions for the documents named."""
    monkeypatch.delenv("ANNOTATOR_SPACY_MODEL", raising=False)
    db = str(tmp_path / "p.db")
    lines = [
        orjson.dumps(
            {
                "id": f"s{i}",
                "text": text,
                "annotator": "alice",
                "status": "done",
                "spans": [{"start": s, "end": e, "label": label} for s, e, label in spans],
            }
        )
        for i, (text, spans) in enumerate(corpus()[:10])
    ]
    lines.append(orjson.dumps({"id": "open", "text": "Maria Lopez joined Globex in Paris."}))
    source = tmp_path / "done.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    assert invoke("--db", db, "import", str(source)).exit_code == 0
    args = ["train", "ner", "--events", "--iterations", "2", "--document", "open"]
    result = invoke("--db", db, *args)
    assert result.exit_code == 0, result.output
    events = [orjson.loads(line) for line in result.stdout.splitlines()]
    training = [e for e in events if e.get("stage") == "training"]
    assert [(e["done"], e["total"]) for e in training] == [(0, 2), (1, 2), (2, 2)]
    finished = events[-1]
    assert finished["event"] == "finished" and finished["version"] == 1
    assert finished["entity_model"] == "Entity model v1 (trained on 10 documents)"
    assert finished["documents"] == finished["total"] == 1 and finished["skipped_spans"] == 0
    with Workspace.open(db) as ws:
        assert ws.suggestions("open").meta["entities"].startswith("suggest.entities.spacy.v1:")
    empty = str(tmp_path / "empty.db")
    assert invoke("--db", empty, "import", str(tmp_path / "done.jsonl")).exit_code == 0
    with Workspace.open(empty) as ws:  # nothing confirmed any more: an error event, exit 1
        for summary in ws.list_documents():
            for annotation in ws.annotations(summary.id):
                if annotation.source == "alice":
                    annotation.status = Status.IN_PROGRESS
                    ws.save_annotation(annotation)
    failed = invoke("--db", empty, "train", "ner", "--events")
    assert failed.exit_code == 1
    assert orjson.loads(failed.stdout.splitlines()[-1])["event"] == "error"
