"""The citizen's booking pages in Vietnamese by default, in English when chosen."""

from __future__ import annotations

import re

from motcua.services import app_services
from tests.booking.helpers import TUE_8_ISO, configure, get, last_code

FORM = {"service": "CT", "when": TUE_8_ISO, "phone": "0912345678", "consent": "yes"}
ENGLISH_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}


def _setup(app):  # type: ignore[no-untyped-def]
    app_services(app).notify.autostart = False
    configure(app_services(app).db)
    return app_services(app).db


def _html_lang(page: str) -> str:
    found = re.search(r'<html lang="(\w+)">', page)
    assert found is not None
    return found.group(1)


def test_the_pages_are_vietnamese_unless_english_is_chosen(app, api_world, client):
    db = _setup(app)
    start = client.get("/o/demo/book", headers=ENGLISH_BROWSER).get_data(as_text=True)
    assert _html_lang(start) == "vi" and "1. Chọn lĩnh vực" in start
    assert "Choose a field" not in start and 'href="/o/demo/book?lang=en"' in start
    assert 'href="/o/demo/book?service=CT"' in start  # no parameter for the default
    form = client.get("/o/demo/book?service=CT", headers=ENGLISH_BROWSER)
    assert "2. Chọn thời gian" in form.get_data(as_text=True)
    refused = client.post("/o/demo/book", data={**FORM, "consent": ""})
    assert refused.status_code == 400
    assert "Cần đồng ý" in refused.get_data(as_text=True)
    made = client.post("/o/demo/book", data=FORM, headers=ENGLISH_BROWSER)
    page = made.headers["Location"]
    assert "lang" not in page
    assert get(db, page.rsplit("/", 1)[1]).lang == "vi"
    shown = client.get(page, headers=ENGLISH_BROWSER).get_data(as_text=True)
    assert _html_lang(shown) == "vi" and "Nhập mã xác nhận" in shown


def test_english_is_kept_from_the_first_page_to_the_booking(app, api_world, client):
    db = _setup(app)
    start = client.get("/o/demo/book?lang=en").get_data(as_text=True)
    assert _html_lang(start) == "en" and "1. Choose a field" in start
    assert 'href="/o/demo/book?service=CT&amp;lang=en"' in start
    assert "Certification" in start  # the field's English name
    form = client.get("/o/demo/book?service=CT&lang=en").get_data(as_text=True)
    assert 'action="/o/demo/book?lang=en"' in form and "2. Choose a time" in form
    refused = client.post("/o/demo/book?lang=en", data={**FORM, "consent": ""})
    assert "Please agree to the personal data notice" in refused.get_data(as_text=True)
    made = client.post("/o/demo/book?lang=en", data=FORM)
    page = made.headers["Location"]
    assert made.status_code == 302 and page.endswith("?lang=en")
    booking_id = page.split("?")[0].rsplit("/", 1)[1]
    assert get(db, booking_id).lang == "en"
    wrong = client.post(f"/o/demo/b/{booking_id}/code?lang=en", data={"code": "0"})
    text = wrong.get_data(as_text=True)
    assert _html_lang(text) == "en" and "The code is wrong. 4 tries left." in text
    code = last_code(db, booking_id)
    done = client.post(f"/o/demo/b/{booking_id}/code?lang=en", data={"code": code})
    assert done.headers["Location"].endswith("?lang=en")
    booked = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Your appointment" in booked and "Status: Booked" in booked


def test_a_booking_page_opens_in_the_booking_s_language(app, api_world, client):
    _setup(app)
    page = client.post("/o/demo/book?lang=en", data=FORM).headers["Location"]
    plain = page.split("?")[0]  # the address the message sends carries no choice
    shown = client.get(plain).get_data(as_text=True)
    assert _html_lang(shown) == "en" and "Enter the confirmation code" in shown
    assert f'action="{plain}/code"' in shown
    back = client.get(plain + "?lang=vi").get_data(as_text=True)
    assert _html_lang(back) == "vi" and "Nhập mã xác nhận" in back
    assert f'action="{plain}/code?lang=vi"' in back
    wrong = client.post(plain + "/code?lang=vi", data={"code": "0"})
    assert "Mã xác nhận không đúng" in wrong.get_data(as_text=True)


def test_a_missing_booking_is_told_in_the_chosen_language(app, api_world, client):
    _setup(app)
    english = client.get("/o/demo/b/nope?lang=en")
    assert english.status_code == 404
    text = english.get_data(as_text=True)
    assert _html_lang(text) == "en" and "Booking not found" in text
    assert 'href="/o/demo/book?lang=en"' in text
    default = client.get("/o/demo/b/nope", headers=ENGLISH_BROWSER)
    assert "Không tìm thấy lịch hẹn" in default.get_data(as_text=True)
