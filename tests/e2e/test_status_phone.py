"""The ticket's status page on a citizen's phone (the QR on the ticket): no text
under 24 px at 360×740, in both languages and once called; axe clean."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_display_board import _post, _token
from tests.e2e.test_kiosk import _axe
from tests.e2e.test_kiosk_reach import FONT_SIZES

PHONE = {"width": 360, "height": 740}


def _small_texts(tab) -> list:  # type: ignore[no-untyped-def,type-arg]
    sizes = tab.evaluate(FONT_SIZES)
    assert sizes, "no visible text measured"
    return [s for s in sizes if s[0] < 24]


def _wider_than_phone(tab) -> list:  # type: ignore[no-untyped-def,type-arg]
    return tab.evaluate(
        """() => [...document.querySelectorAll('body *')]
          .filter(e => e.getClientRects().length)
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
          .map(e => e.id || e.className || e.tagName)"""
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_status_page_text_is_large_on_a_phone_waiting_and_called(live, browser, lang):
    server, ours, _ = live
    ticket = _post(
        server, "/offices/demo/tickets", ours.kiosk_token, {"service": "CT"}
    ).json()
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, has_touch=True, is_mobile=True
    )
    phone = context.new_page()
    phone.goto(f"{server.url}/t/{ticket['id']}?lang={lang}")
    waiting = "Còn 0 người trước bạn" if lang == "vi" else "0 people ahead"
    phone.locator("#state", has_text=waiting).wait_for()
    assert _small_texts(phone) == []
    assert _wider_than_phone(phone) == []
    _axe(phone, f"status page waiting ({lang})")
    phone.screenshot(path=str(ARTIFACTS / f"status-phone-waiting-{lang}.png"))
    _post(server, "/offices/demo/counters/1/call-next", _token(server, "demo-staff"))
    phone.locator("#state-card.called").wait_for(timeout=10_000)
    assert _small_texts(phone) == []
    assert _wider_than_phone(phone) == []
    _axe(phone, f"status page called ({lang})")
    phone.screenshot(path=str(ARTIFACTS / f"status-phone-called-{lang}.png"))
    context.close()


def test_status_page_asks_to_keep_the_ticket_only_while_waiting(live, browser):
    """Once called, served or done, "keep your ticket until called" is stale."""
    server, ours, _ = live
    ticket = _post(
        server, "/offices/demo/tickets", ours.kiosk_token, {"service": "CT"}
    ).json()
    context = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{server.url}/t/{ticket['id']}")
    keep = phone.get_by_text("Xin giữ phiếu cho đến khi được gọi.")
    keep.wait_for()
    staff = _token(server, "demo-staff")
    called = _post(server, "/offices/demo/counters/1/call-next", staff).json()
    phone.locator("#state-card.called").wait_for(timeout=10_000)
    keep.wait_for(state="hidden")
    _post(server, f"/tickets/{called['id']}/finish", staff)
    phone.locator("#state", has_text="Đã phục vụ xong").wait_for(timeout=10_000)
    assert not keep.is_visible()
    assert phone.get_by_text("Trang này tự cập nhật.").is_visible()
    context.close()


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "Đang chờ được gọi tại Quầy 2. Còn 0 người trước bạn"),
        ("en", "Waiting to be called at counter 2. 0 people ahead of you"),
    ],
)
def test_a_citizen_sent_to_another_counter_reads_which(live, browser, lang, said):
    """Transferred to counter 2, the citizen waits for counter 2 alone: the phone and
    the kiosk's look-up say so, not the field they first came for."""
    server, ours, _ = live
    ticket = _post(
        server, "/offices/demo/tickets", ours.kiosk_token, {"service": "CT"}
    ).json()
    staff = _token(server, "demo-staff")
    _post(server, "/offices/demo/counters/1/call-next", staff)
    context = browser.new_context(locale="vi-VN", viewport=PHONE)
    phone = context.new_page()
    phone.goto(f"{server.url}/t/{ticket['id']}?lang={lang}")
    phone.locator("#state-card.called").wait_for(timeout=10_000)
    _post(server, f"/tickets/{ticket['id']}/transfer", staff, {"counter": 2})
    phone.locator("#state", has_text=said).wait_for(timeout=10_000)
    phone.screenshot(path=str(ARTIFACTS / f"status-phone-sent-{lang}.png"))
    context.close()
    kiosk = browser.new_context(locale="vi-VN").new_page()
    kiosk.goto(f"{server.url}/o/demo/kiosk?device_token={ours.kiosk_token}")
    if lang == "en":
        kiosk.locator("#lang-switch").click()
    kiosk.locator("#open-lookup").click()
    kiosk.locator("#lookup-input").fill(ticket["number"])
    kiosk.locator("#lookup-input").press("Enter")
    kiosk.locator("#lookup-result", has_text=said).wait_for(timeout=10_000)
    kiosk.context.close()
