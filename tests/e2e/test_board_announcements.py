"""The lobby board in Chromium: what is said is what is highlighted, in turn, on time;
compressed audio really plays; the board fits a TV with ten fields waiting."""

from __future__ import annotations

import requests

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.lookup import office_by_slug
from motcua.core.setup import ServiceSpec, add_service
from motcua.demo import DEMO_PASSWORD, seed_demo
from tests.e2e.conftest import ARTIFACTS, LiveServer

# Every play of a media element, what it played and when it stopped; every change
# of the "Mời số" panel. Times from one clock, the page's.
WATCH = """
window.__media = [];
window.__panel = [];
(function () {
  var play = HTMLMediaElement.prototype.play, watched = [];
  function watch(el) {
    if (watched.indexOf(el) >= 0) { return; }
    watched.push(el);
    var current = null;
    el.addEventListener("playing", function () {
      // "playing" comes again after a stall: still the same play.
      if (current && current.end === null) { return; }
      current = { start: performance.now(), end: null, panel: document
        .getElementById("latest-number").textContent, rate: el.playbackRate,
        from: el.currentTime, to: null };
      window.__media.push(current);
    });
    function stop() {
      if (current && current.end === null) {
        current.end = performance.now();
        current.to = el.currentTime;
      }
    }
    el.addEventListener("ended", stop);
    el.addEventListener("pause", stop);
  }
  HTMLMediaElement.prototype.play = function () {
    watch(this);
    return play.apply(this, arguments);
  };
  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("latest-number");
    new MutationObserver(function () {
      window.__panel.push({ at: performance.now(), number: panel.textContent });
    }).observe(panel, { childList: true, characterData: true, subtree: true });
  });
})();
"""
EXTRA_FIELD = ServiceSpec("BH", "Bảo hiểm xã hội", "Social insurance", 101, 999)


def _post(server: LiveServer, path: str, token: str, json: dict | None = None):  # type: ignore[no-untyped-def]
    response = requests.post(
        server.url + "/api/v1" + path,
        json=json,
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert response.status_code in (200, 201, 204), response.text
    return response


def _ward(server: LiveServer) -> tuple[str, str, str]:
    """The demo ward plus a tenth field; (kiosk token, display token, staff token)."""
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        demo = seed_demo(session, SystemClock(), "phuong")
        add_service(session, office_by_slug(session, "phuong"), EXTRA_FIELD)
    database.dispose()
    answer = requests.post(
        server.url + "/api/v1/auth/token",
        json={"username": "phuong-quantri", "password": DEMO_PASSWORD},
        timeout=10,
    )
    return demo.devices["kiosk"], demo.devices["display"], answer.json()["token"]


def _board(browser, server: LiveServer, token: str, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        locale="vi-VN", viewport={"width": size[0], "height": size[1]}
    )
    context.add_init_script(WATCH)
    audio: list[str] = []
    context.on(
        "request",
        lambda r: audio.append(r.url) if "/display/audio/" in r.url else None,
    )
    page = context.new_page()
    page.goto(f"{server.url}/o/phuong/display?device_token={token}")
    page.locator("#counter-6").wait_for()
    return context, page, audio


def _quiet(page, seconds: float = 90) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "() => document.body.getAttribute('data-queued') === '0'"
        " && window.__media.every((m) => m.end !== null)",
        timeout=seconds * 1000,
    )


def test_a_burst_of_calls_is_said_in_turn_as_highlighted(live, browser):
    server, _, _ = live
    kiosk, display, staff = _ward(server)
    # One citizen for each counter of the demo's split (counter 6 takes the third CT).
    for code in ("CT", "CT", "HT", "DD", "KD", "CT"):
        _post(server, "/offices/phuong/tickets", kiosk, {"service": code})
    context, board, audio = _board(browser, server, display, (1920, 1080))
    # Sound plays without a tap on this browser: no prompt.
    board.locator("body[data-sound]").wait_for(state="attached")
    assert board.locator("body").get_attribute("data-sound") == "plays"
    assert board.get_by_role("button", name="Bật âm thanh").is_hidden()
    called = []
    for n in range(1, 7):
        ticket = _post(server, f"/offices/phuong/counters/{n}/call-next", staff)
        called.append(ticket.json()["number"])
    _quiet(board)
    media = board.evaluate("window.__media")
    panel: list[str] = []
    for change in board.evaluate("window.__panel"):
        if change["number"] not in ("—", *panel[-1:]):
            panel.append(change["number"])
    # Each call said once, in the order made; the panel showed each as it was said.
    said = [m["panel"] for m in media]
    assert said == called, (said, called)
    assert panel == called
    # Never two at once.
    for before, after in zip(media, media[1:], strict=False):
        assert before["end"] <= after["start"], media
    # The first began with the chime; while others waited the rest caught up:
    # after the chime, a little faster, said once; the last said in full.
    assert media[0]["rate"] == 1 and media[0]["from"] < 0.5
    assert all(m["rate"] > 1 and m["from"] > 1 for m in media[1:5]), media
    assert media[5]["rate"] == 1 and media[5]["from"] < 0.5
    assert media[-1]["start"] - media[0]["start"] < 30_000, media
    # The TV fetched each call's audio once, compressed.
    assert len(audio) == 6 and all(u.endswith(".ogg") for u in audio), audio
    context.close()


def _fits(page, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    size = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert size == [width, height]
    rows = page.locator("#waiting tr")
    assert rows.count() == 10
    side = page.locator(".tv-waiting").bounding_box()
    for i in range(10):
        box = rows.nth(i).bounding_box()
        assert (
            box is not None and box["y"] + box["height"] <= side["y"] + side["height"]
        )
        assert box["y"] + box["height"] <= height


def test_board_fits_a_tv_with_ten_fields_waiting(live, browser):
    server, _, _ = live
    kiosk, display, staff = _ward(server)
    counts = {"CT": 14, "HT": 6, "DD": 3, "XD": 2, "KD": 2, "BT": 1, "NCC": 1}
    counts |= {"NV": 1, "GD": 1, "BH": 4}
    for code, count in counts.items():
        for _ in range(count):
            _post(server, "/offices/phuong/tickets", kiosk, {"service": code})
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height in ((1366, 768), (1920, 1080)):
        context, board, _ = _board(browser, server, display, (width, height))
        board.locator("#waiting-BH").wait_for()
        board.locator("body[data-sound]").wait_for(state="attached")
        assert board.get_by_role("button", name="Bật âm thanh").is_hidden()
        board.screenshot(
            path=str(ARTIFACTS / f"display-ten-fields-{width}x{height}.png")
        )
        _fits(board, width, height)
        context.close()
