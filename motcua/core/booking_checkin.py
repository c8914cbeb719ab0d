"""Check-in: a booking's code at the kiosk within its window, and missed slots."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core import tickets
from motcua.core.actors import Actor
from motcua.core.booking_models import Booking
from motcua.core.booking_slots import _local, conf
from motcua.core.clock import Clock
from motcua.core.errors import Conflict, Forbidden, Invalid, NotFound
from motcua.core.models import Office, Service, Ticket

CODE_RE = re.compile(r"^LH-?([A-Z0-9]{6})$")


def issue_for_booking(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    booking: Booking,
    channel: str,
) -> tickets.Outcome:
    """The booking's number, issued for its person."""
    service = session.get(Service, booking.service_id)
    assert service is not None
    req = tickets.IssueRequest(service.code, lang=booking.lang, channel=channel)
    outcome = tickets.issue_ticket(session, office, actor, clock, req)
    assert outcome.ticket is not None
    outcome.ticket.person_key = booking.person_key
    outcome.ticket.id_masked = booking.person_masked
    booking.ticket_id = outcome.ticket.id
    return outcome


def by_code(session: Session, office: Office, raw: str) -> Booking:
    """A booking by the code on its page or in its QR (spaces, case tolerated)."""
    match = CODE_RE.match(re.sub(r"\s", "", raw.upper())[:20])
    if match is None:
        raise Invalid("booking_code_bad")
    stmt = select(Booking).where(
        Booking.office_id == office.id, Booking.code == "LH-" + match.group(1)
    )
    found = session.scalars(stmt).first()
    if found is None:
        raise NotFound("booking_unknown")
    return found


def window(office: Office, booking: Booking) -> tuple[datetime, datetime]:
    """When a slot booking may check in: the slot with the grace around it."""
    settings = conf(office)
    assert booking.slot_at is not None
    return (
        booking.slot_at - timedelta(minutes=int(settings["grace_before_min"])),
        booking.slot_at + timedelta(minutes=int(settings["grace_after_min"])),
    )


def check_in(
    session: Session, office: Office, actor: Actor, clock: Clock, code: str
) -> tickets.Outcome:
    """The booking's code scanned or typed at the kiosk turns it into a ticket. On
    time (from the grace before the slot to the grace after it), the ticket is
    called at the slot's time ahead of walk-ins (motcua/core/ordering.py); later
    the same day, it joins the queue as a walk-in."""
    if actor.kind == "device" and actor.office_id != office.id:
        raise Forbidden("not_allowed")
    booking = by_code(session, office, code)
    if booking.status in ("issued", "checked_in") and booking.ticket_id:
        return tickets.Outcome(session.get(Ticket, booking.ticket_id))
    now = clock.now()
    late = _late_today(office, booking, now)
    if booking.status != "booked" and not (late and booking.status == "missed"):
        raise Conflict(f"booking_{booking.status}")
    start, end = window(office, booking)
    if now < start:
        raise Conflict("booking_early", at=_hhmm(start, office, now))
    if now > end and not late:
        raise Conflict("booking_late", at=_hhmm(booking.slot_at or end, office, now))
    outcome = issue_for_booking(session, office, actor, clock, booking, "booking")
    assert outcome.ticket is not None
    outcome.ticket.appointment_at = None if late else booking.slot_at
    booking.status, booking.checked_in_at = "checked_in", now
    return outcome


def _late_today(office: Office, booking: Booking, now: datetime) -> bool:
    """Past the slot's window, still on the slot's service day."""
    if booking.slot_at is None:
        return False
    _, end = window(office, booking)
    return now > end and _local(now, office).date() == _local(end, office).date()


def _hhmm(at: datetime, office: Office, now: datetime) -> str:
    local = _local(at, office)
    if local.date() == _local(now, office).date():
        return local.strftime("%H:%M")
    return local.strftime("%H:%M %d/%m/%Y")


def mark_missed(session: Session, office: Office, clock: Clock) -> list[Booking]:
    """Slot bookings whose window passed without a check-in become "missed"."""
    after = clock.now() - timedelta(minutes=int(conf(office)["grace_after_min"]))
    stmt = select(Booking).where(
        Booking.office_id == office.id,
        Booking.status == "booked",
        Booking.slot_at < after,
    )
    missed = list(session.scalars(stmt))
    for booking in missed:
        booking.status = "missed"
    return missed
