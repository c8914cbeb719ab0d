"""Lookups that always take the office: tenancy by argument."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core.errors import NotFound
from motcua.core.models import Counter, Office, Service, Ticket


def office_by_slug(session: Session, slug: str) -> Office:
    office = session.scalars(select(Office).where(Office.slug == slug)).first()
    if office is None:
        raise NotFound("unknown_office", office=slug)
    return office


def service_by_code(session: Session, office: Office, code: str) -> Service:
    stmt = select(Service).where(Service.office_id == office.id, Service.code == code)
    service = session.scalars(stmt).first()
    if service is None:
        raise NotFound("unknown_service", service=code)
    return service


def counter_by_number(session: Session, office: Office, number: int) -> Counter:
    stmt = select(Counter).where(
        Counter.office_id == office.id, Counter.number == number
    )
    counter = session.scalars(stmt).first()
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
