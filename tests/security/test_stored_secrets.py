"""What the database holds: scrypt and token hashes, never the secrets themselves."""

from __future__ import annotations

import hashlib

import requests
from sqlalchemy import create_engine, select

from motcua.core.db import normalize_url
from motcua.core.models import ApiToken, Base, Device, User
from motcua.core.security import verify_password

API = "/api/v1"
PERSON_ID = "079203001234"


def every_value(url: str) -> list[str]:
    """Every value of every row of every table, as text."""
    engine = create_engine(normalize_url(url))
    values = []
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(select(table)):
                values.extend(str(v) for v in row if v is not None)
    engine.dispose()
    return values


def test_database_holds_no_plaintext_password_or_token(live):
    server, ours, theirs = live
    url = server.env["MOTCUA_DATABASE_URL"]
    response = requests.post(
        server.url + API + "/auth/token",
        json={"username": "demo-staff", "password": "matkhau123"},
        timeout=10,
    )
    staff_token = response.json()["token"]
    kiosk = {"Authorization": f"Bearer {ours.kiosk_token}"}
    issued = requests.post(
        server.url + API + "/offices/demo/tickets",
        json={"service": "CT", "person_id": PERSON_ID, "consent": True},
        headers=kiosk,
        timeout=10,
    )
    assert issued.status_code == 201, issued.text
    pairing = requests.get(server.url + "/pair", timeout=10)
    pairing_secrets = [c.value for c in pairing.cookies if c.value]
    assert pairing_secrets, "a screen asking to pair holds a secret"

    secrets = {
        "password": "matkhau123",
        "staff token": staff_token,
        "kiosk token": ours.kiosk_token,
        "display token": ours.display_token,
        "other office's kiosk token": theirs.kiosk_token,
        "citizen id": PERSON_ID,
        **{f"pairing secret {i}": s for i, s in enumerate(pairing_secrets)},
    }
    values = every_value(url)
    found = [
        name for name, secret in secrets.items() if any(secret in v for v in values)
    ]
    assert not found, found

    engine = create_engine(normalize_url(url))
    with engine.connect() as conn:
        hashes = {
            u: h for u, h in conn.execute(select(User.username, User.password_hash))
        }
        tokens = set(conn.execute(select(ApiToken.token_hash)).scalars())
        devices = set(conn.execute(select(Device.token_hash)).scalars())
    engine.dispose()
    assert all(h.startswith("scrypt$32768$8$1$") for h in hashes.values()), hashes
    assert verify_password("matkhau123", hashes["demo-staff"])
    assert not verify_password("matkhau124", hashes["demo-staff"])
    # Salted: the same password hashes differently for two users.
    assert hashes["demo-staff"] != hashes["khac-staff"]
    assert hashlib.sha256(staff_token.encode()).hexdigest() in tokens
    assert hashlib.sha256(ours.kiosk_token.encode()).hexdigest() in devices
