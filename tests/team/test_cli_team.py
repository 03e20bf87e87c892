"""The team commands: `annotator queue`, `annotator next`, `annotator preannotate --worker`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from annotator.cli import app
from tests.team.support import seed


def _run(*args):
    return CliRunner().invoke(app, list(args))


def test_queue_next_and_release(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    ids = seed(url, 3)
    shown = _run("queue", "--db", url, "--overlap", "1", "--json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["free"] == 3
    first = _run("next", "--db", url, "--annotator", "alice")
    assert (first.exit_code, first.stdout.strip()) == (0, ids[0])
    again = _run("next", "--db", url, "--annotator", "alice")
    assert again.stdout.strip() == ids[0]  # still mine, not finished
    bob = _run("next", "--db", url, "--annotator", "bob", "--release", ids[2])
    assert bob.stdout.strip() == ids[1]
    released = _run("next", "--db", url, "--annotator", "alice", "--release", ids[0])
    assert released.stdout.strip() == ids[0]  # given back, and the first free one again
    table = _run("queue", "--db", url)
    assert "2 claimed" in table.stdout and "alice, bob" in table.stdout


def test_preannotate_worker_until_none_is_left(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    seed(url, 5)
    result = _run("preannotate", "--db", url, "--what", "blocks", "--worker", "--batch", "2")
    assert result.exit_code == 0, result.output
    assert "suggested for 5 documents in 3 batches" in result.stdout
    result = _run("preannotate", "--db", url, "--what", "blocks", "--worker")
    assert "suggested for 0 documents" in result.stdout
