"""The print agent against a real server over Socket.IO: jobs, acks, status, and
catching up after a reconnect (or a restart) without printing anything twice."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import socketio
import zxingcpp
from sqlalchemy import update

from motcua.core.db import Database
from motcua.core.models import PrintJob
from printer.agent import PrintAgent
from tests.e2e.test_printer_jobs import (
    add_admin,
    add_devices,
    api,
    issue,
    job_of,
    login,
    set_printer,
)
from tests.printer.printer_wire import FakePrinter, decode_escpos, free_port, wait_until


def lose_ack(server, job_id: int) -> None:
    """As if the agent's ack never arrived: the job waits to be sent again."""
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        session.execute(
            update(PrintJob)
            .where(PrintJob.id == job_id)
            .values(
                status="sending",
                printed_at=None,
                next_attempt_at=datetime.now(timezone.utc),
            )
        )
    database.dispose()


def test_agent_prints_acks_and_catches_up_without_duplicates(live, tmp_path):
    server, ours, _ = live
    admin, staff = add_admin(server, ours), login(server, "demo-staff")
    [(printer_id, printer_token)] = add_devices(server, ours, "printer", 1)
    kiosk_config = {"kind": "agent", "device": printer_id}
    assert set_printer(server, admin, ours.kiosk.id, kiosk_config).status_code == 200
    state = tmp_path / "agent.json"

    def status_of(ticket):
        return job_of(server, staff, ticket["id"])[0]["status"]

    with FakePrinter() as printer:
        agent = PrintAgent(
            server.url, printer_token, printer.config, width=384, state=state
        )
        assert agent.start(wait=10)

        first = issue(server, ours.kiosk_token)
        [data] = printer.wait_for_jobs(1, timeout=10)
        image = decode_escpos(data, 384).image
        assert image.width == 384
        found = zxingcpp.read_barcodes(image.convert("L"))
        assert [r.text for r in found] == [first["status_url"]]
        assert wait_until(lambda: status_of(first) == "printed", 10)

        # Offline: tickets are still given, their jobs wait for the agent.
        agent.disconnect()
        offline = [issue(server, ours.kiosk_token) for _ in range(2)]
        assert wait_until(
            lambda: _printer_status(server, staff, printer_id) == "offline", 10
        )
        assert all(status_of(t) in ("queued", "sending") for t in offline)
        lose_ack(server, job_of(server, staff, first["id"])[0]["id"])

        assert agent.start(wait=10)
        assert wait_until(lambda: all(status_of(t) == "printed" for t in offline), 15)
        assert wait_until(lambda: status_of(first) == "printed", 10)
        assert len(printer.jobs) == 3
        assert len(agent.printed) == 3 == len(set(agent.printed))
        agent.stop()

        # A restarted agent remembers what it acknowledged (the --state file).
        lose_ack(server, job_of(server, staff, first["id"])[0]["id"])
        again = PrintAgent(server.url, printer_token, printer.config, state=state)
        assert again.start(wait=10)
        assert wait_until(lambda: status_of(first) == "printed", 10)
        assert again.printed == [] and len(printer.jobs) == 3
        # It says it is back; a printer that does not answer DLE EOT is "unknown".
        assert wait_until(
            lambda: _printer_status(server, staff, printer_id) == "unknown", 10
        )
        again.stop()
    assert "Traceback" not in server.log.read_text()


def test_agent_reports_a_printer_that_fails(live):
    server, ours, _ = live
    admin, staff = add_admin(server, ours), login(server, "demo-staff")
    [(printer_id, printer_token)] = add_devices(server, ours, "printer", 1)
    set_printer(server, admin, ours.kiosk.id, {"kind": "agent"})
    broken = {"kind": "network", "host": "127.0.0.1", "port": free_port()}
    agent = PrintAgent(server.url, printer_token, broken, timeout=1)
    assert agent.start(wait=10)

    ticket = issue(server, ours.kiosk_token)

    assert wait_until(
        lambda: job_of(server, staff, ticket["id"])[0]["reason"] == "refused", 10
    )
    assert wait_until(
        lambda: _printer_status(server, staff, printer_id) == "offline", 10
    )
    assert agent.printed == []
    agent.stop()
    assert "Traceback" not in server.log.read_text()


@pytest.mark.parametrize("token", ["not-a-token", None])
def test_only_printer_devices_may_connect(live, token):
    server, ours, _ = live
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(
            server.url,
            namespaces=["/printer"],
            auth={"token": token or ours.kiosk_token},
            transports=["websocket"],
            wait_timeout=5,
        )


def _printer_status(server, staff, device_id) -> str | None:
    printers = api(server, "GET", "/offices/demo/print-jobs", staff).json()["printers"]
    found = [p for p in printers if p["id"] == device_id]
    status = found[0]["printer_status"] if found else None
    return status["code"] if status else None
