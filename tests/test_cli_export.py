"""`annotator export`: formats in --help, OUT as an argument, problems reported."""

from pathlib import Path

import orjson
from typer.testing import CliRunner

from annotator import cli

runner = CliRunner()
CORPUS = Path(__file__).resolve().parent / "golden" / "corpus.jsonl"


def invoke(*args):
    return runner.invoke(cli.app, list(args), env={"COLUMNS": "200"}, catch_exceptions=False)


def test_help_lists_every_format():
    result = invoke("export", "--help")
    assert result.exit_code == 0
    for name in ("jsonl", "prodigy", "doccano", "label-studio", "conll", "hf", "blocks"):
        assert f"{name} (export." in result.output
    assert "[[start, end, label]]" in result.output  # not eaten as markup


def test_export_reports_what_it_left_out(tmp_path):
    db = str(tmp_path / "p.db")
    assert invoke("--db", db, "import", str(CORPUS)).exit_code == 0
    out = tmp_path / "corpus.jsonl"
    problems = tmp_path / "problems.jsonl"
    result = invoke("export", "--db", db, "-f", "hf", str(out), "--problems", str(problems))
    assert result.exit_code == 0, result.output
    assert "to " in result.output and "(export.hf.v1, source gold)" in result.output
    assert str(tmp_path / "corpus.label_names.json") in result.output
    assert "1 annotation not marked done was left out" in result.output
    assert "3 items could not be written in this format and left out" in result.output
    assert "harbor [146, 149) entity PERSON: does not align with token boundaries" in (
        result.output
    )
    assert len(problems.read_bytes().splitlines()) == 3
    with_draft = invoke("export", "--db", db, "-f", "hf", "--include-unfinished", str(out))
    assert with_draft.exit_code == 0
    ids = {orjson.loads(line)["document_id"] for line in out.read_bytes().splitlines()}
    assert ids == {"harbor", "cafe", "draft"}


def test_export_needs_one_destination_and_a_known_format(tmp_path):
    db = str(tmp_path / "p.db")
    assert invoke("--db", db, "export").exit_code == 2
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    assert invoke("--db", db, "export", a, "--out", b).exit_code == 2
    unknown = invoke("--db", db, "export", "-f", "excel", a)
    assert unknown.exit_code == 2 and "known formats: blocks, conll" in unknown.output
    assert not (tmp_path / "a").exists()
