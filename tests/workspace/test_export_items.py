"""Token formats tokenize in helper processes: the same file as one process, in order, and
no process for an export of a single batch."""

import multiprocessing

import pytest

from annotator.core.model import Document
from annotator.workspace import Workspace
from annotator.workspace import export_items as items_module
from annotator.workspace.export_formats import exporter_named
from annotator.workspace.export_items import BATCH, export_items, worker_count
from annotator.workspace.exporting import ExportCancelled
from tests.workspace.export_corpus import write_corpus


@pytest.fixture
def project(tmp_path, db_url):
    corpus = tmp_path / "corpus.jsonl"
    records = write_corpus(corpus, 2 * BATCH + 30, sited=8)
    workspace = Workspace.open(db_url, "alice")
    assert workspace.import_paths([corpus]).added == len(records)
    yield workspace
    workspace.close()


def test_tokens_made_in_helper_processes_give_the_same_file(project, tmp_path):
    format_name = "prodigy"
    serial = project.export(tmp_path / "serial", format_name, workers=1)
    parallel = project.export(tmp_path / "parallel", format_name, workers=2)
    assert serial.records == parallel.records == 2 * BATCH + 30
    assert (tmp_path / "serial").read_bytes() == (tmp_path / "parallel").read_bytes()
    assert serial.problem_count == parallel.problem_count


def test_a_single_batch_is_tokenized_here(monkeypatch):
    class NoProcesses:
        def __init__(self, workers):
            raise AssertionError("a helper process was started for one batch")

    monkeypatch.setattr(items_module, "ChunkPool", NoProcesses)
    exporter = exporter_named("prodigy")
    records = [
        (Document(f"d{n}", f"Story {n} was filed on Monday.", []), None) for n in range(BATCH)
    ]
    made = list(export_items(records, exporter, workers=2))
    assert [d.id for d, _, _ in made] == [d.id for d, _ in records]
    assert all(item.tokens for _, _, item in made)


def test_worker_count():
    assert worker_count(3) == 3
    assert 1 <= worker_count(0) <= 4


def test_a_cancelled_export_stops_its_helper_processes(project, tmp_path):
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > BATCH + 10  # once the helpers are busy

    before = set(multiprocessing.active_children())  # other tests' helpers may live on
    with pytest.raises(ExportCancelled):
        project.export(tmp_path / "out", "prodigy", workers=2, cancelled=cancelled)
    assert len(asked) > BATCH + 10
    assert set(multiprocessing.active_children()) <= before
    assert not (tmp_path / "out").exists()
