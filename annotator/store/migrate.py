"""Alembic migrations, run when a project is opened.

Alembic itself is imported only when a project needs upgrading: opening an up-to-date
project (every start of the app) compares one row with ``HEAD`` and moves on.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

HEAD = "0006"
"""The newest revision in migrations/versions; a test checks it against Alembic's view."""

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_LOCK = 72_616_101  # advisory lock id: one migrating process at a time


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Leave SQLite's full-text shadow tables out of schema comparisons."""
    return not (type_ == "table" and name is not None and name.startswith("documents_fts"))


DIALECT_INDEXES = frozenset({"ix_documents_pk", "ix_documents_listing", "ix_documents_search"})


def include_object(
    _obj: object, name: str | None, type_: str, _reflected: bool, _other: object
) -> bool:
    """Indexes that exist on one backend only are not schema drift."""
    return not (type_ == "index" and name in DIALECT_INDEXES)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The head as Alembic computes it from the migration scripts (slow: loads them)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision; a no-op when it is there already."""
    if current_revision(engine) == HEAD:
        return
    from alembic import command

    config = alembic_config()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
