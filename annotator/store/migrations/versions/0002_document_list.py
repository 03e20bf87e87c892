"""The document list: search over titles and text, and status paging per annotator.

- ``ix_annotations_source_status_document`` (source, status, document_pk) replaces
  ``ix_annotations_source_status``: it answers "my documents with status S in import
  order" and the per-status counts from the index alone.
- ``ix_documents_pk`` (SQLite only) is a narrow index on documents.pk. The SQLite table itself holds
  the ~8 KB text of every row, so counting and OFFSET over the table reads every page of
  it; the narrow index is read instead (a few MB for 100,000 documents).
- Search: on SQLite an FTS5 table over (title, text) with the documents table as its
  external content (the index holds no copy of the text), kept in step by triggers; on
  PostgreSQL a GIN index over ``to_tsvector('simple', title || ' ' || text)``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LISTING_COLUMNS = ["pk", "id", "title", "publisher", "url", "source"]
PG_SEARCH_VECTOR = "to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || text)"

_SQLITE_FTS = [
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='pk',
        tokenize='unicode61 remove_diacritics 2', detail='none')""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.pk, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.pk, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
    END""",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    op.drop_index("ix_annotations_source_status", table_name="annotations")
    op.create_index(
        "ix_annotations_source_status_document",
        "annotations",
        ["source", "status", "document_pk"],
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.create_index("ix_documents_pk", "documents", ["pk"])
        op.create_index("ix_documents_listing", "documents", LISTING_COLUMNS)
        for statement in _SQLITE_FTS:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(f"CREATE INDEX ix_documents_search ON documents USING gin ({PG_SEARCH_VECTOR})")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS documents_fts_{name}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
        op.drop_index("ix_documents_listing", table_name="documents")
        op.drop_index("ix_documents_pk", table_name="documents")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_search")
    op.drop_index("ix_annotations_source_status_document", table_name="annotations")
    op.create_index("ix_annotations_source_status", "annotations", ["source", "status"])
