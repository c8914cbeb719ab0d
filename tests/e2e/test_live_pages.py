"""Live pages in Chromium through restarts, a server down at load, admin changes and
missed events."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import requests

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from tests import helpers
from tests.e2e.conftest import ARTIFACTS, LiveServer, start_server
from tests.e2e.test_board_announcements import WATCH, _quiet
from tests.e2e.test_display_board import _add_admin, _board, _post, _token

# The requirement: right again within 5 s of the server answering.
RECOVERY_MS = 5_000
OFFLINE_TEXT = "Tạm thời không cấp được số. Vui lòng hỏi cán bộ hướng dẫn."
SHELL_HAS = """(path) => caches.open('motcua-shell-v1')
  .then((c) => c.keys())
  .then((keys) => keys.some((r) => new URL(r.url).pathname === path))"""


def _kiosk(context, server: LiveServer, token: str):  # type: ignore[no-untyped-def]
    kiosk = context.new_page()
    kiosk.goto(f"{server.url}/o/demo/kiosk?device_token={token}")
    kiosk.locator("#start").wait_for()
    return kiosk


def _offline_copy(page, path: str) -> None:  # type: ignore[no-untyped-def]
    """The service worker controls the page and keeps a copy of it. The page fills
    the cache itself as soon as the worker is registered, which may be before the
    worker is active: a page opened in between is not the worker's to answer, so
    wait for the worker to control this page too."""
    page.wait_for_function(SHELL_HAS, arg=path, timeout=15_000)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def _call_in_database(server: LiveServer, world, counter: int, service: str) -> None:  # type: ignore[no-untyped-def]
    """A call no page hears of: made while the server is away (or by a process that
    died before it published)."""
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    clock = SystemClock()
    helpers.issue(database, "demo", world.kiosk, clock, service)
    helpers.call_next(database, "demo", world.staff, clock, counter)
    database.dispose()


def _below_the_banner(page, *selectors: str) -> None:  # type: ignore[no-untyped-def]
    banner = page.locator("#offline").bounding_box()
    assert banner is not None and banner["height"] > 0
    for selector in selectors:
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["y"] >= banner["y"] + banner["height"] - 1, (
            selector,
            box,
            banner,
        )


def test_board_says_offline_then_shows_a_call_made_as_the_server_returns(live, browser):
    server, ours, _ = live
    context, board, _ = _board(browser, server, ours.display_token)
    board.locator("#counter-1").wait_for()
    board.evaluate("window.__samePage = true")
    server.stop()
    board.locator("#offline").wait_for(state="visible", timeout=15_000)
    assert "Mất kết nối" in board.locator("#offline").inner_text()
    # The banner covers nothing (clock, office name) and the TV does not scroll.
    _below_the_banner(board, ".tv-clock", ".tv-office h1")
    size = board.viewport_size
    assert size is not None
    scroll = (
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert board.evaluate(scroll) == [size["width"], size["height"]]
    restarted = start_server(server.env, server.port, server.log)
    try:
        _post(server, "/offices/demo/tickets", ours.kiosk_token, {"service": "CT"})
        _post(
            server, "/offices/demo/counters/1/call-next", _token(server, "demo-staff")
        )
        board.locator("#counter-1", has_text="1001").wait_for(timeout=RECOVERY_MS)
        assert board.locator("#offline").is_hidden()
        assert board.evaluate("window.__samePage") is True  # no reload
    finally:
        restarted.stop()
        context.close()


def _office_hhmm() -> str:
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%H:%M")


def test_pages_opened_while_the_server_is_down_recover_by_themselves(live, browser):
    server, ours, _ = live
    context, board, _ = _board(browser, server, ours.display_token)
    board.locator("#counter-1").wait_for()
    # One device per browser, as in the hall: each keeps its own device cookie.
    kiosk_context = browser.new_context(locale="vi-VN")
    kiosk = _kiosk(kiosk_context, server, ours.kiosk_token)
    _offline_copy(board, "/o/demo/display")
    _offline_copy(kiosk, "/o/demo/kiosk")
    server.stop()
    # A kiosk that was running says plainly that no number can be issued now.
    kiosk.locator("#kiosk-offline").wait_for(state="visible", timeout=15_000)
    assert kiosk.locator("#kiosk-offline").inner_text() == OFFLINE_TEXT
    kiosk.locator(".tile").first.click()
    assert kiosk.locator("#message").inner_text() == OFFLINE_TEXT
    ARTIFACTS.mkdir(exist_ok=True)
    kiosk.screenshot(path=str(ARTIFACTS / "kiosk-server-gone.png"))
    # The TV and the kiosk are switched on while the server is still away.
    board.close()
    kiosk.close()
    board = context.new_page()
    board.goto(f"{server.url}/o/demo/display")
    kiosk = kiosk_context.new_page()
    kiosk.goto(f"{server.url}/o/demo/kiosk")
    for page in (board, kiosk):
        page.locator("#connecting", has_text="Đang kết nối lại…").wait_for(
            timeout=15_000
        )
        page.evaluate("window.__samePage = true")
    assert kiosk.locator("#connecting").get_by_text(OFFLINE_TEXT).is_visible()
    kiosk.screenshot(path=str(ARTIFACTS / "kiosk-server-down.png"))
    # The TV's zone here is UTC; the board still shows the office's time, as the
    # server last told it.
    shown = {_office_hhmm()}
    clock_text = board.locator("#clock").inner_text()
    shown.add(_office_hhmm())
    assert clock_text in shown, (clock_text, shown)
    _call_in_database(server, ours, 2, "HT")
    restarted = start_server(server.env, server.port, server.log)
    try:
        board.locator("#counter-2", has_text="2001").wait_for(timeout=RECOVERY_MS)
        kiosk.locator("#connecting").wait_for(state="hidden", timeout=RECOVERY_MS)
        assert kiosk.locator("#kiosk-offline").is_hidden()
        assert kiosk.locator(".tile[data-code=CT]").is_enabled()
        for page in (board, kiosk):
            assert page.evaluate("window.__samePage") is True  # no reload
            assert page.locator("#offline").is_hidden()
    finally:
        restarted.stop()
        context.close()
        kiosk_context.close()


def test_console_and_status_page_reloaded_while_the_server_is_down(live, browser):
    """A clerk's console and a citizen's phone reload while the server is away: both
    open from the offline copy and carry on, the clerk still signed in."""
    from tests.e2e.test_counter_console import _console_at_counter_1, _issue

    server, ours, _ = live
    ticket = _issue(server, ours.kiosk_token)
    console = _console_at_counter_1(browser, server)
    console.locator("#waiting", has_text="1001").wait_for()
    phone = browser.new_context(locale="vi-VN").new_page()
    phone.goto(f"{server.url}/t/{ticket['id']}")
    phone.get_by_text("Còn 0 người trước bạn").wait_for()
    _offline_copy(console, "/o/demo/counter")
    _offline_copy(phone, f"/t/{ticket['id']}")
    server.stop()
    console.locator("#offline").wait_for(state="visible", timeout=15_000)
    # The counter's name stays readable.
    _below_the_banner(console, "#counter-title", "#current")
    assert console.locator("#counter-state").is_hidden()  # no stale "Đang mở"
    for page in (console, phone):
        page.locator("#offline").wait_for(state="visible", timeout=15_000)
        page.reload()
        page.locator("#connecting", has_text="Đang kết nối lại…").wait_for(
            timeout=15_000
        )
        page.evaluate("window.__samePage = true")
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    helpers.call_next(database, "demo", ours.staff, SystemClock(), 1)
    database.dispose()
    restarted = start_server(server.env, server.port, server.log)
    try:
        console.locator("#current", has_text="1001").wait_for(timeout=RECOVERY_MS)
        phone.get_by_text("Đến lượt bạn").wait_for(timeout=RECOVERY_MS)
        for page in (console, phone):
            assert page.evaluate("window.__samePage") is True
            assert page.locator("#connecting").is_hidden()
    finally:
        restarted.stop()
        console.context.close()
        phone.context.close()


def test_admin_closes_a_field_and_the_kiosk_tile_greys_at_once(live, browser):
    server, ours, _ = live
    _add_admin(server)
    context = browser.new_context(locale="vi-VN")
    kiosk = _kiosk(context, server, ours.kiosk_token)
    tile = kiosk.locator(".tile[data-code=CT]")
    assert tile.is_enabled()
    admin = browser.new_context(locale="vi-VN").new_page()
    admin.goto(f"{server.url}/admin/login")
    admin.fill("input[name=username]", "quantri")
    admin.fill("input[name=password]", "matkhau123")
    admin.click("button[type=submit]")
    admin.goto(f"{server.url}/admin/o/demo/fields")
    form = admin.locator("form", has=admin.locator("input[name=existing][value=CT]"))
    form.locator("input[name=is_open]").uncheck()
    form.get_by_role("button", name="Lưu CT").click()
    admin.wait_for_load_state()
    kiosk.wait_for_function(
        "() => document.querySelector('.tile[data-code=CT]').disabled", timeout=2_000
    )
    assert "Tạm ngừng cấp số" in tile.inner_text()
    admin.context.close()
    context.close()


def test_a_board_that_missed_the_last_call_catches_up_from_the_heartbeat(
    beating, browser
):
    server, ours, _ = beating
    context, board, _ = _board(browser, server, ours.display_token)
    board.locator("#counter-1").wait_for()
    board.evaluate("window.__samePage = true")
    _call_in_database(server, ours, 1, "CT")
    board.locator("#counter-1", has_text="1001").wait_for(timeout=15_000)
    assert board.evaluate("window.__samePage") is True
    context.close()


def _said(board, number: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Once `number` has been said and the board is quiet: what was said, in turn."""
    board.wait_for_function(
        "(n) => window.__media.some((m) => m.panel === n)", arg=number, timeout=20_000
    )
    _quiet(board)
    return [m["panel"] for m in board.evaluate("window.__media")]


def _highlighted(board) -> list[str]:  # type: ignore[no-untyped-def]
    """The numbers the "Mời số" panel showed, in turn."""
    shown: list[str] = []
    for change in board.evaluate("window.__panel"):
        if change["number"] not in ("—", *shown[-1:]):
            shown.append(change["number"])
    return shown


def _watched_board(browser, server: LiveServer, token: str):  # type: ignore[no-untyped-def]
    """The board, its plays and its "Mời số" panel watched (WATCH), marked to show
    that it is never reloaded by itself."""
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1920, "height": 1080}
    )
    context.add_init_script(WATCH)
    board = context.new_page()
    board.goto(f"{server.url}/o/demo/display?device_token={token}")
    board.locator("#counter-1").wait_for()
    board.evaluate("window.__samePage = true")
    return context, board


def test_calls_the_board_never_heard_of_are_said_once(beating, browser):
    """A call whose event is lost, and one made while the board is cut off, are said
    and highlighted from the snapshot, without the chime; a reconnection says nothing
    already said."""
    server, ours, _ = beating
    context, board = _watched_board(browser, server, ours.display_token)
    _call_in_database(server, ours, 1, "CT")  # no event: the heartbeat tells of it
    assert _said(board, "1001") == ["1001"]
    assert board.locator("#counter-1.latest", has_text="1001").is_visible()
    server.stop()
    board.locator("#offline").wait_for(state="visible", timeout=15_000)
    _call_in_database(server, ours, 3, "CT")  # while the board is cut off
    restarted = start_server(server.env, server.port, server.log)
    try:
        assert _said(board, "1002") == ["1001", "1002"]
        _post(server, "/offices/demo/tickets", ours.kiosk_token, {"service": "HT"})
        staff = _token(server, "demo-staff")
        _post(server, "/offices/demo/counters/2/call-next", staff)
        # 1001 and 1002 are not said again on reconnecting: next comes 2001.
        assert _said(board, "2001") == ["1001", "1002", "2001"]
        # A snapshot after a call heard as an event: nothing said again.
        database = Database(server.env["MOTCUA_DATABASE_URL"])
        helpers.issue(database, "demo", ours.kiosk, SystemClock(), "CT")
        database.dispose()
        board.locator("#waiting-CT .tv-count", has_text="1").wait_for(timeout=15_000)
        _quiet(board)
        assert _highlighted(board) == ["1001", "1002", "2001"]
        media = board.evaluate("window.__media")
        assert media[0]["from"] > 0.5 and media[1]["from"] > 0.5, media  # no chime
        assert media[2]["from"] < 0.5, media  # an event heard at once: the chime
        assert board.evaluate("window.__samePage") is True
    finally:
        restarted.stop()
        context.close()


def test_a_recall_made_while_the_board_is_cut_off_is_said_once(live, browser):
    """A counter recalls its citizen while the board is cut off: back, the board
    learns the recall from the snapshot (the time of the call has not changed, the
    call's count of calls and recalls has) and says it once, without the chime; a
    reload says nothing it has said."""
    server, ours, _ = live
    context, board = _watched_board(browser, server, ours.display_token)
    _post(server, "/offices/demo/tickets", ours.kiosk_token, {"service": "CT"})
    called = _post(
        server, "/offices/demo/counters/1/call-next", _token(server, "demo-staff")
    ).json()
    assert _said(board, "1001") == ["1001"]
    server.stop()
    board.locator("#offline").wait_for(state="visible", timeout=15_000)
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    helpers.act(database, "demo", ours.staff, SystemClock(), "recall", called["id"])
    database.dispose()
    restarted = start_server(server.env, server.port, server.log)
    try:
        board.wait_for_function("() => window.__media.length > 1", timeout=20_000)
        assert _said(board, "1001") == ["1001", "1001"]
        media = board.evaluate("window.__media")
        assert media[0]["from"] < 0.5 < media[1]["from"], media  # late: no chime
        assert board.evaluate("window.__samePage") is True
        # Reloaded, the board says nothing it has said: the next call comes first.
        board.reload()
        board.locator("#counter-1", has_text="1001").wait_for()
        _post(server, "/offices/demo/tickets", ours.kiosk_token, {"service": "HT"})
        staff = _token(server, "demo-staff")
        _post(server, "/offices/demo/counters/2/call-next", staff)
        assert _said(board, "2001") == ["2001"]
    finally:
        restarted.stop()
        context.close()


class Frames:
    """The Socket.IO frames a page sends and receives, by event name."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.sent: list[str] = []
        self.received: list[str] = []
        page.on("websocket", self._socket)

    def _socket(self, socket) -> None:  # type: ignore[no-untyped-def]
        socket.on("framesent", lambda f: self.sent.append(str(f)))
        socket.on("framereceived", lambda f: self.received.append(str(f)))

    def asked(self) -> int:
        """Snapshots the page asked for (the server sends the first unasked)."""
        return sum('["snapshot"' in f for f in self.sent)

    def beats(self) -> int:
        return sum('["heartbeat"' in f for f in self.received)


def _beats_pass(page, frames: Frames, n: int = 3) -> None:  # type: ignore[no-untyped-def]
    """Wait for n more heartbeats: whatever they would make the page ask, it has."""
    until = frames.beats() + n
    for _ in range(150):
        if frames.beats() >= until:
            return
        page.wait_for_timeout(100)  # Playwright hands frames over while it waits
    raise AssertionError("no heartbeat came")


def test_status_page_asks_again_only_for_its_own_ticket(beating, browser):
    """A citizen's phone in a busy office: other tickets called, counters paused and
    resumed; it fetches the ticket again only when an event of its own was lost."""
    server, ours, _ = beating
    staff = _token(server, "demo-staff")
    mine = _post(server, "/offices/demo/tickets", ours.kiosk_token, {"service": "HT"})
    phone = browser.new_context(locale="vi-VN").new_page()
    frames = Frames(phone)
    phone.goto(f"{server.url}/t/{mine.json()['id']}")
    phone.get_by_text("Còn 0 người trước bạn").wait_for()
    current = None
    for _ in range(12):  # the office is busy with others (counter 1: CT only)
        _post(server, "/offices/demo/tickets", ours.kiosk_token, {"service": "CT"})
        done = (
            {"current": {"ticket": current, "outcome": "finished"}} if current else {}
        )
        current = _post(server, "/offices/demo/counters/1/call-next", staff, done)
        current = current.json()["id"]
        _post(server, "/offices/demo/counters/3/pause", staff, {"reason": "Họp"})
        _post(server, "/offices/demo/counters/3/resume", staff)
    _beats_pass(phone, frames)
    assert frames.asked() == 0
    # Its own call, never published: the heartbeat's mark tells the page.
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    helpers.call_next(database, "demo", ours.staff, SystemClock(), 2)
    database.dispose()
    phone.get_by_text("Đến lượt bạn").wait_for(timeout=15_000)
    _beats_pass(phone, frames)
    assert frames.asked() == 1
    phone.context.close()


def test_start_page_kept_on_the_device_opens_the_board_when_the_server_returns(
    live, browser, tmp_path
):
    """A plain-http LAN, where browsers run no service worker: the TV and the kiosk
    keep the start page as a file; switched on while the server is down they say
    "Đang kết nối lại…" and open their pages by themselves once it answers."""
    server, ours, _ = live
    pages = {}
    for kind, token in (("display", ours.display_token), ("kiosk", ours.kiosk_token)):
        context = browser.new_context(locale="vi-VN", service_workers="block")
        paired = context.new_page()  # paired once: the device cookie stays
        paired.goto(f"{server.url}/o/demo/{kind}?device_token={token}")
        paired.close()
        saved = requests.get(f"{server.url}/o/demo/start/{kind}.html", timeout=10)
        assert saved.status_code == 200
        assert f"motcua-demo-{kind}.html" in saved.headers["Content-Disposition"]
        kept = tmp_path / f"motcua-demo-{kind}.html"
        kept.write_text(saved.text, encoding="utf-8")
        pages[kind] = (context, kept)
    assert (
        requests.get(f"{server.url}/o/demo/start/tv.html", timeout=10).status_code
        == 404
    )
    server.stop()
    opened = {}
    for kind, (context, kept) in pages.items():
        page = context.new_page()
        page.goto(kept.as_uri())
        page.get_by_text("Đang kết nối lại…").wait_for()
        opened[kind] = page
    assert opened["kiosk"].get_by_text(OFFLINE_TEXT).is_visible()
    _call_in_database(server, ours, 1, "CT")
    restarted = start_server(server.env, server.port, server.log)
    try:
        board, kiosk = opened["display"], opened["kiosk"]
        board.locator("#counter-1", has_text="1001").wait_for(timeout=RECOVERY_MS)
        assert board.url == f"{server.url}/o/demo/display"
        kiosk.locator(".tile[data-code=CT]").wait_for(timeout=RECOVERY_MS)
        assert kiosk.url == f"{server.url}/o/demo/kiosk"
        assert kiosk.locator(".tile[data-code=CT]").is_enabled()
    finally:
        restarted.stop()
        for context, _ in pages.values():
            context.close()
