"""Read models of bookings: the citizen's page, staff's day list, report figures."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from motcua.core import notify
from motcua.core.booking_models import Booking
from motcua.core.booking_slots import _local
from motcua.core.models import Office, Service, Ticket


def booking_view(session: Session, office: Office, booking: Booking) -> dict[str, Any]:
    """What the citizen's page and staff see of a booking (masked identity only)."""
    service = session.get(Service, booking.service_id)
    ticket = session.get(Ticket, booking.ticket_id) if booking.ticket_id else None
    assert service is not None
    return {
        "id": booking.id,
        "code": booking.code,
        "kind": booking.kind,
        "day": booking.day.isoformat(),
        "slot_at": _local(booking.slot_at, office).isoformat()
        if booking.slot_at
        else None,
        "slot": notify.slot_text(office, booking.slot_at),
        "status": booking.status,
        "service": {
            "code": service.code,
            "name": service.name_vi,
            "name_en": service.name_en,
        },
        "person": booking.person_masked,
        "notify": booking.notify_channel,
        "ticket": {
            "id": ticket.id,
            "number": str(ticket.number),
            "status": ticket.status,
        }
        if ticket
        else None,
    }


def open_services(session: Session, office: Office) -> list[Service]:
    """The fields a citizen may book now, in the office's order."""
    stmt = (
        select(Service)
        .where(Service.office_id == office.id, Service.is_open.is_(True))
        .order_by(Service.sort)
    )
    return list(session.scalars(stmt))


def day_bookings(session: Session, office: Office, day: date) -> list[dict[str, Any]]:
    """A day's bookings by slot and field, for staff."""
    stmt = (
        select(Booking)
        .where(Booking.office_id == office.id, Booking.day == day)
        .where(Booking.status != "pending")
        .order_by(Booking.slot_at, Booking.service_id, Booking.created_at)
    )
    return [booking_view(session, office, b) for b in session.scalars(stmt)]


def figures(session: Session, office: Office, day: date) -> dict[str, Any]:
    """The day's booking figures for the daily report."""
    stmt = (
        select(Booking.kind, Booking.status, func.count())
        .where(Booking.office_id == office.id, Booking.day == day)
        .group_by(Booking.kind, Booking.status)
    )
    counts: dict[tuple[str, str], int] = {
        (k, s): int(n) for k, s, n in session.execute(stmt)
    }
    no_show = session.execute(
        select(func.count())
        .select_from(Booking)
        .join(Ticket, Ticket.id == Booking.ticket_id)
        .where(Booking.office_id == office.id, Booking.day == day)
        .where(Ticket.status == "no_show")
    ).scalar_one()
    slot = {s: n for (k, s), n in counts.items() if k == "slot"}
    return {
        "remote_numbers": sum(
            n for (k, s), n in counts.items() if k == "today" and s != "pending"
        ),
        "slots_booked": sum(n for s, n in slot.items() if s not in ("pending",)),
        "checked_in": slot.get("checked_in", 0),
        "missed": slot.get("missed", 0),
        "cancelled": sum(n for (_, s), n in counts.items() if s == "cancelled"),
        "no_show": int(no_show),
    }
