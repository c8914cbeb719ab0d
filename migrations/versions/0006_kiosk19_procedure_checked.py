"""procedures: whether the ward has checked an entry's fee and time

Revision ID: kiosk19_checked
Revises: 0003_security
Create Date: 2026-12-07 00:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "kiosk19_checked"
down_revision = "0003_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("procedures") as batch:
        batch.add_column(
            sa.Column(
                "checked", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("procedures") as batch:
        batch.drop_column("checked")
