"""The daily report for the city: when it is due, when it must be built again, and
the key that signs each push."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from motcua.core import reports
from motcua.core.booking_slots import periods
from motcua.core.clock import Clock
from motcua.core.hours import todays_hours
from motcua.core.models import DailyReport, Office, Ticket, TicketEvent
from motcua.core.settings import office_setting

KEY_SETTING = "report_push_key"
SIGNATURE_HEADER = "X-Motcua-Signature"


def _clock_time(text: str) -> time:
    hh, mm = (int(x) for x in text.split(":"))
    return time(hh, mm)


def due_time(office: Office, at: datetime) -> time:
    """The report time, but never before the office closes that day: a report built
    at 15:30 while counters work until 17:00 leaves out the afternoon."""
    chosen = _clock_time(office_setting(office, "report_time"))
    closing = [end for _, end in periods(todays_hours(office, at))]
    return max([chosen, *closing])


def report_due(office: Office, clock: Clock) -> date | None:
    """Today's service day once the office has closed and its report time passed."""
    local = clock.now().astimezone(ZoneInfo(office.timezone))
    return local.date() if local.time() >= due_time(office, clock.now()) else None


def last_change(session: Session, office: Office, day: date) -> datetime | None:
    """When anything last happened to a ticket of that day (issue, call, rating...)."""
    stmt = (
        select(func.max(TicketEvent.at))
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(TicketEvent.office_id == office.id, Ticket.day == day)
    )
    return session.scalar(stmt)


def _stale(session: Session, office: Office, stored: DailyReport) -> bool:
    changed = last_change(session, office, stored.day)
    return changed is not None and _aware(changed) > _aware(stored.built_at)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def refresh(session: Session, office: Office, clock: Clock, day: date) -> DailyReport:
    """Build the day's report again; a report whose figures changed is sent again."""
    stored = reports.stored_report(session, office, day)
    if stored is None:
        return reports.store_daily_report(session, office, clock, day)
    fresh = reports.daily_report(session, office, day)
    if fresh == stored.data:
        stored.built_at = clock.now()
        session.flush()
        return stored
    return reports.store_daily_report(session, office, clock, day)


def build_due_reports(session: Session, clock: Clock) -> list[DailyReport]:
    """Store today's report of every office that has closed, and build it again
    when a ticket of the day changed since (a late ticket, a rating)."""
    built = []
    for office in session.scalars(select(Office).order_by(Office.id)):
        day = report_due(office, clock)
        if day is None:
            continue
        stored = reports.stored_report(session, office, day)
        if stored is not None and not _stale(session, office, stored):
            continue
        try:
            with session.begin_nested():
                built.append(refresh(session, office, clock, day))
        except IntegrityError:
            continue  # another server process built it first
    return built


def push_key(office: Office) -> str:
    """The office's key that signs its pushes; made on first use."""
    key = (office.settings or {}).get(KEY_SETTING)
    return str(key) if key else rotate_push_key(office)


def rotate_push_key(office: Office) -> str:
    """A new key: the city must be given it, the old one stops working."""
    key = secrets.token_hex(32)
    office.settings = {**(office.settings or {}), KEY_SETTING: key}
    return key


def signature(key: str, body: bytes) -> str:
    """The header value: sha256=<hex HMAC-SHA256 of the body>."""
    return "sha256=" + hmac.new(key.encode(), body, hashlib.sha256).hexdigest()


def stored_reports(
    session: Session, office: Office, limit: int = 60
) -> list[DailyReport]:
    """The office's stored daily reports, the latest day first."""
    stmt = (
        select(DailyReport)
        .where(DailyReport.office_id == office.id)
        .order_by(DailyReport.day.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def unpushed(session: Session) -> list[tuple[DailyReport, Office]]:
    """Stored reports the city has not accepted yet, with their offices."""
    stmt = (
        select(DailyReport, Office)
        .join(Office, Office.id == DailyReport.office_id)
        .where(DailyReport.pushed_at.is_(None))
    )
    return [(report, office) for report, office in session.execute(stmt)]


def claim_push(session: Session, report_id: int, attempts: int) -> bool:
    """Count a push attempt, if nobody else did since `attempts` was read: the
    process whose update counts the attempt sends it."""
    result = session.execute(
        update(DailyReport)
        .where(
            DailyReport.id == report_id,
            DailyReport.push_attempts == attempts,
            DailyReport.pushed_at.is_(None),
        )
        .values(push_attempts=attempts + 1)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def record_push(
    session: Session, clock: Clock, report_id: int, error: str | None, pushed: bool
) -> None:
    """What a push attempt gave: accepted now, or the error to show."""
    report = session.get(DailyReport, report_id)
    if report is not None:
        report.push_error = error
        report.pushed_at = clock.now() if pushed else None


def rebuild(session: Session, clock: Clock, report_id: int) -> None:
    """A stored report again, from the figures as they are now."""
    stored = session.get(DailyReport, report_id)
    if stored is not None:
        office = session.get_one(Office, stored.office_id)
        reports.store_daily_report(session, office, clock, stored.day)
