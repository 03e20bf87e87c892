"""Connecting to the project database: a SQLite file or a PostgreSQL server."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError


class DatabaseUrlError(ValueError):
    """A database URL that cannot be used, said plainly."""


def _json_dumps(value: object) -> str:
    return orjson.dumps(value).decode("utf-8")


def normalise_url(url: str) -> str:
    """Accept plain paths and ``postgresql://`` URLs; use psycopg 3 for PostgreSQL."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    try:
        parsed = make_url(url)
        parsed.port  # noqa: B018 - a port that is not a number fails here
    except (ArgumentError, ValueError):
        raise DatabaseUrlError(f"not a database URL: {redacted(url)!r}") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif not parsed.drivername.startswith(("sqlite", "postgresql")):
        raise DatabaseUrlError(
            f"unsupported database {parsed.drivername!r}: use a SQLite file or PostgreSQL"
        )
    return parsed.render_as_string(hide_password=False)


def redacted(url: str) -> str:
    """The URL with any password hidden, for messages and logs. Done on the text, not
    on a parse, so that a malformed URL (a password with an unescaped ``@``) is hidden
    whole: everything between the user name and the last ``@`` goes."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    at = rest.rfind("@")
    if at >= 0:
        user, colon, _password = rest[:at].partition(":")
        rest = f"{user}{':***' if colon else ''}@{rest[at + 1 :]}"
    return f"{scheme}://" + _PASSWORD_PARAMETER.sub(r"\1***", rest)


_PASSWORD_PARAMETER = re.compile(r"(?i)([?&]password=)[^&]*")


def open_engine(url: str) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            json_serializer=_json_dumps,
            json_deserializer=orjson.loads,
            connect_args={"timeout": 30},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        url, json_serializer=_json_dumps, json_deserializer=orjson.loads, pool_pre_ping=True
    )


def _sqlite_begin(conn) -> None:
    """Writers take the write lock up front, so concurrent writers queue on busy_timeout
    instead of failing on a lock upgrade; readers never block anyone (WAL)."""
    immediate = conn.get_execution_options().get("immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@lru_cache(maxsize=256)
def _word_pattern(term: str) -> re.Pattern[str]:
    end = r"(?!\w)" if len(term) == 1 else ""
    return re.compile(r"(?<!\w)" + re.escape(term) + end, re.IGNORECASE)


def _has_word(text: str | None, term: str | None) -> bool:
    """SQL ``has_word(text, term)``: a word of ``text`` starts with ``term`` (one-letter
    terms: is ``term``), as the full-text index matches, for documents not indexed yet."""
    if not text or not term:
        return False
    return _word_pattern(_fold(term)).search(_fold(text)) is not None


def _fold(value: str) -> str:
    """Accents removed, as the full-text index's tokenizer removes them."""
    if value.isascii():
        return value
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event starts transactions
    dbapi_connection.create_function("has_word", 2, _has_word, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-16000")  # 16 MB: keeps list pages warm
    cursor.close()
