"""The kiosk guide says where each entry comes from and, until the ward has checked
an entry's fee and time, that they are to be confirmed with staff."""

from __future__ import annotations

from sqlalchemy import select

from motcua.core.db import Database
from motcua.core.models import Procedure
from tests.e2e.test_kiosk import _axe, _kiosk_page, _settings
from tests.e2e.test_kiosk_reach import FONT_SIZES

TO_CHECK = "Lệ phí và thời gian đang chờ phường kiểm tra lại"


def _mark_checked(server, title: str) -> None:  # type: ignore[no-untyped-def]
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        row = session.scalars(select(Procedure).where(Procedure.title == title)).one()
        row.checked = True
    database.dispose()


def _search(kiosk, words: str):  # type: ignore[no-untyped-def]
    # The last answer is cleared first, so what is read below is the new one.
    kiosk.evaluate("() => { document.getElementById('guide-result').innerHTML = '' }")
    kiosk.locator("#guide-input").fill(words)
    kiosk.locator("#guide-form button[type=submit]").tap()
    first = kiosk.locator("#guide-result article").first
    first.locator("h3", has_text="Đăng ký khai sinh").wait_for()
    return first


def test_guide_entries_show_their_source_and_the_check_mark_until_checked(
    live, browser
):
    server, ours, _ = live
    _settings(server, _procedures=True)
    kiosk = _kiosk_page(browser, server, ours)
    kiosk.get_by_role("button", name="Hướng dẫn thủ tục").tap()
    kiosk.locator("#guide-result article").first.wait_for()
    articles = kiosk.locator("#guide-result article")
    for n in range(articles.count()):
        text = articles.nth(n).inner_text()
        assert "Nguồn: Theo Bộ thủ tục hành chính cấp xã" in text
        assert TO_CHECK in text
    assert [s for s in kiosk.evaluate(FONT_SIZES) if s[0] < 24] == []
    _axe(kiosk, "guide with check marks")
    assert TO_CHECK in _search(kiosk, "khai sinh").inner_text()
    _mark_checked(server, "Đăng ký khai sinh")
    entry = _search(kiosk, "dang ky khai sinh")
    entry.locator("p.source").wait_for()
    assert TO_CHECK not in entry.inner_text()
    assert "Nguồn:" in entry.inner_text()
