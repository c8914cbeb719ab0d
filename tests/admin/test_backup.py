"""Backup of an office, restore into an empty install, identical data."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import delete, select

from motcua.cli import main
from motcua.core.backup import backup_office, restore_office
from motcua.core.lookup import office_by_slug
from motcua.core.models import AuditLog, Base, Ticket, User
from motcua.core.office_admin import audit
from tests.admin.day import build_day
from tests.conftest import build_world


def _backup(db, slug="demo"):
    with db.transaction() as session:
        return backup_office(session, office_by_slug(session, slug))


def _empty(db):
    """An empty install: every table of the schema without rows."""
    with db.transaction() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(delete(table))


def normalized(document):
    """Ids replaced by their rank in each table, foreign keys alike: what must match."""
    tables = Base.metadata.tables
    ranks = {
        name: {row["id"]: i for i, row in enumerate(rows)}
        for name, rows in document["tables"].items()
        if rows and "id" in rows[0] and isinstance(rows[0]["id"], int)
    }
    out = {}
    for name, rows in document["tables"].items():
        table = tables[name]
        fixed = []
        for row in rows:
            row = dict(row)
            for column in table.c:
                target = column.name == "id" and name
                for fk in column.foreign_keys:
                    target = fk.column.table.name
                if target in ranks and row[column.name] is not None:
                    row[column.name] = ranks[target][row[column.name]]
            fixed.append(row)
        out[name] = sorted(fixed, key=lambda r: json.dumps(r, sort_keys=True))
    return out


def test_backup_restore_into_empty_install_is_identical(db, world, clock):
    # Another office first, so that ids in the backup are not 1, 2, 3...
    build_world(db, clock, "khac")
    build_day(db, world, clock)
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        audit(session, office, world.staff, clock, "settings.changed", "demo", x=1)
    before = _backup(db)
    assert len(before["tables"]["tickets"]) == 7
    assert len(before["tables"]["ratings"]) == 3
    assert {u["username"] for u in before["tables"]["users"]} == {"demo-staff"}
    _empty(db)
    with db.transaction() as session:
        restore_office(session, json.loads(json.dumps(before)))
    after = _backup(db)
    assert normalized(after) == normalized(before)
    with db.sessions() as session:
        office = office_by_slug(session, "demo")
        assert session.scalars(select(Ticket.office_id)).all() == [office.id] * 7
        assert session.scalars(select(AuditLog.action)).all() == ["settings.changed"]


def test_restore_over_itself_keeps_other_offices(db, world, clock):
    build_world(db, clock, "khac")
    build_day(db, world, clock)
    before = _backup(db)
    theirs = _backup(db, "khac")
    with db.transaction() as session:
        restore_office(session, before)
    assert normalized(_backup(db)) == normalized(before)
    assert normalized(_backup(db, "khac")) == normalized(theirs)
    with db.sessions() as session:
        assert len(session.scalars(select(User)).all()) == 2  # accounts reused


def test_cli_backup_and_restore(db_url, db, world, clock, tmp_path, monkeypatch):
    build_day(db, world, clock)
    monkeypatch.setenv("MOTCUA_DATABASE_URL", db_url)
    monkeypatch.setenv("MOTCUA_INSTANCE_PATH", str(tmp_path / "instance"))
    out = tmp_path / "demo.json"
    runner = CliRunner()
    result = runner.invoke(main, ["backup", "--office", "demo", "--output", str(out)])
    assert result.exit_code == 0, result.output
    before = json.loads(out.read_text(encoding="utf-8"))
    _empty(db)
    result = runner.invoke(main, ["restore", str(out)])
    assert result.exit_code == 0, result.output
    assert "Đã khôi phục" in result.output
    assert normalized(_backup(db)) == normalized(before)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "other"}')
    result = runner.invoke(main, ["restore", str(bad)])
    assert result.exit_code == 2 and "không đúng định dạng" in result.output
