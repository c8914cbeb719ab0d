"""Booking from home with no SMS or Zalo gateway, as the demo runs: the code waits
in an outbox staff read at the counter; the form keeps what was typed; a field
with no numbers left is said before any code is sent."""

from __future__ import annotations

import re

from sqlalchemy import select

from motcua.core.booking_models import Booking, Notification
from motcua.core.lookup import office_by_slug, service_by_code
from motcua.services import app_services
from tests.booking.helpers import configure
from tests.conftest import bearer, staff_token

FORM = {"service": "CT", "when": "today", "phone": "0912345678", "consent": "yes"}


def _setup(app):  # type: ignore[no-untyped-def]
    app_services(app).notify.autostart = False
    db = app_services(app).db
    configure(db, notify_conf={})  # no gateway, as in the demo
    return db


def test_code_reaches_the_citizen_through_the_counter(app, api_world, client, clock):
    db = _setup(app)
    form = client.get("/o/demo/book?service=CT").get_data(as_text=True)
    assert "mã xác nhận nằm ở quầy tiếp đón" in form
    response = client.post("/o/demo/book", data=FORM)
    assert response.status_code == 302
    page = response.headers["Location"]
    html = client.get(page).get_data(as_text=True)
    assert 'id="outbox-note"' in html and "quầy tiếp đón" in html
    staff = bearer(staff_token(client))
    day = client.get("/api/v1/offices/demo/bookings", headers=staff).get_json()
    [message] = day["outbox"]
    assert message["to"].endswith("5678") and "0912345678" not in str(day["outbox"])
    code = re.search(r"\b(\d{6})\b", message["text"]).group(1)
    assert client.post(page + "/code", data={"code": code}).status_code == 302
    with db.sessions() as session:
        assert session.scalars(select(Booking.status)).one() == "issued"
        [sent] = session.scalars(select(Notification)).all()
        assert sent.status == "outbox"  # the sender never tries a gateway


def test_form_keeps_what_was_typed(app, api_world, client):
    _setup(app)
    response = client.post("/o/demo/book", data={**FORM, "phone": "12ab"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert (
        'value="12ab"' in page and 'name="consent" type="checkbox" value="yes"' in page
    )
    assert "checked" in page.split('id="consent"')[1][:120]


def test_no_numbers_left_is_said_before_a_code(app, api_world, client):
    db = _setup(app)
    with db.transaction() as session:
        service = service_by_code(session, office_by_slug(session, "demo"), "CT")
        service.daily_cap = 0
    response = client.post("/o/demo/book", data=FORM)
    assert response.status_code == 409
    assert "hết số trong ngày" in response.get_data(as_text=True)
    with db.sessions() as session:
        assert session.scalars(select(Notification)).all() == []
        assert session.scalars(select(Booking)).all() == []
