"""The store on a real SQLite file and a real PostgreSQL server."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from annotator.core.model import Annotation, Block, Document, Span, Status
from annotator.core.text import text_fingerprint
from annotator.store.annotations import VersionConflict, get_annotation, save_annotation
from annotator.store.database import Database, DatabaseOpenError
from annotator.store.documents import NewDocument, add_documents, count_documents, iter_documents
from annotator.store.engine import DatabaseUrlError, normalise_url, redacted
from annotator.store.migrate import current_revision, head_revision, include_name, include_object
from annotator.store.schema import Base


def new(doc_id: str, text: str, *annotations: Annotation) -> NewDocument:
    doc = Document(doc_id, text, [Block(0, len(text), {"tag": "p"})])
    return NewDocument(doc, text_fingerprint(text), list(annotations), doc_id)


def test_migrations_create_the_schema_on_an_empty_database(db_url):
    db = Database(db_url)
    assert current_revision(db.engine) == head_revision() != ""
    tables = set(inspect(db.engine).get_table_names())
    assert {"documents", "annotations", "settings", "alembic_version"} <= tables
    # the ORM classes and the migrations describe the same schema
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn, opts={"include_name": include_name, "include_object": include_object}
            ),
            Base.metadata,
        )
    assert diff == []
    # opening again is a no-op
    Database(db_url).close()
    db.close()


def test_sqlite_runs_in_wal_with_foreign_keys_and_busy_timeout(tmp_path):
    db = Database(str(tmp_path / "p.db"))
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    db.close()


def test_add_read_and_deduplicate(db_url):
    db = Database(db_url)
    with db.writing() as session:
        results = add_documents(
            session,
            [
                new("a", "First story text.", Annotation("a", "alice", blocks={0: "body"})),
                new("b", "Second story text."),
                new("c", "first   STORY text."),  # same text as "a" after normalisation
                new("a", "A different text under a taken id."),
            ],
        )
    assert [(r.outcome, r.document_id, r.existing_id) for r in results] == [
        ("added", "a", None),
        ("added", "b", None),
        ("duplicate", "a", "a"),
        ("added", results[3].document_id, None),
    ]
    assert results[3].document_id.startswith("a-")
    assert results[0].annotations_added == ["alice"]
    with db.reading() as session:
        assert count_documents(session) == 3
        items = list(iter_documents(session, page_size=2))
    assert [doc.id for doc, _ in items] == ["a", "b", results[3].document_id]
    assert items[0][0].blocks[0].features == {"tag": "p"}
    assert [a.source for a in items[0][1]] == ["alice"]
    db.close()


def test_version_check_refuses_lost_updates(db_url):
    db = Database(db_url)
    with db.writing() as session:
        add_documents(session, [new("a", "Some text here.")])
    with db.writing() as session:
        first = save_annotation(session, Annotation("a", "alice", blocks={0: "body"}))
    assert first.version == 1
    with db.writing() as session:
        second = save_annotation(session, Annotation("a", "alice", blocks={0: "title"}, version=1))
    assert second.version == 2
    stale = Annotation("a", "alice", blocks={0: "caption"}, version=1)
    with pytest.raises(VersionConflict) as info, db.writing() as session:
        save_annotation(session, stale)
    assert info.value.current.blocks == {0: "title"}
    with db.reading() as session:
        stored = get_annotation(session, "a", "alice")
    assert stored.blocks == {0: "title"} and stored.version == 2
    db.close()


def test_a_failed_transaction_leaves_nothing(db_url):
    db = Database(db_url)
    with pytest.raises(RuntimeError), db.writing() as session:
        add_documents(session, [new("a", "Some text here.")])
        raise RuntimeError("crash mid-import")
    with db.reading() as session:
        assert count_documents(session) == 0
    db.close()


def test_annotation_content_survives_storage(db_url):
    db = Database(db_url)
    annotation = Annotation(
        "a",
        "suggestions",
        Status.DONE,
        blocks={0: "body"},
        block_scores={0: 0.25},
        spans=[Span(0, 4, "ORG", 0.5)],
        meta={"model": "m"},
    )
    with db.writing() as session:
        add_documents(session, [new("a", "Some text here.", annotation)])
    with db.reading() as session:
        stored = get_annotation(session, "a", "suggestions")
    assert (stored.blocks, stored.block_scores, stored.spans, stored.meta, stored.status) == (
        {0: "body"},
        {0: 0.25},
        [Span(0, 4, "ORG", 0.5)],
        {"model": "m"},
        Status.DONE,
    )
    db.close()


def test_urls():
    assert normalise_url("postgresql://u:pw@h/db") == "postgresql+psycopg://u:pw@h/db"
    assert normalise_url("some/file.db").startswith("sqlite:////")
    assert "pw" not in redacted("postgresql+psycopg://u:pw@h/db")
    with pytest.raises(DatabaseUrlError, match="unsupported database"):
        normalise_url("mysql://h/db")


def test_unreachable_server_is_a_plain_error_without_the_password():
    with pytest.raises(DatabaseOpenError) as info:
        Database("postgresql+psycopg://me:secret@127.0.0.1:9/none?connect_timeout=2")
    assert "secret" not in str(info.value)
    assert "cannot open postgresql+psycopg://me:***@127.0.0.1:9/none" in str(info.value)
