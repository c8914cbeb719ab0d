"""Revocation ends access at once, in every process of a city (Redis queue):
a revoked display's socket closes, a signed-out token and a changed password stop
tokens and sockets, and an admin cookie replayed after sign-out is refused."""

from __future__ import annotations

import re
import threading

import requests

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.lookup import office_by_slug
from motcua.core.models import User
from motcua.core.setup import add_user
from tests.e2e.test_realtime import Listener
from tests.e2e.test_scale_out import city  # noqa: F401

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
SERVICES = "/api/v1/offices/demo/services"


class Watched(Listener):
    """A listener that knows when the server closed its socket."""

    def __init__(self, *args, **kwargs) -> None:
        self.closed = threading.Event()
        super().__init__(*args, **kwargs)
        self.client.on("disconnect", self.closed.set, namespace=args[1])


def _admin(server) -> requests.Session:
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        office = office_by_slug(session, "demo")
        add_user(
            session, SystemClock(), "qt", "matkhau123", office=office, role="admin"
        )
    database.dispose()
    browser = requests.Session()
    _form(browser, server, "/admin/login", {"username": "qt", "password": "matkhau123"})
    return browser


def _form(browser, server, path: str, data: dict, page: str | None = None):
    found = TOKEN.search(browser.get(server.url + (page or path), timeout=10).text)
    assert found, path
    return browser.post(
        server.url + path, data={**data, "csrf_token": found.group(1)}, timeout=10
    )


def _get(server, token: str) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    return requests.get(server.url + SERVICES, headers=headers, timeout=10).status_code


def _staff_token(server) -> str:
    response = requests.post(
        server.url + "/api/v1/auth/token",
        json={"username": "demo-staff", "password": "matkhau123"},
        timeout=10,
    )
    return str(response.json()["token"])


def test_revoked_display_is_cut_off_in_the_other_process(city):  # noqa: F811
    one, two, world = city
    display = Watched(two, "/display", {"office": "demo", "token": world.display_token})
    display.wait_for("snapshot")
    assert _get(two, world.display_token) == 200  # now in two's lookup cache
    admin = _admin(one)
    page = "/admin/o/demo/devices"
    _form(admin, one, f"{page}/{world.display.id}/revoke", {}, page)
    assert display.closed.wait(10), "the revoked display's socket stays open"
    assert _get(two, world.display_token) == 401


def test_sign_out_and_new_password_stop_tokens_and_sockets(city):  # noqa: F811
    one, two, world = city
    token = _staff_token(one)
    console = Watched(two, "/counter", {"office": "demo", "token": token, "counter": 1})
    console.wait_for("snapshot")
    assert _get(two, token) == 200
    response = requests.post(
        one.url + "/api/v1/auth/logout",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert response.status_code == 204
    assert _get(two, token) == 401
    assert console.closed.wait(10)

    other = _staff_token(one)
    console = Watched(two, "/counter", {"office": "demo", "token": other, "counter": 1})
    console.wait_for("snapshot")
    assert _get(two, other) == 200
    admin = _admin(one)
    with Database(one.env["MOTCUA_DATABASE_URL"]).sessions() as session:
        staff_id = session.query(User.id).filter_by(username="demo-staff").scalar()
    changed = _form(
        admin,
        one,
        "/admin/o/demo/staff",
        {"user_id": staff_id, "role": "staff", "active": "on", "password": "moi-12345"},
    )
    assert changed.ok
    assert _get(two, other) == 401
    assert console.closed.wait(10)


def test_admin_cookie_replayed_after_sign_out_is_refused(city):  # noqa: F811
    one, two, _ = city
    admin = _admin(one)
    copy = requests.Session()
    copy.cookies.update(admin.cookies)
    assert copy.get(two.url + "/admin/o/demo/devices", timeout=10).ok
    _form(admin, one, "/admin/logout", {}, "/admin/o/demo/devices")
    replay = copy.get(two.url + "/admin/o/demo/devices", timeout=10)
    assert "/admin/login" in replay.url
