"""The /counter namespace with real Socket.IO clients against a real server."""

from __future__ import annotations

import threading
import time

import pytest
import requests
import socketio
from sqlalchemy import func, select

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.lookup import counter_by_number, office_by_slug
from motcua.core.models import TicketEvent
from motcua.core.setup import add_device, add_user
from tests.e2e.conftest import LiveServer


class Console:
    """A staff console: connects to /counter at one counter and sends commands."""

    def __init__(self, server: LiveServer, auth: dict) -> None:
        self.events: list[tuple[str, dict]] = []
        self.client = socketio.Client(reconnection=False)
        self.client.on(
            "*", lambda n, d: self.events.append((n, d)), namespace="/counter"
        )
        self.client.connect(
            server.url,
            namespaces=["/counter"],
            auth=auth,
            transports=["websocket"],
            wait_timeout=10,
        )

    def command(self, action: str, **args) -> dict:  # type: ignore[no-untyped-def]
        data = {"action": action, **args}
        return self.client.call("command", data, namespace="/counter", timeout=15)

    def close(self) -> None:
        self.client.disconnect()


def _token(server: LiveServer, username: str) -> str:
    response = requests.post(
        server.url + "/api/v1/auth/token",
        json={"username": username, "password": "matkhau123"},
        timeout=10,
    )
    return response.json()["token"]


def _issue(server: LiveServer, kiosk_token: str, service: str = "CT") -> dict:
    response = requests.post(
        server.url + "/api/v1/offices/demo/tickets",
        json={"service": service},
        headers={"Authorization": f"Bearer {kiosk_token}"},
        timeout=10,
    )
    assert response.status_code == 201
    return response.json()


def _calls(db_url: str) -> dict[str, int]:
    database = Database(db_url)
    with database.sessions() as session:
        rows = session.execute(
            select(TicketEvent.ticket_id, func.count())
            .where(TicketEvent.kind == "called")
            .group_by(TicketEvent.ticket_id)
        )
        counts = {ticket: int(n) for ticket, n in rows}
    database.dispose()
    return counts


def test_two_consoles_calling_together_get_different_tickets(live, db_url):
    server, ours, _ = live
    staff = _token(server, "demo-staff")
    issued = {_issue(server, ours.kiosk_token)["id"] for _ in range(12)}
    consoles = [
        Console(server, {"office": "demo", "token": staff, "counter": n})
        for n in (1, 3)
    ]
    got: list[list[str]] = [[], []]
    barrier = threading.Barrier(2)

    def press(i: int) -> None:
        for _ in range(6):
            barrier.wait(timeout=20)
            # "Xong, gọi tiếp": each press names the citizen it called before.
            last = {"ticket": got[i][-1], "outcome": "finished"} if got[i] else None
            answer = consoles[i].command(
                "call-next", id=f"c{i}-{len(got[i])}", current=last
            )
            assert answer["ok"], answer
            got[i].append(answer["result"]["id"])

    threads = [threading.Thread(target=press, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for console in consoles:
        console.close()
    called = got[0] + got[1]
    assert len(called) == 12 and set(called) == issued
    assert _calls(db_url) == {ticket: 1 for ticket in issued}


def test_a_retried_command_has_one_effect(live, db_url):
    server, ours, _ = live
    staff = _token(server, "demo-staff")
    first, second = _issue(server, ours.kiosk_token), _issue(server, ours.kiosk_token)
    auth = {"office": "demo", "token": staff, "counter": 1}
    console = Console(server, auth)
    one = console.command("call-next", id="cmd-1")
    again = console.command("call-next", id="cmd-1")
    assert one["ok"] and one == again
    assert one["result"]["id"] == first["id"]
    # Two copies in flight at once, as a retry racing the original.
    answers: list[dict] = []
    racers = [
        threading.Thread(
            target=lambda: answers.append(
                console.command("recall", id="cmd-2", ticket=first["id"])
            )
        )
        for _ in range(2)
    ]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(timeout=30)
    assert len(answers) == 2 and answers[0] == answers[1] and answers[0]["ok"]
    console.close()
    # After a reconnect the retry still gets the first answer.
    console = Console(server, auth)
    assert console.command("call-next", id="cmd-1") == one
    # A new press (a new id) while the citizen is still called is refused.
    busy = console.command("call-next", id="cmd-1b")
    assert busy["error"]["code"] == "counter_busy"
    assert first["number"] in busy["error"]["message"]
    finish = console.command("finish", id="cmd-3", ticket=first["id"])
    assert console.command("finish", id="cmd-3", ticket=first["id"]) == finish
    state = console.command("state")["result"]
    console.close()
    assert state["current"] is None
    assert [t["id"] for t in state["waiting"]] == [second["id"]]
    assert _calls(db_url) == {first["id"]: 1}
    database = Database(db_url)
    with database.sessions() as session:
        kinds = list(
            session.scalars(
                select(TicketEvent.kind)
                .where(TicketEvent.ticket_id == first["id"])
                .order_by(TicketEvent.id)
            )
        )
    database.dispose()
    assert kinds == ["issued", "called", "recalled", "finished"]


def _setup_people(db_url: str) -> str:
    """A staff member allowed at counter 2 only, and a rating tablet at counter 1."""
    database = Database(db_url)
    clock = SystemClock()
    with database.transaction() as session:
        office = office_by_slug(session, "demo")
        add_user(session, clock, "quay2", "matkhau123", office=office, counters=[2])
        counter = counter_by_number(session, office, 1)
        _, token = add_device(session, clock, office, "rating", "r1", counter)
    database.dispose()
    return token


def test_roles_on_the_counter_namespace(live, db_url):
    server, ours, theirs = live
    rating_token = _setup_people(db_url)
    limited = _token(server, "quay2")
    their_staff = _token(server, "khac-staff")
    refused = [
        {"office": "demo", "token": limited, "counter": 1},  # not their counter
        {"office": "demo", "token": their_staff, "counter": 1},  # another office
        {"office": "demo", "token": ours.kiosk_token, "counter": 1},
        {"office": "demo", "token": ours.display_token, "counter": 1},
        {"office": "khac", "token": rating_token},
        {"office": "demo", "token": "not-a-token", "counter": 1},
    ]
    for auth in refused:
        with pytest.raises(socketio.exceptions.ConnectionError):
            Console(server, auth)
    ticket = _issue(server, ours.kiosk_token)
    staff = Console(
        server, {"office": "demo", "token": _token(server, "demo-staff"), "counter": 1}
    )
    assert staff.command("call-next", id="a")["ok"]
    mine = Console(server, {"office": "demo", "token": limited, "counter": 2})
    answer = mine.command("finish", id="b", ticket=ticket["id"])
    assert answer["error"]["code"] == "counter_not_allowed"
    assert "quầy 1" in answer["error"]["message"]
    assert mine.command("call-next", id="c") == {"ok": True, "result": None}
    tablet = Console(server, {"office": "demo", "token": rating_token})
    assert tablet.command("call-next", id="d")["error"]["code"] == "not_allowed"
    assert tablet.events[0][0] == "snapshot"
    assert tablet.events[0][1]["data"]["counter"]["number"] == 1
    requests.post(
        server.url + "/api/v1/offices/demo/help",
        json={"note": "cần giúp"},
        headers={"Authorization": f"Bearer {ours.kiosk_token}"},
        timeout=10,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if any(n == "help.requested" for n, _ in staff.events):
            break
        time.sleep(0.05)
    helps = [d for n, d in staff.events if n == "help.requested"]
    assert helps and helps[0]["data"]["help"]["note"] == "cần giúp"
    help_id = helps[0]["data"]["help"]["id"]
    assert tablet.command("help-done", id="e", help=help_id)["ok"] is False
    done = staff.command("help-done", id="f", help=help_id)
    assert done["ok"] and done["result"]["resolved_at"]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if any(n == "help.resolved" for n, _ in mine.events):
            break
        time.sleep(0.05)
    for console in (staff, mine, tablet):
        console.close()
    assert any(n == "help.resolved" for n, _ in mine.events)
    answer = Console(
        server, {"office": "demo", "token": _token(server, "demo-staff"), "counter": 1}
    )
    assert answer.command("state", id="h")["result"]["help"] == []
    answer.close()
