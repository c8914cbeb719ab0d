"""The lobby board in Chromium: calls, audio once and in turn, server restarts."""

from __future__ import annotations

import requests

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.lookup import office_by_slug
from motcua.core.models import Device
from motcua.demo import seed_demo
from tests import helpers
from tests.e2e.conftest import ARTIFACTS, LiveServer, start_server

SPEAKING = "() => document.body.getAttribute('data-speaking') === '1'"
# Records every play of a media element and when it stopped, to see overlaps.
MEDIA_LOG = """
window.__media = [];
(function () {
  var watched = [];
  var play = HTMLMediaElement.prototype.play;
  function watch(el) {
    if (watched.indexOf(el) >= 0) { return; }
    watched.push(el);
    var current = null;
    el.addEventListener("playing", function () {
      if (current && current.end === null) { return; }  // resumed after a stall
      current = { start: performance.now(), end: null };
      window.__media.push(current);
    });
    function stop() {
      if (current && current.end === null) { current.end = performance.now(); }
    }
    el.addEventListener("ended", stop);
    el.addEventListener("pause", stop);
  }
  HTMLMediaElement.prototype.play = function () {
    watch(this);
    return play.apply(this, arguments);
  };
})();
"""


def _token(server: LiveServer, username: str, password: str = "matkhau123") -> str:
    response = requests.post(
        server.url + "/api/v1/auth/token",
        json={"username": username, "password": password},
        timeout=10,
    )
    return str(response.json()["token"])


def _post(server: LiveServer, path: str, token: str, json: dict | None = None):
    response = requests.post(
        server.url + "/api/v1" + path,
        json=json,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert response.status_code in (200, 201, 204), response.text
    return response


def _add_admin(server: LiveServer) -> None:
    """The office's admin account "quantri", straight into the database."""
    from motcua.core.setup import add_user

    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        office = office_by_slug(session, "demo")
        add_user(
            session, SystemClock(), "quantri", "matkhau123", office=office, role="admin"
        )
    database.dispose()


def _board(browser, server: LiveServer, token: str, office: str = "demo"):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1920, "height": 1080}
    )
    context.add_init_script(MEDIA_LOG)
    audio_requests: list[str] = []
    context.on(
        "request",
        lambda r: audio_requests.append(r.url) if "/display/audio/" in r.url else None,
    )
    page = context.new_page()
    page.goto(f"{server.url}/o/{office}/display?device_token={token}")
    assert page.url == f"{server.url}/o/{office}/display"
    return context, page, audio_requests


def _spoken(page, timeout: float = 40.0) -> None:  # type: ignore[no-untyped-def]
    """Wait until the queue is empty and nothing plays."""
    page.wait_for_function(
        "() => document.body.getAttribute('data-queued') === '0'"
        " && window.__media.every((m) => m.end !== null)",
        timeout=timeout * 1000,
    )


def _max_overlap(page) -> int:  # type: ignore[no-untyped-def]
    media = page.evaluate("window.__media")
    marks = sorted(
        [(m["start"], 1) for m in media] + [(m["end"], -1) for m in media],
        key=lambda x: (x[0], x[1]),
    )
    playing = most = 0
    for _, step in marks:
        playing += step
        most = max(most, playing)
    return most


def test_board_announces_once_in_turn_and_recovers_after_restart(live, browser):
    server, ours, _ = live
    context, board, audio_requests = _board(browser, server, ours.display_token)
    board.locator("#counter-1").wait_for()
    # Sound plays without a tap on this browser: no prompt.
    board.locator("body[data-sound]").wait_for(state="attached")
    assert board.locator("body").get_attribute("data-sound") == "plays"
    assert board.get_by_role("button", name="Bật âm thanh").is_hidden()
    for _ in range(3):
        _post(server, "/offices/demo/tickets", ours.kiosk_token, {"service": "CT"})
    staff = _token(server, "demo-staff")
    first = _post(server, "/offices/demo/counters/1/call-next", staff).json()
    board.locator("#counter-1.latest", has_text="1001").wait_for(timeout=10_000)
    assert board.locator("#latest-number").inner_text() == "1001"
    # The text is on screen while it is said.
    board.wait_for_function(SPEAKING)
    assert board.locator("#announcement").inner_text() == (
        "Mời công dân có số thứ tự 1001 đến quầy số 1"
    )
    # A recall and a second call arrive while the first is still being said: the
    # tile changes at once, the "Mời số" panel when 1002 is said.
    _post(server, f"/tickets/{first['id']}/recall", staff)
    _post(server, "/offices/demo/counters/3/call-next", staff)
    board.locator("#counter-3", has_text="1002").wait_for(timeout=10_000)
    _spoken(board, timeout=60)
    assert board.locator("#latest-number").inner_text() == "1002"
    media = board.evaluate("window.__media")
    # The recall is the second saying of 1001 when it comes during the first, else
    # said after it; then 1002: one at a time.
    assert len(media) in (2, 3), media
    assert _max_overlap(board) == 1
    assert all(m["end"] - m["start"] > 3000 for m in media), media  # really played
    # One request per call, compressed; the recall plays the kept copy.
    assert sorted(u.rsplit("/audio/", 1)[1] for u in audio_requests) == [
        "1001/1.ogg",
        "1002/3.ogg",
    ]
    assert board.locator("#recent li").first.inner_text().startswith("1002")

    # The server goes away; meanwhile counter 2 calls (straight in the database).
    server.stop()
    board.locator("#offline").wait_for(state="visible", timeout=15_000)
    assert "Mất kết nối" in board.locator("#offline").inner_text()
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    clock = SystemClock()
    helpers.issue(database, "demo", ours.kiosk, clock, "HT")
    helpers.call_next(database, "demo", ours.staff, clock, 2)
    database.dispose()
    restarted = start_server(server.env, server.port, server.log)
    try:
        # Back by itself, showing what happened while it was away.
        board.locator("#offline").wait_for(state="hidden", timeout=20_000)
        board.locator("#counter-2.latest", has_text="2001").wait_for(timeout=10_000)
        assert board.locator("#latest-number").inner_text() == "2001"
        assert board.locator("#counter-1", has_text="1001").count() == 1
        assert board.locator("#waiting-CT .tv-count").inner_text() == "1"
        # A call missed while away is said once from the snapshot; new calls as ever.
        _post(
            server,
            "/offices/demo/counters/1/call-next",
            _token(server, "demo-staff"),
            {"current": {"ticket": first["id"], "outcome": "finished"}},
        )
        # Highlighted when said: after 2001, said once.
        board.locator("#counter-1.latest", has_text="1003").wait_for(timeout=20_000)
        _spoken(board, timeout=30)
        assert [u.rsplit("/audio/", 1)[1] for u in audio_requests[2:]] == [
            "2001/2.ogg",
            "1003/1.ogg",
        ]
        assert _max_overlap(board) == 1
        # The sound choice survived: no prompt after a reload.
        board.reload()
        board.locator("#counter-1").wait_for()
        assert board.get_by_role("button", name="Bật âm thanh").is_hidden()
    finally:
        restarted.stop()
        context.close()


def test_blocked_sound_asks_once_then_plays(live, browser):
    """A TV that blocks autoplay: the call is shown, kept, and said after one tap."""
    server, ours, _ = live
    context, board, audio_requests = _board(browser, server, ours.display_token)
    board.locator("#counter-1").wait_for()
    board.evaluate("() => localStorage.setItem('motcua.sound', 'on')")
    board.reload()
    board.locator("#counter-1").wait_for()
    sound = board.get_by_role("button", name="Bật âm thanh")
    assert sound.is_hidden()  # remembered from an earlier tap
    # The TV browser restarted and wants a new gesture, like one without the flag.
    board.evaluate(
        """() => {
             window.realPlay = HTMLMediaElement.prototype.play;
             HTMLMediaElement.prototype.play = () =>
               Promise.reject(new DOMException("no gesture", "NotAllowedError"));
           }"""
    )
    _post(server, "/offices/demo/tickets", ours.kiosk_token, {"service": "CT"})
    _post(server, "/offices/demo/counters/1/call-next", _token(server, "demo-staff"))
    board.locator("#counter-1", has_text="1001").wait_for(timeout=10_000)
    sound.wait_for(state="visible", timeout=10_000)
    board.evaluate("() => { HTMLMediaElement.prototype.play = window.realPlay; }")
    sound.click()
    board.wait_for_function(SPEAKING)
    _spoken(board)
    assert len(board.evaluate("window.__media")) == 1
    assert len(audio_requests) == 1
    context.close()


def test_zone_board_shows_only_its_counters(live, browser):
    server, ours, _ = live
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    from motcua.core.setup import add_device

    with database.transaction() as session:
        office = office_by_slug(session, "demo")
        _, token = add_device(
            session,
            SystemClock(),
            office,
            "display",
            "TV tầng 2",
            settings={"counters": [2]},
        )
    database.dispose()
    context, board, audio_requests = _board(browser, server, token)
    board.locator("#counter-2").wait_for()
    assert board.locator(".tv-counter").count() == 1
    staff = _token(server, "demo-staff")
    _post(server, "/offices/demo/tickets", ours.kiosk_token, {"service": "CT"})
    _post(server, "/offices/demo/tickets", ours.kiosk_token, {"service": "HT"})
    board.locator("#waiting-HT").wait_for(timeout=10_000)
    # Counter 2 serves HT only: the CT queue is not this zone's business.
    assert board.locator("#waiting-CT").count() == 0
    assert "Chứng thực" not in board.locator("#waiting-rest").inner_text()
    _post(server, "/offices/demo/counters/1/call-next", staff)
    _post(server, "/offices/demo/counters/2/call-next", staff)
    board.locator("#counter-2", has_text="2001").wait_for(timeout=10_000)
    _spoken(board)
    assert [u.rsplit("/audio/", 1)[1] for u in audio_requests] == ["2001/2.ogg"]
    assert board.locator("#recent li").count() == 1
    context.close()


def test_pairing_a_tv_without_typing_a_token(live, browser):
    server, ours, _ = live
    _add_admin(server)
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1920, "height": 1080}
    )
    tv = context.new_page()
    tv.goto(f"{server.url}/pair")
    code = tv.locator("#pair-code").get_attribute("aria-label").rsplit(" ", 1)[1]
    assert len(code) == 6 and code.isdigit()
    ARTIFACTS.mkdir(exist_ok=True)
    tv.screenshot(path=str(ARTIFACTS / "display-pairing-1920x1080.png"))
    admin = _token(server, "quantri")
    _post(
        server,
        "/offices/demo/devices/pair",
        admin,
        {"code": code, "kind": "display", "name": "TV sảnh chính"},
    )
    tv.wait_for_url(f"{server.url}/o/demo/display", timeout=15_000)
    tv.locator("#counter-1").wait_for()
    assert tv.locator("#office-name").inner_text() == "Phường demo"
    context.close()


def test_board_screenshot_of_a_busy_morning(live, browser):
    """The demo ward: nine fields, six counters, a ticker; a picture to look at."""
    server, _, _ = live
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    clock = SystemClock()
    with database.transaction() as session:
        demo = seed_demo(session, clock, "phuong")
        office = office_by_slug(session, "phuong")
        office.settings = {
            **(office.settings or {}),
            "display_ticker": "Thứ Bảy làm việc buổi sáng từ 7 giờ 30 đến 11 giờ 30."
            " Công dân vui lòng giữ phiếu số thứ tự và chờ được mời.",
        }
    database.dispose()
    kiosk, display = demo.devices["kiosk"], demo.devices["display"]
    for code, count in [("CT", 14), ("HT", 6), ("DD", 3), ("KD", 2), ("BT", 1)]:
        for _ in range(count):
            _post(server, "/offices/phuong/tickets", kiosk, {"service": code})
    staff = _token(server, "phuong-quantri", "motcua-demo")
    context, board, _ = _board(browser, server, display, "phuong")
    board.locator("#counter-6").wait_for()
    current: dict[int, str] = {}
    for n in (1, 2, 3, 4, 5, 1):
        done = {"ticket": current[n], "outcome": "finished"} if n in current else None
        body = {"current": done} if done else None
        path = f"/offices/phuong/counters/{n}/call-next"
        current[n] = _post(server, path, staff, body).json()["id"]
    _post(server, "/offices/phuong/counters/6/pause", staff, {"reason": "Nghỉ trưa"})
    # Highlighted while said; 1001 first, whose counter already shows its next call.
    board.locator(".tv-counter.latest").wait_for(timeout=30_000)
    board.locator("#counter-6.paused").wait_for(timeout=10_000)
    board.wait_for_function(SPEAKING)
    # A citizen holding 3001 finds the counter for Đất đai on the board.
    fields = board.locator(".tv-counter-fields")
    assert fields.all_inner_texts()[3:] == [
        "Đất đai, Xây dựng",
        "Đăng ký hộ kinh doanh, Bảo trợ xã hội, trẻ em, Người có công",
        "Mọi lĩnh vực",
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    board.screenshot(path=str(ARTIFACTS / "display-board-1920x1080.png"))
    # Everything fits on the screen: nothing scrolls on a TV.
    size = board.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert size == [1920, 1080]
    context.close()


def test_revoked_board_says_so_after_reconnecting(live, browser):
    """Tokens never expire; a revoked one sends the TV back to the pairing notice."""
    server, ours, _ = live
    context, board, _ = _board(browser, server, ours.display_token)
    board.locator("#counter-1").wait_for()
    server.stop()
    board.locator("#offline").wait_for(state="visible", timeout=15_000)
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        session.get(Device, ours.display.id).revoked_at = SystemClock().now()
    database.dispose()
    restarted = start_server(server.env, server.port, server.log)
    try:
        board.get_by_text("chưa được ghép nối").first.wait_for(timeout=40_000)
    finally:
        restarted.stop()
        context.close()


def test_admin_changes_reach_the_board_and_kiosk_at_once(live, browser):
    """The ward's admin saves a news line and a welcome in the settings page: the
    running board shows the line and the idle kiosk the welcome, without a reload
    by hand."""
    server, ours, _ = live
    _add_admin(server)
    context, board, _ = _board(browser, server, ours.display_token)
    board.locator("#counter-1").wait_for()
    assert board.locator("#ticker").is_hidden()
    kiosk_context = browser.new_context(locale="vi-VN")
    kiosk = kiosk_context.new_page()
    kiosk.goto(f"{server.url}/o/demo/kiosk?device_token={ours.kiosk_token}")
    kiosk.locator("#start").wait_for()
    admin = browser.new_context(locale="vi-VN").new_page()
    admin.goto(f"{server.url}/admin/login")
    admin.fill("input[name=username]", "quantri")
    admin.fill("input[name=password]", "matkhau123")
    admin.click("button[type=submit]")
    admin.goto(f"{server.url}/admin/o/demo/settings")
    admin.fill("input[name=display_ticker]", "Chiều nay nghỉ từ 16:00")
    admin.fill("input[name=kiosk_welcome]", "Xin chào quý khách")
    admin.click("text=Lưu cài đặt")
    admin.locator("text=Đã lưu.").wait_for()
    board.locator("#ticker-text", has_text="Chiều nay nghỉ từ 16:00").wait_for(
        timeout=10_000
    )
    assert board.locator("#ticker").is_visible()
    kiosk.locator("text=Xin chào quý khách").wait_for(timeout=10_000)
    context.close()
    kiosk_context.close()
