"""REST API v1: the contract of API.md, over the Flask test client."""

from __future__ import annotations

from sqlalchemy import func, select

from motcua.api.answers import Snapshot
from motcua.core.models import Ticket
from motcua.services import app_services
from tests.conftest import bearer, staff_token


def _count(app) -> int:
    with app_services(app).db.sessions() as session:
        return int(
            session.execute(select(func.count()).select_from(Ticket)).scalar_one()
        )


def test_kiosk_takes_a_number_with_the_documented_shape(client, api_world):
    response = client.post(
        "/api/v1/offices/demo/tickets",
        json={"service": "CT", "priority": None, "lang": "vi"},
        headers=bearer(api_world.kiosk_token),
    )
    assert response.status_code == 201
    ticket = response.get_json()
    assert ticket["number"] == "1001"
    assert ticket["office"] == "demo"
    assert (
        ticket["service"]["code"] == "CT" and ticket["service"]["name"] == "Chứng thực"
    )
    assert ticket["status"] == "waiting" and ticket["ahead"] == 0
    assert ticket["estimated_wait_s"] == 0
    assert ticket["counter"] is None and ticket["called_at"] is None
    assert ticket["issued_at"] == "2026-11-23T09:00:00+07:00"
    assert ticket["status_url"] == f"http://localhost/t/{ticket['id']}"
    assert len(ticket["id"]) >= 20
    public = client.get(f"/api/v1/tickets/{ticket['id']}").get_json()
    assert public["number"] == "1001"
    assert "person_key" not in public and "id_masked" not in public


def test_idempotency_key_gives_the_same_ticket(client, api_world, app):
    headers = {**bearer(api_world.kiosk_token), "Idempotency-Key": "tap-123"}
    first = client.post(
        "/api/v1/offices/demo/tickets", json={"service": "CT"}, headers=headers
    )
    again = client.post(
        "/api/v1/offices/demo/tickets", json={"service": "CT"}, headers=headers
    )
    assert first.status_code == again.status_code == 201
    assert first.get_json()["id"] == again.get_json()["id"]
    assert _count(app) == 1


def test_counter_flow_over_rest(client, api_world):
    kiosk = bearer(api_world.kiosk_token)
    staff = bearer(staff_token(client))
    ticket = client.post(
        "/api/v1/offices/demo/tickets", json={"service": "CT"}, headers=kiosk
    ).get_json()
    called = client.post("/api/v1/offices/demo/counters/1/call-next", headers=staff)
    assert called.status_code == 200
    assert called.get_json()["id"] == ticket["id"]
    assert called.get_json()["counter"] == {"number": 1, "name": "Quầy 1"}
    for action in ("recall", "start", "finish"):
        response = client.post(
            f"/api/v1/tickets/{ticket['id']}/{action}", headers=staff
        )
        assert response.status_code == 200, response.get_json()
    assert client.get(f"/api/v1/tickets/{ticket['id']}").get_json()["status"] == "done"
    again = client.post(f"/api/v1/tickets/{ticket['id']}/finish", headers=staff)
    assert again.status_code == 409
    assert again.get_json()["error"]["code"] == "bad_state"
    empty = client.post("/api/v1/offices/demo/counters/1/call-next", headers=staff)
    assert empty.status_code == 204


def test_snapshot_and_services(client, api_world):
    display = bearer(api_world.display_token)
    client.post(
        "/api/v1/offices/demo/tickets",
        json={"service": "HT"},
        headers=bearer(api_world.kiosk_token),
    )
    snap = client.get("/api/v1/offices/demo/snapshot", headers=display).get_json()
    assert [c["number"] for c in snap["counters"]] == [1, 2, 3]
    assert {s["code"]: s["waiting"] for s in snap["services"]} == {"CT": 0, "HT": 1}
    services = client.get("/api/v1/offices/demo/services", headers=display).get_json()[
        "services"
    ]
    assert services[1]["code"] == "HT" and services[1]["waiting"] == 1
    # One HT waiting at two free HT counters: a newcomer is called at once.
    assert services[1]["estimated_wait_s"] == 0


def test_snapshot_is_what_its_contract_says(client, api_world):
    """The snapshot's recent calls carry the mark a board keys its announcements
    on; the document describes it and the answer fits the model."""
    staff = bearer(staff_token(client))
    client.post(
        "/api/v1/offices/demo/tickets",
        json={"service": "CT"},
        headers=bearer(api_world.kiosk_token),
    )
    called = client.post("/api/v1/offices/demo/counters/1/call-next", headers=staff)
    client.post(f"/api/v1/tickets/{called.get_json()['id']}/recall", headers=staff)
    url = "/api/v1/offices/demo/snapshot"
    snap = client.get(url, headers=bearer(api_world.display_token)).get_json()
    Snapshot.model_validate(snap)
    assert {k: snap["recent_calls"][0][k] for k in ("ticket", "calls")} == {
        "ticket": "1001",
        "calls": 2,
    }
    assert snap["recent_calls"][0]["recalled_at"] is not None
    doc = client.get("/api/v1/openapi.json").get_json()
    answer = doc["paths"]["/offices/{office}/snapshot"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Snapshot"
    }
    call = doc["components"]["schemas"]["RecentCall"]
    assert {"calls", "ticket", "status"} <= set(call["required"])
    assert "recalled_at" in call["properties"]


def test_openapi_document(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert "/offices/{office}/tickets" in doc["paths"]
    assert "post" in doc["paths"]["/offices/{office}/counters/{n}/call-next"]


def test_people_ahead_on_a_new_ticket_count_priority_and_earlier_ones(
    client, api_world
):
    kiosk = bearer(api_world.kiosk_token)
    staff = bearer(staff_token(client))
    url = "/api/v1/offices/demo/tickets"
    client.post(url, json={"service": "CT"}, headers=kiosk)
    client.post(url, json={"service": "CT", "priority": "elderly"}, headers=staff)
    client.post(url, json={"service": "HT"}, headers=kiosk)  # another field
    third = client.post(url, json={"service": "CT"}, headers=kiosk).get_json()
    assert third["ahead"] == 2
    assert client.get(f"/api/v1/tickets/{third['id']}").get_json()["ahead"] == 2
