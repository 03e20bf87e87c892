"""What an export takes, on both backends, and that a failed or cancelled export leaves
nothing behind."""

from pathlib import Path

import orjson
import pytest

from annotator.io.exporters import base
from annotator.workspace import ExportError, Workspace

CORPUS = Path(__file__).resolve().parent.parent / "golden" / "corpus.jsonl"


@pytest.fixture
def project(db_url):
    workspace = Workspace.open(db_url, "curator")
    assert workspace.import_paths([CORPUS]).ok
    yield workspace
    workspace.close()


def _ids(path: Path, key: str = "id") -> list[str]:
    return [orjson.loads(line)[key] for line in path.read_bytes().splitlines()]


def test_sources_and_unfinished_work(project, tmp_path):
    out = tmp_path / "out.jsonl"
    report = project.export(out, "doccano")
    assert report.source == "gold" and _ids(out) == ["harbor", "cafe"]
    assert report.unfinished == 1
    project.export(out, "doccano", include_unfinished=True)
    assert _ids(out) == ["harbor", "cafe", "draft"]
    project.export(out, "doccano", source="suggestions")
    assert _ids(out) == ["harbor"]
    assert project.export(out, "doccano", source="annotator:nobody").records == 0
    assert out.read_bytes() == b""
    backup = project.export(out)  # the native format defaults to the whole backup
    assert backup.source == "all" and backup.records == 4


class _Failing:
    id = "test.failing.v1"
    name = "failing"
    suffix = ".txt"
    description = "fails after its first record"
    consumer = "nobody"
    needs_tokens = False

    def writer(self, stream, context):
        return self

    def write(self, item):
        if item.document.id != "harbor":
            raise RuntimeError("disk on fire")

    def finish(self):
        return {".side": b"x"}


def test_a_failed_or_cancelled_export_leaves_no_file(project, tmp_path, monkeypatch):
    monkeypatch.setitem(base.EXPORTERS, _Failing.id, _Failing)
    out = tmp_path / "out" / "corpus.txt"
    with pytest.raises(RuntimeError, match="disk on fire"):
        project.export(out, "failing", problems_out=tmp_path / "out" / "problems.jsonl")
    assert list(out.parent.iterdir()) == []
    with pytest.raises(ExportError, match="cancelled"):
        project.export(tmp_path / "out" / "c.jsonl", "conll", cancelled=lambda: True)
    assert list(out.parent.iterdir()) == []
