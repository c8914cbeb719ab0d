"""booked slots ahead of walk-ins: the ticket's appointment, the counter's cap

Revision ID: 0003_queuecore
Revises: 0003_queue_edges
Create Date: 2026-12-06 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_queuecore"
down_revision = "0003_queue_edges"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("appointment_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("counters") as batch:
        batch.add_column(sa.Column("booked_gap", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("counters") as batch:
        batch.drop_column("booked_gap")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("appointment_at")
