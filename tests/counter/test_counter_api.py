"""The counter face's REST routes: console state, dossier codes, ratings, roles."""

from __future__ import annotations

import pytest

from motcua.core.lookup import office_by_slug
from motcua.core.setup import add_device, add_user
from motcua.services import app_services
from tests.conftest import bearer, build_world, staff_token


def _db(app):  # type: ignore[no-untyped-def]
    return app_services(app).db


def _issue(client, world, service="CT", priority=None, token=None):  # type: ignore[no-untyped-def]
    body = {"service": service}
    if priority:
        body["priority"] = priority
    response = client.post(
        "/api/v1/offices/demo/tickets",
        json=body,
        headers=bearer(token or world.kiosk_token),
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _add(app, clock, kind="rating", counter=1, user=None):  # type: ignore[no-untyped-def]
    with _db(app).transaction() as session:
        office = office_by_slug(session, "demo")
        if user:
            add_user(session, clock, user, "matkhau123", office=office, counters=[2])
            return None
        from motcua.core.lookup import counter_by_number

        _, token = add_device(
            session,
            clock,
            office,
            kind,
            "t",
            counter_by_number(session, office, counter),
        )
        return token


def test_console_shows_current_queue_counts_and_history(client, api_world, clock):
    staff = staff_token(client)
    first = _issue(client, api_world)
    _issue(client, api_world, "HT")
    late = _issue(client, api_world, priority="elderly", token=staff)
    called = client.post(
        "/api/v1/offices/demo/counters/1/call-next", headers=bearer(staff)
    )
    assert called.get_json()["id"] == late["id"]  # priority first
    state = client.get(
        "/api/v1/offices/demo/counters/1/console", headers=bearer(staff)
    ).get_json()
    assert state["counter"]["number"] == 1 and state["counter"]["services"] == ["CT"]
    assert state["current"]["id"] == late["id"]
    assert [t["id"] for t in state["waiting"]] == [first["id"]]  # HT is not served
    assert [s["code"] for s in state["services"]] == ["CT"]
    assert state["services"][0]["waiting"] == 1
    assert state["grace_s"] == 900
    client.post(f"/api/v1/tickets/{late['id']}/finish", headers=bearer(staff))
    state = client.get(
        "/api/v1/offices/demo/counters/1/console", headers=bearer(staff)
    ).get_json()
    assert state["current"] is None
    assert [(t["id"], t["status"]) for t in state["recent"]] == [(late["id"], "done")]


def test_staff_see_only_the_counters_they_may_use(client, api_world, clock, app):
    _add(app, clock, user="quay2")
    everyone = client.get(
        "/api/v1/offices/demo/counters/mine", headers=bearer(staff_token(client))
    ).get_json()
    assert [c["number"] for c in everyone["counters"]] == [1, 2, 3]
    limited = staff_token(client, "quay2")
    mine = client.get("/api/v1/offices/demo/counters/mine", headers=bearer(limited))
    assert [c["number"] for c in mine.get_json()["counters"]] == [2]
    refused = client.get(
        "/api/v1/offices/demo/counters/1/console", headers=bearer(limited)
    )
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "counter_not_allowed"
    call = client.post(
        "/api/v1/offices/demo/counters/1/call-next", headers=bearer(limited)
    )
    assert call.status_code == 403


def test_staff_of_another_office_and_devices_cannot_act(client, api_world, clock, app):
    build_world(_db(app), clock, "khac")
    theirs = staff_token(client, "khac-staff")
    rating = _add(app, clock)
    ticket = _issue(client, api_world)
    for path in (
        "/api/v1/offices/demo/counters/1/console",
        "/api/v1/offices/demo/counters/mine",
    ):
        assert client.get(path, headers=bearer(theirs)).status_code == 403
    for token in (theirs, api_world.kiosk_token, api_world.display_token, rating):
        response = client.post(
            "/api/v1/offices/demo/counters/1/call-next", headers=bearer(token)
        )
        assert response.status_code == 403, token
        assert response.get_json()["error"]["code"] == "not_allowed"
    staff = staff_token(client)
    client.post("/api/v1/offices/demo/counters/1/call-next", headers=bearer(staff))
    code = {"code": "38.98.H29-210519-0013"}
    other = client.post(
        f"/api/v1/tickets/{ticket['id']}/dossier-code",
        json=code,
        headers=bearer(theirs),
    )
    assert other.status_code == 404


def test_dossier_code_entry(client, api_world):
    staff = staff_token(client)
    ticket = _issue(client, api_world)
    client.post("/api/v1/offices/demo/counters/1/call-next", headers=bearer(staff))
    path = f"/api/v1/tickets/{ticket['id']}/dossier-code"
    bad = client.post(
        path, json={"code": "1.000494.000.00.00.H29"}, headers=bearer(staff)
    )
    assert bad.status_code == 400
    assert bad.get_json()["error"]["code"] == "bad_dossier_code"
    assert "Mã hồ sơ" in bad.get_json()["error"]["message"]
    good = client.post(
        path, json={"code": "000.00.01.h29-250719-0013"}, headers=bearer(staff)
    )
    assert good.status_code == 200
    assert good.get_json()["dossier_code"] == "000.00.01.H29-250719-0013"
    assert client.post(path, json={"x": 1}, headers=bearer(staff)).status_code == 400


def test_rating_from_the_counters_tablet_once(client, api_world, clock, app):
    staff = staff_token(client)
    tablet, other_tablet = _add(app, clock, counter=1), _add(app, clock, counter=3)
    ticket = _issue(client, api_world)
    client.post("/api/v1/offices/demo/counters/1/call-next", headers=bearer(staff))
    path = f"/api/v1/tickets/{ticket['id']}/rating"
    early = client.post(path, json={"score": 5}, headers=bearer(tablet))
    assert early.status_code == 409
    client.post(f"/api/v1/tickets/{ticket['id']}/finish", headers=bearer(staff))
    for token in (other_tablet, api_world.kiosk_token, api_world.display_token, staff):
        response = client.post(path, json={"score": 5}, headers=bearer(token))
        assert response.status_code == 403, response.get_json()
    assert (
        client.post(path, json={"score": 9}, headers=bearer(tablet)).status_code == 400
    )
    low = client.post(
        path, json={"score": 2, "reasons": ["wait"]}, headers=bearer(tablet)
    )
    assert low.status_code == 201
    assert low.get_json()["rating"] == {
        "ticket": ticket["id"],
        "number": ticket["number"],
        "counter": 1,
        "dossier_code": None,
        "score": 2,
        "reasons": ["wait"],
    }
    again = client.post(path, json={"score": 5}, headers=bearer(tablet))
    assert again.status_code == 409
    assert again.get_json()["error"]["code"] == "already_rated"


@pytest.mark.parametrize("kind", ["display", "kiosk"])
def test_rating_page_needs_the_counters_rating_device(
    client, api_world, clock, app, kind
):
    tablet = _add(app, clock, counter=1)
    client.set_cookie("motcua_device", tablet)
    assert client.get("/o/demo/rating/1").status_code == 200
    assert client.get("/o/demo/rating/2").status_code == 403
    assert client.get("/o/demo/rating/99").status_code == 403
    token = api_world.display_token if kind == "display" else api_world.kiosk_token
    client.set_cookie("motcua_device", token)
    assert client.get("/o/demo/rating/1").status_code == 403


def test_openapi_lists_the_counter_routes(client, api_world):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in (
        "/offices/{office}/counters/mine",
        "/offices/{office}/counters/{n}/console",
        "/tickets/{ticket_id}/dossier-code",
        "/tickets/{ticket_id}/rating",
    ):
        assert path in paths


def test_recent_numbers_are_the_counters_not_the_clerks(client, api_world, clock):
    """A clerk who moves from counter 1 to counter 3 does not see counter 1's numbers
    in counter 3's list; counter 1's list keeps them."""
    staff = bearer(staff_token(client))
    base = "/api/v1/offices/demo/counters"
    first = _issue(client, api_world)
    second = _issue(client, api_world)
    for number, ticket in ((1, first), (3, second)):
        called = client.post(f"{base}/{number}/call-next", headers=staff)
        assert called.get_json()["id"] == ticket["id"]
        client.post(f"/api/v1/tickets/{ticket['id']}/finish", headers=staff)
    for number, ticket in ((1, first), (3, second)):
        state = client.get(f"{base}/{number}/console", headers=staff).get_json()
        assert [t["id"] for t in state["recent"]] == [ticket["id"]], number
