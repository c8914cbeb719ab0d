"""What the message sender watches: offices whose bookings may need a message."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from motcua.core import booking, notify
from motcua.core.booking_models import Booking, Notification
from motcua.core.clock import Clock
from motcua.core.models import Office

# Bookings whose citizen may still be told something.
ACTIVE = ("booked", "issued", "checked_in")
QUEUED = select(Notification.id).where(Notification.status == "queued").limit(1)
WATCHED = select(Booking.id).where(Booking.status.in_(ACTIVE)).limit(1)


def has_waiting(session: Session) -> bool:
    """Whether messages or watched bookings are left (from an earlier run)."""
    queued = session.execute(QUEUED).first()
    return queued is not None or session.execute(WATCHED).first() is not None


def watched_offices(session: Session, since: date) -> set[int]:
    """The offices with bookings from `since` on that are booked or have a phone."""
    stmt = select(Booking.office_id).where(
        Booking.day >= since,
        or_(Booking.status == "booked", Booking.notify_to.is_not(None)),
    )
    return set(session.scalars(stmt))


def scan_office(session: Session, clock: Clock, office_id: int) -> None:
    """Queue the office's messages now due; an office gone meanwhile is skipped."""
    office = session.get(Office, office_id)
    if office is not None:
        notify.scan(session, office, clock)


def purge_all(session: Session, clock: Clock) -> None:
    """Drop the personal data of past bookings, in every office."""
    for office in session.scalars(select(Office)):
        booking.purge(session, office, clock)
