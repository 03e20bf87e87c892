"""The open project database: engine, sessions for reading and writing, migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from annotator.store.engine import open_engine, redacted
from annotator.store.migrate import upgrade


class DatabaseOpenError(RuntimeError):
    """The project database cannot be opened; the message says where and why."""


class Database:
    def __init__(self, url: str, migrate: bool = True) -> None:
        self.engine: Engine = open_engine(url)
        self.url = str(self.engine.url.render_as_string(hide_password=False))
        self.backend = self.engine.dialect.name
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        writer_engine = self.engine.execution_options(immediate=True)
        self._writer = sessionmaker(writer_engine, expire_on_commit=False)
        if migrate:
            try:
                upgrade(self.engine)
            except SQLAlchemyError as exc:
                self.engine.dispose()
                reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
                raise DatabaseOpenError(f"cannot open {redacted(self.url)}: {reason}") from exc

    def __repr__(self) -> str:
        return f"Database({redacted(self.url)!r})"

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._reader() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One short transaction: committed on success, rolled back whole on any error."""
        with self._writer() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
