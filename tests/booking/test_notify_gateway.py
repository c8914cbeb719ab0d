"""Messages over real HTTP to a gateway stand-in: once, with the counter, retried."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from motcua.core.booking_models import Notification
from motcua.services import app_services
from tests.booking.gateway import Gateway
from tests.booking.helpers import BY_SMS_TODAY, configure
from tests.conftest import bearer, staff_token
from tests.helpers import issue, press_next


@pytest.fixture
def gateway(app):  # type: ignore[no-untyped-def]
    app.config["OUTBOUND_PRIVATE"] = True  # the gateway stand-in is on 127.0.0.1
    stand_in = Gateway()
    yield stand_in
    stand_in.close()


def _book_today(client, sender, gateway) -> str:  # type: ignore[no-untyped-def]
    response = client.post("/o/demo/book", data=BY_SMS_TODAY)
    assert response.status_code == 302, response.get_data(as_text=True)
    page = response.headers["Location"]
    _tick(sender)
    code = gateway.code(timeout=1)
    response = client.post(page + "/code", data={"code": code})
    assert response.status_code == 302, response.get_data(as_text=True)
    return page


def _tick(sender) -> None:  # type: ignore[no-untyped-def]
    """One tick, and the messages it handed out."""
    sender.tick()
    sender.settle()


def _near(gateway) -> list[str]:  # type: ignore[no-untyped-def]
    return [t for t in gateway.texts() if "sap den luot" in t]


def test_turn_near_once_called_with_counter_and_retries(
    app, api_world, client, clock, gateway
):
    db = app_services(app).db
    sender = app_services(app).notify
    sender.autostart = False  # ticks are driven here, one at a time
    configure(db, {}, {"sms": {"url": gateway.url}, "near_ahead": 2, "timeout_s": 1})
    for _ in range(4):
        issue(db, "demo", api_world.kiosk, clock)
    page = _book_today(client, sender, gateway)
    _tick(sender)
    assert any("da duoc cap" in t for t in gateway.texts())  # the number is issued
    assert gateway.received[-1]["to"] == "0912345678"
    headers = bearer(staff_token(client))
    assert press_next(client, headers).status_code == 200  # 3 ahead
    _tick(sender)
    assert _near(gateway) == []
    press_next(client, headers)  # 2 ahead: near
    _tick(sender)
    press_next(client, headers)  # 1 ahead: not again
    _tick(sender)
    _tick(sender)
    assert _near(gateway) == [
        "Phường demo: so 1005 sap den luot, con 2 nguoi truoc ban."
    ]

    gateway.mode = "fail"
    press_next(client, headers)  # 0 ahead
    posted = gateway.attempts
    response = press_next(client, headers)  # our number is called
    assert response.status_code == 200
    assert gateway.attempts == posted  # the gateway has no part in the call
    _tick(sender)
    with db.sessions() as session:
        row = session.scalars(
            select(Notification).where(Notification.kind == "called")
        ).one()
        assert (row.status, row.attempts) == ("queued", 1)
        assert row.last_error == "HTTP 500" and row.to_masked == "******5678"
    assert not any("moi so" in t for t in gateway.texts())
    gateway.mode = "ok"
    _tick(sender)  # not due yet: the retry waits
    assert not any("moi so" in t for t in gateway.texts())
    clock.advance(1)
    _tick(sender)
    assert "Phường demo: moi so 1005 den Quầy 1." in gateway.texts()
    with db.sessions() as session:
        row = session.get(Notification, row.id)
        assert (row.status, row.attempts) == ("sent", 2)
    assert client.get(page).status_code == 200


def test_a_hanging_gateway_does_not_hold_up_the_queue(
    app, api_world, client, clock, gateway
):
    db = app_services(app).db
    sender = app_services(app).notify
    sender.autostart = False
    configure(db, {}, {"sms": {"url": gateway.url}, "timeout_s": 2})
    issue(db, "demo", api_world.kiosk, clock)
    _book_today(client, sender, gateway)
    headers = bearer(staff_token(client))
    gateway.mode = "hang"
    sender.tick()  # posting "issued" now waits on the gateway, in the office's lane
    deadline = time.monotonic() + 5
    while gateway.holding < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gateway.holding == 1
    for _ in range(2):
        response = press_next(client, headers)
        assert response.status_code == 200
    # Both presses were answered while the gateway still held the message.
    assert gateway.holding == 1
    assert sender.lanes.busy() == {api_world.office.id}
    sender.settle()  # the message's deadline cuts the post
    with db.sessions() as session:
        row = session.scalars(
            select(Notification).where(Notification.kind == "issued")
        ).one()
        assert row.status == "queued" and row.last_error == "no answer (deadline)"


def test_an_office_is_leased_no_more_than_its_deadline_lets_go_out(
    app, api_world, client, clock
):
    """A slow gateway's deadline is 20 s: two messages at a time fit a lease, so
    another process never takes one still being sent."""
    from motcua.core import notify

    db = app_services(app).db
    app_services(app).notify.autostart = False  # claims are made here only
    configure(db, {}, {"sms": {"url": "http://127.0.0.1:9/sms"}, "timeout_s": 20})
    for n in range(4):
        form = {**BY_SMS_TODAY, "phone": f"09123456{n:02d}"}
        response = client.post("/o/demo/book", data=form)
        assert response.status_code == 302, response.get_data(as_text=True)
    with db.transaction() as session:
        first = notify.claim_due(session, clock)
    with db.transaction() as session:  # another sender, meanwhile
        second = notify.claim_due(session, clock)
    with db.transaction() as session:
        third = notify.claim_due(session, clock)
    assert (len(first), len(second), len(third)) == (2, 2, 0)
    assert {d.id for d in first}.isdisjoint(d.id for d in second)


def test_a_citizen_who_booked_in_english_gets_english_messages(
    app, api_world, client, clock, gateway
):
    db = app_services(app).db
    sender = app_services(app).notify
    sender.autostart = False
    configure(db, {}, {"sms": {"url": gateway.url}, "timeout_s": 1})
    response = client.post("/o/demo/book?lang=en", data=BY_SMS_TODAY)
    assert response.status_code == 302, response.get_data(as_text=True)
    _tick(sender)
    [otp] = gateway.texts()
    assert otp.startswith("Phường demo: your booking code is "), otp
    code = gateway.code()
    page = response.headers["Location"]  # the booking's page, kept in English
    assert page.endswith("?lang=en")
    page = page.removesuffix("?lang=en")
    assert client.post(page + "/code", data={"code": code}).status_code == 302
    _tick(sender)
    [issued] = [t for t in gateway.texts() if "1001 (" in t]
    # The field by its English name; the office's name is its own data.
    assert issued.startswith("Phường demo: number 1001 (Certification) is yours.")
    assert "Phường demo: number 1001, your turn is near" in gateway.texts()[-1]
    assert all(set(sent) == {"to", "text"} for sent in gateway.received)
