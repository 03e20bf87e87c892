"""The document confidence of the block suggestions as a column, with an index.

The document list's "least confident first" order used to read each document's
confidence out of its suggestions row's JSON meta, reading every suggestions row of the
project for every page of the list. ``annotations.confidence`` holds the same number
(``meta.block_confidence``, written with the row; empty for other sources), and
``ix_annotations_document_source_confidence`` answers the order's join from the index
alone.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("annotations", sa.Column("confidence", sa.Float(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        value = "(meta->>'block_confidence')::double precision"
        numeric = "jsonb_typeof(meta->'block_confidence') = 'number'"
    else:
        value = "CAST(json_extract(meta, '$.block_confidence') AS REAL)"
        numeric = "json_type(meta, '$.block_confidence') IN ('real', 'integer')"
    op.execute(
        f"UPDATE annotations SET confidence = {value} WHERE source = 'suggestions' AND {numeric}"
    )
    op.create_index(
        "ix_annotations_document_source_confidence",
        "annotations",
        ["document_pk", "source", "confidence"],
    )


def downgrade() -> None:
    op.drop_index("ix_annotations_document_source_confidence", table_name="annotations")
    op.drop_column("annotations", "confidence")
