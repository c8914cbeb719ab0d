"""Guessing passwords is bounded on both doors (API and admin form), per account
and per address, behind a trusted proxy too; unknown names cost the same scrypt;
pairing codes cannot be drained by one client."""

from __future__ import annotations

import threading

import pytest

from motcua import create_app
from motcua.core import auth
from motcua.core.auth import user_actor
from motcua.core.help import set_priority_pin
from motcua.core.lookup import office_by_slug
from motcua.core.setup import add_user
from motcua.services import app_services
from tests.admin.pages import add_person, post
from tests.conftest import bearer, build_world

WRONG = {"username": "demo-staff", "password": "sai-mat-khau"}


@pytest.fixture
def proxied(db_url, clock, tmp_path):
    """The app behind a reverse proxy on 127.0.0.1 (the test client's address)."""
    app = create_app(
        {
            "DATABASE_URL": db_url,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "CLOCK": clock,
            "TRUSTED_PROXIES": "127.0.0.1",
        }
    )
    build_world(app_services(app).db, clock)
    yield app
    app_services(app).db.dispose()


def _token(client, body, client_address: str | None = None) -> int:
    headers = {"X-Forwarded-For": client_address} if client_address else {}
    response = client.post("/api/v1/auth/token", json=body, headers=headers)
    return int(response.status_code)


def test_admin_form_stops_guessing_and_then_the_right_password(
    app, client, api_world, clock
):
    add_person(app_services(app).db, clock, "qt-demo", "demo", "admin")
    guesses = [
        post(client, "/admin/login", {"username": "qt-demo", "password": f"sai{i}"})
        for i in range(40)
    ]
    codes = [g.status_code for g in guesses]
    assert codes[:10] == [401] * 10 and 429 in codes
    assert "quá nhiều lần" in guesses[-1].get_data(as_text=True)
    right = {"username": "qt-demo", "password": "matkhau123"}
    assert post(client, "/admin/login", right).status_code == 429
    assert client.get("/admin/o/demo/devices").status_code in (302, 303)


def test_one_account_is_limited_across_addresses(proxied):
    client = proxied.test_client()
    codes = [_token(client, WRONG, f"10.0.0.{i}") for i in range(25)]
    assert codes[:20] == [403] * 20 and codes[20:] == [429] * 5


def test_a_trusted_proxy_counts_each_client_apart(proxied):
    client = proxied.test_client()
    body = {"username": "ai-do", "password": "x"}
    assert [_token(client, body, "10.0.0.1") for _ in range(11)][-1] == 429
    assert _token(client, body, "10.0.0.2") == 403  # another client, not limited


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, api_world):
    body = {"username": "ai-do", "password": "x"}
    codes = [_token(client, body, f"10.0.0.{i}") for i in range(11)]
    assert codes[-1] == 429


def test_unknown_names_cost_a_password_check(client, api_world, monkeypatch):
    checked = []
    real = auth.verify_password
    monkeypatch.setattr(
        auth, "verify_password", lambda p, h: checked.append(h) or real(p, h)
    )
    assert _token(client, {"username": "khong-co-ai", "password": "x"}) == 403
    assert len(checked) == 1 and checked[0].startswith("scrypt$")


def test_pairing_codes_are_limited_per_client(proxied):
    client = proxied.test_client()
    headers = {"X-Forwarded-For": "10.0.0.9"}
    codes = [client.get("/pair", headers=headers).status_code for _ in range(25)]
    assert codes[:20] == [200] * 20 and codes[-1] == 429
    other = client.get("/pair", headers={"X-Forwarded-For": "10.0.0.10"})
    assert other.status_code == 200


def test_the_helper_pin_locks_after_a_few_wrong_tries(app, client, api_world, clock):
    with app_services(app).db.transaction() as session:
        office = office_by_slug(session, "demo")
        admin = add_user(
            session, clock, "boss", "matkhau123", office=office, role="admin"
        )
        set_priority_pin(session, office, user_actor(session, admin), "2468")
    url = "/api/v1/offices/demo/priority-tickets"
    headers = bearer(api_world.kiosk_token)
    body = {"service": "CT", "priority": "elderly"}
    answers = [
        client.post(url, json={**body, "pin": f"{i:04d}"}, headers=headers)
        for i in range(6)
    ]
    assert [a.status_code for a in answers] == [403] * 6
    assert answers[-1].get_json()["error"]["code"] == "pin_locked"
    right = client.post(url, json={**body, "pin": "2468"}, headers=headers)
    assert right.get_json()["error"]["code"] == "pin_locked"


def _by_api(app) -> None:  # type: ignore[no-untyped-def]
    body = {"username": "demo-staff", "password": "matkhau123"}
    app.test_client().post("/api/v1/auth/token", json=body)


def _by_form(app) -> None:  # type: ignore[no-untyped-def]
    form = {"username": "qt", "password": "matkhau123"}
    post(app.test_client(), "/admin/login", form)


@pytest.mark.parametrize("sign_in", [_by_api, _by_form], ids=["api", "admin form"])
def test_a_slow_password_check_holds_no_kiosk(
    app, client, api_world, clock, monkeypatch, sign_in
):
    """Password checks run outside the write transaction: while one is under way
    (held here), a kiosk still issues its ticket (with SQLite's one writer too)."""
    add_person(app_services(app).db, clock, "qt", "demo", "admin")
    checking, release = threading.Event(), threading.Event()
    real = auth.verify_password

    def held(password: str, stored: str) -> bool:
        checking.set()
        release.wait(30)
        return real(password, stored)

    monkeypatch.setattr(auth, "verify_password", held)
    signing_in = threading.Thread(target=sign_in, args=(app,))
    signing_in.start()
    try:
        assert checking.wait(10)
        ticket = client.post(
            "/api/v1/offices/demo/tickets",
            json={"service": "CT"},
            headers=bearer(api_world.kiosk_token),
        )
        assert ticket.status_code == 201
        assert signing_in.is_alive()  # the check was still under way meanwhile
    finally:
        release.set()
        signing_in.join(30)
