"""The health page tells the truth: devices up while their socket is open, down
after; a printer that refused is told apart from one out of paper, and its fault
clears once it prints again."""

from __future__ import annotations

import re
import socket
import time

from sqlalchemy import select

from motcua.core.lookup import counter_by_number, office_by_slug
from motcua.core.models import PrintJob
from motcua.core.setup import add_device
from motcua.services import app_services
from tests.admin.pages import post, sign_in_admin
from tests.printer.printer_wire import FakePrinter

PAGE = "/admin/o/demo/health"


def _row(page: str, name: str) -> str:
    found = re.search(rf"<tr><td>{re.escape(name)}</td>.*?</tr>", page, re.S)
    assert found, page
    return found.group(0)


def test_devices_up_while_connected_and_down_after(app, client, api_world, clock):
    db = sign_in_admin(app, clock, client)
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        counter = counter_by_number(session, office, 1)
        _, rating = add_device(session, clock, office, "rating", "Đánh giá 1", counter)
    socketio = app_services(app).realtime.socketio
    board = socketio.test_client(
        app,
        namespace="/display",
        auth={"office": "demo", "token": api_world.display_token},
    )
    tablet = socketio.test_client(
        app, namespace="/counter", auth={"office": "demo", "token": rating}
    )
    assert board.is_connected("/display") and tablet.is_connected("/counter")
    page = client.get(PAGE).get_data(as_text=True)
    assert "Đang kết nối" in _row(page, "Đánh giá 1")
    assert "chưa bao giờ" not in _row(page, "Đánh giá 1")
    assert "Đánh giá 1” không kết nối" not in page
    tablet.disconnect("/counter")
    board.disconnect("/display")
    clock.advance(600)  # past the "seen a moment ago" grace
    page = client.get(PAGE).get_data(as_text=True)
    assert "Không kết nối" in _row(page, "Đánh giá 1")
    assert "Thiết bị đánh giá “Đánh giá 1” không kết nối." in page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_reason(db, deadline_s: float = 20.0) -> PrintJob:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        with db.sessions() as session:
            job = session.scalars(select(PrintJob).order_by(PrintJob.id.desc())).first()
            if job is not None and job.reason:
                return job
        time.sleep(0.1)
    raise AssertionError("the print job never failed")


def test_printer_refused_then_fixed(app, client, api_world, clock):
    # The printer stands in on this machine: the operator allows loopback.
    app.config.update(PRINTER_ALLOW_LOOPBACK=True, PRINTER_PORTS="1-65535")
    db = sign_in_admin(app, clock, client)
    sender = app_services(app).printing
    port = _free_port()  # nothing listens there: the connection is refused
    devices = "/admin/o/demo/devices"
    kiosk = api_world.kiosk.id
    fields = {
        "printer_kind": "network",
        "printer_host": "127.0.0.1",
        "printer_port": str(port),
    }
    try:
        post(client, f"{devices}/{kiosk}/printer", fields, devices)
        post(client, f"{devices}/test/print", {}, devices)
        assert _wait_for_reason(db).reason == "refused"
        page = client.get(PAGE).get_data(as_text=True)
        assert "Cần xử lý" in page and "chưa in được" in page
        assert "từ chối kết nối" in page
        assert "cổng 9100" in page and "Hết giấy" not in page
        with FakePrinter(port=port) as printer:
            post(client, f"{devices}/test/print", {}, devices)
            printer.wait_for_jobs(1, timeout=20)
            end = time.monotonic() + 20
            while "chưa in được" in client.get(PAGE).get_data(as_text=True):
                assert time.monotonic() < end, "the fault never cleared"
                time.sleep(0.1)
        page = client.get(PAGE).get_data(as_text=True)
        assert "từ chối kết nối" not in page
    finally:
        sender.stop()
