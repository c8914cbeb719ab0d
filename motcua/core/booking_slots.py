"""Booking settings, the office's hours and the slots they make, places held."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from motcua.core.booking_models import Booking
from motcua.core.clock import Clock, service_day
from motcua.core.models import Office, Service
from motcua.core.settings import office_setting

BOOKING: dict[str, Any] = {
    "enabled": True,
    "identity": "phone",  # "phone" (one-time code), "id_card" (ID + name), "either"
    "open": "06:00-21:00",  # when the booking page takes bookings, local time
    "hours": None,  # slot hours like the office's "hours"; None: those hours
    "days_ahead": 7,
    "slot_minutes": 30,
    "capacity": {"*": 2},  # bookings per slot, per field code ("*": any other)
    "daily_cap": {},  # bookings per field and day, today's numbers included
    "per_person_daily": 2,  # numbers per person per day (Hanoi: 2)
    "active_per_person": 1,  # slot bookings one person may hold at once
    "grace_before_min": 15,
    "grace_after_min": 15,
    "otp_ttl_s": 300,
    "otp_attempts": 5,
    "otp_resend_s": 60,
    "otp_max_sends": 3,
    "codes_per_hour": 3,  # unconfirmed bookings (codes sent) per phone and hour
}
HOLDING = ("booked", "issued", "checked_in")
WEEKDAY_KEYS = ("mon_fri",) * 5 + ("sat", "sun")


def conf(office: Office) -> dict[str, Any]:
    """The office's booking settings over the defaults."""
    return {**BOOKING, **(office_setting(office, "booking") or {})}


def _local(at: datetime, office: Office) -> datetime:
    return at.astimezone(ZoneInfo(office.timezone))


def _clock_time(text: str) -> time:
    hh, mm = (int(x) for x in text.split(":"))
    return time.max if hh == 24 else time(hh, mm)


def periods(text: str | None) -> list[tuple[time, time]]:
    """ "07:30-11:30,13:30-17:00" as (start, end) pairs."""
    pairs = [p.split("-") for p in (text or "").split(",") if p.strip()]
    return [(_clock_time(a.strip()), _clock_time(b.strip())) for a, b in pairs]


def _day_periods(office: Office, day: date) -> list[tuple[time, time]]:
    hours = conf(office)["hours"] or office_setting(office, "hours")
    return periods(hours.get(WEEKDAY_KEYS[day.weekday()], ""))


def _at(office: Office, day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, ZoneInfo(office.timezone))


def day_slots(office: Office, day: date) -> list[datetime]:
    """The slot starts of a day, from the office's hours and slot length."""
    step = timedelta(minutes=int(conf(office)["slot_minutes"]))
    starts = []
    for begin, end in _day_periods(office, day):
        at, stop = _at(office, day, begin), _at(office, day, end)
        while at + step <= stop:
            starts.append(at)
            at += step
    return starts


def capacity(office: Office, service: Service) -> int:
    table = conf(office)["capacity"]
    return int(table.get(service.code, table.get("*", 0)))


def _held(session: Session, service: Service, **where: Any) -> int:
    stmt = select(func.count()).where(
        Booking.service_id == service.id, Booking.status.in_(HOLDING)
    )
    for name, value in where.items():
        stmt = stmt.where(getattr(Booking, name) == value)
    return int(session.execute(stmt).scalar_one())


def open_slots(
    session: Session, office: Office, clock: Clock, service: Service
) -> list[dict[str, Any]]:
    """Slots still bookable for a field: from now to the last day ahead."""
    now, today = clock.now(), service_day(clock.now(), office.timezone)
    result = []
    for offset in range(int(conf(office)["days_ahead"]) + 1):
        day = today + timedelta(days=offset)
        for at in day_slots(office, day):
            left = capacity(office, service) - _held(session, service, slot_at=at)
            if at > now and left > 0:
                result.append({"at": at.isoformat(), "day": day, "left": left})
    return result
