"""SQLite search index filled after imports instead of row by row.

Indexing ~8 KB of text per document in the insert trigger made an import several times
slower than the insert itself. Now documents are indexed in batches after an import
(``annotator.store.search_index.catch_up``); ``documents_fts_state.indexed_upto`` says how
far, and searches read documents beyond it directly, so results are complete at once.
The delete and update triggers only touch rows the index holds.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_INDEXED = "(SELECT indexed_upto FROM documents_fts_state WHERE id = 1)"

_UPGRADE = [
    "DROP TRIGGER IF EXISTS documents_fts_insert",
    "DROP TRIGGER IF EXISTS documents_fts_delete",
    "DROP TRIGGER IF EXISTS documents_fts_update",
    """CREATE TABLE documents_fts_state (
        id INTEGER PRIMARY KEY CHECK (id = 1), indexed_upto INTEGER NOT NULL)""",
    "INSERT INTO documents_fts_state VALUES (1, (SELECT coalesce(max(pk), 0) FROM documents))",
    f"""CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents
        WHEN old.pk <= {_INDEXED} BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.pk, old.title, old.text);
    END""",
    f"""CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents
        WHEN old.pk <= {_INDEXED} BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.pk, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
    END""",
]

_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS documents_fts_delete",
    "DROP TRIGGER IF EXISTS documents_fts_update",
    "DROP TABLE IF EXISTS documents_fts_state",
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
    if op.get_bind().dialect.name == "sqlite":
        for statement in _UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _DOWNGRADE:
            op.execute(statement)
