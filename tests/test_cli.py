"""The command line, as a script or a curator uses it."""

import json
import re

import orjson
from typer.testing import CliRunner

from annotator import cli

runner = CliRunner()


def invoke(*args, env=None):
    return runner.invoke(cli.app, list(args), env=env or {}, catch_exceptions=False)


def test_import_stats_export(tmp_path, shared):
    db = str(tmp_path / "p.db")
    good = tmp_path / "good.jsonl"
    good.write_bytes(
        orjson.dumps({"id": "n1", "text": "A story about the harbor."})
        + b"\n"
        + b"{broken\n"
        + orjson.dumps({"id": "n2", "text": "Another story entirely."})
        + b"\n"
    )
    result = invoke("--db", db, "import", str(shared / "seeds"), str(good))
    assert result.exit_code == 1  # one line was rejected
    assert f"{good}:2: not valid JSON" in result.output
    assert re.search(r"documents added\s+3\b", result.output)
    assert re.search(r"rejected\s+1\b", result.output)

    stats = invoke("stats", "--json", env={"ANNOTATOR_DB": db})
    assert stats.exit_code == 0
    data = json.loads(stats.stdout)
    assert data["documents"] == 3 and data["annotated_documents"] == 0

    out = tmp_path / "backup.jsonl"
    exported = invoke("export", "--db", db, "--format", "jsonl", "--out", str(out))
    assert exported.exit_code == 0, exported.output
    assert len(out.read_bytes().splitlines()) == 3

    again = invoke("--db", db, "import", str(shared / "seeds"))
    assert again.exit_code == 0


def test_clean_import_exits_zero_and_reports_duplicates(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Harbor Plan Approved Today\n\nThe council voted.")
    (folder / "b.txt").write_text("harbor plan approved today\n\nThe  council voted.")
    (folder / "notes.md").write_text("ignored")
    result = invoke("--db", str(tmp_path / "p.db"), "import", str(folder))
    assert result.exit_code == 0, result.output
    assert "same text as a" in result.output


def test_bad_arguments_are_plain_errors(tmp_path):
    db = str(tmp_path / "p.db")
    missing = invoke("--db", db, "import", str(tmp_path / "nope"))
    assert missing.exit_code == 1 and "no such file or folder" in missing.output
    bad_source = invoke("--db", db, "export", "--source", "everyone", "--out", str(tmp_path / "x"))
    assert bad_source.exit_code == 2 and "unknown source 'everyone'" in bad_source.output
    bad_db = invoke("--db", "mysql://x/y", "stats")
    assert bad_db.exit_code == 2 and "unsupported database" in bad_db.output


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("annotator ")
