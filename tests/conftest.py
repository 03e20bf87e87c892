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
        pytest.skip(
            f"needs the shared data folder at {SHARED}, which only CI and dev machines have"
        )
    return SHARED


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    return ROOT / "corpora" / "sample"


@pytest.fixture(scope="session")
def postgres_server():
    from tests.postgres_server import PostgresServer

    if os.environ.get("ANNOTATOR_TEST_PG_URL"):
        yield None
        return
    server = PostgresServer()
    reason = server.available
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason} (CI installs it in .ci/run)")
    server.start()
    yield server
    server.stop()


_db_counter = iter(range(1_000_000))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A fresh, empty project database on each backend the same code must run on."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'project.db'}"
    server = request.getfixturevalue("postgres_server")
    name = f"t{os.getpid()}_{next(_db_counter)}"
    if server is None:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        base = os.environ["ANNOTATOR_TEST_PG_URL"]
        engine = create_engine(base, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return make_url(base).set(database=name).render_as_string(hide_password=False)
    return server.create_database(name)
