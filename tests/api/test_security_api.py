"""Rate limits on issuing and login, and the security headers of every answer."""

from __future__ import annotations

from sqlalchemy import func, select

from motcua.core.models import Ticket
from motcua.services import app_services
from tests.conftest import bearer


def test_issuing_is_limited_per_device_and_says_when_to_retry(client, api_world, app):
    headers = bearer(api_world.kiosk_token)
    url = "/api/v1/offices/demo/tickets"
    statuses = [
        client.post(url, json={"service": "CT"}, headers=headers).status_code
        for _ in range(60)
    ]
    assert statuses == [201] * 60  # the last allowed
    refused = client.post(url, json={"service": "CT"}, headers=headers)
    assert refused.status_code == 429  # the first refused
    assert refused.get_json()["error"]["code"] == "rate_limited"
    assert 0 < int(refused.headers["Retry-After"]) <= 61
    with app_services(app).db.sessions() as session:
        count = session.execute(select(func.count()).select_from(Ticket)).scalar_one()
    assert count == 60


def test_login_attempts_are_limited(client, api_world):
    body = {"username": "demo-staff", "password": "sai-mat-khau"}
    statuses = [
        client.post("/api/v1/auth/token", json=body).status_code for _ in range(11)
    ]
    assert statuses == [403] * 10 + [429]


def test_security_headers_on_pages_and_api(client, api_world):
    for path in ("/", "/api/v1/openapi.json", "/api/v1/nothing"):
        response = client.get(path)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_sign_out_revokes_the_staff_token_at_once(client, api_world):
    from tests.conftest import staff_token

    token = bearer(staff_token(client))
    call = "/api/v1/offices/demo/counters/1/call-next"
    assert client.post(call, headers=token).status_code == 204
    assert client.post("/api/v1/auth/logout", headers=token).status_code == 204
    assert client.post(call, headers=token).status_code == 401
    device = client.post("/api/v1/auth/logout", headers=bearer(api_world.kiosk_token))
    assert device.status_code == 400
