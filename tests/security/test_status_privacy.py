"""A ticket's status socket (the QR on paper) hears its own ticket and that the
queue moved, never another citizen's rating or help note; the link ends with the day."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests
import socketio

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.models import Ticket
from motcua.core.setup import add_device
from tests.e2e.test_realtime import Listener, _post, _staff_token

PHONE = "0912345678"


def _issue(server, kiosk: str, service: str) -> dict:
    response = _post(server, "/offices/demo/tickets", kiosk, {"service": service})
    assert response.status_code == 201, response.text
    return response.json()


def _rating_device(server, world) -> str:
    """The rating tablet of counter 2."""
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        office = session.merge(world.office)
        counter = session.merge(world.counters[2])
        _, token = add_device(session, SystemClock(), office, "rating", "r2", counter)
    database.dispose()
    return token


def test_status_socket_hears_no_other_citizen(live):
    server, ours, _ = live
    mine = _issue(server, ours.kiosk_token, "CT")
    other = _issue(server, ours.kiosk_token, "HT")
    status = Listener(server, "/status", {"ticket": mine["id"]})
    status.wait_for("snapshot")
    staff = _staff_token(server, "demo-staff")
    assert _post(server, "/offices/demo/counters/2/call-next", staff).ok
    for step in ("start", "finish"):
        assert _post(server, f"/tickets/{other['id']}/{step}", staff).ok
    rating = _rating_device(server, ours)
    rated = _post(server, f"/tickets/{other['id']}/rating", rating, {"score": 1})
    assert rated.status_code == 201, rated.text
    note = {"note": f"Tôi là Nguyễn Văn A, số {PHONE}"}
    assert _post(server, "/offices/demo/help", ours.kiosk_token, note).ok
    assert _post(server, "/offices/demo/counters/1/call-next", staff).ok
    status.wait_for("ticket.called")
    events = list(status.events)
    status.close()
    names = {name for name, _ in events}
    assert not names & {"ticket.rated", "help.requested"}, names
    assert PHONE not in repr(events) and other["id"] not in repr(events)
    for name, message in events[1:]:
        ticket = message["data"].get("ticket")
        assert message["data"] == {} or ticket["number"] == mine["number"], name


def test_status_link_ends_with_the_tickets_day(live):
    server, ours, _ = live
    ticket = _issue(server, ours.kiosk_token, "CT")
    assert requests.get(f"{server.url}/t/{ticket['id']}", timeout=10).ok
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        row = session.get(Ticket, ticket["id"])
        row.day = row.day - timedelta(days=1)  # as if it were given yesterday
    database.dispose()
    page = requests.get(f"{server.url}/t/{ticket['id']}", timeout=10)
    assert page.status_code == 410 and "hết hạn" in page.text
    with pytest.raises(socketio.exceptions.ConnectionError):
        Listener(server, "/status", {"ticket": ticket["id"]})
