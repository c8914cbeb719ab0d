"""What happened, in plain words of the office's language: a ticket's story, and one
log of the admin's changes and the queue's actions, searchable by day, person and
ticket."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from motcua.core.lookup import ticket_in_office
from motcua.core.models import (
    AuditLog,
    Counter,
    Device,
    Office,
    Rating,
    Service,
    Ticket,
    TicketEvent,
    User,
)
from motcua.i18n import message, words

LIMIT = 300


def scores(lang: str) -> dict[int, str]:
    """A rating's words by its score, from the one table."""
    return {int(n): said for n, said in words("score", lang).items()}


@dataclass(frozen=True)
class Entry:
    """One line of the log."""

    at: datetime
    who: str
    what: str
    detail: str
    ticket_id: str | None = None
    number: int | None = None
    where: str = ""


def _value(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return message("log.yes" if value else "log.no", lang)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or message("log.no", lang)
    return str(value)


def detail(data: dict[str, Any], lang: str = "vi") -> str:
    """The data of an entry as words people read, no keys or JSON."""
    named, said = words("log_detail", lang), scores(lang)
    parts = []
    for key, value in (data or {}).items():
        if value in (None, "", {}):
            continue
        if key == "score" and value in said:
            value = f"{value} ({said[value]})"
        name = named.get(key, key.replace("_", " "))
        parts.append(f"{name}: {_value(value, lang)}")
    return "; ".join(parts)


def _who(user: User | None, device: Device | None, lang: str) -> str:
    if user is not None:
        return user.full_name or user.username
    if device is not None:
        return device.name
    return message("log.system", lang)


def _ticket_entry(
    lang: str, event: TicketEvent, ticket: Ticket, user: Any, device: Any, counter: Any
) -> Entry:
    return Entry(
        at=event.at,
        who=_who(user, device, lang),
        what=words("log_ticket", lang).get(event.kind, event.kind),
        detail=detail(event.data, lang),
        ticket_id=ticket.id,
        number=ticket.number,
        where=counter.name if counter is not None else "",
    )


def _ticket_events(office: Office) -> Any:
    return (
        select(TicketEvent, Ticket, User, Device, Counter)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .outerjoin(User, User.id == TicketEvent.user_id)
        .outerjoin(Device, Device.id == TicketEvent.device_id)
        .outerjoin(Counter, Counter.id == TicketEvent.counter_id)
        .where(TicketEvent.office_id == office.id)
    )


def ticket_story(
    session: Session, office: Office, ticket_id: str, lang: str = "vi"
) -> dict[str, Any]:
    """A ticket with every step it went through, oldest first, and its rating."""
    ticket = ticket_in_office(session, office, ticket_id)
    stmt = _ticket_events(office).where(TicketEvent.ticket_id == ticket.id)
    rows = session.execute(stmt.order_by(TicketEvent.at, TicketEvent.id))
    rating = session.scalars(select(Rating).where(Rating.ticket_id == ticket.id))
    service = session.get(Service, ticket.issued_service_id)
    return {
        "ticket": ticket,
        "service": _service_name(service, lang),
        "entries": [_ticket_entry(lang, *row) for row in rows],
        "rating": rating.first(),
        "scores": scores(lang),
    }


@dataclass(frozen=True)
class Query:
    """What the admin searches for; every part optional."""

    day: date | None = None
    person: str = ""
    ticket: str = ""


def _day_bounds(office: Office, day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(), ZoneInfo(office.timezone))
    return start, start + timedelta(days=1)


def _service_name(service: Service | None, lang: str) -> str:
    if service is None:
        return ""
    return (service.name_en or service.name_vi) if lang == "en" else service.name_vi


def search(
    session: Session, office: Office, query: Query, lang: str = "vi"
) -> list[Entry]:
    """Admin changes and queue actions together, newest first."""
    entries = _queue_entries(session, office, query, lang)
    if not query.ticket:
        entries += _admin_entries(session, office, query, lang)
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:LIMIT]


def _person(query: Query) -> Any:
    like = f"%{query.person.strip()}%"
    return or_(User.username.ilike(like), User.full_name.ilike(like))


def _queue_entries(
    session: Session, office: Office, query: Query, lang: str
) -> list[Entry]:
    stmt = _ticket_events(office)
    if query.day is not None:
        stmt = stmt.where(TicketEvent.at.between(*_day_bounds(office, query.day)))
    if query.person.strip():
        stmt = stmt.where(_person(query))
    if query.ticket.strip():
        wanted = query.ticket.strip()
        match = Ticket.id == wanted
        if wanted.isdigit():
            match = or_(match, Ticket.number == int(wanted))
        stmt = stmt.where(match)
    rows = session.execute(stmt.order_by(TicketEvent.id.desc()).limit(LIMIT))
    return [_ticket_entry(lang, *row) for row in rows]


def _admin_entries(
    session: Session, office: Office, query: Query, lang: str
) -> list[Entry]:
    stmt = (
        select(AuditLog, User)
        .outerjoin(User, User.id == AuditLog.user_id)
        .where(AuditLog.office_id == office.id)
    )
    if query.day is not None:
        stmt = stmt.where(AuditLog.at.between(*_day_bounds(office, query.day)))
    if query.person.strip():
        stmt = stmt.where(_person(query))
    rows = session.execute(stmt.order_by(AuditLog.id.desc()).limit(LIMIT))
    actions = words("log_admin", lang)
    return [
        Entry(
            at=log.at,
            who=_who(user, None, lang),
            what=actions.get(log.action, log.action),
            detail=" – ".join(p for p in (log.target, detail(log.data, lang)) if p),
        )
        for log, user in rows
    ]
