"""Numbers from home: a number for today or a slot on a later day, check-in, caps."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from motcua.core import notify, tickets
from motcua.core.actors import Actor
from motcua.core.booking_models import Booking
from motcua.core.booking_slots import (  # noqa: F401 - part of this module's API
    BOOKING,
    HOLDING,
    _at,
    _day_periods,
    _held,
    _local,
    capacity,
    conf,
    day_slots,
    open_slots,
    periods,
)
from motcua.core.clock import Clock, service_day
from motcua.core.errors import Conflict, Forbidden, Invalid, NotFound
from motcua.core.events import DomainEvent
from motcua.core.lookup import service_by_code
from motcua.core.models import Office, Service, Ticket
from motcua.core.security import mask_id, normalize_person_id, person_key
from motcua.core.settings import office_setting

CONSENT_TEXT = "booking-v1"
ACTOR = Actor(kind="system", name="booking", is_city_admin=True)
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
CODE_RE = re.compile(r"^LH-?([A-Z0-9]{6})$")


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
    _check_person(session, office, clock, booking, settings)


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
        _check_code_flood(session, office, clock, key)
    session.add(booking)
    if identity == "id_card":
        session.flush()
        return Started(booking, _confirm(session, office, clock, booking, service))
    booking.notify_to = normalize_person_id(req.phone or "")
    booking.notify_channel = req.notify
    session.flush()
    send_code(session, office, clock, booking, first=True)
    return Started(booking)


def _check_code_flood(session: Session, office: Office, clock: Clock, key: str) -> None:
    """Unconfirmed codes to one phone are few an hour: no one is flooded with SMS."""
    stmt = select(func.count()).where(
        Booking.office_id == office.id,
        Booking.person_key == key,
        Booking.status.in_(("pending", "locked")),
        Booking.created_at > clock.now() - timedelta(hours=1),
    )
    if session.execute(stmt).scalar_one() >= int(conf(office)["codes_per_hour"]):
        raise Conflict("otp_too_many")


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
    outcome = _issue(session, office, ACTOR, clock, booking, "remote")
    booking.status = "issued"
    notify.queue_booked(session, office, clock, booking, service, outcome.ticket)
    return outcome.events


def _issue(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    booking: Booking,
    channel: str,
) -> tickets.Outcome:
    service = session.get(Service, booking.service_id)
    assert service is not None
    req = tickets.IssueRequest(service.code, lang=booking.lang, channel=channel)
    outcome = tickets.issue_ticket(session, office, actor, clock, req)
    assert outcome.ticket is not None
    outcome.ticket.person_key = booking.person_key
    outcome.ticket.id_masked = booking.person_masked
    booking.ticket_id = outcome.ticket.id
    return outcome


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
    """The booking's code scanned or typed at the kiosk turns it into a ticket."""
    if actor.kind == "device" and actor.office_id != office.id:
        raise Forbidden("not_allowed")
    booking = by_code(session, office, code)
    if booking.status in ("issued", "checked_in") and booking.ticket_id:
        return tickets.Outcome(session.get(Ticket, booking.ticket_id))
    if booking.status != "booked":
        raise Conflict(f"booking_{booking.status}")
    start, end = window(office, booking)
    now = clock.now()
    if now < start:
        raise Conflict("booking_early", at=_hhmm(start, office, now))
    if now > end:
        raise Conflict("booking_late", at=_hhmm(booking.slot_at or end, office, now))
    outcome = _issue(session, office, actor, clock, booking, "booking")
    booking.status, booking.checked_in_at = "checked_in", now
    return outcome


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


def purge(session: Session, office: Office, clock: Clock) -> int:
    """Phones go when their day is over; keys and masks after the retention days."""
    today = service_day(clock.now(), office.timezone)
    keep = int(office_setting(office, "personal_data_days"))
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
        "service": {"code": service.code, "name": service.name_vi},
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
