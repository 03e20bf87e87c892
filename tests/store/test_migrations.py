"""Upgrading a project made by an older version keeps its data and its search working."""

import json

from alembic import command
from sqlalchemy import create_engine

from annotator.core.model import Block, Document
from annotator.core.text import text_fingerprint
from annotator.store.database import Database
from annotator.store.documents import NewDocument, add_documents, count_documents
from annotator.store.listing import ListingFilter, page
from annotator.store.migrate import alembic_config, current_revision, head_revision


def _project_at(db_url: str, revision: str) -> Database:
    """A project database made by an older version: migrated up to ``revision`` only."""
    engine = create_engine(db_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()
    return Database(db_url, migrate=False)


def test_upgrade_from_the_first_revision_keeps_documents_searchable(db_url):
    old = _project_at(db_url, "0001")
    assert current_revision(old.engine) == "0001"
    text = "Harbor ferries resume service after the strike."
    with old.writing() as session:
        add_documents(
            session,
            [NewDocument(Document("old", text, [Block(0, len(text))]), text_fingerprint(text))],
        )
    old.close()

    db = Database(db_url)  # opening a project upgrades it
    assert current_revision(db.engine) == head_revision()
    with db.reading() as session:
        assert count_documents(session) == 1
        rows = page(session, None, ListingFilter(search="ferries"), 0, 10)
    assert [row.id for row in rows] == ["old"]
    db.close()


def test_the_head_constant_names_the_newest_migration():
    from annotator.store.migrate import HEAD

    assert head_revision() == HEAD


def test_upgrade_to_0006_copies_each_suggestions_confidence_into_its_column(db_url):
    """Projects pre-annotated before migration 0006 keep their least-confident order."""
    from sqlalchemy import text as sql

    from annotator.core.model import SUGGESTIONS, Annotation
    from annotator.store.annotations import save_annotation

    old = _project_at(db_url, "0005")
    confidences = {"sure": 0.97, "unsure": 0.52, "plain": None}
    with old.writing() as session:
        for doc_id in confidences:
            body = f"The {doc_id} story of the day, told in one sentence."
            add_documents(
                session,
                [
                    NewDocument(
                        Document(doc_id, body, [Block(0, len(body))]), text_fingerprint(body)
                    )
                ],
            )
        for doc_id, value in confidences.items():
            meta = {} if value is None else {"block_confidence": value}
            # written the way version 0005 wrote rows: no confidence column yet
            session.execute(
                sql(
                    "INSERT INTO annotations (document_pk, source, status, blocks, spans, quotes,"
                    " meta, item_count, version, updated_at)"
                    " SELECT pk, :source, 'in_progress', '[]', '[]', '[]', :meta, 0, 1,"
                    " CURRENT_TIMESTAMP FROM documents WHERE id = :id"
                ),
                {"source": SUGGESTIONS, "meta": json.dumps(meta), "id": doc_id},
            )
    old.close()

    db = Database(db_url)
    with db.reading() as session:
        stored = dict(
            session.execute(
                sql(
                    "SELECT d.id, a.confidence FROM annotations a"
                    " JOIN documents d ON d.pk = a.document_pk"
                )
            ).all()
        )
        assert stored == confidences
        rows = page(session, None, ListingFilter(order="uncertain"), 0, 10)
        assert [row.id for row in rows] == ["unsure", "sure", "plain"]
        assert [row.confidence for row in rows] == [0.52, 0.97, None]
    with db.writing() as session:  # a new save writes the column with the meta
        save_annotation(
            session, Annotation("plain", SUGGESTIONS, meta={"block_confidence": 0.1}, version=1)
        )
    with db.reading() as session:
        rows = page(session, None, ListingFilter(order="uncertain"), 0, 10)
        assert [row.id for row in rows] == ["plain", "unsure", "sure"]
    db.close()
