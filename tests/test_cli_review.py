"""`annotator agreement` and `annotator assign`, as a curator runs them."""

import json
import re

import orjson
from typer.testing import CliRunner

from annotator import cli

runner = CliRunner()


def invoke(*args):
    return runner.invoke(cli.app, list(args), env={}, catch_exceptions=False)


def _record(doc, annotator, labels, spans=()):
    text = f"Headline {doc}\n\nFirst paragraph.\n\nSecond paragraph."  # ids of two letters
    starts = [(0, 11), (13, 29), (31, 48)]
    return orjson.dumps(
        {
            "id": doc,
            "text": text,
            "annotator": annotator,
            "status": "done",
            "blocks": [
                {"start": s, "end": e, "label": label}
                for (s, e), label in zip(starts, labels, strict=True)
            ],
            "spans": [{"start": s, "end": e, "label": label} for s, e, label in spans],
        }
    )


def _project(tmp_path):
    lines = [
        _record("d1", "alice", ["title", "body", "body"], [(13, 18, "PERSON")]),
        _record("d1", "bob", ["title", "body", "boilerplate"], [(13, 18, "PERSON")]),
        _record("d2", "alice", ["title", "body", "body"]),
        _record("d2", "bob", ["title", "body", "body"]),
        _record("d3", "alice", ["title", "body", "body"]),
    ]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    db = str(tmp_path / "p.db")
    assert invoke("--db", db, "import", str(source)).exit_code == 0
    return db


def test_agreement_table_and_json(tmp_path):
    db = _project(tmp_path)
    result = invoke("agreement", "--db", db)
    assert result.exit_code == 0, result.output
    assert "2 documents finished by two or more of: alice, bob" in result.output
    assert re.search(r"overall\s+│?\s*6\s+│?\s*83\.3%", result.output)
    assert re.search(r"alice / bob\s+│?\s*6\s+│?\s*83\.3%", result.output)
    assert "PERSON" in result.output

    data = json.loads(invoke("agreement", "--db", db, "--json", "--documents").stdout)
    assert data["format"] == "agreement.v1"
    assert data["documents"] == 2 and data["annotators"] == ["alice", "bob"]
    assert data["blocks"]["overall"]["percent_agreement"] == 5 / 6
    assert data["entities"]["overall"]["exact_f1"] == 1.0
    assert [row["id"] for row in data["per_document"]] == ["d1", "d2"]
    assert "per_document" not in json.loads(invoke("agreement", "--db", db, "--json").stdout)


def test_agreement_charts(tmp_path):
    db = _project(tmp_path)
    result = invoke("agreement", "--db", db, "--charts", str(tmp_path / "charts"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == [
        "agreement-per-label.png",
        "confusion-alice-bob.png",
    ]
    assert f"wrote {tmp_path / 'charts' / 'confusion-alice-bob.png'}" in result.output
    for bad, message in (
        ("alice,zed", "unknown annotator 'zed'"),
        ("alice", "--pair takes two annotator names"),
        ("bob,bob", "two different annotators"),
    ):
        result = invoke("agreement", "--db", db, "--charts", str(tmp_path / "x"), "--pair", bad)
        assert result.exit_code == 2 and message in result.output, result.output
    assert not (tmp_path / "x").exists()


def test_agreement_without_shared_work_exits_1(tmp_path):
    db = str(tmp_path / "empty.db")
    result = invoke("agreement", "--db", db)
    assert result.exit_code == 1
    assert "no document has been finished by two or more annotators" in result.output


def test_assign(tmp_path):
    db = _project(tmp_path)
    result = invoke("assign", "--db", db, "--annotators", "a,b", "--overlap", "0.34", "--seed", "5")
    assert result.exit_code == 0, result.output
    assert "assigned 3 documents (1 shared by 2 annotators)" in result.output
    assert re.search(r"a\s+│?\s*2", result.output) and re.search(r"b\s+│?\s*2", result.output)
    again = invoke("assign", "--db", db, "--annotators", "a,b")
    assert "assigned 0 documents" in again.output
    bad = invoke("assign", "--db", db, "--annotators", "a,a", "--replace")
    assert bad.exit_code == 2 and "named twice" in bad.output
    bad = invoke("assign", "--db", db, "--annotators", "gold", "--overlap", "0")
    assert bad.exit_code == 2 and "reserved" in bad.output
