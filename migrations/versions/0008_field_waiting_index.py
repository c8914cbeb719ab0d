"""tickets: the queue index carries the day, so a field's waiting is counted in it

Revision ID: 0008_field_waiting
Revises: 0007_lane_index
Create Date: 2026-12-08 15:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0008_field_waiting"
down_revision = "0007_lane_index"
branch_labels = None
depends_on = None

# ix_tickets_queue before and as of this revision (motcua/core/models.py).
BEFORE = ["office_id", "status", "service_id"]
AFTER = [*BEFORE, "day"]


def upgrade() -> None:
    op.drop_index("ix_tickets_queue", table_name="tickets")
    op.create_index("ix_tickets_queue", "tickets", AFTER)


def downgrade() -> None:
    op.drop_index("ix_tickets_queue", table_name="tickets")
    op.create_index("ix_tickets_queue", "tickets", BEFORE)
