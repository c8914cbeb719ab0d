"""Alembic environment: the engine comes from motcua's configuration."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from motcua.core.models import Base


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `motcua db upgrade`")
run(connection)
