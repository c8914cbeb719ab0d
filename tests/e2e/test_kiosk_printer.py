"""A kiosk whose printer fails says so plainly and keeps the number on screen."""

from __future__ import annotations

from tests.e2e.test_printer_jobs import add_admin, set_printer
from tests.printer.printer_wire import free_port


def test_the_kiosk_tells_the_citizen_when_the_printer_fails(live, browser):
    server, ours, _ = live
    admin = add_admin(server, ours)
    closed = {
        "kind": "network",
        "host": "127.0.0.1",
        "port": free_port(),
        "attempts": 2,
    }
    assert set_printer(server, admin, ours.kiosk.id, closed).status_code == 200
    kiosk = browser.new_context(locale="vi-VN").new_page()
    kiosk.goto(f"{server.url}/o/demo/kiosk?device_token={ours.kiosk_token}")
    kiosk.get_by_role("button", name="Chứng thực").first.click()
    kiosk.locator("#ticket-number").wait_for(state="visible")
    problem = kiosk.locator("#ticket-print")
    problem.wait_for(state="visible", timeout=20_000)
    kiosk.get_by_text("Máy in đang gặp sự cố").wait_for(timeout=20_000)
    assert kiosk.locator("#ticket-number").inner_text() == "1001"
    assert "báo cán bộ" in problem.inner_text()
    kiosk.context.close()
