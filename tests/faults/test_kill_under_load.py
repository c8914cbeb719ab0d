"""SIGKILL under load: confirmed tickets survive, numbering goes on, nothing half."""

from __future__ import annotations

import threading
import time

import requests
from sqlalchemy import select

from motcua.core.db import Database
from motcua.core.models import DayNumber, Ticket, TicketEvent
from tests.e2e.conftest import free_port, start_server
from tests.faults.tools import kill_hard

API = "/api/v1"


def _issue_until_error(url: str, token: str, confirmed: list[dict], stop) -> None:  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {token}"}
    while not stop.is_set():
        try:
            response = requests.post(
                url + API + "/offices/demo/tickets",
                json={"service": "CT"},
                headers=headers,
                timeout=10,
            )
        except requests.RequestException:
            return  # the server is gone: what was not confirmed may or may not exist
        if response.status_code == 201:
            confirmed.append(response.json())


def _state(url: str) -> tuple[list[tuple[str, int]], set[str], dict[int, int]]:
    database = Database(url)
    with database.sessions() as session:
        tickets = list(session.execute(select(Ticket.id, Ticket.number)))
        issued = set(
            session.scalars(
                select(TicketEvent.ticket_id).where(TicketEvent.kind == "issued")
            )
        )
        rows = session.execute(select(DayNumber.service_id, DayNumber.last))
        lasts = {service: last for service, last in rows}
    database.dispose()
    return [(t, n) for t, n in tickets], issued, lasts


def test_sigkill_under_load_loses_no_confirmed_ticket(live, tmp_path):
    server, ours, _ = live
    url = server.env["MOTCUA_DATABASE_URL"]
    confirmed: list[dict] = []
    stop = threading.Event()
    workers = [
        threading.Thread(
            target=_issue_until_error,
            args=(server.url, ours.kiosk_token, confirmed, stop),
        )
        for _ in range(6)
    ]
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + 30
    while len(confirmed) < 40 and time.monotonic() < deadline:
        time.sleep(0.02)
    kill_hard(server.process)  # mid-flight: requests are in every stage
    for worker in workers:
        worker.join(timeout=20)
    stop.set()
    assert len(confirmed) >= 40

    restarted = start_server(server.env, free_port(), tmp_path / "restarted.log")
    try:
        tickets, issued, lasts = _state(url)
        by_id = dict(tickets)
        numbers = sorted(n for _, n in tickets)
        # Every ticket a client was told about is there, with its number.
        for ticket in confirmed:
            assert by_id.get(ticket["id"]) == int(ticket["number"]), ticket
        # No duplicates and no gap: a transaction cut by the kill left no trace.
        assert numbers == list(range(1001, 1001 + len(numbers)))
        # Nothing half done: each ticket has its "issued" event, the counter row
        # agrees with the tickets.
        assert issued == set(by_id)
        assert lasts[ours.services["CT"].id] == numbers[-1]

        headers = {"Authorization": f"Bearer {ours.kiosk_token}"}
        after = [
            requests.post(
                restarted.url + API + "/offices/demo/tickets",
                json={"service": "CT"},
                headers=headers,
                timeout=10,
            )
            for _ in range(5)
        ]
        assert [r.status_code for r in after] == [201] * 5
        more = [int(r.json()["number"]) for r in after]
        assert more == list(range(numbers[-1] + 1, numbers[-1] + 6))
        final = sorted(n for _, n in _state(url)[0])
        assert len(final) == len(set(final)) == len(numbers) + 5
    finally:
        restarted.stop()
