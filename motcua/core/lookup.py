"""Lookups that always take the office: tenancy by argument."""

from __future__ import annotations

from sqlalchemy import bindparam, inspect, select
from sqlalchemy.orm import Session, lazyload

from motcua.core.errors import NotFound
from motcua.core.models import Counter, Office, Service, Ticket

# Built once: every request looks up its office, most a field or a counter.
OFFICE = select(Office).where(Office.slug == bindparam("slug"))
SERVICE = select(Service).where(
    Service.office_id == bindparam("office_id"), Service.code == bindparam("code")
)
SERVICE_BY_ID = select(Service).where(Service.id == bindparam("service_id"))
COUNTER = select(Counter).where(
    Counter.office_id == bindparam("office_id"), Counter.number == bindparam("number")
)
# A counter whose operations take turns: a second call-next at the same counter waits
# for the first to commit and sees what it did (PostgreSQL; SQLite has one writer).
# Its fields are loaded only if asked for: call-next's queue reads them in SQL.
COUNTER_LOCKED = (
    COUNTER.with_for_update()
    .options(lazyload(Counter.services))
    .execution_options(populate_existing=True)
)


def office_by_slug(session: Session, slug: str) -> Office:
    office = session.scalars(OFFICE, {"slug": slug}).first()
    if office is None:
        raise NotFound("unknown_office", office=slug)
    return office


def office_by_id(session: Session, office_id: int | None) -> Office | None:
    """The office by its id (an actor's); None when there is none."""
    return session.get(Office, office_id) if office_id is not None else None


def service_by_code(session: Session, office: Office, code: str) -> Service:
    params = {"office_id": office.id, "code": code}
    service = session.scalars(SERVICE, params).first()
    if service is None:
        raise NotFound("unknown_service", service=code)
    return service


def service_of(session: Session, ticket: Ticket) -> Service:
    """A ticket's field, through a statement built once (a lazy load of
    `ticket.service` builds its own each time, and finds it loaded after this)."""
    if "service" in inspect(ticket).dict:
        return ticket.service
    params = {"service_id": ticket.service_id}
    return session.scalars(SERVICE_BY_ID, params).one()


def counter_by_number(
    session: Session, office: Office, number: int, lock: bool = False
) -> Counter:
    params = {"office_id": office.id, "number": number}
    counter = session.scalars(COUNTER_LOCKED if lock else COUNTER, params).first()
    if counter is None:
        raise NotFound("unknown_counter", counter=number)
    return counter


def ticket_in_office(session: Session, office: Office, ticket_id: str) -> Ticket:
    """A ticket of this office; another office's id is simply not found."""
    ticket = session.get(Ticket, ticket_id)
    if ticket is None or ticket.office_id != office.id:
        raise NotFound("unknown_ticket")
    return ticket


def ticket_by_id(session: Session, ticket_id: str) -> tuple[Office, Ticket]:
    """A ticket and its office, for callers that hold only the opaque id."""
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFound("unknown_ticket")
    office = session.get(Office, ticket.office_id)
    assert office is not None
    return office, ticket


def find_office(session: Session, slug: str) -> Office | None:
    """The office by its slug; None when there is none."""
    return session.scalars(OFFICE, {"slug": slug}).first()


def all_offices(session: Session) -> list[Office]:
    """Every office of the install, by name."""
    return list(session.scalars(select(Office).order_by(Office.name)))
