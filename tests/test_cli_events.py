"""``annotator preannotate --events``: the JSON lines the window reads, and the cancel
line on stdin, in a real child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from annotator.workspace import Workspace
from tests.gui.support import make_project


def _run(url: str, *args: str, stdin: str = "") -> list[dict]:
    env = {**os.environ, "ANNOTATOR_DB": url, "ANNOTATOR_USER": "alice"}
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "preannotate", "--events", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_events_for_named_documents(tmp_path):
    url = make_project(tmp_path, documents=4, suggest=False)
    events = _run(url, "--what", "blocks", "--document", "001", "--document", "003")
    assert events[0] == {"event": "progress", "done": 0, "total": 2}
    assert events[-2] == {"event": "progress", "done": 2, "total": 2}
    finished = events[-1]
    assert finished["event"] == "finished" and finished["documents"] == 2
    assert not finished["cancelled"] and set(finished["meta"]) == {"blocks"}
    assert finished["block_model"] == "the rule prior (no confirmed labels yet)"
    with Workspace.open(url, "alice") as ws:
        assert [d for d in ("000", "001", "002", "003") if ws.suggestions(d)] == ["001", "003"]


def test_a_cancel_line_stops_before_the_next_batch(tmp_path):
    url = make_project(tmp_path, documents=6, suggest=False)
    events = _run(url, "--what", "blocks", "--batch", "1", stdin="cancel\n")
    finished = events[-1]
    assert finished["event"] == "finished" and finished["cancelled"]
    assert finished["documents"] < finished["total"] == 6
    with Workspace.open(url, "alice") as ws:
        written = [d.id for d in ws.list_documents() if ws.suggestions(d.id)]
    assert len(written) == finished["documents"]
