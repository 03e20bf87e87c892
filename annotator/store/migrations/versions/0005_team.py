"""Team mode: the work queue's claims, who changed an annotation, a cheap change stamp.

- ``claims``: one row per (queue, document, slot). A free slot has no claimant; a claim
  holds a lease (``expires_at``) that its holder renews, and a crashed holder's claim is
  handed out again once the lease has run out. ``finished_at`` marks work that is done.
  ``uq_claims_queue_document_claimant`` stops one claimant from holding two slots of a
  document (the overlap counts distinct people); ``ix_claims_free`` finds the first free
  slot in import order from the index alone; ``ix_claims_leases`` holds only live leases.
- ``annotations.changed_by``: who saved the stored version ("alice@laptop"), shown when
  a save is refused because of a newer version.
- ``ix_annotations_updated_at``: ``max(updated_at)`` from the index, polled by open
  windows to see that someone else saved something.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("pk", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("queue", sa.String(40), nullable=False),
        sa.Column(
            "document_pk",
            sa.Integer(),
            sa.ForeignKey("documents.pk", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("claimant", sa.String(200), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("queue", "document_pk", "slot", name="uq_claims_queue_document_slot"),
        sa.UniqueConstraint(
            "queue", "document_pk", "claimant", name="uq_claims_queue_document_claimant"
        ),
    )
    free = sa.text("claimant IS NULL")
    op.create_index(
        "ix_claims_free",
        "claims",
        ["queue", "document_pk", "slot"],
        postgresql_where=free,
        sqlite_where=free,
    )
    live = sa.text("claimant IS NOT NULL AND finished_at IS NULL")
    op.create_index(
        "ix_claims_leases",
        "claims",
        ["queue", "claimant", "expires_at"],
        postgresql_where=live,
        sqlite_where=live,
    )
    op.add_column("annotations", sa.Column("changed_by", sa.String(200), nullable=True))
    op.create_index("ix_annotations_updated_at", "annotations", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_annotations_updated_at", table_name="annotations")
    op.drop_column("annotations", "changed_by")
    op.drop_index("ix_claims_leases", table_name="claims")
    op.drop_index("ix_claims_free", table_name="claims")
    op.drop_table("claims")
