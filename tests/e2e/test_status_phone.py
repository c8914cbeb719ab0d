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
