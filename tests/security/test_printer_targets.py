"""An office admin points a printer only where the operator allows: no local file,
no loopback or link-local host, no port other than a printer's; every change audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from motcua.core.models import AuditLog, Device
from motcua.services import app_services
from tests.admin.pages import add_person, post, sign_in
from tests.conftest import bearer, staff_token
from tests.printer.printer_wire import FakePrinter

PAGE = "/admin/o/demo/devices"


def _admin_token(app, client, clock) -> str:
    add_person(app_services(app).db, clock, "qt-demo", "demo", "admin")
    return staff_token(client, "qt-demo")


def _set(client, token: str, device_id: int, config):
    path = f"/api/v1/offices/demo/devices/{device_id}/printer"
    return client.post(path, json={"printer": config}, headers=bearer(token))


def _printer_of(app, device_id: int):
    with app_services(app).db.sessions() as session:
        return (session.get(Device, device_id).settings or {}).get("printer")


@pytest.mark.parametrize(
    ("config", "reason"),
    [
        ({"kind": "file", "path": "motcua.db"}, "kind"),
        ({"kind": "serial", "device": "/dev/ttyS0"}, "kind"),
        ({"kind": "cups", "printer": "any"}, "kind"),
        ({"kind": "network", "host": "127.0.0.1", "port": 9100}, "host"),
        ({"kind": "network", "host": "localhost", "port": 9100}, "host"),
        ({"kind": "network", "host": "169.254.169.254", "port": 9100}, "host"),
        ({"kind": "network", "host": "8.8.8.8", "port": 9100}, "host"),
        ({"kind": "network", "host": "192.168.1.50", "port": 6379}, "port"),
    ],
)
def test_rest_refuses_targets_outside_the_operators_bounds(
    app, client, api_world, clock, config, reason
):
    token = _admin_token(app, client, clock)
    if config["kind"] == "file":
        config = {**config, "path": str(Path(app.instance_path) / "motcua.db")}
    response = _set(client, token, api_world.kiosk.id, config)
    assert response.status_code == 400, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "printer_not_allowed"
    assert f"'{reason}'" in error["message"]
    assert "không cho phép" in error["message"]
    assert _printer_of(app, api_world.kiosk.id) is None


def test_rest_sets_a_lan_printer_and_audits_it(app, client, api_world, clock):
    token = _admin_token(app, client, clock)
    config = {"kind": "network", "host": "192.168.1.50", "port": 9100}
    response = _set(client, token, api_world.kiosk.id, config)
    assert response.status_code == 200, response.get_json()
    assert _set(client, token, api_world.kiosk.id, None).status_code == 200
    with app_services(app).db.sessions() as session:
        rows = session.scalars(
            select(AuditLog).where(AuditLog.action == "device.printer")
        ).all()
    assert [r.data["printer"] for r in rows] == [config, None]


def test_admin_form_refuses_a_file_target(app, client, api_world, clock):
    add_person(app_services(app).db, clock, "qt-demo", "demo", "admin")
    sign_in(client, "qt-demo")
    target = Path(app.instance_path) / "ghi-de.txt"
    fields = {"printer_kind": "file", "printer_path": str(target)}
    page = post(client, f"{PAGE}/{api_world.kiosk.id}/printer", fields, PAGE)
    text = page.get_data(as_text=True)
    assert "Máy chủ không cho phép loại máy in “Ghi ra tệp (thử nghiệm)”" in text
    assert _printer_of(app, api_world.kiosk.id) is None
    post(client, f"{PAGE}/{api_world.kiosk.id}/printer/test", {}, PAGE)
    assert not target.exists()


def test_operator_enables_local_kinds_and_loopback(app, client, api_world, clock):
    token = _admin_token(app, client, clock)
    target = Path(app.instance_path) / "lp0"
    app.config["PRINTER_LOCAL_KINDS"] = "file"
    config = {"kind": "file", "path": str(target)}
    assert _set(client, token, api_world.kiosk.id, config).status_code == 200
    app.config.update(PRINTER_ALLOW_LOOPBACK=True, PRINTER_PORTS="1-65535")
    with FakePrinter() as printer:
        response = _set(client, token, api_world.kiosk.id, printer.config)
        assert response.status_code == 200, response.get_json()
        test = f"/api/v1/offices/demo/devices/{api_world.kiosk.id}/printer/test"
        assert client.post(test, headers=bearer(token)).get_json()["ok"] is True
        assert len(printer.wait_for_jobs(1)) == 1


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        (
            {"printer_kind": "network", "printer_host": "192.168.1.50",
             "printer_port": "6379"},
            "cổng 6379 không phải cổng máy in. Các cổng được dùng: 9100-9102",
        ),
        (
            {"printer_kind": "network", "printer_host": "127.0.0.1",
             "printer_port": "9100"},
            "địa chỉ “127.0.0.1” không thuộc mạng nội bộ của đơn vị (10.x.x.x, "
            "172.16.0.0/12, 192.168.x.x, fc00::/7)",
        ),
    ],
)  # fmt: skip
def test_admin_form_says_what_the_operator_allows(
    app, client, api_world, clock, fields, words
):
    """A clerk who typed a wrong port or address is told what would be accepted."""
    add_person(app_services(app).db, clock, "qt-demo", "demo", "admin")
    sign_in(client, "qt-demo")
    page = post(client, f"{PAGE}/{api_world.kiosk.id}/printer", fields, PAGE)
    assert words in page.get_data(as_text=True)
    assert _printer_of(app, api_world.kiosk.id) is None


def test_admin_form_offers_local_kinds_only_where_the_operator_allows(
    app, client, api_world, clock
):
    add_person(app_services(app).db, clock, "qt-demo", "demo", "admin")
    sign_in(client, "qt-demo")
    offered = client.get(PAGE).get_data(as_text=True)
    assert 'value="network"' in offered and 'value="usb"' in offered
    assert 'value="file"' not in offered and 'value="cups"' not in offered
    app.config["PRINTER_LOCAL_KINDS"] = "serial"
    offered = client.get(PAGE).get_data(as_text=True)
    assert 'value="serial"' in offered and 'value="file"' not in offered
