"""In Chromium: with no clerk at any counter, the kiosk and the board promise no
wait; a clerk's first call through the API staffs the counter, live."""

from __future__ import annotations

import re

from sqlalchemy import update

from motcua.core.db import Database
from motcua.core.models import Counter
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_kiosk import _kiosk_page
from tests.e2e.test_realtime import _post, _staff_token

WAIT = 10_000


def _nobody_at_work(server) -> None:  # type: ignore[no-untyped-def]
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        session.execute(update(Counter).values(staff_id=None, active_at=None))
    database.dispose()


def test_kiosk_and_board_say_no_counter_serves_until_a_clerk_calls(live, browser):
    server, ours, _ = live
    _nobody_at_work(server)
    _post(server, "/offices/demo/tickets", ours.kiosk_token, {"service": "HT"})
    kiosk = _kiosk_page(browser, server, ours)
    tile = kiosk.locator(".tile", has_text="Chứng thực")
    tile.locator(".tile-info", has_text="Chưa có quầy phục vụ").wait_for(timeout=WAIT)
    assert "chờ dưới 1 phút" not in kiosk.locator("#tiles").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    kiosk.screenshot(path=str(ARTIFACTS / "kiosk-no-staffed-counter.png"))

    board = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    board.goto(f"{server.url}/o/demo/display?device_token={ours.display_token}")
    board.locator("#waiting-HT", has_text="Chưa có quầy phục vụ").wait_for(timeout=WAIT)
    board.locator("#counter-2", has_text="Chưa có cán bộ").wait_for(timeout=WAIT)
    board.screenshot(path=str(ARTIFACTS / "board-no-staffed-counter.png"))

    # Nobody opened a page: the clerk's first call through the API staffs counter 2.
    staff = _staff_token(server, "demo-staff")
    assert _post(server, "/offices/demo/counters/2/call-next", staff).status_code == 200
    tile = kiosk.locator(".tile", has_text="Hộ tịch")
    tile.locator(".tile-info", has_text=re.compile("chờ (dưới|khoảng)")).wait_for(
        timeout=WAIT
    )
    assert "Chưa có quầy phục vụ" not in tile.inner_text()
    # Its only citizen is being served: nobody waits, yet the counter is busy.
    assert "0 người đang chờ" not in tile.inner_text()
    assert "Chưa ai chờ, quầy đang bận · chờ khoảng" in tile.inner_text()
    assert (
        "Chưa có quầy phục vụ"
        in kiosk.locator(".tile", has_text="Chứng thực").inner_text()
    )
    board.locator("#counter-2", has_text="2001").wait_for(timeout=WAIT)
    kiosk.screenshot(path=str(ARTIFACTS / "kiosk-one-staffed-counter.png"))

    # Served and gone: the look-up thanks them, it does not send them to a counter.
    first = kiosk.evaluate(
        "() => fetch('/api/v1/offices/demo/tickets/by-number/2001')"
        ".then(r => r.json()).then(b => b.id)"
    )
    assert _post(server, f"/tickets/{first}/finish", staff).status_code == 200
    kiosk.get_by_role("button", name="Tra cứu").tap()
    kiosk.locator("#lookup-input").fill("2001")
    kiosk.locator("#lookup-input").press("Enter")
    result = kiosk.locator("#lookup-result")
    result.locator("text=Đã phục vụ xong. Cảm ơn bạn.").wait_for(timeout=WAIT)
    assert "Mời bạn đến" not in result.inner_text()
    # The keyboard's clear key is labelled in words (it once showed a Python repr).
    clear = kiosk.locator('#lookup .key[data-key="clear"]')
    assert clear.inner_text() == "Xoá hết"
    kiosk.screenshot(path=str(ARTIFACTS / "kiosk-lookup-done.png"))
