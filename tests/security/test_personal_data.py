"""Personal data: the key of phone and ID hashes lives outside the database and
its backups, instance files are the server's alone, help notes go with retention."""

from __future__ import annotations

import hashlib
import hmac
import json
import stat
from pathlib import Path

from sqlalchemy import select

from motcua import create_app
from motcua.core.models import HelpRequest, Office, Ticket
from motcua.core.security import normalize_person_id
from motcua.services import app_services
from tests.admin.pages import csrf, sign_in_admin
from tests.conftest import bearer, build_world

PHONE = "0912345678"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_instance_files_are_the_servers_alone(tmp_path, clock):
    folder = tmp_path / "instance"
    app = create_app({"INSTANCE_PATH": str(folder), "CLOCK": clock})
    build_world(app_services(app).db, clock)
    app_services(app).db.dispose()
    assert _mode(folder) == 0o700
    for name in ("motcua.db", "secret_key", "person_key"):
        assert _mode(folder / name) == 0o600, name


def test_database_and_backup_cannot_reverse_a_phone_hash(app, client, api_world, clock):
    issued = client.post(
        "/api/v1/offices/demo/tickets",
        json={"service": "CT", "person_id": PHONE, "consent": True},
        headers=bearer(api_world.kiosk_token),
    )
    assert issued.status_code == 201, issued.get_json()
    db = sign_in_admin(app, clock, client)
    document = json.loads(client.get("/admin/o/demo/backup.json").data)
    with db.sessions() as session:
        stored = session.scalars(select(Ticket.person_key)).one()
        secret = session.scalars(select(Office.secret)).one()
    # What an attacker holding the database (or the backup) would compute:
    digits = normalize_person_id(PHONE).encode()
    guess = hmac.new(secret.encode(), digits, hashlib.sha256).hexdigest()
    assert stored and guess != stored
    key = (Path(app.instance_path) / "person_key").read_text().strip()
    assert key not in json.dumps(document)


def test_help_notes_are_purged_with_the_rest(app, client, api_world, clock):
    note = {"note": f"Tôi là Nguyễn Văn A, số {PHONE}"}
    path = "/api/v1/offices/demo/help"
    response = client.post(path, json=note, headers=bearer(api_world.kiosk_token))
    assert response.status_code == 201
    db = sign_in_admin(app, clock, client)
    clock.advance(400 * 86400)
    token = csrf(client, "/admin/o/demo/settings")
    client.post("/admin/o/demo/retention/purge", data={"csrf_token": token})
    with db.sessions() as session:
        assert session.scalars(select(HelpRequest.note)).all() == [None]
