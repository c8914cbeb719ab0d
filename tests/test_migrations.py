"""Migrations: one head, and an upgraded empty database matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from motcua import migrate
from motcua.core.db import Database
from motcua.core.models import Base


def test_one_head(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'x.db'}")
    heads = ScriptDirectory.from_config(
        migrate.alembic_config(database.engine)
    ).get_heads()
    assert len(heads) == 1


def test_upgraded_database_matches_the_models(db):
    assert migrate.is_current(db.engine)
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_upgrade_of_an_empty_database_from_scratch(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    assert not migrate.is_current(database.engine)
    migrate.upgrade(database.engine)
    assert migrate.is_current(database.engine)
    database.dispose()
