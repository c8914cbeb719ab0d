""" "Open" means staffed: waits count only counters a clerk works at."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from motcua.core import counters
from motcua.core.lookup import office_by_slug, ticket_in_office
from motcua.core.models import Counter
from motcua.core.views import services_view, snapshot, ticket_view
from motcua.services import app_services
from tests.conftest import bearer, staff_token
from tests.helpers import call_next, issue

pytestmark = pytest.mark.usefixtures("db")


def _nobody_at_work(db, world) -> None:
    with db.transaction() as session:
        session.execute(
            update(Counter)
            .where(Counter.office_id == world.office.id)
            .values(staff_id=None, active_at=None)
        )


def _fields(db, world, clock) -> dict[str, dict]:
    with db.sessions() as session:
        office = office_by_slug(session, world.office.slug)
        return {s["code"]: s for s in services_view(session, office, clock)}


def _ticket(db, world, clock, ticket_id) -> dict:
    with db.sessions() as session:
        office = office_by_slug(session, world.office.slug)
        ticket = ticket_in_office(session, office, ticket_id)
        return ticket_view(session, office, ticket, now=clock.now())


def test_no_clerk_means_no_wait_estimate(db, world, clock):
    _nobody_at_work(db, world)
    ticket = issue(db, world.office.slug, world.kiosk, clock)
    fields = _fields(db, world, clock)
    assert fields["CT"]["estimated_wait_s"] is None
    assert fields["CT"]["staffed"] is False
    view = _ticket(db, world, clock, ticket.id)
    assert view["estimated_wait_s"] is None and view["staffed"] is False


def test_a_console_sign_in_staffs_only_that_counter(db, world, clock):
    _nobody_at_work(db, world)
    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        events = counters.sign_in(session, office, world.staff, clock, 2)
    assert [e.name for e in events] == ["counter.changed"]
    assert events[0].data["counter"]["staffed"] is True
    fields = _fields(db, world, clock)
    assert fields["HT"]["staffed"] and fields["HT"]["estimated_wait_s"] == 0
    assert not fields["CT"]["staffed"] and fields["CT"]["estimated_wait_s"] is None


def test_the_first_call_staffs_the_counter(db, world, clock):
    _nobody_at_work(db, world)
    slug = world.office.slug
    issue(db, slug, world.kiosk, clock)
    issue(db, slug, world.kiosk, clock)
    assert call_next(db, slug, world.staff, clock, 1) is not None
    fields = _fields(db, world, clock)
    assert fields["CT"]["staffed"] and fields["CT"]["estimated_wait_s"] is not None


def test_sign_out_pause_and_idle_unstaff(db, world, clock):
    slug = world.office.slug
    assert _fields(db, world, clock)["HT"]["staffed"]
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        counters.pause_counter(session, office, world.staff, clock, 2, "Họp")
        events = counters.sign_out(session, world.staff, clock)
    assert {e.data["counter"]["number"] for e in events} == {1, 3}
    assert not any(e.data["counter"]["staffed"] for e in events)
    assert not _fields(db, world, clock)["HT"]["staffed"]
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        counters.resume_counter(session, office, world.staff, clock, 2)
    assert _fields(db, world, clock)["HT"]["staffed"]
    clock.advance(31 * 60)  # the default idle time is 30 minutes
    # Nobody waited: a clerk with an empty queue is not idle.
    assert _fields(db, world, clock)["HT"]["staffed"]
    issue(db, slug, world.kiosk, clock, "HT")
    clock.advance(29 * 60)
    assert _fields(db, world, clock)["HT"]["staffed"]
    clock.advance(2 * 60)  # a citizen waited 31 minutes and nobody called
    assert not _fields(db, world, clock)["HT"]["staffed"]
    with db.sessions() as session:
        rows = snapshot(session, office_by_slug(session, slug), clock)["counters"]
    assert not any(r["staffed"] for r in rows)
    assert call_next(db, slug, world.staff, clock, 2) is not None
    assert _fields(db, world, clock)["HT"]["staffed"]


def test_a_counter_serving_a_long_dossier_stays_staffed(db, world, clock):
    slug = world.office.slug
    issue(db, slug, world.kiosk, clock, "HT")
    issue(db, slug, world.kiosk, clock, "HT")
    assert call_next(db, slug, world.staff, clock, 2) is not None
    clock.advance(45 * 60)  # a land dossier takes longer than the idle time
    assert _fields(db, world, clock)["HT"]["staffed"]
    with db.sessions() as session:
        rows = snapshot(session, office_by_slug(session, slug), clock)["counters"]
    # Counter 3 let an HT citizen wait 45 minutes: idle. Counter 1 had nobody.
    assert {r["number"]: r["staffed"] for r in rows} == {1: True, 2: True, 3: False}


def test_first_api_call_staffs_without_opening_a_page(app, api_world, client, clock):
    db = app_services(app).db
    _nobody_at_work(db, api_world)
    token = staff_token(client)
    services = client.get(
        "/api/v1/offices/demo/services", headers=bearer(api_world.kiosk_token)
    ).get_json()["services"]
    assert [s["staffed"] for s in services] == [False, False]
    response = client.post(
        "/api/v1/offices/demo/counters/3/call-next", headers=bearer(token)
    )
    assert response.status_code in (200, 204)
    services = client.get(
        "/api/v1/offices/demo/services", headers=bearer(api_world.kiosk_token)
    ).get_json()["services"]
    assert [s["staffed"] for s in services] == [True, True]
    assert client.post("/api/v1/auth/logout", headers=bearer(token)).status_code == 204
    services = client.get(
        "/api/v1/offices/demo/services", headers=bearer(api_world.kiosk_token)
    ).get_json()["services"]
    assert [s["staffed"] for s in services] == [False, False]


def test_console_socket_sign_in_staffs_and_tells_the_boards(app, api_world, client):
    db = app_services(app).db
    _nobody_at_work(db, api_world)
    socketio = app_services(app).realtime.socketio
    board = socketio.test_client(
        app,
        namespace="/display",
        auth={"office": "demo", "token": api_world.display_token},
    )
    assert board.is_connected("/display")
    board.get_received("/display")
    auth = {"office": "demo", "token": staff_token(client), "counter": 1}
    console = socketio.test_client(app, namespace="/counter", auth=auth)
    assert console.is_connected("/counter")
    changed = [
        m["args"][0]["data"]["counter"]
        for m in board.get_received("/display")
        if m["name"] == "counter.changed"
    ]
    assert changed == [
        {
            "number": 1,
            "name": "Quầy 1",
            "state": "open",
            "pause_reason": None,
            "staffed": True,
        }
    ]
    services = client.get(
        "/api/v1/offices/demo/services", headers=bearer(api_world.kiosk_token)
    ).get_json()["services"]
    assert {s["code"]: s["staffed"] for s in services} == {"CT": True, "HT": False}


def test_the_office_sets_the_idle_time(db, world, clock):
    from motcua.core import office_admin
    from motcua.core.actors import SYSTEM

    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        office_admin.update_settings(
            session, office, SYSTEM, clock, {"counter_idle_s": 600}
        )
    issue(db, world.office.slug, world.kiosk, clock, "HT")
    clock.advance(11 * 60)
    assert not _fields(db, world, clock)["HT"]["staffed"]


def test_the_settings_page_edits_the_idle_time(app, client, api_world, clock):
    from tests.admin.pages import post, sign_in_admin

    db = sign_in_admin(app, clock, client)
    form = {
        "name": "Phường Demo",
        "priority_policy": "strict",
        "announcement_template": "Mời công dân có số thứ tự {number}",
        "number_reading": "north",
        "report_time": "15:30",
        "hours_mon_fri": "07:00-11:00",
        "counter_idle_min": "10",
    }
    page = post(client, "/admin/o/demo/settings", form).get_data(as_text=True)
    assert "Đã lưu." in page
    with db.sessions() as session:
        assert office_by_slug(session, "demo").settings["counter_idle_s"] == 600
    page = post(client, "/admin/o/demo/settings", {**form, "counter_idle_min": "1"})
    text = page.get_data(as_text=True)
    assert "Thời gian quầy không thao tác (phút)” cần số từ 5 đến 480" in text


def test_an_idle_counter_counts_for_none_of_its_fields(db, world, clock):
    """Counter 3 let an HT citizen wait past the idle time: it is idle for CT too,
    as the board says, so with counter 1 paused nobody serves CT."""
    slug = world.office.slug
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        counters.pause_counter(session, office, world.staff, clock, 1, "Họp")
    issue(db, slug, world.kiosk, clock, "HT")
    issue(db, slug, world.kiosk, clock, "HT")
    assert call_next(db, slug, world.staff, clock, 2) is not None
    clock.advance(45 * 60)
    with db.sessions() as session:
        rows = snapshot(session, office_by_slug(session, slug), clock)["counters"]
    assert {r["number"]: r["staffed"] for r in rows} == {1: False, 2: True, 3: False}
    fields = _fields(db, world, clock)
    assert not fields["CT"]["staffed"] and fields["CT"]["estimated_wait_s"] is None
    assert fields["HT"]["staffed"]
    mine = issue(db, slug, world.kiosk, clock, "CT")
    assert _ticket(db, world, clock, mine.id)["estimated_wait_s"] is None
