"""A look-up and the status page answer right for every status, in vi and en."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from motcua.core.models import Counter
from motcua.services import app_services
from tests.conftest import bearer
from tests.helpers import act, call_next, issue

# What the citizen reads, by situation: (Vietnamese, English).
EXPECTED = {
    "waiting": (
        "Đang chờ. Còn 0 người trước bạn · chờ dưới 1 phút",
        "Waiting. 0 people ahead of you · under 1 min wait",
    ),
    "called": ("Đến lượt bạn! Mời bạn đến Quầy 1", "Your turn! Please go to counter 1"),
    "serving": (
        "Bạn đang được phục vụ tại Quầy 1",
        "You are being served at counter 1",
    ),
    "done": ("Đã phục vụ xong. Cảm ơn bạn.", "Served. Thank you."),
    "no_show": (
        "Bạn đã được gọi nhưng không có mặt. Hãy báo cán bộ tại quầy để được xếp "
        "lại vào hàng chờ.",
        "You were called but were not there. Please tell staff at a counter to be "
        "put back in the queue.",
    ),
    "cancelled": ("Số này đã bị huỷ.", "This number was cancelled."),
    "transferred": (
        "Đang chờ được gọi lại (Hộ tịch). Còn 0 người trước bạn · chờ dưới 1 phút",
        "Waiting to be called again (Civil status). 0 people ahead of you · "
        "under 1 min wait",
    ),
}


def _ticket_in(app, world, clock, situation: str) -> str:
    """A ticket brought to the situation by the clerk at counter 1."""
    db, slug = app_services(app).db, world.office.slug
    ticket = issue(db, slug, world.kiosk, clock)
    if situation == "waiting":
        return ticket.id
    if situation == "cancelled":
        act(db, slug, world.staff, clock, "cancel", ticket.id)
        return ticket.id
    called = call_next(db, slug, world.staff, clock, 1)
    assert called is not None and called.id == ticket.id
    if situation == "serving":
        act(db, slug, world.staff, clock, "start", ticket.id)
    elif situation == "done":
        act(db, slug, world.staff, clock, "finish", ticket.id)
    elif situation == "no_show":
        act(db, slug, world.staff, clock, "no_show", ticket.id)
    elif situation == "transferred":
        act(db, slug, world.staff, clock, "transfer", ticket.id, service="HT")
    return ticket.id


def _number(app, ticket_id: str) -> str:
    with app_services(app).db.sessions() as session:
        from motcua.core.models import Ticket

        return str(session.get(Ticket, ticket_id).number)


@pytest.mark.parametrize("situation", sorted(EXPECTED))
def test_lookup_and_status_page_say_the_status(
    app, client, api_world, clock, situation
):
    ticket_id = _ticket_in(app, api_world, clock, situation)
    number = _number(app, ticket_id)
    for lang, expected in zip(("vi", "en"), EXPECTED[situation], strict=True):
        headers = {**bearer(api_world.kiosk_token), "Accept-Language": lang}
        looked = client.get(
            f"/api/v1/offices/demo/tickets/by-number/{number}", headers=headers
        )
        assert looked.status_code == 200
        assert looked.get_json()["status_text"] == expected
        own = client.get(f"/api/v1/tickets/{ticket_id}", headers=headers)
        assert own.get_json()["status_text"] == expected
        page = client.get(f"/t/{ticket_id}?lang={lang}").get_data(as_text=True)
        assert f'<p id="state" class="state">{expected}</p>' in page


def test_no_staffed_counter_is_said_instead_of_a_wait(app, client, api_world, clock):
    db = app_services(app).db
    with db.transaction() as session:
        session.execute(update(Counter).values(staff_id=None))
    ticket_id = _ticket_in(app, api_world, clock, "waiting")
    for lang, text in (("vi", "Chưa có quầy phục vụ"), ("en", "No counter serving")):
        headers = {**bearer(api_world.kiosk_token), "Accept-Language": lang}
        body = client.get(f"/api/v1/tickets/{ticket_id}", headers=headers).get_json()
        assert body["estimated_wait_s"] is None and body["staffed"] is False
        assert text in body["status_text"]


def test_one_person_ahead_is_said_in_the_singular_in_english():
    from motcua.i18n import ticket_status_text

    view = {"status": "waiting", "ahead": 1, "estimated_wait_s": 300}
    assert ticket_status_text(view, "en") == (
        "Waiting. 1 person ahead of you · about 5 min wait"
    )
    assert ticket_status_text(view, "vi") == (
        "Đang chờ. Còn 1 người trước bạn · chờ khoảng 5 phút"
    )
    assert ticket_status_text({**view, "ahead": 2}, "en").startswith(
        "Waiting. 2 people ahead"
    )
