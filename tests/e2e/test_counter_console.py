"""The counter console and the rating terminal in Chromium, by mouse and keyboard."""

from __future__ import annotations

import requests
from sqlalchemy import select

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.lookup import counter_by_number, office_by_slug
from motcua.core.models import Rating, Ticket, TicketEvent
from motcua.core.setup import add_device
from tests.e2e.conftest import ARTIFACTS, start_server
from tests.e2e.test_display_board import _post, _token

WAIT = 10_000


def _rating_tablet(db_url: str) -> str:
    database = Database(db_url)
    with database.transaction() as session:
        office = office_by_slug(session, "demo")
        counter = counter_by_number(session, office, 1)
        _, token = add_device(session, SystemClock(), office, "rating", "r1", counter)
    database.dispose()
    return token


def _issue(server, kiosk_token: str, service: str = "CT") -> dict:  # type: ignore[no-untyped-def]
    response = requests.post(
        server.url + "/api/v1/offices/demo/tickets",
        json={"service": service},
        headers={"Authorization": f"Bearer {kiosk_token}"},
        timeout=10,
    )
    assert response.status_code == 201
    return response.json()


def _log(db_url: str, ticket_id: str) -> list[str]:
    database = Database(db_url)
    with database.sessions() as session:
        kinds = list(
            session.scalars(
                select(TicketEvent.kind)
                .where(TicketEvent.ticket_id == ticket_id)
                .order_by(TicketEvent.id)
            )
        )
    database.dispose()
    return kinds


def _ticket_and_rating(db_url: str, ticket_id: str):  # type: ignore[no-untyped-def]
    database = Database(db_url)
    with database.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        rating = session.scalars(
            select(Rating).where(Rating.ticket_id == ticket_id)
        ).first()
        found = (
            (ticket.status, ticket.service.code, ticket.dossier_code),
            rating and (rating.score, rating.reasons, rating.dossier_code),
            rating and (rating.counter_id, rating.staff_id),
        )
    database.dispose()
    return found


def _open_faces(server, browser, ours, db_url, first):  # type: ignore[no-untyped-def]
    board = browser.new_context().new_page()
    board.goto(f"{server.url}/o/demo/display?device_token={ours.display_token}")
    board.locator("#counter-1").wait_for()
    status = browser.new_context().new_page()
    status.goto(f"{server.url}/t/{first['id']}")
    tablet = browser.new_context().new_page()
    tablet.goto(f"{server.url}/o/demo/rating/1?device_token={_rating_tablet(db_url)}")
    assert tablet.url == f"{server.url}/o/demo/rating/1"
    tablet.get_by_text("Xin kính chào quý khách").wait_for()
    return board, status, tablet


def _focused_in(console, form: str) -> None:
    """Keys go to the form only once it has taken the focus (slow machines)."""
    console.locator(form).wait_for()
    console.wait_for_function(
        "f => document.activeElement && document.activeElement.closest(f)",
        arg=form,
        timeout=WAIT,
    )


def _typed(console, field: str, text: str) -> None:
    """Enter only once the field holds what was typed (slow machines)."""
    console.wait_for_function(
        "([f, t]) => document.querySelector(f).value === t",
        arg=[field, text],
        timeout=WAIT,
    )


def _expect_message(console, text: str) -> None:
    try:
        console.locator("#message", has_text=text).wait_for(timeout=WAIT)
    except Exception as err:
        shown = console.locator("#message").inner_text()
        where = console.evaluate(
            "() => [document.activeElement && document.activeElement.outerHTML"
            ".slice(0, 80), [...document.querySelectorAll('form.form')]"
            ".filter(f => !f.hidden).map(f => f.id), [...document.querySelectorAll"
            "('form.form:not([hidden]) :invalid')].map(e => e.name)]"
        )
        raise AssertionError(
            f"wanted {text!r}, the console says {shown!r}; focus, open forms and "
            f"their invalid fields: {where}"
        ) from err


def _console_at_counter_1(browser, server, script: str | None = None):  # type: ignore[no-untyped-def]
    """The console page, signed in by mouse as the demo staff, at counter 1."""
    console = browser.new_context(locale="vi-VN").new_page()
    if script:
        console.add_init_script(script)
    console.goto(f"{server.url}/o/demo/counter")
    console.get_by_label("Tên đăng nhập").fill("demo-staff")
    console.get_by_label("Mật khẩu").fill("matkhau123")
    console.get_by_role("button", name="Đăng nhập").click()
    console.get_by_role("button", name="Quầy 1").click()
    return console


def test_console_with_the_mouse_from_call_to_rating(live, browser, db_url):
    server, ours, _ = live
    first, second = _issue(server, ours.kiosk_token), _issue(server, ours.kiosk_token)
    board, status, tablet = _open_faces(server, browser, ours, db_url, first)
    console = _console_at_counter_1(browser, server)
    console.locator("#waiting", has_text="1002").wait_for(timeout=WAIT)
    requests.post(  # a citizen presses "need help" on the kiosk
        server.url + "/api/v1/offices/demo/help",
        json={"note": "Không biết chọn lĩnh vực"},
        headers={"Authorization": f"Bearer {ours.kiosk_token}"},
        timeout=10,
    )
    console.locator("#help", has_text="Cần hỗ trợ").wait_for(timeout=WAIT)
    assert "k1" in console.locator("#help").inner_text()

    console.get_by_role("button", name="Gọi số tiếp theo N").click()
    _expect_message(console, "Đã gọi số 1001")
    assert console.locator("#current").inner_text() == "1001"
    board.locator("#counter-1", has_text="1001").wait_for(timeout=WAIT)
    status.locator("#state-card.called").wait_for(timeout=WAIT)
    assert "Quầy 1" in status.locator("#state").inner_text()
    tablet.locator("#serving", has_text="1001").wait_for(timeout=WAIT)

    console.get_by_role("button", name="Gọi lại R").click()
    _expect_message(console, "Đã gọi lại số 1001")
    console.get_by_role("button", name="Vắng mặt V").click()
    _expect_message(console, "Đã ghi vắng mặt số 1001")
    console.locator("#recent", has_text="vắng mặt").wait_for(timeout=WAIT)
    console.get_by_role("button", name="Quay lại hàng chờ Q").click()
    _expect_message(console, "Đã đưa lại hàng chờ số 1001")
    console.get_by_role("button", name="Gọi số tiếp theo N").click()
    _expect_message(console, "Đã gọi số 1001")  # kept its place by issue time
    console.get_by_role("button", name="Chuyển C").click()
    console.get_by_label("Chuyển đến").select_option(label="Lĩnh vực Hộ tịch")
    console.get_by_label("Ghi chú").fill("Hỏi về khai sinh")
    console.get_by_role("button", name="Chuyển", exact=True).click()
    _expect_message(console, "Đã chuyển số 1001")

    console.get_by_role("button", name="Gọi số tiếp theo N").click()
    _expect_message(console, "Đã gọi số 1002")
    console.get_by_role("button", name="Bắt đầu S").click()
    _expect_message(console, "Bắt đầu phục vụ số 1002")
    console.get_by_role("button", name="Mã hồ sơ H").click()
    console.get_by_label("Mã hồ sơ", exact=True).fill("1.000494.000.00.00.H29")
    console.get_by_role("button", name="Lưu mã hồ sơ").click()
    console.locator("#message.error", has_text="Mã hồ sơ").wait_for(timeout=WAIT)
    console.get_by_label("Mã hồ sơ", exact=True).fill("000.00.01.H29-250719-0013")
    console.get_by_role("button", name="Lưu mã hồ sơ").click()
    _expect_message(console, "Đã lưu mã hồ sơ cho số 1002")
    console.get_by_role("button", name="Hoàn thành F").click()
    _expect_message(console, "Đã hoàn thành số 1002")

    tablet.get_by_role("button", name="Không hài lòng 2").click()
    tablet.get_by_role("button", name="Chờ đợi lâu").click()
    tablet.get_by_role("button", name="Gửi đánh giá").click()
    tablet.get_by_text("Cảm ơn quý khách!").wait_for(timeout=WAIT)
    _expect_message(console, "đã đánh giá: Không hài lòng")
    ARTIFACTS.mkdir(exist_ok=True)
    console.screenshot(path=str(ARTIFACTS / "counter-console.png"), full_page=True)

    assert _log(db_url, first["id"]) == [
        "issued",
        "called",
        "recalled",
        "no_show",
        "returned",
        "called",
        "transferred",
    ]
    assert _log(db_url, second["id"])[-3:] == ["dossier", "finished", "rated"]
    moved, _, _ = _ticket_and_rating(db_url, first["id"])
    assert moved[:2] == ("waiting", "HT")
    served, rating, where = _ticket_and_rating(db_url, second["id"])
    assert served == ("done", "CT", "000.00.01.H29-250719-0013")
    assert rating == (2, ["wait"], "000.00.01.H29-250719-0013")
    assert where == (ours.counters[1].id, ours.staff.id)


def test_console_with_the_keyboard_only(live, browser, db_url):
    server, ours, _ = live
    first, second, third = (_issue(server, ours.kiosk_token) for _ in range(3))
    board, status, tablet = _open_faces(server, browser, ours, db_url, first)
    console = browser.new_context(locale="vi-VN").new_page()
    console.goto(f"{server.url}/o/demo/counter")
    keys = console.keyboard
    console.get_by_label("Tên đăng nhập").wait_for()
    keys.press("Tab")  # into the username field
    keys.type("demo-staff")
    keys.press("Tab")
    keys.type("matkhau123")
    keys.press("Enter")
    console.get_by_role("button", name="Quầy 1").wait_for(timeout=WAIT)
    keys.press("Enter")  # the first counter has the focus
    console.locator("#waiting", has_text="1003").wait_for(timeout=WAIT)
    assert console.get_by_text("Gọi số tiếp theo N").is_visible()  # shortcuts shown

    keys.press("n")
    _expect_message(console, "Đã gọi số 1001")
    board.locator("#counter-1", has_text="1001").wait_for(timeout=WAIT)
    status.locator("#state-card.called").wait_for(timeout=WAIT)
    keys.press("r")
    _expect_message(console, "Đã gọi lại số 1001")
    keys.press("v")
    _expect_message(console, "Đã ghi vắng mặt số 1001")
    keys.press("q")
    _expect_message(console, "Đã đưa lại hàng chờ số 1001")
    # Mark 1003 priority, then call 1002 out of order with a reason.
    keys.press("u")
    _focused_in(console, "#form-priority")
    keys.press("End")  # the last waiting ticket: 1003
    keys.press("Tab")
    keys.press("ArrowDown")  # the first priority class
    keys.press("Tab")
    keys.press("Enter")
    _expect_message(console, "Đã đánh dấu ưu tiên số 1003")
    console.locator("#waiting tr").first.filter(has_text="1003").wait_for(timeout=WAIT)
    keys.press("g")
    _focused_in(console, "#form-call")
    keys.press("End")  # 1003 (priority) and 1001 (earlier) go first: 1002 is last
    assert console.locator("#form-call select").input_value() == second["id"]
    keys.press("Tab")
    keys.type("Công dân đã hẹn trước")
    keys.press("Enter")
    _expect_message(console, "Đã gọi số 1002")
    console.locator("#current", has_text="1002").wait_for(timeout=WAIT)
    keys.press("c")
    _focused_in(console, "#form-transfer")
    keys.press("Tab")
    keys.type("Cần hộ tịch")
    _typed(console, "#form-transfer [name=note]", "Cần hộ tịch")
    keys.press("Enter")
    _expect_message(console, "Đã chuyển số 1002")
    keys.press("p")
    keys.type("Nghỉ giải lao")
    keys.press("Enter")
    console.locator("#counter-state", has_text="Tạm dừng").wait_for(timeout=WAIT)
    keys.press("n")
    console.locator("#message.error", has_text="tạm dừng").wait_for(timeout=WAIT)
    keys.press("p")
    _expect_message(console, "Quầy đã mở lại")
    keys.press("n")
    _expect_message(console, "Đã gọi số 1003")  # priority first
    keys.press("s")
    _expect_message(console, "Bắt đầu phục vụ số 1003")
    keys.press("h")
    keys.type("38.98.H29-210519-0013")
    keys.press("Enter")
    _expect_message(console, "Đã lưu mã hồ sơ cho số 1003")
    keys.press("f")
    _expect_message(console, "Đã hoàn thành số 1003")
    tablet.get_by_role("button", name="Rất hài lòng 5").wait_for(timeout=WAIT)
    tablet.keyboard.press("5")
    tablet.get_by_text("Cảm ơn quý khách!").wait_for(timeout=WAIT)

    assert _log(db_url, second["id"]) == ["issued", "called", "transferred"]
    assert _log(db_url, third["id"]) == [
        "issued",
        "priority",
        "called",
        "started",
        "dossier",
        "finished",
        "rated",
    ]
    _, rating, _ = _ticket_and_rating(db_url, third["id"])
    assert rating == (5, None, "38.98.H29-210519-0013")


def _sign_in(server, browser):  # type: ignore[no-untyped-def]
    console = _console_at_counter_1(browser, server)
    return console


def test_console_rides_out_a_server_restart(live, browser, db_url):
    server, ours, _ = live
    first = _issue(server, ours.kiosk_token)
    console = _sign_in(server, browser)
    console.locator("#waiting", has_text="1001").wait_for(timeout=WAIT)
    server.stop()
    console.get_by_text("Mất kết nối").wait_for(timeout=WAIT)
    console.keyboard.press("n")  # pressed while offline: sent once back online
    _expect_message(console, "Đang xử lý")
    # Not "the server is slow": the press has not reached it, and the clerk knows.
    _expect_message(console, "Mất kết nối với máy chủ")
    _expect_message(console, "sẽ được gửi khi kết nối lại")
    again = start_server(server.env, server.port, server.log)
    try:
        _expect_message(console, "Đã gọi số 1001")
        assert console.locator("#offline").is_hidden()
        second = _issue(again, ours.kiosk_token)
        console.locator("#waiting", has_text=second["number"]).wait_for(timeout=WAIT)
        console.reload()  # the session survives a reload of the tab
        console.locator("#current", has_text="1001").wait_for(timeout=WAIT)
    finally:
        again.stop()
    assert _log(db_url, first["id"]) == ["issued", "called"]


def test_transfer_targets_follow_the_ticket_just_called(live, browser, db_url):
    server, ours, _ = live
    first = _issue(server, ours.kiosk_token)
    console = _sign_in(server, browser)
    console.locator("#waiting", has_text="1001").wait_for(timeout=WAIT)
    target = console.locator("#form-transfer [name=to]")
    assert target.input_value() == "s:CT"  # nothing served yet: every service
    # Each counter says what its own queue holds: a transfer there is called there.
    options = target.locator("option").all_inner_texts()
    assert any(o.endswith(" · Hộ tịch") for o in options), options
    assert any(o.endswith(" · mọi lĩnh vực") for o in options), options
    console.keyboard.press("n")
    _expect_message(console, "Đã gọi số 1001")
    assert target.input_value() == "s:HT"  # not its own service, before any refresh
    console.wait_for_timeout(1000)  # the refresh and the live events after the call
    assert target.input_value() == "s:HT"
    console.keyboard.press("c")
    _focused_in(console, "#form-transfer")
    console.keyboard.press("Tab")
    console.keyboard.press("Enter")
    _expect_message(console, "Đã chuyển số 1001")
    assert _log(db_url, first["id"]) == ["issued", "called", "transferred"]


HOLD_ONE_STATE = """
Object.defineProperty(window, "motcuaLive", {
  configurable: true,
  get: function () { return this.heldLive; },
  set: function (live) {
    this.heldLive = function () {
      var socket = live.apply(this, arguments), emit = socket.emit;
      socket.emit = function (name, data, answer) {
        var ms = window.holdNextState;
        if (!ms || name !== "command" || !data || data.action !== "state") {
          return emit.apply(this, arguments);
        }
        window.holdNextState = 0;
        return emit.call(this, name, data, function () {
          var args = arguments;
          window.stateRead = true;
          setTimeout(function () {
            answer.apply(null, args);
            window.stateLate = true;
          }, ms);
        });
      };
      return socket;
    };
  }
});
"""


def test_a_late_state_does_not_undo_a_call(live, browser, db_url):
    server, ours, _ = live
    first = _issue(server, ours.kiosk_token)
    console = _console_at_counter_1(browser, server, HOLD_ONE_STATE)
    console.locator("#waiting", has_text="1001").wait_for(timeout=WAIT)
    console.evaluate("() => { window.holdNextState = 1500; }")
    _issue(server, ours.kiosk_token)  # its event makes the console ask for its state
    # The console's state is read on the server, then held back past the call.
    console.wait_for_function("() => window.stateRead", timeout=WAIT)
    console.keyboard.press("n")
    _expect_message(console, "Đã gọi số 1001")
    console.wait_for_function("() => window.stateLate", timeout=WAIT)
    assert console.locator("#current").inner_text() == "1001"
    console.keyboard.press("s")
    _expect_message(console, "Bắt đầu phục vụ số 1001")
    assert _log(db_url, first["id"]) == ["issued", "called", "started"]


def _call_and_transfer(console, number: str, target: str) -> None:
    """N calls the next citizen, C sends them on to `target` ("c:2", "s:HT")."""
    console.keyboard.press("n")
    _expect_message(console, f"Đã gọi số {number}")
    console.keyboard.press("c")
    _focused_in(console, "#form-transfer")
    console.locator("#form-transfer [name=to]").select_option(target)
    console.get_by_role("button", name="Chuyển", exact=True).click()
    _expect_message(console, f"Đã chuyển số {number}")


def test_recent_list_says_where_a_ticket_was_transferred(live, browser, db_url):
    """A citizen sent on from this counter is listed as sent on, and where to, even
    once served elsewhere: the clerk's list is what happened at this counter."""
    server, ours, _ = live
    first, second = _issue(server, ours.kiosk_token), _issue(server, ours.kiosk_token)
    console = _console_at_counter_1(browser, server)
    console.locator("#waiting", has_text="1002").wait_for(timeout=WAIT)
    _call_and_transfer(console, "1001", "c:2")
    _call_and_transfer(console, "1002", "s:HT")

    # Counter 2 calls the citizen sent to it and serves them.
    staff = _token(server, "demo-staff")
    called = _post(server, "/offices/demo/counters/2/call-next", staff).json()
    assert called["id"] == first["id"]
    _post(server, f"/tickets/{first['id']}/finish", staff)

    recent = console.locator("#recent li")
    recent.nth(1).filter(has_text="1001").wait_for(timeout=WAIT)
    assert recent.all_inner_texts() == [
        "1002 · Hộ tịch · đã chuyển sang lĩnh vực Hộ tịch",
        "1001 · Chứng thực · đã chuyển sang Quầy 2",
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    console.screenshot(path=str(ARTIFACTS / "console-recent-transfers.png"))
    assert _log(db_url, second["id"]) == ["issued", "called", "transferred"]
    assert _log(db_url, first["id"])[-2:] == ["called", "finished"]
