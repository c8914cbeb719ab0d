"""Booking test helpers: settings, starting and confirming through the core."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from motcua.core import booking, booking_checkin
from motcua.core.booking_models import Booking, Notification
from motcua.core.clock import Clock
from motcua.core.db import Database
from motcua.core.lookup import office_by_slug

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
SMS = "http://127.0.0.1:9/sms"
# A booking for today whose messages go by SMS.
BY_SMS_TODAY = {
    "service": "CT",
    "when": "today",
    "phone": "0912345678",
    "consent": "yes",
    "notify": "yes",
    "channel": "sms",
}


def local(y: int, mo: int, d: int, h: int, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=HCM)


def configure(
    db: Database,
    booking_conf: dict[str, Any] | None = None,
    notify_conf: dict[str, Any] | None = None,
    slug: str = "demo",
) -> None:
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        office.settings = {
            **(office.settings or {}),
            "booking": booking_conf or {},
            "notify": notify_conf if notify_conf is not None else {"sms": {"url": SMS}},
        }


def start(
    db: Database, clock: Clock, slug: str = "demo", **kw: Any
) -> tuple[str, list[Any]]:
    fields: dict[str, Any] = {"service": "CT", "kind": "today", "consent": True}
    fields.update(kw)
    if "id_number" not in kw and "phone" not in kw:
        fields["phone"] = "0912345678"
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        started = booking.start_booking(
            session, office, clock, booking.BookingRequest(**fields)
        )
        return started.booking.id, started.events


def last_code(db: Database, booking_id: str) -> str:
    with db.sessions() as session:
        stmt = (
            select(Notification)
            .where(Notification.booking_id == booking_id, Notification.kind == "otp")
            .order_by(Notification.id.desc())
        )
        row = session.scalars(stmt).first()
        assert row is not None
        return str(row.params["code"])


def confirm(
    db: Database, clock: Clock, booking_id: str, code: str | None = None
) -> booking.Confirmed:
    code = code if code is not None else last_code(db, booking_id)
    with db.transaction() as session:
        item = session.get(Booking, booking_id)
        assert item is not None
        office = office_by_slug(session, "demo")
        return booking.confirm_code(session, office, clock, item, code)


def book(db: Database, clock: Clock, **kw: Any) -> str:
    """Start and confirm in one go; the booking's id."""
    booking_id, _ = start(db, clock, **kw)
    if "id_number" not in kw:
        assert confirm(db, clock, booking_id).ok
    return booking_id


def get(db: Database, booking_id: str) -> Booking:
    with db.sessions() as session:
        item = session.get(Booking, booking_id)
        assert item is not None
        session.expunge(item)
        return item


def check_in(db: Database, clock: Clock, actor: Any, code: str) -> Any:
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        outcome = booking_checkin.check_in(session, office, actor, clock, code)
        return outcome.ticket


TUE_8_ISO = local(2026, 11, 24, 8, 0).isoformat()
