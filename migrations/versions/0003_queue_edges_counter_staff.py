"""counters know who staffs them

Revision ID: 0003_queue_edges
Revises: 0002
Create Date: 2026-12-06 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_queue_edges"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("counters") as batch:
        batch.add_column(sa.Column("staff_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("active_at", sa.DateTime(), nullable=True))
        batch.create_foreign_key(
            "fk_counters_staff_id_users",
            "users",
            ["staff_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("counters") as batch:
        batch.drop_constraint("fk_counters_staff_id_users", type_="foreignkey")
        batch.drop_column("active_at")
        batch.drop_column("staff_id")
