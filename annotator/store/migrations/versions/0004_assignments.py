"""Assignments: which annotators are to annotate which documents.

One row per (document, annotator); a document assigned to two or more annotators is part
of the overlap that agreement is measured on. ``ix_assignments_annotator_document``
answers "my assigned documents in import order" from the index alone.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assignments",
        sa.Column("pk", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "document_pk",
            sa.Integer(),
            sa.ForeignKey("documents.pk", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("annotator", sa.String(200), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("document_pk", "annotator", name="uq_assignments_document_annotator"),
    )
    op.create_index(
        "ix_assignments_annotator_document", "assignments", ["annotator", "document_pk"]
    )


def downgrade() -> None:
    op.drop_index("ix_assignments_annotator_document", table_name="assignments")
    op.drop_table("assignments")
