"""``annotator export --split``: a folder with parts and a manifest, bad fractions refused."""

import orjson
from typer.testing import CliRunner

from annotator import cli
from tests.workspace.export_corpus import write_corpus

runner = CliRunner()


def invoke(*args):
    return runner.invoke(cli.app, list(args), env={}, catch_exceptions=False)


def imported(tmp_path, documents: int, sited: int) -> str:
    """A project file with ``documents`` generated gold-annotated documents."""
    db = str(tmp_path / "p.db")
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, documents, sited=sited)
    assert invoke("--db", db, "import", str(corpus)).exit_code == 0
    return db


def test_split_export_writes_a_folder_with_a_manifest(tmp_path):
    db = imported(tmp_path, 30, sited=12)
    out = tmp_path / "splits"
    result = invoke(
        "export", "--db", db, "--format", "jsonl", "--source", "gold",
        "--split", "0.8,0.1,0.1", "--seed", "13", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"wrote 30 documents to {out}" in result.output
    manifest = orjson.loads((out / "manifest.json").read_bytes())
    assert sorted(f["path"] for f in manifest["files"]) == [
        "dev.jsonl",
        "test.jsonl",
        "train.jsonl",
    ]
    lines = sum(
        len((out / f).read_bytes().splitlines()) for f in ("train.jsonl", "dev.jsonl", "test.jsonl")
    )
    assert lines == manifest["totals"]["records"] == 30
    assert manifest["options"]["seed"] == 13

    bad = invoke("export", "--db", db, "--split", "0.8,0.3", str(tmp_path / "bad"))
    assert bad.exit_code == 2 and "sum to 1" in bad.output
    assert not (tmp_path / "bad").exists()


def test_docbin_folder_export_takes_a_worker_count(tmp_path):
    db = imported(tmp_path, 12, sited=4)
    out = tmp_path / "docbin"
    result = invoke(
        "export", "--db", db, "--format", "docbin", "--source", "gold",
        "--split", "1", "--chunk", "5", "--workers", "2", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    manifest = orjson.loads((out / "manifest.json").read_bytes())
    assert sorted(f["path"] for f in manifest["files"]) == [
        "corpus/00000.spacy",
        "corpus/00001.spacy",
        "corpus/00002.spacy",
    ]
    assert manifest["counts"]["corpus"]["documents"] == 12
