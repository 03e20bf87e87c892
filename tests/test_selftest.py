"""`annotator selftest` (run as the installed command is) and `annotator --version`."""

from __future__ import annotations

import os
import subprocess
import sys

from annotator import __version__


def _annotator(*args: str, tmp_path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "ANNOTATOR_CONFIG_DIR": str(tmp_path / "config"),
        "ANNOTATOR_DATA_DIR": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_version(capsys):
    from annotator.launcher import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"annotator {__version__}"


def test_selftest_passes(tmp_path):
    done = _annotator("selftest", tmp_path=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "PASS"
    steps = [line for line in lines if line.startswith("  ")]
    assert len(steps) == 7 and all(line.startswith("  ok") for line in steps)
    assert any("undo" in line for line in steps)
    assert not (tmp_path / "config").exists()  # it works in its own temporary folder


def test_selftest_reports_a_failure(monkeypatch, capsys):
    """A broken step prints FAIL and the reason; the exit code is 1."""
    from annotator.gui import selftest

    monkeypatch.setattr(selftest, "ARTICLE", "")  # nothing to import: the first step fails
    assert selftest.run_selftest() == 1
    out = capsys.readouterr().out
    assert "FAIL create a project" in out and out.rstrip().endswith("FAIL")
