"""Bookings in the core: identity, caps and windows at their edges, on both DBs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from motcua.core import booking, booking_checkin, booking_slots, booking_views
from motcua.core.booking_models import Booking, Notification
from motcua.core.errors import Conflict, Invalid, NotFound
from motcua.core.lookup import office_by_slug
from motcua.core.models import Ticket
from motcua.core.retention import purge_personal_data
from tests.booking.helpers import (
    book,
    check_in,
    configure,
    confirm,
    get,
    last_code,
    local,
    start,
)
from tests.conftest import build_world
from tests.helpers import issue

TUE_8 = local(2026, 11, 24, 8, 0)


def refused(code: str, fn, *args, **kw):  # type: ignore[no-untyped-def]
    with pytest.raises((Conflict, Invalid, NotFound)) as info:
        fn(*args, **kw)
    assert info.value.code == code, info.value.code
    return info.value


def test_a_number_for_today_joins_the_queue_by_its_time(db, world, clock):
    configure(db)
    walk_in = issue(db, "demo", world.kiosk, clock)
    clock.advance(60)
    booking_id, _ = start(db, clock, phone="+84 912 345 678")
    assert get(db, booking_id).status == "pending"
    with db.sessions() as session:
        otp = session.scalars(select(Notification)).one()
        assert otp.kind == "otp" and otp.to_masked == "******5678"
        assert otp.params["code"] != ""
    assert confirm(db, clock, booking_id).ok
    done = get(db, booking_id)
    assert done.status == "issued" and done.person_masked == "******5678"
    assert done.notify_to is None  # no opt-in: the phone is not kept
    assert "0912345678" not in (done.person_key or "")
    with db.sessions() as session:
        ticket = session.get(Ticket, done.ticket_id)
        assert ticket.channel == "remote" and ticket.number == walk_in.number + 1
        assert ticket.person_key == done.person_key


def test_consent_is_required_and_recorded(db, world, clock):
    configure(db)
    refused("consent_required", start, db, clock, consent=False)
    booking_id, _ = start(db, clock)
    item = get(db, booking_id)
    assert item.consent_text == booking.CONSENT_TEXT and item.consent_at == clock.now()


def test_a_slot_books_and_checks_in_within_the_grace_window(db, world, clock):
    configure(db, {"grace_before_min": 15, "grace_after_min": 10})
    booking_id = book(db, clock, kind="slot", slot_at=TUE_8)
    code = get(db, booking_id).code
    clock.at = TUE_8 - timedelta(minutes=15, seconds=1)
    refused("booking_early", check_in, db, clock, world.kiosk, code)
    clock.at = TUE_8 - timedelta(minutes=15)
    ticket = check_in(db, clock, world.kiosk, code.lower().replace("-", " "))
    assert ticket.channel == "booking" and get(db, booking_id).status == "checked_in"
    again = check_in(db, clock, world.kiosk, code)  # a second scan: the same ticket
    assert again.id == ticket.id


def test_the_last_moment_of_the_grace_window_is_allowed(db, world, clock):
    configure(db, {"grace_after_min": 10})
    code = get(db, book(db, clock, kind="slot", slot_at=TUE_8)).code
    clock.at = TUE_8 + timedelta(minutes=10)
    assert check_in(db, clock, world.kiosk, code).status == "waiting"


def test_an_early_answer_says_when_and_what_else(db, world, clock):
    configure(db)
    code = get(db, book(db, clock, kind="slot", slot_at=TUE_8)).code
    err = refused("booking_early", check_in, db, clock, world.kiosk, code)
    assert err.params["at"] == "07:45 24/11/2026"
    from booking import messages  # noqa: F401
    from motcua.i18n import message

    assert "lấy số thường" in message("booking_early", "vi", **err.params)


def test_slot_capacity_last_allowed_first_refused_and_cancel_frees(db, world, clock):
    configure(db, {"capacity": {"CT": 2}})
    book(db, clock, kind="slot", slot_at=TUE_8, phone="0900000001")
    second = book(db, clock, kind="slot", slot_at=TUE_8, phone="0900000002")
    refused(
        "slot_full", start, db, clock, kind="slot", slot_at=TUE_8, phone="0900000003"
    )
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        booking.cancel_booking(session, office, clock, session.get(Booking, second))
    book(db, clock, kind="slot", slot_at=TUE_8, phone="0900000003")


def test_capacity_is_checked_again_at_confirmation(db, world, clock):
    configure(db, {"capacity": {"CT": 1}})
    first, _ = start(db, clock, kind="slot", slot_at=TUE_8, phone="0900000001")
    book(db, clock, kind="slot", slot_at=TUE_8, phone="0900000002")
    refused("slot_full", confirm, db, clock, first)


def test_numbers_per_person_per_day(db, world, clock):
    configure(db, {"per_person_daily": 2})
    book(db, clock)
    book(db, clock, phone="0912 345 678")
    refused("person_day_cap", start, db, clock)
    book(db, clock, phone="0900000009")  # someone else still can


def test_one_active_booking_per_person_until_cancelled(db, world, clock):
    configure(db, {"active_per_person": 1})
    first = book(db, clock, kind="slot", slot_at=TUE_8)
    later = TUE_8 + timedelta(days=1)
    refused("active_booking_cap", start, db, clock, kind="slot", slot_at=later)
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        booking.cancel_booking(session, office, clock, session.get(Booking, first))
    book(db, clock, kind="slot", slot_at=later)


def test_daily_cap_per_field(db, world, clock):
    configure(db, {"daily_cap": {"CT": 2}, "capacity": {"*": 9}})
    book(db, clock, phone="0900000001")
    book(db, clock, kind="slot", slot_at=TUE_8, phone="0900000002")
    book(db, clock, kind="slot", slot_at=TUE_8, phone="0900000003")
    refused(
        "booking_day_full", start, db, clock, kind="slot", slot_at=TUE_8,
        phone="0900000004",
    )  # fmt: skip
    book(db, clock, service="HT", phone="0900000005")  # another field is not capped


@pytest.mark.parametrize(
    ("at", "ok"),
    [
        (local(2026, 11, 23, 5, 59, 59), False),
        (local(2026, 11, 23, 6, 0), True),
        (local(2026, 11, 23, 20, 59, 59), True),
        (local(2026, 11, 23, 21, 0), False),
    ],
)
def test_booking_hours(db, world, clock, at, ok):
    configure(db, {"open": "06:00-21:00"})
    clock.at = at
    if ok:
        start(db, clock, kind="slot", slot_at=TUE_8)
    else:
        refused("booking_closed", start, db, clock, kind="slot", slot_at=TUE_8)


def test_a_number_for_today_only_until_closing(db, world, clock):
    configure(db)
    clock.at = local(2026, 11, 23, 16, 59, 59)
    start(db, clock)
    clock.at = local(2026, 11, 23, 17, 0)
    refused("today_closed", start, db, clock, phone="0900000001")


def test_days_ahead_last_allowed_first_refused(db, world, clock):
    configure(db, {"days_ahead": 7})
    start(db, clock, kind="slot", slot_at=local(2026, 11, 30, 8, 0))  # Monday +7
    refused(
        "slot_too_far", start, db, clock, kind="slot", slot_at=local(2026, 12, 1, 8, 0)
    )


def test_slots_follow_the_hours_and_the_grid(db, world, clock):
    configure(db)
    refused(
        "bad_slot", start, db, clock, kind="slot", slot_at=TUE_8 + timedelta(minutes=10)
    )
    refused("bad_slot", start, db, clock, kind="slot", slot_at=local(2026, 11, 24, 12))
    refused("bad_slot", start, db, clock, kind="slot", slot_at=local(2026, 11, 23, 8))
    with db.sessions() as session:
        office = office_by_slug(session, "demo")
        slots = booking_slots.open_slots(session, office, clock, world.services["CT"])
    assert slots[0]["at"] == local(2026, 11, 23, 9, 30).isoformat()
    assert local(2026, 11, 29, 8).isoformat() not in [s["at"] for s in slots]  # Sunday


def test_code_expiry_edge(db, world, clock):
    configure(db, {"otp_ttl_s": 300})
    booking_id, _ = start(db, clock)
    clock.advance(301)
    refused("otp_expired", confirm, db, clock, booking_id)
    other, _ = start(db, clock, phone="0900000001")
    clock.advance(300)
    assert confirm(db, clock, other).ok


def test_code_attempts_edge(db, world, clock):
    configure(db, {"otp_attempts": 3})
    booking_id, _ = start(db, clock)
    assert confirm(db, clock, booking_id, "000000x").left == 2
    assert confirm(db, clock, booking_id, "000000x").left == 1
    assert confirm(db, clock, booking_id).ok  # the last try may still be right
    locked, _ = start(db, clock, phone="0900000001")
    for _ in range(3):
        assert not confirm(db, clock, locked, "000000x").ok
    assert get(db, locked).status == "locked"
    refused("booking_not_pending", confirm, db, clock, locked, "123456")


def test_resend_waits_and_replaces_the_code(db, world, clock):
    configure(db, {"otp_resend_s": 60})
    booking_id, _ = start(db, clock)
    old = last_code(db, booking_id)

    def resend():  # type: ignore[no-untyped-def]
        with db.transaction() as session:
            office = office_by_slug(session, "demo")
            item = session.get(Booking, booking_id)
            booking.send_code(session, office, clock, item, first=False)

    clock.advance(59)
    refused("otp_wait", resend)
    clock.advance(1)
    resend()
    new = last_code(db, booking_id)
    if new != old:
        assert not confirm(db, clock, booking_id, old).ok
    assert confirm(db, clock, booking_id, new).ok


def test_without_a_gateway_the_code_waits_in_the_outbox(db, world, clock):
    configure(db, notify_conf={})
    booking_id, _ = start(db, clock)
    with db.sessions() as session:
        [sent] = session.scalars(select(Notification)).all()
        assert (sent.channel, sent.status) == ("outbox", "outbox")
    assert confirm(db, clock, booking_id, last_code(db, booking_id)).ok


def test_id_card_and_name_book_at_once_where_the_office_prefers(db, world, clock):
    configure(db, {"identity": "id_card"}, {})
    refused("bad_phone", start, db, clock)  # this office takes ID cards only
    refused("name_required", start, db, clock, id_number="001090012345")
    booking_id, events = start(db, clock, id_number="001090012345", name="Nguyễn Văn A")
    item = get(db, booking_id)
    assert item.status == "issued" and item.person_masked == "********2345"
    assert [e.name for e in events] == ["ticket.issued"]


def test_cancelling_a_number_for_today_cancels_its_ticket(db, world, clock):
    configure(db, {"per_person_daily": 1})
    booking_id = book(db, clock)
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        events = booking.cancel_booking(
            session, office, clock, session.get(Booking, booking_id)
        )
    assert [e.name for e in events] == ["ticket.cancelled"]
    book(db, clock)  # the person's number for the day is free again


def test_offices_do_not_see_each_others_bookings(db, world, clock):
    other = build_world(db, clock, "khac")
    configure(db)
    code = get(db, book(db, clock, kind="slot", slot_at=TUE_8)).code
    clock.at = TUE_8
    with db.transaction() as session:
        khac = office_by_slug(session, "khac")
        refused("booking_unknown", booking_checkin.by_code, session, khac, code)
    with pytest.raises(Exception) as info:
        check_in(db, clock, other.kiosk, code)
    assert getattr(info.value, "code", "") == "not_allowed"


def test_missed_bookings_and_purge(db, world, clock):
    configure(db, {"grace_after_min": 15, "per_person_daily": 5}, None)
    slot = book(db, clock, kind="slot", slot_at=TUE_8, notify="sms")
    assert get(db, slot).notify_to == "0912345678"
    clock.at = TUE_8 + timedelta(minutes=15, seconds=1)
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        assert [b.id for b in booking_checkin.mark_missed(session, office, clock)] == [
            slot
        ]
    clock.at = local(2026, 11, 25, 9)  # the next day: the phone goes
    with db.transaction() as session:
        assert booking.purge(session, office_by_slug(session, "demo"), clock) == 1
    item = get(db, slot)
    assert item.notify_to is None and item.person_key is not None
    clock.at = local(2027, 1, 1, 9)  # after the retention days: key and mask go
    with db.transaction() as session:
        booking.purge(session, office_by_slug(session, "demo"), clock)
    item = get(db, slot)
    assert item.person_key is None and item.person_masked is None


def test_the_office_retention_purge_clears_bookings_too(db, world, clock):
    # The admin's "purge now" button and the daily task run purge_personal_data.
    configure(db, {"per_person_daily": 5}, None)
    slot = book(db, clock, kind="slot", slot_at=TUE_8, notify="sms")
    clock.at = local(2027, 1, 1, 9)  # past the 30 retention days
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        assert purge_personal_data(session, office, clock) == 1
        assert purge_personal_data(session, office, clock) == 0
    item = get(db, slot)
    assert item.notify_to is None and item.person_key is None
    assert item.person_masked is None and item.id == slot  # the booking stays


def test_figures_for_the_daily_report(db, world, clock):
    configure(db, {"per_person_daily": 5, "active_per_person": 3})
    book(db, clock)
    tue = book(db, clock, kind="slot", slot_at=TUE_8, phone="0900000001")
    with db.sessions() as session:
        office = office_by_slug(session, "demo")
        today = booking_views.figures(session, office, clock.now().date())
        from motcua.core.reports import daily_report

        report = daily_report(session, office, TUE_8.date())
    assert today["remote_numbers"] == 1 and today["slots_booked"] == 0
    assert report["bookings"]["slots_booked"] == 1
    assert get(db, tue).status == "booked"


def test_scan_queues_called_and_no_show_once_each(db, world, clock):
    from motcua.core import notify
    from tests.helpers import act, call_next

    configure(db, {}, {"sms": {"url": "http://127.0.0.1:9/"}, "near_ahead": 0})
    booking_id = book(db, clock, notify="sms")
    ticket = call_next(db, "demo", world.staff, clock, 1)
    assert ticket is not None and ticket.id == get(db, booking_id).ticket_id
    act(db, "demo", world.staff, clock, "no_show", ticket.id)
    for _ in range(2):
        with db.transaction() as session:
            notify.scan(session, office_by_slug(session, "demo"), clock)
    with db.sessions() as session:
        kinds = sorted(
            session.scalars(select(Notification.kind).where(Notification.kind != "otp"))
        )
        called = session.scalars(
            select(Notification).where(Notification.kind == "called")
        ).one()
    assert kinds == ["called", "issued", "no_show"]
    assert called.params["counter"] == "Quầy 1" and called.to_masked == "******5678"


def test_a_slot_after_midnight_checked_in_before_it_is_still_messaged(db, world, clock):
    from motcua.core import notify
    from tests.helpers import call_next

    all_day = {"mon_fri": "00:00-24:00", "sat": "00:00-24:00", "sun": "00:00-24:00"}
    configure(
        db,
        {"hours": all_day, "open": "00:00-24:00", "grace_before_min": 15},
        {"sms": {"url": "http://127.0.0.1:9/"}, "near_ahead": 0},
    )
    clock.at = local(2026, 11, 23, 23, 40)
    midnight = local(2026, 11, 24, 0, 0)
    booking_id = book(db, clock, kind="slot", slot_at=midnight, notify="sms")
    clock.at = midnight - timedelta(minutes=10)  # still Monday: a ticket of Monday
    check_in(db, clock, world.kiosk, get(db, booking_id).code)
    called = call_next(db, "demo", world.staff, clock, 1)
    assert called is not None and called.id == get(db, booking_id).ticket_id
    with db.transaction() as session:
        notify.scan(session, office_by_slug(session, "demo"), clock)
    with db.sessions() as session:
        kinds = set(session.scalars(select(Notification.kind)))
    assert "called" in kinds, kinds


def test_codes_to_one_phone_are_few_an_hour(db, world, clock):
    configure(db, {"codes_per_hour": 3})
    for _ in range(3):
        start(db, clock)  # three unconfirmed: the last allowed
    refused("otp_too_many", start, db, clock)
    start(db, clock, phone="0900000001")  # another phone is not held back
    clock.advance(3600)
    start(db, clock)
