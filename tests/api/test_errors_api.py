"""Bad input gets a 4xx JSON error in the reader's language and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from motcua.core.models import Ticket
from motcua.services import app_services
from tests.conftest import bearer, build_world, staff_token

URL = "/api/v1/offices/demo/tickets"


def _count(app) -> int:
    with app_services(app).db.sessions() as session:
        return int(
            session.execute(select(func.count()).select_from(Ticket)).scalar_one()
        )


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"data": "{not json", "content_type": "application/json"}, 400, "bad_json"),
        ({"json": ["CT"]}, 400, "bad_json"),
        ({"json": {}}, 400, "invalid_field"),
        ({"json": {"service": 12}}, 400, "invalid_field"),
        ({"json": {"service": True}}, 400, "invalid_field"),
        ({"json": {"service": "CT", "lang": "fr"}}, 400, "invalid_field"),
        ({"json": {"service": "CT", "extra": 1}}, 400, "unknown_field"),
        ({"json": {"service": "ZZ"}}, 404, "unknown_service"),
        ({"json": {"service": "CT", "person_id": "0912345678"}}, 400, "invalid_field"),
        ({"data": "x" * 200_000, "content_type": "application/json"}, 413, "too_large"),
    ],
)
def test_malformed_ticket_requests(client, api_world, app, kwargs, status, code):
    response = client.post(URL, headers=bearer(api_world.kiosk_token), **kwargs)
    assert response.status_code == status
    body = response.get_json()
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert _count(app) == 0


def test_messages_follow_accept_language(client, api_world):
    headers = bearer(api_world.kiosk_token)
    vi = client.post(URL, json={"service": "ZZ"}, headers=headers).get_json()
    en = client.post(
        URL,
        json={"service": "ZZ"},
        headers={**headers, "Accept-Language": "en-US,en;q=0.9"},
    ).get_json()
    assert vi["error"]["message"] == "Không có lĩnh vực 'ZZ'."
    assert en["error"]["message"] == "No service field 'ZZ'."


def test_no_token_bad_token_and_wrong_device(client, api_world, app):
    assert client.post(URL, json={"service": "CT"}).status_code == 401
    assert (
        client.post(URL, json={"service": "CT"}, headers=bearer("nope")).status_code
        == 401
    )
    display = bearer(api_world.display_token)
    assert client.post(URL, json={"service": "CT"}, headers=display).status_code == 403
    call = client.post(
        "/api/v1/offices/demo/counters/1/call-next",
        headers=bearer(api_world.kiosk_token),
    )
    assert call.status_code == 403
    assert _count(app) == 0


def test_other_office_ids_are_not_reachable(client, api_world, app, clock):
    build_world(app_services(app).db, clock, slug="khac")
    other_kiosk = app_services(client.application).db
    staff = bearer(staff_token(client))
    theirs = client.post(
        "/api/v1/offices/khac/tickets",
        json={"service": "CT"},
        headers=bearer(staff_token(client, "khac-staff")),
    ).get_json()
    assert other_kiosk is not None
    assert (
        client.post(f"/api/v1/tickets/{theirs['id']}/cancel", headers=staff).status_code
        == 404
    )
    assert (
        client.post(
            "/api/v1/offices/khac/counters/1/call-next", headers=staff
        ).status_code
        == 403
    )
    assert (
        client.post(
            URL.replace("demo", "khac"),
            json={"service": "CT"},
            headers=bearer(api_world.kiosk_token),
        ).status_code
        == 403
    )
    assert (
        client.get("/api/v1/tickets/" + theirs["id"]).get_json()["status"] == "waiting"
    )


def test_unknown_routes_methods_and_long_urls_answer_json(client, api_world):
    assert client.get("/api/v1/nothing").get_json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/tickets/unknown").status_code == 404
    assert client.delete(URL).status_code == 405
    response = client.post("/api/v1/offices/demo/counters/abc/call-next")
    assert response.status_code == 404


def test_bad_login(client, api_world):
    response = client.post(
        "/api/v1/auth/token", json={"username": "demo-staff", "password": "sai"}
    )
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "bad_credentials"
