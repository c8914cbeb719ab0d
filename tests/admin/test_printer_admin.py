"""The devices page sets a kiosk's printer and prints its test page for real."""

from __future__ import annotations

import pytest
import zxingcpp
from sqlalchemy import select

from motcua.core.models import AuditLog, Device
from motcua.services import app_services
from tests.admin.pages import post, sign_in_admin
from tests.printer.printer_wire import FakePrinter, decode_escpos, free_port

PAGE = "/admin/o/demo/devices"


@pytest.fixture(autouse=True)
def _loopback_printers(app):
    """Test printers listen on 127.0.0.1 at any free port: the operator allows it."""
    app.config.update(PRINTER_ALLOW_LOOPBACK=True, PRINTER_PORTS="1-65535")


def _admin(app, client, clock):
    return sign_in_admin(app, clock, client)


def _kiosk(db, world) -> Device:
    with db.sessions() as session:
        return session.get(Device, world.kiosk.id)


def _set(client, kiosk_id: int, **fields: str) -> str:
    path = f"{PAGE}/{kiosk_id}/printer"
    return post(client, path, fields, PAGE).get_data(as_text=True)


def _test(client, kiosk_id: int) -> str:
    path = f"{PAGE}/{kiosk_id}/printer/test"
    return post(client, path, {}, PAGE).get_data(as_text=True)


def test_network_printer_is_set_and_prints_the_test_page(app, client, api_world, clock):
    db = _admin(app, client, clock)
    kiosk_id = api_world.kiosk.id
    with FakePrinter() as printer:
        page = _set(
            client,
            kiosk_id,
            printer_kind="network",
            printer_host="127.0.0.1",
            printer_port=str(printer.port),
            printer_width="576",
        )
        assert "Đã lưu máy in của “k1”" in page
        assert f"127.0.0.1:{printer.port}" in page and "khổ 576 điểm" in page
        assert _kiosk(db, api_world).settings["printer"] == {
            "kind": "network",
            "host": "127.0.0.1",
            "port": printer.port,
            "width": 576,
        }
        page = _test(client, kiosk_id)
        assert "Đã in trang thử" in page, page
        jobs = printer.wait_for_jobs(1)
    assert len(jobs) == 1
    decoded = decode_escpos(jobs[0], 576)
    assert decoded.bands >= 1 and decoded.cuts
    assert decoded.image.width == 576 and decoded.image.height > 50
    status = _kiosk(db, api_world).settings["printer_status"]
    assert status["code"] == "ok"
    assert status["message"] in page  # the page shows the last status
    with db.sessions() as session:
        entry = session.scalars(
            select(AuditLog).where(AuditLog.action == "device.printer")
        ).one()
        assert entry.target == "k1" and entry.data["printer"]["port"] == printer.port


def test_bad_config_says_what_is_wrong_and_changes_nothing(
    app, client, api_world, clock
):
    db = _admin(app, client, clock)
    kiosk_id = api_world.kiosk.id
    page = _set(client, kiosk_id, printer_kind="network", printer_host="")
    assert "Hãy điền mục “Địa chỉ IP”." in page
    page = _set(
        client,
        kiosk_id,
        printer_kind="network",
        printer_host="127.0.0.1",
        printer_port="chín nghìn",
    )
    assert "Mục “Cổng” cần một số hợp lệ." in page
    page = _set(
        client,
        kiosk_id,
        printer_kind="network",
        printer_host="127.0.0.1",
        printer_width="300",
    )
    assert "Khổ giấy phải là 58 mm (384 điểm) hoặc 80 mm" in page
    assert "printer" not in (_kiosk(db, api_world).settings or {})
    with db.sessions() as session:
        actions = session.scalars(select(AuditLog.action)).all()
    assert "device.printer" not in actions
    # Without a printer, the test button says so in Vietnamese.
    page = _test(client, kiosk_id)
    assert "chưa được cấu hình máy in" in page


def test_unreachable_printer_gives_a_plain_vietnamese_error(
    app, client, api_world, clock
):
    db = _admin(app, client, clock)
    kiosk_id = api_world.kiosk.id
    port = free_port()
    _set(
        client,
        kiosk_id,
        printer_kind="network",
        printer_host="127.0.0.1",
        printer_port=str(port),
    )
    page = _test(client, kiosk_id)
    assert "Không in được trang thử:" in page
    status = _kiosk(db, api_world).settings["printer_status"]
    assert status["code"] == "offline" and status["message"] in page
    # Removing the printer is also an audited change.
    page = _set(client, kiosk_id, printer_kind="")
    assert "Máy in hiện tại: <strong>chưa có" in page
    assert "printer" not in _kiosk(db, api_world).settings


def test_the_test_print_step_wakes_the_sender(app, client, api_world, clock):
    _admin(app, client, clock)
    sender = app_services(app).printing
    try:
        with FakePrinter() as printer:
            _set(
                client,
                api_world.kiosk.id,
                printer_kind="network",
                printer_host="127.0.0.1",
                printer_port=str(printer.port),
            )
            post(client, "/admin/o/demo/address", {"custom": "http://10.1.2.3:8000"})
            page = post(client, f"{PAGE}/test/print", {}, PAGE)
            assert "Đã gửi lệnh in một phiếu thử" in page.get_data(as_text=True)
            jobs = printer.wait_for_jobs(1, timeout=10)
        assert len(jobs) == 1
        printed = decode_escpos(jobs[0], 576)
        assert printed.cuts
        # A sample ticket, not a test page: its QR holds the chosen address.
        [code] = zxingcpp.read_barcodes(printed.image.convert("L"))
        assert code.text.startswith("http://10.1.2.3:8000/t/")
    finally:
        sender.stop()
