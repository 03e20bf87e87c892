"""Upgrading a project made by an older version keeps its data and its search working."""

from alembic import command
from sqlalchemy import create_engine

from annotator.core.model import Block, Document
from annotator.core.text import text_fingerprint
from annotator.store.database import Database
from annotator.store.documents import NewDocument, add_documents, count_documents
from annotator.store.listing import ListingFilter, page
from annotator.store.migrate import alembic_config, current_revision, head_revision


def test_upgrade_from_the_first_revision_keeps_documents_searchable(db_url):
    engine = create_engine(db_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    engine.dispose()
    old = Database(db_url, migrate=False)
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
