"""The booking face over HTTP: the phone pages, check-in, the staff list."""

from __future__ import annotations

from sqlalchemy import select

from motcua.core.booking_models import Booking
from motcua.services import app_services
from tests.booking.helpers import TUE_8_ISO, configure, last_code
from tests.conftest import bearer, build_world, staff_token

FORM = {"service": "CT", "when": TUE_8_ISO, "phone": "0912345678", "consent": "yes"}


def _setup(app):  # type: ignore[no-untyped-def]
    app_services(app).notify.autostart = False
    configure(app_services(app).db)
    return app_services(app).db


def _booked(client, db) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    response = client.post("/o/demo/book", data=FORM)
    assert response.status_code == 302
    page = response.headers["Location"]
    booking_id = page.rsplit("/", 1)[1]
    assert (
        client.post(
            page + "/code", data={"code": last_code(db, booking_id)}
        ).status_code
        == 302
    )
    with db.sessions() as session:
        return page, session.get(Booking, booking_id).code


def test_the_phone_page_lists_fields_then_times(app, api_world, client):
    _setup(app)
    start = client.get("/o/demo/book").get_data(as_text=True)
    assert "Chứng thực" in start and "Hộ tịch" in start
    form = client.get("/o/demo/book?service=CT").get_data(as_text=True)
    assert "Lấy số ngay cho hôm nay" in form and TUE_8_ISO in form
    assert "Thông báo về dữ liệu cá nhân" in form and len(form) < 150_000
    slots = client.get("/api/v1/offices/demo/bookings/slots?service=CT").get_json()
    assert TUE_8_ISO in [s["at"] for s in slots["slots"]]


def test_errors_are_shown_on_the_page(app, api_world, client):
    db = _setup(app)
    response = client.post("/o/demo/book", data={**FORM, "consent": ""})
    assert response.status_code == 400
    assert "Cần đồng ý" in response.get_data(as_text=True)
    page = client.post("/o/demo/book", data=FORM).headers["Location"]
    wrong = client.post(page + "/code", data={"code": "000000x"})
    assert wrong.status_code == 400 and "Còn 4 lần thử" in wrong.get_data(as_text=True)
    assert client.get("/o/demo/b/nope").status_code == 404
    assert db is not None


def test_the_booking_page_shows_the_code_and_cancels(app, api_world, client):
    db = _setup(app)
    page, code = _booked(client, db)
    html = client.get(page).get_data(as_text=True)
    assert code in html and "Huỷ lịch hẹn" in html
    assert client.get(page + "/qr.svg").mimetype == "image/svg+xml"
    assert client.post(page + "/cancel").status_code == 302
    with db.sessions() as session:
        assert session.scalars(select(Booking.status)).one() == "cancelled"
    again = client.post(page + "/cancel")
    assert again.status_code == 409 and "Không thể huỷ" in again.get_data(as_text=True)


def test_check_in_answers(app, api_world, client, clock):
    db = _setup(app)
    _, code = _booked(client, db)
    url = "/api/v1/offices/demo/bookings/check-in"
    kiosk = bearer(api_world.kiosk_token)
    early = client.post(url, json={"code": code}, headers=kiosk)
    assert early.status_code == 409
    assert "lấy số thường" in early.get_json()["error"]["message"]
    assert (
        client.post(url, json={"code": "LH-AAAAAA"}, headers=kiosk).status_code == 404
    )
    assert client.post(url, json={"code": "xyz"}, headers=kiosk).status_code == 400
    assert client.post(url, json={"code": code}).status_code == 401
    other = build_world(db, clock, "khac")
    refused = client.post(url, json={"code": code}, headers=bearer(other.kiosk_token))
    assert refused.status_code == 403
    clock.at = clock.at.replace(day=24, hour=1)  # 08:00 in Hanoi on the slot's day
    done = client.post(url, json={"code": code}, headers=kiosk)
    assert done.status_code == 201
    assert done.get_json()["number"] == "1001" and "status_url" in done.get_json()


def test_staff_see_the_day_and_figures(app, api_world, client, clock):
    db = _setup(app)
    client.post("/o/demo/book", data={**FORM, "when": "today"})
    url = "/api/v1/offices/demo/bookings"
    assert client.get(url).status_code == 401
    assert client.get(url, headers=bearer(api_world.kiosk_token)).status_code == 403
    headers = bearer(staff_token(client))
    pending = client.get(url, headers=headers).get_json()
    assert pending["bookings"] == []  # an unconfirmed booking is nobody's yet
    _booked(client, db)
    later = client.get(url + "?day=2026-11-24", headers=headers).get_json()
    assert [b["status"] for b in later["bookings"]] == ["booked"]
    assert later["bookings"][0]["person"] == "******5678"
    assert "0912345678" not in str(later)
    assert later["figures"]["slots_booked"] == 1
    page = client.get("/o/demo/bookings").get_data(as_text=True)
    assert "Lịch hẹn và số lấy từ xa hôm nay" in page
