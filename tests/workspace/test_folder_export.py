"""Folder exports: splits with a manifest, the DocBin read back and trained on by spaCy,
nothing left behind by a failed or cancelled export."""

import subprocess
import sys
from pathlib import Path

import orjson
import pytest
import spacy
from spacy.tokens import DocBin

from annotator.workspace import ExportError, FolderExportOptions, Workspace
from annotator.workspace.export_manifest import verify
from annotator.workspace.exporting import ExportCancelled
from tests.workspace.export_corpus import write_corpus

CONFIG = Path(__file__).parent / "data" / "ner_tiny.cfg"


@pytest.fixture
def project(tmp_path, db_url):
    corpus = tmp_path / "corpus.jsonl"
    records = write_corpus(corpus, 36, sited=16, duplicate_pairs=4)
    workspace = Workspace.open(db_url, "alice")
    report = workspace.import_paths([corpus])
    assert report.ok and report.added == len(records)
    yield workspace
    workspace.close()


def _docs(folder: Path):
    nlp = spacy.blank("en")
    for path in sorted(folder.glob("*.spacy")):
        yield from DocBin().from_disk(path).get_docs(nlp.vocab)


def test_docbin_split_export_reads_back_with_a_manifest(project, tmp_path):
    out = tmp_path / "out"
    stages = []
    options = FolderExportOptions("docbin", split=(0.8, 0.1, 0.1), seed=13, chunk=8)
    report = project.export_folder(out, options, progress=lambda s, n, t: stages.append(s))
    assert report.problem_count == 0
    assert {"grouping", "writing"} <= set(stages)
    manifest = orjson.loads((out / "manifest.json").read_bytes())
    assert manifest["format"]["id"] == "export.spacy-docbin.v1"
    assert manifest["options"]["split"] == {"train": 0.8, "dev": 0.1, "test": 0.1}
    assert manifest["options"]["source"] == "gold" and manifest["options"]["seed"] == 13
    assert "PERSON" in manifest["label_schema"]["entities"]
    assert verify(out, manifest) == []
    assert {f["path"].split("/")[0] for f in manifest["files"]} == {"train", "dev", "test"}
    seen: dict[str, str] = {}
    for part in ("train", "dev", "test"):
        docs = list(_docs(out / part))
        counts = manifest["counts"][part]
        assert len(docs) == counts["documents"] > 0
        assert counts["entities"] == {"GPE": len(docs), "PERSON": len(docs)}
        for doc in docs:
            doc_id = doc.user_data["annotator"]["id"]
            assert doc_id not in seen
            seen[doc_id] = part
            assert [e.label_ for e in doc.ents] == ["PERSON", "GPE"]
            assert doc.ents[0].text.startswith("Maria Lopez")
            [quote] = doc.spans["quotes"]
            [speaker] = doc.spans["speakers"]
            [cue] = doc.spans["cues"]
            assert speaker.id_ == cue.id_ == quote.id_
            assert speaker.text.startswith("Lopez") and cue.text == "said"
            assert [b.label_ for b in doc.spans["blocks"]] == [
                "title",
                "body",
                "body",
                "boilerplate",
            ]
    assert len(seen) == manifest["totals"]["documents"] == 40
    for n in range(4):  # near-copies sit with their originals
        assert seen[f"dup{35 - n:03d}"] == seen[f"doc{35 - n:03d}"]
    sites = {}
    for n in range(16):
        sites.setdefault(n % 4, set()).add(seen[f"doc{n:03d}"])
    assert all(len(parts) == 1 for parts in sites.values())


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_spacy_train_runs_on_an_exported_corpus(project, tmp_path):
    out = tmp_path / "out"
    project.export_folder(out, FolderExportOptions("docbin", split=(0.8, 0.2), seed=1))
    model = tmp_path / "model"
    done = subprocess.run(
        [sys.executable, "-m", "spacy", "train", str(CONFIG), "--output", str(model),
         "--paths.train", str(out / "train"), "--paths.dev", str(out / "dev")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    nlp = spacy.load(model / "model-last")
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "GPE"}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_problems_are_listed_in_the_folder(project, tmp_path):
    annotation = project.annotation("doc000", "gold")
    first = annotation.spans[0]
    annotation.spans[0] = type(first)(first.start, first.end - 2, first.label)  # mid-token
    project.save_annotation(annotation)
    out = tmp_path / "out"
    report = project.export_folder(out, FolderExportOptions("docbin"))
    assert report.problem_count == 1 and list(report.parts) == ["corpus"]
    [line] = (out / "problems.jsonl").read_bytes().splitlines()
    problem = orjson.loads(line)
    assert problem["document"] == "doc000" and problem["start"] == first.start
    manifest = orjson.loads((out / "manifest.json").read_bytes())
    assert manifest["problems"]["count"] == 1 and manifest["problems"]["file"] == "problems.jsonl"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_jsonl_parts_and_an_earlier_export_replaced(project, tmp_path):
    out = tmp_path / "out"
    options = FolderExportOptions("jsonl", source="gold", split=(0.5, 0.5), seed=2)
    project.export_folder(out, options)
    first = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix == ".jsonl"}
    assert set(first) == {"train.jsonl", "dev.jsonl"}
    project.export_folder(out, options)  # same seed: the same split, the folder replaced
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.suffix == ".jsonl"} == first
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_refusals_and_cancel_leave_nothing(project, tmp_path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(ExportError, match="not empty"):
        project.export_folder(busy, FolderExportOptions("docbin"))
    with pytest.raises(ExportError, match="unknown export format"):
        project.export_folder(tmp_path / "x", FolderExportOptions("nope"))
    with pytest.raises(ExportError, match="alignment"):
        project.export_folder(tmp_path / "x", FolderExportOptions("jsonl", alignment="expand"))
    with pytest.raises(ExportCancelled):
        project.export_folder(
            tmp_path / "x",
            FolderExportOptions("jsonl", split=(0.8, 0.2)),
            cancelled=lambda: True,
        )
    assert not (tmp_path / "x").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".x")] == []
