"""The ticket event log and the events published after commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import insert
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql import Select

from motcua.core.actors import Actor
from motcua.core.clock import Clock, service_day
from motcua.core.db import core
from motcua.core.events import DomainEvent
from motcua.core.lookup import service_of
from motcua.core.models import Counter, Office, Ticket, TicketEvent
from motcua.core.numbering import bump_seq
from motcua.core.views import call_marks, counter_view, ticket_view, waiting_in_field

LOG = insert(TicketEvent)
PENDING = "motcua.events"  # session.info key: events waiting for their numbers
LOGGED = "motcua.log"  # session.info key: log rows not yet written


def log(
    session: Session,
    ticket: Ticket,
    kind: str,
    actor: Actor,
    clock: Clock,
    counter: Counter | None = None,
    **data: Any,
) -> None:
    """Append one transition to the ticket's audit log: a plain insert, made with
    the operation's other rows in one statement (write_log) before the commit or
    before anything in the transaction reads the log, whichever comes first."""
    row = {
        "ticket_id": ticket.id,
        "office_id": ticket.office_id,
        "kind": kind,
        "at": clock.now(),
        "user_id": actor.user_id,
        "device_id": actor.device_id,
        "counter_id": counter.id if counter else None,
        "data": {k: v for k, v in data.items() if v is not None},
    }
    rows: list[dict[str, Any]] = session.info.setdefault(LOGGED, [])
    if not rows:
        sa_event.listen(session, "before_commit", write_log, once=True)
    rows.append(row)


def write_log(session: Session) -> None:
    """Write the log rows the transaction made so far, in order, in one insert."""
    rows = session.info.pop(LOGGED, None)
    if rows:
        core(session).execute(LOG, rows)


@sa_event.listens_for(Session, "do_orm_execute")
def _log_read(state: ORMExecuteState) -> None:
    """A statement of the transaction that reads the log sees the rows made so far.
    Every reader in the core selects some of the log's columns; a statement that
    reads it only in a subquery must call write_log first."""
    statement = state.statement
    if (
        LOGGED in state.session.info
        and isinstance(statement, Select)
        and any(
            getattr(f, "name", None) == TABLE for f in statement.columns_clause_froms
        )
    ):
        write_log(state.session)


TABLE = TicketEvent.__tablename__


def event(
    session: Session,
    office: Office,
    clock: Clock,
    name: str,
    data: dict[str, Any],
    ticket_id: str | None = None,
    counter: int | None = None,
) -> DomainEvent:
    """An event of the office, to publish once the transaction commits; it is
    numbered at commit (see _number_events)."""
    made = DomainEvent(
        name=name,
        office=office.slug,
        seq=0,
        at=clock.now(),
        data=data,
        ticket_id=ticket_id,
        counter=counter,
        settings=office.settings or {},
    )
    pending: list[tuple[Office, DomainEvent]] = session.info.setdefault(PENDING, [])
    if not pending:
        sa_event.listen(session, "before_commit", _number_events, once=True)
    pending.append((office, made))
    return made


def _number_events(session: Session) -> None:
    """Give the transaction's events their numbers, last thing before commit.

    The office's row is locked from here to the commit only, after every other
    row the operation touched: operations of one office queue briefly on it and
    can never deadlock through it (PostgreSQL).
    """
    pending: list[tuple[Office, DomainEvent]] = session.info.pop(PENDING, [])
    session.flush()
    offices = {office.id: office for office, _ in pending}
    for office_id in sorted(offices):
        events = [made for office, made in pending if office.id == office_id]
        last = bump_seq(session, offices[office_id], len(events))
        for n, made in enumerate(events, start=last - len(events) + 1):
            made.seq = n


def ticket_event(
    session: Session, office: Office, clock: Clock, name: str, ticket: Ticket
) -> DomainEvent:
    """An event about a ticket, with the waiting count of its field."""
    day = service_day(clock.now(), office.timezone)
    service = service_of(session, ticket)
    waiting = waiting_in_field(session, office, day, service.id)
    data = {
        "ticket": ticket_view(session, office, ticket, now=clock.now()),
        "counter": counter_view(ticket.counter),
        "waiting": {service.code: waiting},
    }
    number = ticket.counter.number if ticket.counter else None
    return event(session, office, clock, name, data, ticket.id, number)


def call_event(
    session: Session, office: Office, clock: Clock, name: str, ticket: Ticket
) -> DomainEvent:
    """A call or recall, logged just before: with the ticket's call marks (see
    views.call_marks), as the snapshot's recent calls carry them."""
    made = ticket_event(session, office, clock, name, ticket)
    made.data.update(call_marks(session, office, [ticket.id])[ticket.id])
    return made
