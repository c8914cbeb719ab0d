"""The faces in a real Chromium: a kiosk takes a number, the board shows the call."""

from __future__ import annotations

import requests

from tests.e2e.conftest import ARTIFACTS


def test_kiosk_number_reaches_the_board_in_chromium(live, browser):
    server, ours, _ = live
    kiosk = browser.new_context(locale="vi-VN").new_page()
    kiosk.goto(f"{server.url}/o/demo/kiosk?device_token={ours.kiosk_token}")
    assert kiosk.url == f"{server.url}/o/demo/kiosk"  # the token went into a cookie
    board = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    board.goto(f"{server.url}/o/demo/display?device_token={ours.display_token}")
    board.locator("#counter-1").wait_for()
    kiosk.get_by_role("button", name="Chứng thực").click()
    kiosk.locator("#ticket-number").wait_for(state="visible")
    assert kiosk.locator("#ticket-number").inner_text() == "1001"
    token = requests.post(
        server.url + "/api/v1/auth/token",
        json={"username": "demo-staff", "password": "matkhau123"},
        timeout=10,
    ).json()["token"]
    requests.post(
        server.url + "/api/v1/offices/demo/counters/1/call-next",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    board.locator("#counter-1", has_text="1001").wait_for(timeout=10_000)
    assert "1001" in board.locator("#announcement").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    board.screenshot(path=str(ARTIFACTS / "board-smoke.png"))


def test_unpaired_device_page_explains_what_to_do(live, page):
    server, _, _ = live
    response = page.goto(f"{server.url}/o/demo/display")
    assert response.status == 403
    assert "chưa được ghép nối" in page.content()
