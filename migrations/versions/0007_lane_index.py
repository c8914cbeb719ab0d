"""tickets: an index in lane order, so call-next finds a lane's head in a few rows

Revision ID: 0007_lane_index
Revises: kiosk19_checked
Create Date: 2026-12-07 12:15:00
"""

from __future__ import annotations

from alembic import op

revision = "0007_lane_index"
down_revision = "kiosk19_checked"
branch_labels = None
depends_on = None

# The model's ix_tickets_lanes as of this revision (motcua/core/models.py).
COLUMNS = (
    "office_id day status target_counter_id priority_rank appointment_at "
    "issued_at number id service_id"
).split()


def upgrade() -> None:
    op.create_index("ix_tickets_lanes", "tickets", COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_tickets_lanes", table_name="tickets")
