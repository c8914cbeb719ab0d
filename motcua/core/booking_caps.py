"""The caps on bookings: places per slot and day, numbers per person, codes sent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from motcua.core.booking_models import Booking
from motcua.core.booking_slots import _held, capacity, conf
from motcua.core.clock import Clock
from motcua.core.errors import Conflict
from motcua.core.models import Office, Service, Ticket


def check_caps(
    session: Session, office: Office, clock: Clock, booking: Booking, service: Service
) -> None:
    """Every cap the office sets, counted with the field's row locked."""
    settings = conf(office)
    session.execute(
        select(Service.id).where(Service.id == service.id).with_for_update()
    )
    if booking.slot_at is not None:
        if _held(session, service, slot_at=booking.slot_at) >= capacity(
            office, service
        ):
            raise Conflict("slot_full")
    cap = settings["daily_cap"].get(service.code)
    if cap is not None and _held(session, service, day=booking.day) >= int(cap):
        raise Conflict("booking_day_full", cap=cap)
    if booking.kind == "today":
        check_numbers_left(session, service, booking.day)
    _check_person(session, office, clock, booking, settings)


def check_numbers_left(session: Session, service: Service, day: Any) -> None:
    """A number for today needs one left in the field: say so before any code is
    sent, not after the citizen typed it."""
    given = session.execute(
        select(func.count()).where(
            Ticket.issued_service_id == service.id, Ticket.day == day
        )
    ).scalar_one()
    left = service.range_end - service.range_start + 1 - given
    if service.daily_cap is not None:
        left = min(left, service.daily_cap - given)
    if left <= 0:
        raise Conflict("daily_cap_reached", service=service.code)


def _check_person(
    session: Session,
    office: Office,
    clock: Clock,
    booking: Booking,
    settings: dict[str, Any],
) -> None:
    key = booking.person_key
    numbers = session.execute(
        select(func.count()).where(
            Ticket.office_id == office.id,
            Ticket.day == booking.day,
            Ticket.person_key == key,
            Ticket.status != "cancelled",
        )
    ).scalar_one()
    waiting = _person_bookings(session, office, key).where(Booking.day == booking.day)
    if numbers + session.execute(waiting).scalar_one() >= settings["per_person_daily"]:
        raise Conflict("person_day_cap", cap=settings["per_person_daily"])
    if booking.kind == "slot":
        after = clock.now() - timedelta(minutes=int(settings["grace_after_min"]))
        active = _person_bookings(session, office, key).where(Booking.slot_at >= after)
        if session.execute(active).scalar_one() >= settings["active_per_person"]:
            raise Conflict("active_booking_cap", cap=settings["active_per_person"])


def _person_bookings(session: Session, office: Office, key: str | None) -> Any:
    return select(func.count()).where(
        Booking.office_id == office.id,
        Booking.person_key == key,
        Booking.status == "booked",
    )


def check_code_flood(session: Session, office: Office, clock: Clock, key: str) -> None:
    """Unconfirmed codes to one phone are few an hour: no one is flooded with SMS."""
    stmt = select(func.count()).where(
        Booking.office_id == office.id,
        Booking.person_key == key,
        Booking.status.in_(("pending", "locked")),
        Booking.created_at > clock.now() - timedelta(hours=1),
    )
    if session.execute(stmt).scalar_one() >= int(conf(office)["codes_per_hour"]):
        raise Conflict("otp_too_many")
