"""What the message sender watches, read through the core (booking_watch)."""

from __future__ import annotations

from datetime import timedelta

from motcua.core import booking_watch
from motcua.core.lookup import office_by_slug
from tests.booking.helpers import book, configure, local

TUE_8 = local(2026, 11, 24, 8, 0)


def test_the_sender_watches_the_offices_with_bookings_to_follow(db, world, clock):
    day = TUE_8.date()
    with db.sessions() as session:
        assert not booking_watch.has_waiting(session)
        assert booking_watch.watched_offices(session, day) == set()
    configure(db, {"per_person_daily": 5}, None)
    book(db, clock, kind="slot", slot_at=TUE_8, notify="sms")
    with db.sessions() as session:
        office = office_by_slug(session, "demo")
        assert booking_watch.has_waiting(session)
        assert booking_watch.watched_offices(session, day) == {office.id}
        later = day + timedelta(days=1)
        assert booking_watch.watched_offices(session, later) == set()
