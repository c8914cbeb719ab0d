"""Double presses and presses during a stalled request, in Chromium: no citizen who
was not served is ever recorded as served."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import requests
from sqlalchemy import create_engine, text

from motcua.core.db import Database, normalize_url
from motcua.core.models import Ticket
from tests.e2e.test_counter_console import WAIT, _console_at_counter_1, _issue, _log


@contextmanager
def stalled(db_url: str) -> Iterator[None]:
    """Hold what call-next must write (SQLite: the write lock; PostgreSQL: counter
    1's row) until the block ends: the server stalls as on a bad day."""
    engine = create_engine(normalize_url(db_url))
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.execute(
                text(
                    "SELECT id FROM counters WHERE number = 1 AND office_id = "
                    "(SELECT id FROM offices WHERE slug = 'demo') FOR UPDATE"
                )
            )
        try:
            yield
        finally:
            conn.rollback()
    engine.dispose()


def _statuses(db_url: str, ids: list[str]) -> list[str]:
    database = Database(db_url)
    with database.sessions() as session:
        found = [session.get(Ticket, i).status for i in ids]  # type: ignore[union-attr]
    database.dispose()
    return found


def _shows(console, number: str) -> None:  # type: ignore[no-untyped-def]
    console.locator("#current", has_text=number).wait_for(timeout=WAIT)


def test_double_presses_and_a_stall_never_serve_a_citizen_who_did_not_come(
    live, browser, db_url
):
    server, ours, _ = live
    tickets = [_issue(server, ours.kiosk_token) for _ in range(4)]
    ids = [t["id"] for t in tickets]
    console = _console_at_counter_1(browser, server)
    console.locator("#waiting", has_text="1004").wait_for(timeout=WAIT)
    console.keyboard.press("n")
    _shows(console, "1001")
    next_button = console.get_by_role("button", name="Xong, gọi tiếp N")
    next_button.wait_for(timeout=WAIT)

    # A double press: the second is dropped, whether the first is still on its
    # way or has just been answered.
    console.wait_for_timeout(1100)  # the citizen is served
    console.keyboard.press("n")
    console.keyboard.press("n")
    _shows(console, "1002")
    console.wait_for_timeout(150)
    console.keyboard.press("n")
    # The clerk is told the press was taken for a double press, not left guessing.
    console.locator("#message", has_text="lần bấm lặp").wait_for(timeout=WAIT)
    assert _statuses(db_url, ids) == ["done", "called", "waiting", "waiting"]

    # A stall: the press waits; the clerk is told; further presses are not queued.
    console.wait_for_timeout(1100)  # past the double-press guard
    with stalled(db_url):
        console.keyboard.press("n")
        console.locator("#message", has_text="Máy chủ đang chậm").wait_for(timeout=WAIT)
        assert next_button.is_disabled()
        for _ in range(3):
            console.keyboard.press("n")
        next_button.click(force=True)  # a disabled button does nothing
        assert _statuses(db_url, ids)[1] == "called"
    _shows(console, "1003")
    console.locator("#message", has_text="Đã gọi số 1003").wait_for(timeout=WAIT)
    assert not next_button.is_disabled()
    assert _statuses(db_url, ids) == ["done", "done", "called", "waiting"]
    assert _log(db_url, ids[2]) == ["issued", "called"]
    assert _log(db_url, ids[3]) == ["issued"]

    # Another console (or a stale screen) already closed 1003: this press names a
    # citizen who is no longer current, and is refused without any effect.
    staff = requests.post(
        server.url + "/api/v1/auth/token",
        json={"username": "demo-staff", "password": "matkhau123"},
        timeout=10,
    ).json()["token"]
    finished = requests.post(
        f"{server.url}/api/v1/tickets/{ids[2]}/no-show",
        headers={"Authorization": f"Bearer {staff}"},
        timeout=10,
    )
    assert finished.status_code == 200
    console.wait_for_timeout(1100)
    _press_before_refresh(console)
    after = _statuses(db_url, ids)
    assert after[:3] == ["done", "done", "no_show"]  # 1003 never marked served
    assert after[3] in ("waiting", "called")


def _press_before_refresh(console) -> None:  # type: ignore[no-untyped-def]
    """Press N on whatever the screen shows; a stale screen gets the refusal, or
    (refreshed already) calls 1004 with nobody closed."""
    console.keyboard.press("n")
    console.locator("#message", has_text="1004").or_(
        console.locator("#message.error", has_text="không còn")
    ).wait_for(timeout=WAIT)


def test_a_press_before_the_counter_has_loaded_says_so(live, browser, db_url):
    """Signed in, the counter chosen, but its queue not yet come (a slow link): a
    press that acts on the screen (recall, transfer, pause) says to wait a moment
    instead of doing nothing, and changes nothing."""
    server, ours, _ = live
    ticket = _issue(server, ours.kiosk_token)
    context = browser.new_context(locale="vi-VN")
    # The live connection opens but the server's first word never comes.
    context.route_web_socket("**/socket.io/**", lambda ws: None)
    console = context.new_page()
    console.goto(f"{server.url}/o/demo/counter")
    console.get_by_label("Tên đăng nhập").fill("demo-staff")
    console.get_by_label("Mật khẩu").fill("matkhau123")
    console.get_by_role("button", name="Đăng nhập").click()
    console.get_by_role("button", name="Quầy 1").click()
    console.locator("#counter-title", has_text="Quầy 1").wait_for(timeout=WAIT)
    for press in ("r", "c", "p"):
        console.evaluate("document.getElementById('message').textContent = ''")
        console.keyboard.press(press)
        console.locator("#message", has_text="Đang tải hàng chờ của quầy").wait_for(
            timeout=WAIT
        )
    assert _statuses(db_url, [ticket["id"]]) == ["waiting"]
    context.close()
