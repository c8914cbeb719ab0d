"""The console's "In lại phiếu" command prints the current ticket again."""

from __future__ import annotations

import itertools

from sqlalchemy import select

from motcua.core.models import Device, PrintJob
from motcua.services import app_services
from tests.conftest import bearer, staff_token
from tests.printer.printer_wire import FakePrinter, decode_escpos

_IDS = itertools.count()


def _console(app, client, counter: int = 1):
    token = staff_token(client)
    socketio = app_services(app).realtime.socketio
    auth = {"office": "demo", "token": token, "counter": counter}
    console = socketio.test_client(app, namespace="/counter", auth=auth)
    assert console.is_connected("/counter")
    return console


def _command(console, action: str, **args):  # type: ignore[no-untyped-def]
    data = {"id": f"{action}-{next(_IDS)}", "action": action, **args}
    return console.emit("command", data, namespace="/counter", callback=True)


def _issue(client, world) -> dict:
    response = client.post(
        "/api/v1/offices/demo/tickets",
        json={"service": "CT"},
        headers=bearer(world.kiosk_token),
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _set_printer(app, world, config) -> None:
    with app_services(app).db.transaction() as session:
        kiosk = session.get(Device, world.kiosk.id)
        kiosk.settings = {**(kiosk.settings or {}), "printer": config}


def test_reprint_sends_the_current_ticket_to_the_kiosk_printer(app, client, api_world):
    ticket = _issue(client, api_world)  # no printer yet: nothing prints
    console = _console(app, client)
    called = _command(console, "call-next")
    assert called["ok"] and called["result"]["id"] == ticket["id"]
    sender = app_services(app).printing
    try:
        with FakePrinter() as printer:
            _set_printer(app, api_world, {**printer.config, "width": 384})
            answer = _command(console, "reprint", ticket=ticket["id"])
            assert answer["ok"], answer
            assert answer["result"]["status"] == "queued"
            jobs = printer.wait_for_jobs(1, timeout=10)
        assert len(jobs) == 1
        picture = decode_escpos(jobs[0], 384)
        assert picture.cuts and picture.image.height > 100
    finally:
        sender.stop()
        console.disconnect(namespace="/counter")
    with app_services(app).db.sessions() as session:
        job = session.scalars(select(PrintJob)).one()
        assert (job.ticket_id, job.kind) == (ticket["id"], "ticket")


def test_reprint_without_a_printer_says_so(app, client, api_world):
    ticket = _issue(client, api_world)
    console = _console(app, client)
    _command(console, "call-next")
    answer = _command(console, "reprint", ticket=ticket["id"])
    assert not answer["ok"]
    assert answer["error"] == {
        "code": "no_printer",
        "message": "Ki-ốt đã cấp số này chưa được cấu hình máy in.",
    }
    missing = _command(console, "reprint")
    assert missing["error"]["code"] == "invalid_field"
    console.disconnect(namespace="/counter")
    with app_services(app).db.sessions() as session:
        assert session.scalars(select(PrintJob)).all() == []
