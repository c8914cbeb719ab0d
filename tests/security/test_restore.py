"""Restore takes back only what this server wrote for the office: an edited backup
(a city-admin account, another office's rows, a '..' slug, bad settings) is refused
with a clear 400, nothing changes, and the audit log is only ever added to."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from display import voicepack
from motcua.cli import main
from motcua.core.backup import backup_office
from motcua.core.backup_check import backup_key, sign
from motcua.core.errors import Invalid
from motcua.core.lookup import office_by_slug
from motcua.core.models import AuditLog, Office, Service, User
from motcua.core.office_admin import audit
from tests.admin.pages import csrf, sign_in, sign_in_admin
from tests.conftest import build_world

PAGE = "/admin/o/demo/backup"


def _download(client) -> dict:
    response = client.get("/admin/o/demo/backup.json")
    assert response.status_code == 200
    return json.loads(response.data)


def _restore(client, document, raw: bytes | None = None):
    data = raw if raw is not None else json.dumps(document).encode()
    form = {"csrf_token": csrf(client, PAGE), "file": (io.BytesIO(data), "b.json")}
    response = client.post("/admin/o/demo/restore", data=form)
    return response.status_code, response.get_data(as_text=True)


def _resign(app, document) -> dict:
    """As if this server had written it: the content checks alone must refuse."""
    body = {k: v for k, v in document.items() if k != "signature"}
    return sign(body, backup_key(app.config["SECRET_KEY"]))


def _city_admin_added(document) -> dict:
    users = document["tables"]["users"]
    forged = {**users[0], "id": 99_999, "username": "ke-gian", "is_city_admin": True}
    document["tables"]["users"] = [*users, forged]
    return document


def _names(db) -> list[str]:
    with db.sessions() as session:
        return list(session.scalars(select(Service.name_vi).order_by(Service.id)))


def test_edited_backup_is_refused_and_no_city_admin_appears(
    app, client, api_world, clock
):
    db = sign_in_admin(app, clock, client)
    document = _city_admin_added(_download(client))
    before = _names(db)
    status, page = _restore(client, document)
    assert status == 400 and "không mang chữ ký của máy chủ này" in page
    status, page = _restore(client, _resign(app, document))
    assert status == 400 and "Tệp sao lưu không đúng định dạng" in page
    with db.sessions() as session:
        assert session.scalars(select(User).where(User.is_city_admin)).all() == []
        assert (
            session.scalars(select(User).where(User.username == "ke-gian")).all() == []
        )
    assert _names(db) == before
    client.post("/admin/logout")
    sign_in(client, "ke-gian")
    assert client.get("/admin/").status_code in (302, 303, 401, 403)


@pytest.mark.parametrize("edit", ["dotdot", "two_offices", "foreign_rows", "setting"])
def test_signed_content_is_still_checked(app, client, api_world, clock, edit):
    db = sign_in_admin(app, clock, client)
    build_world(db, clock, "khac")
    document = _download(client)
    tables = document["tables"]
    office = tables["offices"][0]
    if edit == "dotdot":
        document["office"] = office["slug"] = ".."
    elif edit == "two_offices":
        tables["offices"].append({**office, "id": office["id"] + 1, "slug": ".."})
    elif edit == "foreign_rows":
        with db.sessions() as session:
            theirs = session.scalars(select(Office.id).where(Office.slug == "khac"))
            tables["counters"][0]["office_id"] = theirs.one()
    else:
        office["settings"] = {**(office["settings"] or {}), "priority_ratio": -5}
    status, page = _restore(client, _resign(app, document))
    assert status == 400, page
    assert "Tệp sao lưu" in page and "Traceback" not in page
    with db.sessions() as session:
        slugs = set(session.scalars(select(Office.slug)))
    assert slugs == {"demo", "khac"}
    assert Path(app.instance_path).is_dir()


def test_malformed_files_get_a_400_in_vietnamese(app, client, api_world, clock):
    sign_in_admin(app, clock, client)
    status, page = _restore(client, None, b"{not json")
    assert status == 400 and "không phải tệp sao lưu JSON" in page
    deep = b"[" * 100_000 + b"]" * 100_000
    status, page = _restore(client, None, deep)
    assert status == 400 and "không phải tệp sao lưu JSON" in page
    garbage = {"format": "motcua-office-backup", "version": 1, "office": "demo"}
    status, page = _restore(client, _resign(app, {**garbage, "tables": [1]}))
    assert status == 400 and "không đúng định dạng" in page


def test_restore_keeps_the_audit_log_and_adds_to_it(app, client, api_world, clock):
    db = sign_in_admin(app, clock, client)
    document = _download(client)
    with db.transaction() as session:  # an entry made after the backup
        office = session.scalars(select(Office).where(Office.slug == "demo")).one()
        audit(session, office, api_world.staff, clock, "settings.changed", "demo")
    with db.sessions() as session:
        before = list(session.scalars(select(AuditLog.id).order_by(AuditLog.id)))
    status, page = _restore(client, document)
    assert status == 200 and "Đã khôi phục" in page
    with db.sessions() as session:
        after = session.scalars(select(AuditLog).order_by(AuditLog.id)).all()
    assert len(before) >= 1
    assert [a.id for a in after][: len(before)] == before
    assert "settings.changed" in [a.action for a in after]
    assert after[-1].action == "office.restored"


def test_the_operator_may_restore_an_unsigned_backup(
    db_url, db, world, clock, tmp_path, monkeypatch
):
    for name, value in (("DATABASE_URL", db_url), ("INSTANCE_PATH", tmp_path)):
        monkeypatch.setenv(f"MOTCUA_{name}", str(value))
    with db.transaction() as session:  # written before backups were signed
        document = backup_office(session, office_by_slug(session, "demo"))
    out = tmp_path / "demo.json"
    out.write_text(json.dumps(document), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["restore", str(out)])
    assert result.exit_code == 2 and "--unsigned" in result.output
    result = runner.invoke(main, ["restore", "--unsigned", str(out)])
    assert result.exit_code == 0, result.output
    out.write_text(json.dumps(_city_admin_added(document)), encoding="utf-8")
    result = runner.invoke(main, ["restore", "--unsigned", str(out)])
    assert result.exit_code == 2 and "không đúng định dạng" in result.output


def test_a_dotdot_slug_never_reaches_the_file_system(app, client, api_world, clock):
    """An office named '..' (left by an old restore) cannot wipe the instance."""
    db = sign_in_admin(app, clock, client)
    voice = Path(app.instance_path) / "voice"
    voice.mkdir(parents=True, exist_ok=True)
    form = {"csrf_token": csrf(client, PAGE)}
    with db.transaction() as session:
        demo = session.scalars(select(Office).where(Office.slug == "demo")).one()
        demo.slug = ".."
    response = client.post("/admin/o/%2E%2E/voice/reset", data=form)
    assert response.status_code < 500
    assert voice.is_dir() and (Path(app.instance_path) / "secret_key").is_file()
    with pytest.raises(Invalid):
        voicepack.remove(Path(app.instance_path), "..")
    assert voice.is_dir()
