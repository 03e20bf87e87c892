"""Shared fixtures: hermetic settings and the ../shared data when it is there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _hermetic(tmp_path, monkeypatch):
    """Keep settings, data and the default database of every test inside tmp_path."""
    monkeypatch.setenv("ANNOTATOR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)
    monkeypatch.delenv("ANNOTATOR_USER", raising=False)


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared folder (seeds and evaluation pages); CI always has it."""
    if not (SHARED / "DESIGN.md").is_file():
        pytest.skip(f"needs the shared data folder at {SHARED}, which only CI and dev machines have")
    return SHARED


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    return ROOT / "corpora" / "sample"
