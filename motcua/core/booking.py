"""Numbers from home: a number for today or a slot, its one-time code, cancelling."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core import notify, tickets
from motcua.core.actors import Actor
from motcua.core.booking_caps import check_caps, check_code_flood
from motcua.core.booking_checkin import issue_for_booking
from motcua.core.booking_models import Booking
from motcua.core.booking_slots import (
    _at,
    _day_periods,
    _local,
    conf,
    day_slots,
    periods,
)
from motcua.core.clock import Clock, service_day
from motcua.core.errors import Conflict, Invalid, NotFound
from motcua.core.events import DomainEvent
from motcua.core.lookup import service_by_code
from motcua.core.models import Office, Service, Ticket
from motcua.core.security import mask_id, normalize_person_id, person_key
from motcua.core.settings import office_setting

CONSENT_TEXT = "booking-v1"
ACTOR = Actor(kind="system", name="booking", is_city_admin=True)
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"


@dataclass(frozen=True)
class BookingRequest:
    service: str
    kind: str  # "today" or "slot"
    consent: bool
    slot_at: datetime | None = None
    phone: str | None = None
    id_number: str | None = None
    name: str | None = None
    notify: str | None = None  # "sms" or "zalo": opt-in to messages
    lang: str = "vi"


@dataclass
class Started:
    booking: Booking
    events: list[DomainEvent] = field(default_factory=list)


def _check_open(office: Office, clock: Clock) -> None:
    settings = conf(office)
    if not settings["enabled"]:
        raise Conflict("booking_disabled")
    now = _local(clock.now(), office).time()
    if not any(a <= now < b for a, b in periods(settings["open"])):
        raise Conflict("booking_closed", hours=settings["open"])


def _identity(office: Office, req: BookingRequest) -> tuple[str, str, str]:
    """(kind, keyed hash, masked) of the person; checks what the office accepts."""
    allowed = conf(office)["identity"]
    if req.phone:
        digits = normalize_person_id(req.phone)
        if allowed == "id_card" or not re.fullmatch(r"0\d{9}", digits):
            raise Invalid("bad_phone")
        return "phone", person_key(office.secret, digits), mask_id(digits)
    digits = normalize_person_id(req.id_number or "")
    if allowed == "phone" or not re.fullmatch(r"\d{12}", digits):
        raise Invalid("bad_id_number")
    if not (req.name or "").strip() or len(req.name or "") > 100:
        raise Invalid("name_required")
    return "id_card", person_key(office.secret, digits), mask_id(digits)


def _check_when(
    office: Office, clock: Clock, req: BookingRequest
) -> tuple[date, datetime | None]:
    now = clock.now()
    today = service_day(now, office.timezone)
    if req.kind == "today":
        if not any(now < _at(office, today, b) for _, b in _day_periods(office, today)):
            raise Conflict("today_closed")
        return today, None
    if req.slot_at is None or req.slot_at.tzinfo is None:
        raise Invalid("bad_slot")
    day = service_day(req.slot_at, office.timezone)
    if day > today + timedelta(days=int(conf(office)["days_ahead"])):
        raise Conflict("slot_too_far", days=conf(office)["days_ahead"])
    if req.slot_at <= now or req.slot_at not in day_slots(office, day):
        raise Conflict("bad_slot")
    return day, req.slot_at


def _new_code(session: Session, office: Office) -> str:
    while True:
        code = "LH-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        stmt = select(Booking.id).where(
            Booking.office_id == office.id, Booking.code == code
        )
        if session.execute(stmt).first() is None:
            return code


def start_booking(
    session: Session, office: Office, clock: Clock, req: BookingRequest
) -> Started:
    """Take a booking: a code goes to the phone, or an ID card books at once."""
    _check_open(office, clock)
    if not req.consent:
        raise Invalid("consent_required")
    if req.kind not in ("today", "slot") or req.notify not in (None, "sms", "zalo"):
        raise Invalid("bad_booking")
    service = service_by_code(session, office, req.service)
    if not service.is_open:
        raise Conflict("service_closed", service=service.code)
    identity, key, masked = _identity(office, req)
    day, slot_at = _check_when(office, clock, req)
    now = clock.now()
    booking = Booking(
        id=secrets.token_urlsafe(16),
        office_id=office.id,
        service_id=service.id,
        code=_new_code(session, office),
        kind=req.kind,
        day=day,
        slot_at=slot_at,
        status="pending",
        identity=identity,
        person_key=key,
        person_masked=masked,
        consent_text=CONSENT_TEXT,
        consent_at=now,
        lang=req.lang if req.lang in ("vi", "en") else "vi",
        created_at=now,
    )
    check_caps(session, office, clock, booking, service)
    if identity == "phone":
        check_code_flood(session, office, clock, key)
    session.add(booking)
    if identity == "id_card":
        session.flush()
        return Started(booking, _confirm(session, office, clock, booking, service))
    booking.notify_to = normalize_person_id(req.phone or "")
    booking.notify_channel = req.notify
    session.flush()
    send_code(session, office, clock, booking, first=True)
    return Started(booking)


def _otp_hash(office: Office, booking: Booking, code: str) -> str:
    message = f"{booking.id}:{code}".encode()
    return hmac.new(office.secret.encode(), message, hashlib.sha256).hexdigest()


def send_code(
    session: Session, office: Office, clock: Clock, booking: Booking, first: bool
) -> None:
    """A new one-time code, hashed here and sent through the message channel."""
    settings, now = conf(office), clock.now()
    if booking.status != "pending":
        raise Conflict("booking_not_pending")
    if not first and booking.otp_sent_at is not None:
        ready = booking.otp_sent_at + timedelta(seconds=int(settings["otp_resend_s"]))
        if now < ready:
            raise Conflict("otp_wait", s=int((ready - now).total_seconds()) + 1)
    if booking.otp_sends >= int(settings["otp_max_sends"]):
        raise Conflict("otp_too_many")
    code = f"{secrets.randbelow(10**6):06d}"
    booking.otp_hash = _otp_hash(office, booking, code)
    booking.otp_expires_at = now + timedelta(seconds=int(settings["otp_ttl_s"]))
    booking.otp_sent_at, booking.otp_attempts = now, 0
    booking.otp_sends += 1
    minutes = max(int(settings["otp_ttl_s"]) // 60, 1)
    notify.queue_code(session, office, clock, booking, code, minutes)


@dataclass(frozen=True)
class Confirmed:
    ok: bool
    left: int = 0
    events: list[DomainEvent] = field(default_factory=list)


def confirm_code(
    session: Session, office: Office, clock: Clock, booking: Booking, code: str
) -> Confirmed:
    """Check the one-time code; a wrong one is counted (commit it, then refuse)."""
    settings = conf(office)
    if booking.status != "pending":
        raise Conflict("booking_not_pending")
    assert booking.otp_expires_at is not None and booking.otp_hash is not None
    if clock.now() > booking.otp_expires_at:
        raise Conflict("otp_expired")
    given = _otp_hash(office, booking, code.strip())
    if not hmac.compare_digest(given, booking.otp_hash):
        booking.otp_attempts += 1
        left = int(settings["otp_attempts"]) - booking.otp_attempts
        if left <= 0:
            booking.status, booking.otp_hash = "locked", ""
        return Confirmed(False, max(left, 0))
    service = session.get(Service, booking.service_id)
    assert service is not None
    check_caps(session, office, clock, booking, service)
    return Confirmed(True, 0, _confirm(session, office, clock, booking, service))


def _confirm(
    session: Session, office: Office, clock: Clock, booking: Booking, service: Service
) -> list[DomainEvent]:
    booking.otp_hash, booking.confirmed_at = None, clock.now()
    if not booking.notify_channel:
        booking.notify_to = None  # the phone was needed only for the code
    if booking.kind == "slot":
        booking.status = "booked"
        notify.queue_booked(session, office, clock, booking, service, None)
        return []
    outcome = issue_for_booking(session, office, ACTOR, clock, booking, "remote")
    booking.status = "issued"
    notify.queue_booked(session, office, clock, booking, service, outcome.ticket)
    return outcome.events


def cancel_booking(
    session: Session, office: Office, clock: Clock, booking: Booking
) -> list[DomainEvent]:
    """Cancel a booking; its place (and a today's number) is freed."""
    if booking.status not in ("pending", "booked", "issued"):
        raise Conflict("booking_not_cancellable", status=booking.status)
    events: list[DomainEvent] = []
    ticket = session.get(Ticket, booking.ticket_id) if booking.ticket_id else None
    if ticket is not None:
        if ticket.status not in ("waiting", "called"):
            raise Conflict("booking_not_cancellable", status=ticket.status)
        events = tickets.cancel(session, office, ACTOR, clock, ticket).events
    booking.status, booking.cancelled_at = "cancelled", clock.now()
    booking.otp_hash, booking.notify_to = None, None
    return events


def booking_in_office(session: Session, office: Office, booking_id: str) -> Booking:
    found = session.get(Booking, booking_id[:40])
    if found is None or found.office_id != office.id:
        raise NotFound("booking_unknown")
    return found


def purge(
    session: Session, office: Office, clock: Clock, days: int | None = None
) -> int:
    """Phones go when their day is over; keys and masks after the retention days."""
    today = service_day(clock.now(), office.timezone)
    keep = int(
        days if days is not None else office_setting(office, "personal_data_days")
    )
    count = 0
    stmt = select(Booking).where(Booking.office_id == office.id, Booking.day < today)
    for booking in session.scalars(stmt):
        old = booking.day < today - timedelta(days=keep)
        if booking.notify_to or booking.otp_hash or (old and booking.person_key):
            booking.notify_to, booking.otp_hash = None, None
            if old:
                booking.person_key, booking.person_masked = None, None
            count += 1
    return count
