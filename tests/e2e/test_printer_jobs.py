"""Tickets from a real server to a printer on 127.0.0.1: the bytes, the picture,
the QR code, the job's stored state, failures, reprint and the admin's test page."""

from __future__ import annotations

import subprocess
import sys
import time

import requests
import zxingcpp

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.setup import add_device, add_user
from tests.e2e.conftest import LiveServer
from tests.e2e.test_realtime import Listener
from tests.printer.printer_wire import FakePrinter, decode_escpos, free_port, wait_until
from tests.printer.test_printer_network import assert_number_printed


def api(server: LiveServer, method: str, path: str, token: str, json=None):
    return requests.request(
        method,
        server.url + "/api/v1" + path,
        json=json,
        headers={"Authorization": f"Bearer {token}"},
        timeout=15,
    )


def login(server: LiveServer, username: str) -> str:
    response = requests.post(
        server.url + "/api/v1/auth/token",
        json={"username": username, "password": "matkhau123"},
        timeout=10,
    )
    return response.json()["token"]


def add_admin(server: LiveServer, world) -> str:
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        office = session.merge(world.office)
        add_user(
            session, SystemClock(), "quantri", "matkhau123", office=office, role="admin"
        )
    database.dispose()
    return login(server, "quantri")


def add_devices(server: LiveServer, world, kind: str, n: int) -> list[tuple[int, str]]:
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    made = []
    with database.transaction() as session:
        office = session.merge(world.office)
        for i in range(n):
            device, token = add_device(
                session, SystemClock(), office, kind, f"{kind}{i}"
            )
            made.append((device.id, token))
    database.dispose()
    return made


def set_printer(server, admin, device_id, config):
    return api(
        server,
        "POST",
        f"/offices/demo/devices/{device_id}/printer",
        admin,
        {"printer": config},
    )


def job_of(server, staff, ticket_id) -> list[dict]:
    jobs = api(server, "GET", "/offices/demo/print-jobs", staff).json()["jobs"]
    return [j for j in jobs if j["ticket"] and j["ticket"]["id"] == ticket_id]


def issue(server, kiosk_token) -> dict:
    response = api(
        server, "POST", "/offices/demo/tickets", kiosk_token, {"service": "CT"}
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_kiosk_ticket_prints_on_a_tcp_printer(live, tmp_path):
    server, ours, _ = live
    admin, staff = add_admin(server, ours), login(server, "demo-staff")
    with FakePrinter() as printer:
        config = {**printer.config, "width": 576, "timeout": 3}
        assert set_printer(server, admin, ours.kiosk.id, config).status_code == 200
        kiosk = Listener(
            server, "/kiosk", {"office": "demo", "token": ours.kiosk_token}
        )

        ticket = issue(server, ours.kiosk_token)
        changed = kiosk.wait_for("print.changed")
        [data] = printer.wait_for_jobs(1, timeout=10)

        job = decode_escpos(data, 576)
        assert job.image.width == 576 and 700 < job.image.height < 1300
        assert job.cuts == [0]
        found = zxingcpp.read_barcodes(job.image.convert("L"))
        assert [r.text for r in found] == [ticket["status_url"]]
        assert_number_printed(job.image, ticket["number"])
        assert changed["data"]["job"]["status"] == "printed"
        assert changed["data"]["ticket"]["id"] == ticket["id"]
        [stored] = job_of(server, staff, ticket["id"])
        assert (stored["status"], stored["attempts"]) == ("printed", 1)
        status = kiosk.wait_for("printer.status")["data"]["printer"]
        assert status["code"] == "ok"

        # The command writes exactly what the printer got.
        out = tmp_path / "ticket.bin"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "motcua.cli",
                "print-ticket",
                "--ticket",
                ticket["id"],
                "--output",
                str(out),
                "--public-url",
                server.url,
            ],
            env=server.env,
            check=True,
            capture_output=True,
            timeout=60,
        )
        assert out.read_bytes() == data

        # Reprint is one call for staff, and prints once more, only once.
        assert (
            api(
                server, "POST", f"/tickets/{ticket['id']}/reprint", ours.kiosk_token
            ).status_code
            == 403
        )
        reprint = api(server, "POST", f"/tickets/{ticket['id']}/reprint", staff)
        assert (
            reprint.status_code == 202 and reprint.json()["job"]["status"] == "queued"
        )
        assert printer.wait_for_jobs(2, timeout=10) == [data, data]
        time.sleep(1.5)
        assert len(printer.jobs) == 2
        kiosk.close()
    assert "Traceback" not in server.log.read_text()


def test_admin_sets_printers_and_prints_the_test_page(live):
    server, ours, _ = live
    admin, staff = add_admin(server, ours), login(server, "demo-staff")
    test = f"/offices/demo/devices/{ours.kiosk.id}/printer/test"
    with FakePrinter() as printer:
        config = {**printer.config, "width": 384}
        assert set_printer(server, staff, ours.kiosk.id, config).status_code == 403
        saved = set_printer(server, admin, ours.kiosk.id, config)
        assert saved.json()["device"]["printer"] == config

        result = api(server, "POST", test, admin)

        assert result.status_code == 200
        assert result.json()["ok"] is True
        [data] = printer.wait_for_jobs(1)
        assert decode_escpos(data, 384).image.width == 384
    off = {**config, "port": free_port(), "timeout": 1}
    set_printer(server, admin, ours.kiosk.id, off)
    failed = api(server, "POST", test, admin).json()
    assert (failed["ok"], failed["reason"]) == (False, "refused")
    assert failed["status"]["code"] == "offline" and "từ chối" in failed["message"]
    bad = set_printer(server, admin, ours.kiosk.id, {"kind": "network"})
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "bad_printer_config"
    display = set_printer(server, admin, ours.display.id, config)
    assert display.status_code == 400
    cleared = set_printer(server, admin, ours.kiosk.id, None)
    assert cleared.json()["device"]["printer"] is None
    none = api(server, "POST", test, admin)
    assert none.status_code == 409 and none.json()["error"]["code"] == "no_printer"


def test_printer_failures_never_lose_or_double_a_ticket(live):
    """Three kiosks: a printer that is off and then on, one that drops the job
    midway once, one that hangs. Tickets stay; jobs end printed or failed."""
    server, ours, _ = live
    admin, staff = add_admin(server, ours), login(server, "demo-staff")
    kiosks = add_devices(server, ours, "kiosk", 3)
    refused_port = free_port()
    with (
        FakePrinter("drop", drop_after=4096) as dropping,
        FakePrinter("stall", rcvbuf=2048) as hung,
    ):
        configs = [
            {
                "kind": "network",
                "host": "127.0.0.1",
                "port": refused_port,
                "timeout": 2,
            },
            {**dropping.config, "timeout": 3},
            {**hung.config, "timeout": 1, "attempts": 2, "width": 576},
        ]
        for (device_id, _), config in zip(kiosks, configs, strict=True):
            assert set_printer(server, admin, device_id, config).status_code == 200
        tickets = [issue(server, token) for _, token in kiosks]

        def state(i: int) -> dict:
            [job] = job_of(server, staff, tickets[i]["id"])
            return job

        assert wait_until(lambda: state(0)["reason"] == "refused", 10)
        assert wait_until(lambda: state(1)["reason"] == "closed", 10)
        dropping.mode = "collect"
        with FakePrinter(port=refused_port) as late:
            assert wait_until(lambda: state(0)["status"] == "printed", 15)
            assert wait_until(lambda: state(1)["status"] == "printed", 15)
            assert wait_until(lambda: state(2)["status"] == "failed", 20)
            time.sleep(1.5)
            assert len(late.jobs) == 1 and len(dropping.jobs) == 1
        assert state(0)["attempts"] >= 2 and state(1)["attempts"] >= 2
        for data in (late.jobs[0], dropping.jobs[0]):
            printed = decode_escpos(data, 576).image
            assert len(zxingcpp.read_barcodes(printed.convert("L"))) == 1
        hung_job = state(2)
        assert (hung_job["reason"], hung_job["attempts"]) == ("timeout", 2)
        assert "không phản hồi" in hung_job["detail"]
        assert hung.jobs == []
    for ticket in tickets:  # every ticket is still there and waiting
        again = requests.get(f"{server.url}/api/v1/tickets/{ticket['id']}", timeout=10)
        assert again.json()["status"] == "waiting"
    printers = api(server, "GET", "/offices/demo/print-jobs", staff).json()["printers"]
    hung_printer = next(p for p in printers if p["id"] == kiosks[2][0])
    assert hung_printer["printer_status"]["code"] in ("offline", "error")
    assert "Traceback" not in server.log.read_text()
