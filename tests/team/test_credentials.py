"""Database passwords: never shown, never written to settings; libpq's own ways of
finding them (PGPASSWORD, a password file, PG* variables, a service file) work.

The password tests make a role that must log in with a password (scram) on the test
server: a rule for it is put first in the server's pg_hba.conf.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from annotator import settings
from annotator.cli import app
from annotator.store.engine import DatabaseUrlError, normalise_url, redacted
from annotator.workspace import DatabaseOpenError, Workspace

SECRET = "s3cr@t/pa:ss"  # an @, a / and a : that a careless parser would split on
QUOTED = quote(SECRET, safe="")  # as it is written in a URL
ROLE = "team_login"


def test_redacted_hides_the_password_whole():
    assert redacted("postgresql://bob:pw@db.example/p") == "postgresql://bob:***@db.example/p"
    assert redacted(f"postgresql://bob:{SECRET}@h:5432/p") == "postgresql://bob:***@h:5432/p"
    assert redacted("postgresql://h/p?user=bob&password=pw&sslmode=require") == (
        "postgresql://h/p?user=bob&password=***&sslmode=require"
    )
    assert redacted("postgresql://bob@h/p") == "postgresql://bob@h/p"
    assert redacted("/home/me/project.db") == "/home/me/project.db"


def test_a_malformed_url_is_refused_without_showing_its_password():
    with pytest.raises(DatabaseUrlError) as refused:
        normalise_url("postgresql://bob:hunter2@db.example:port/p")
    assert "hunter2" not in str(refused.value) and "***" in str(refused.value)


@pytest.fixture
def login_server(postgres_server, monkeypatch):
    """(host, port, database) of the test server, with ``ROLE`` needing ``SECRET``."""
    if postgres_server is None:
        pytest.skip("needs the tests' own server (pg_hba.conf is changed)")
    for name in ("PGPASSWORD", "PGPASSFILE", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("PGSERVICEFILE", raising=False)
    hba = postgres_server.dir / "data" / "pg_hba.conf"
    rule = f"host all {ROLE} 127.0.0.1/32 scram-sha-256\n"
    if rule not in hba.read_text():
        hba.write_text(rule + hba.read_text())
    url = postgres_server.create_database(f"logins_{uuid.uuid4().hex[:12]}")
    database = make_url(url).database
    admin = create_engine(postgres_server.url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": ROLE})
        verb = "ALTER" if exists.first() else "CREATE"
        password = SECRET.replace("'", "''")
        conn.execute(text(f"{verb} ROLE {ROLE} LOGIN PASSWORD '{password}'"))
        conn.execute(text(f'GRANT ALL ON DATABASE "{database}" TO {ROLE}'))
        conn.execute(text(f'ALTER DATABASE "{database}" OWNER TO {ROLE}'))
        conn.execute(text("SELECT pg_reload_conf()"))
    admin.dispose()
    return "127.0.0.1", postgres_server.port, database


@pytest.mark.postgres
def test_a_wrong_password_fails_without_showing_the_password(login_server):
    host, port, database = login_server
    with pytest.raises(DatabaseOpenError) as refused:
        Workspace.open(f"postgresql://{ROLE}:not-{QUOTED}@{host}:{port}/{database}", "alice")
    message = str(refused.value)
    assert "password authentication failed" in message
    assert SECRET not in message and QUOTED not in message and "***" in message


@pytest.mark.postgres
def test_a_url_without_password_uses_the_password_file(login_server, tmp_path, monkeypatch):
    host, port, database = login_server
    url = f"postgresql://{ROLE}@{host}:{port}/{database}"
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "missing"))
    with pytest.raises(DatabaseOpenError):
        Workspace.open(url, "alice")
    passfile = tmp_path / "pgpass"
    escaped = SECRET.replace("\\", "\\\\").replace(":", "\\:")
    passfile.write_text(f"{host}:{port}:{database}:{ROLE}:{escaped}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    with Workspace.open(url, "alice") as ws:
        assert ws.stats().documents == 0
        assert ws.location == f"postgresql+psycopg://{ROLE}@{host}:{port}/{database}"


@pytest.mark.postgres
def test_libpq_environment_and_service_files_are_honoured(login_server, tmp_path, monkeypatch):
    host, port, database = login_server
    for name, value in {
        "PGHOST": host,
        "PGPORT": str(port),
        "PGUSER": ROLE,
        "PGDATABASE": database,
        "PGPASSWORD": SECRET,
    }.items():
        monkeypatch.setenv(name, value)
    with Workspace.open("postgresql://", "alice") as ws:
        assert ws.db.backend == "postgresql"
    monkeypatch.delenv("PGPASSWORD")
    for name in ("PGHOST", "PGPORT", "PGUSER", "PGDATABASE"):
        monkeypatch.delenv(name)
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[annotation]\nhost={host}\nport={port}\ndbname={database}\nuser={ROLE}\n"
        f"password={SECRET}\n"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    with Workspace.open("postgresql:///?service=annotation", "alice") as ws:
        assert ws.stats().documents == 0


@pytest.mark.postgres
def test_the_cli_shows_and_stores_no_password(login_server, tmp_path):
    host, port, database = login_server
    url = f"postgresql://{ROLE}:{QUOTED}@{host}:{port}/{database}"
    runner = CliRunner()
    result = runner.invoke(app, ["stats", "--db", url, "--annotator", "alice"])
    assert result.exit_code == 0, result.output
    assert QUOTED not in result.output and f"{ROLE}:***@" in result.output
    result = runner.invoke(app, ["next", "--db", url, "--annotator", "alice"])
    assert result.exit_code == 1, result.output  # no documents
    assert QUOTED not in result.output and SECRET not in result.output
    stored = settings.settings_path()
    assert not stored.exists() or QUOTED not in Path(stored).read_text()
