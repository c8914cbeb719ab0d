"""procedure sources; priority requests from the kiosk

Revision ID: 0004_kiosk
Revises: 0003_queue_edges
Create Date: 2026-12-06 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_kiosk"
down_revision = "0003_queuecore"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("procedures") as batch:
        batch.add_column(
            sa.Column(
                "source", sa.String(length=300), nullable=False, server_default=""
            )
        )
    with op.batch_alter_table("help_requests") as batch:
        batch.add_column(sa.Column("ticket_id", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("priority", sa.String(length=32), nullable=True))
        batch.create_foreign_key(
            "fk_help_requests_ticket_id", "tickets", ["ticket_id"], ["id"],
            ondelete="CASCADE",
        )  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("help_requests") as batch:
        batch.drop_constraint("fk_help_requests_ticket_id", type_="foreignkey")
        batch.drop_column("priority")
        batch.drop_column("ticket_id")
    with op.batch_alter_table("procedures") as batch:
        batch.drop_column("source")
