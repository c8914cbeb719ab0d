"""The kiosk and the status page in Debian's Chromium against a real server."""

from __future__ import annotations

import pytest
import requests
from playwright.sync_api import expect

from motcua.core.db import Database
from motcua.core.lookup import office_by_slug
from motcua.core.procedure_seed import seed_ward_procedures
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_realtime import Listener, _post, _staff_token

AXE = ARTIFACTS.parent / "tests" / "e2e" / "vendor" / "axe-4.14.1.min.js"
WORDS = {
    "vi": {
        "tile": "Chứng thực",
        "called": "Đến lượt bạn! Mời bạn đến Quầy 1",
        "ahead": "Còn 0 người trước bạn",
        "done": "Xong",
    },
    "en": {
        "tile": "Certification",
        "called": "Your turn! Please go to counter 1",
        "ahead": "0 people ahead of you",
        "done": "Done",
    },
}


def _kiosk_page(browser, server, world, lang="vi", viewport=(1080, 1920)):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        locale="vi-VN",
        has_touch=True,
        viewport={"width": viewport[0], "height": viewport[1]},
    )
    tab = context.new_page()
    tab.goto(f"{server.url}/o/demo/kiosk?device_token={world.kiosk_token}")
    if lang == "en":
        tab.get_by_role("link", name="English").tap()
        tab.wait_for_url("**/kiosk?lang=en")
    tab.locator(".tile").first.wait_for()
    return tab


def _settings(server, **values):  # type: ignore[no-untyped-def]
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        office = office_by_slug(session, "demo")
        office.settings = {**(office.settings or {}), **values}
        if values.pop("_procedures", False):
            seed_ward_procedures(session, office)
    database.dispose()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_take_a_number_by_touch_and_follow_it_live(live, browser, lang):
    server, ours, _ = live
    words = WORDS[lang]
    kiosk = _kiosk_page(browser, server, ours, lang)
    tile = kiosk.get_by_role("button", name=words["tile"])
    tile.tap()
    number = kiosk.locator("#ticket-number")
    number.wait_for(state="visible")
    assert number.inner_text() == "1001"
    assert words["ahead"] in kiosk.locator("#ticket").inner_text()
    qr = kiosk.locator("#ticket-qr")
    kiosk.wait_for_function(
        "() => document.getElementById('ticket-qr').naturalWidth > 0"
    )
    ticket_id = qr.get_attribute("src").split("/")[2]
    ARTIFACTS.mkdir(exist_ok=True)
    kiosk.screenshot(path=str(ARTIFACTS / f"kiosk-ticket-{lang}.png"))

    phone = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True
    ).new_page()
    phone.goto(f"{server.url}/t/{ticket_id}")
    phone.locator("#state", has_text=words["ahead"]).wait_for(timeout=10_000)
    staff = _staff_token(server, "demo-staff")
    assert _post(server, "/offices/demo/counters/1/call-next", staff).status_code == 200
    phone.locator("#state", has_text=words["called"]).wait_for(timeout=10_000)
    phone.screenshot(path=str(ARTIFACTS / f"status-called-{lang}.png"))

    # Back at the start, a double tap gives one number, not two.
    kiosk.get_by_role("button", name=words["done"]).tap()
    kiosk.locator("#tiles").wait_for()
    kiosk.evaluate(
        "name => { const b = [...document.querySelectorAll('.tile')]"
        ".find(t => t.textContent.includes(name)); b.click(); b.click(); }",
        words["tile"],
    )
    number.wait_for(state="visible")
    assert number.inner_text() == "1002"
    headers = {"Authorization": f"Bearer {ours.kiosk_token}"}
    extra = requests.get(
        server.url + "/api/v1/offices/demo/tickets/by-number/1003",
        headers=headers,
        timeout=10,
    )
    assert extra.status_code == 404


def _axe(tab, name):  # type: ignore[no-untyped-def]
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("async () => await axe.run(document)")
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"{name}: {bad}"


SMALL = """() => [...document.querySelectorAll('button, a, input')]
  .filter(e => e.offsetParent !== null)
  .map(e => [e.id || e.className || e.textContent.trim(), e.getBoundingClientRect()])
  .filter(([, r]) => r.width < 64 || r.height < 64)
  .map(([name, r]) => [name, Math.round(r.width), Math.round(r.height)])"""


@pytest.mark.parametrize("viewport", [(1080, 1920), (1920, 1080)])
def test_kiosk_and_status_pages_are_accessible(live, browser, viewport):
    server, ours, _ = live
    _settings(server, kiosk_self_priority=True)
    kiosk = _kiosk_page(browser, server, ours, viewport=viewport)
    shape = "portrait" if viewport[0] < viewport[1] else "landscape"
    _axe(kiosk, "kiosk start")
    assert kiosk.evaluate(SMALL) == []
    kiosk.screenshot(path=str(ARTIFACTS / f"kiosk-{shape}.png"))
    kiosk.get_by_role("button", name="Hộ tịch").tap()
    kiosk.locator("#ticket-number").wait_for(state="visible")
    kiosk.wait_for_function(
        "() => document.getElementById('ticket-qr').naturalWidth > 0"
    )
    _axe(kiosk, "kiosk ticket")
    assert kiosk.evaluate(SMALL) == []
    kiosk.screenshot(path=str(ARTIFACTS / f"kiosk-ticket-{shape}.png"))
    ticket_id = kiosk.locator("#ticket-qr").get_attribute("src").split("/")[2]
    kiosk.get_by_role("button", name="Xong").tap()
    for opener, name in (("Tra cứu", "lookup"), ("Hướng dẫn thủ tục", "guide")):
        kiosk.get_by_role("button", name=opener).tap()
        kiosk.locator(f"#{name}").wait_for(state="visible")
        _axe(kiosk, f"kiosk {name}")
        assert kiosk.evaluate(SMALL) == []
        kiosk.locator("#nav-back").tap()
    status = browser.new_context(locale="vi-VN").new_page()
    status.goto(f"{server.url}/t/{ticket_id}")
    status.locator("#state", has_text="Còn 0 người trước bạn").wait_for()
    _axe(status, "status page")


def test_lookup_guide_help_and_id_card_on_the_kiosk(live, browser):
    server, ours, _ = live
    _settings(server, kiosk_cccd=True, per_person_daily_cap=1, _procedures=True)
    staff = _staff_token(server, "demo-staff")
    counter = Listener(
        server, "/counter", {"office": "demo", "token": staff, "counter": 1}
    )
    kiosk = _kiosk_page(browser, server, ours)

    # ID card: nothing is read without consent; with it, the cap holds per person.
    parse = "raw => window.motcuaCccd.parse(raw)"
    old = "001090012345|123456789|Nguyễn Văn A|01011990|Nam|Số 1, Phường X|15042021\r\n"
    new = "Nữ|079301000123|Trần Thị B|20052001|Phường Y, TP HCM|01072024"
    assert kiosk.evaluate(parse, old) == {
        "id": "001090012345",
        "masked": "********2345",
    }
    assert kiosk.evaluate(parse, new) == {
        "id": "079301000123",
        "masked": "********0123",
    }
    for bad in (
        "",
        "001090012345",
        "abc|def|ghi",
        "00109001234|x|y",
        "999090012345|a|b",
        "001090012345|079301000123|x",
    ):
        assert kiosk.evaluate(parse, bad) is None
    kiosk.get_by_role("button", name="Chứng thực").tap()
    kiosk.get_by_role("button", name="Đồng ý, tôi sẽ quét").tap()
    kiosk.locator("#scan-input").press_sequentially(old.strip())
    kiosk.locator("#scan-input").press("Enter")
    kiosk.locator("#ticket-number", has_text="1001").wait_for()
    kiosk.get_by_role("button", name="Xong").tap()
    kiosk.get_by_role("button", name="Chứng thực").tap()
    kiosk.get_by_role("button", name="Đồng ý, tôi sẽ quét").tap()
    kiosk.locator("#scan-input").fill(old)
    kiosk.locator("#scan-input").press("Enter")
    kiosk.locator("#message", has_text="tối đa 1 số").wait_for()
    kiosk.get_by_role("button", name="Không quét, lấy số").tap()
    kiosk.locator("#ticket-number", has_text="1002").wait_for()
    kiosk.get_by_role("button", name="Xong").tap()

    # Dossier code on the on-screen keyboard.
    requests.put(
        server.url + "/api/v1/offices/demo/dossiers/38.98.H29-210519-0013",
        json={"status": "ready", "procedure": "Đăng ký khai sinh"},
        headers={"Authorization": f"Bearer {staff}"},
        timeout=10,
    ).raise_for_status()
    kiosk.get_by_role("button", name="Tra cứu").tap()
    kiosk.get_by_role("button", name="Theo mã hồ sơ").tap()
    keyboard = kiosk.locator("#lookup .keyboard")
    for key in "38.98.H29-210519-0013":
        keyboard.locator(f'.key[data-key="{key}"]').tap()
    assert kiosk.locator("#lookup-input").input_value() == "38.98.H29-210519-0013"
    kiosk.locator("#lookup-form button[type=submit]").tap()
    kiosk.locator("#lookup-result", has_text="Đã có kết quả, mời đến nhận").wait_for()
    kiosk.locator("#lookup-input").fill("38.98.H29-210519-001")
    kiosk.locator("#lookup-input").press("Enter")
    kiosk.locator("#message", has_text="Mã hồ sơ chưa đúng dạng").wait_for()
    kiosk.locator("#nav-back").tap()

    # A scanner reading the ticket's QR on the start screen opens its status.
    ticket_url = requests.get(
        server.url + "/api/v1/offices/demo/tickets/by-number/1001",
        headers={"Authorization": f"Bearer {ours.kiosk_token}"},
        timeout=10,
    ).json()["status_url"]
    kiosk.locator("body").click(position={"x": 5, "y": 300})
    kiosk.keyboard.type(ticket_url)
    kiosk.keyboard.press("Enter")
    kiosk.locator("#lookup-result", has_text="1001").wait_for()
    kiosk.locator("#nav-back").tap()

    # The guide finds "chứng thực" typed without accents.
    kiosk.get_by_role("button", name="Hướng dẫn thủ tục").tap()
    for key in "CHUNG THUC":
        kiosk.locator(f'#guide .key[data-key="{key}"]').tap()
    kiosk.locator("#guide-form button[type=submit]").tap()
    # The guide opened with every entry listed; wait for the answer to the search
    # itself (every card of the field), not for a card both lists hold.
    cards = kiosk.locator("#guide-result article")
    expect(cards.filter(has_not_text="Lĩnh vực: Chứng thực")).to_have_count(0)
    expect(kiosk.locator("#guide-result")).to_contain_text(
        "Chứng thực chữ ký trong giấy tờ, văn bản"
    )
    assert cards.count() >= 3
    for text in cards.all_inner_texts():
        assert "Lĩnh vực: Chứng thực" in text and "Lấy số Chứng thực" in text
    kiosk.locator("#nav-back").tap()

    # Need help: staff consoles hear it.
    kiosk.get_by_role("button", name="Cần hỗ trợ").tap()
    kiosk.locator("#message", has_text="Đã báo cán bộ").wait_for()
    alert = counter.wait_for("help.requested")
    counter.close()
    assert alert["office"] == "demo" and alert["data"]["help"]["place"] == "k1"


def test_english_ticket_says_one_person_ahead_in_the_singular(live, browser):
    server, ours, _ = live
    first = _post(server, "/offices/demo/tickets", ours.kiosk_token, {"service": "CT"})
    assert first.status_code == 201
    kiosk = _kiosk_page(browser, server, ours, "en")
    kiosk.get_by_role("button", name="Certification").tap()
    kiosk.locator("#ticket-number", has_text="1002").wait_for()
    assert kiosk.locator("#ticket-ahead").inner_text() == "1 person ahead of you"
    kiosk.context.close()


def test_looking_up_letters_says_what_to_type(live, browser):
    """Letters where a ticket number goes: the kiosk says what a number looks like
    (digits, printed large on the ticket) and where dossier codes go, rather than
    repeating the hint above the box."""
    server, ours, _ = live
    kiosk = _kiosk_page(browser, server, ours)
    kiosk.get_by_role("button", name="Tra cứu").tap()
    kiosk.locator("#lookup-input").fill("ABC")
    kiosk.locator("#lookup-input").press("Enter")
    message = kiosk.locator("#message")
    expect(message).to_contain_text("chỉ gồm chữ số")
    expect(message).to_contain_text("ví dụ 1001")
    expect(message).to_contain_text("Theo mã hồ sơ")
    kiosk.context.close()
