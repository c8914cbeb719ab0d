"""Numbers from home in Chromium: book on a phone, confirm, check in, be called."""

from __future__ import annotations

import requests

from motcua.core.db import Database
from tests.booking.gateway import Gateway
from tests.booking.helpers import configure
from tests.e2e.conftest import ARTIFACTS
from tests.test_words import VIETNAMESE

ALL_DAY = {"mon_fri": "00:00-24:00", "sat": "00:00-24:00", "sun": "00:00-24:00"}


def test_book_confirm_check_in_and_be_called(live, browser):
    server, ours, _ = live
    gateway = Gateway()
    try:
        database = Database(server.env["MOTCUA_DATABASE_URL"])
        # Open all day so the test runs at any hour; check-in a day ahead allowed.
        configure(
            database,
            {"hours": ALL_DAY, "open": "00:00-24:00", "grace_before_min": 1440},
            {"sms": {"url": gateway.url}, "near_ahead": 0},
        )
        database.dispose()
        phone = browser.new_context(
            locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True
        ).new_page()
        phone.goto(f"{server.url}/o/demo/book")
        phone.get_by_role("link", name="Chứng thực").click()
        first_slot = phone.locator("#when optgroup option").first.get_attribute("value")
        phone.select_option("#when", first_slot)
        phone.fill("#phone", "0912345678")
        phone.check("#notify")
        phone.check("#consent")
        phone.get_by_role("button", name="Đặt lịch").click()
        phone.get_by_text("Nhập mã xác nhận").wait_for()
        phone.fill("#code", gateway.code())
        phone.get_by_role("button", name="Xác nhận").click()
        code = phone.locator("#booking-code").inner_text()
        assert code.startswith("LH-")
        assert phone.locator("img.qr").is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        phone.screenshot(path=str(ARTIFACTS / "booking-phone.png"), full_page=True)

        kiosk = browser.new_context(locale="vi-VN").new_page()
        kiosk.goto(f"{server.url}/o/demo/kiosk?device_token={ours.kiosk_token}")
        kiosk.locator("#tiles .tile").first.wait_for()
        kiosk.keyboard.type(code)  # the scanner reads the QR and types its code
        kiosk.keyboard.press("Enter")
        kiosk.locator("#ticket-number").wait_for(state="visible")
        assert kiosk.locator("#ticket-number").inner_text() == "1001"
        qr = kiosk.locator("#ticket-qr").get_attribute("src")
        ticket_id = qr.split("/")[2]

        status = browser.new_context(locale="vi-VN").new_page()
        status.goto(f"{server.url}/t/{ticket_id}")
        status.get_by_text("1001").first.wait_for()
        token = requests.post(
            server.url + "/api/v1/auth/token",
            json={"username": "demo-staff", "password": "matkhau123"},
            timeout=10,
        ).json()["token"]
        called = requests.post(
            server.url + "/api/v1/offices/demo/counters/1/call-next",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert called.status_code == 200
        status.get_by_text("Mời bạn đến Quầy 1").wait_for(timeout=10_000)
        phone.reload()
        assert "Đã nhận số" in phone.locator("#status").inner_text()
        deadline_texts = _wait_for(gateway, "moi so 1001 den Quầy 1")
        assert any("da dat lich" in t for t in deadline_texts)
    finally:
        gateway.close()


# Every word the page holds in its own language: its text (hidden parts and the
# lists' options too) and the attributes people read, without what is marked as
# Vietnamese on purpose (the switch back, "Tiếng Việt").
PAGE_WORDS = """() => {
  var body = document.body.cloneNode(true);
  body.querySelectorAll("[lang]").forEach(function (e) { e.remove(); });
  var read = Array.from(body.querySelectorAll("[alt],[label],[title],[placeholder]"),
    function (e) { return [e.alt, e.label, e.title, e.placeholder].join(" "); });
  return [document.title, body.textContent].concat(read).join(" ");
}"""


def _in_english(page, office_name: str) -> None:  # type: ignore[no-untyped-def]
    """The page is English: no Vietnamese letter beyond the office's name (data)."""
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator('a.lang-switch[lang="vi"]').inner_text() == "Tiếng Việt"
    text = page.evaluate(PAGE_WORDS).replace(office_name, "")
    assert VIETNAMESE.findall(text) == [], page.url


def test_a_citizen_books_in_english_from_start_to_confirmation(live, browser):
    server, _, _ = live
    gateway = Gateway()
    try:
        database = Database(server.env["MOTCUA_DATABASE_URL"])
        configure(
            database,
            {"hours": ALL_DAY, "open": "00:00-24:00"},
            {"sms": {"url": gateway.url}},
        )
        database.dispose()
        phone = browser.new_context(
            locale="en-US", viewport={"width": 390, "height": 844}, is_mobile=True
        ).new_page()
        phone.goto(f"{server.url}/o/demo/book")
        assert phone.locator("html").get_attribute("lang") == "vi"  # the default
        office_name = phone.locator("p.office").inner_text()
        phone.get_by_role("link", name="English").click()
        phone.get_by_text("1. Choose a field").wait_for()
        _in_english(phone, office_name)
        phone.get_by_role("link", name="Certification").click()
        phone.get_by_text("2. Choose a time").wait_for()
        _in_english(phone, office_name)
        first_slot = phone.locator("#when optgroup option").first.get_attribute("value")
        phone.select_option("#when", first_slot)
        phone.fill("#phone", "0912345678")
        phone.check("#notify")
        phone.check("#consent")
        phone.get_by_role("button", name="Book").click()
        phone.get_by_text("Enter the confirmation code").wait_for()
        _in_english(phone, office_name)
        phone.fill("#code", "000000")
        phone.get_by_role("button", name="Confirm").click()
        phone.get_by_text("The code is wrong. 4 tries left.").wait_for()
        _in_english(phone, office_name)
        phone.fill("#code", gateway.code())
        # The code came by SMS in English too.
        assert any("your booking code is" in t for t in gateway.texts())
        phone.get_by_role("button", name="Confirm").click()
        phone.get_by_text("Your appointment").wait_for()
        assert phone.locator("#booking-code").inner_text().startswith("LH-")
        assert phone.locator("img.qr").is_visible()
        assert phone.locator("#status").inner_text() == "Status: Booked"
        _in_english(phone, office_name)
        ARTIFACTS.mkdir(exist_ok=True)
        phone.screenshot(path=str(ARTIFACTS / "booking-phone-en.png"), full_page=True)
    finally:
        gateway.close()


def _wait_for(gateway: Gateway, text: str) -> list[str]:
    import time

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if any(text in t for t in gateway.texts()):
            return gateway.texts()
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not received: {gateway.texts()}")
