"""Calling citizens to counters: the call policy and exactly-once call-next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from motcua.core import counters as staffing
from motcua.core import journal
from motcua.core.actors import Actor, require_counter
from motcua.core.clock import Clock, service_day
from motcua.core.db import core
from motcua.core.errors import Conflict, Invalid
from motcua.core.events import DomainEvent
from motcua.core.lookup import counter_by_number, service_by_code
from motcua.core.models import (
    Counter,
    Office,
    Service,
    Ticket,
    TicketEvent,
    counter_services,
)
from motcua.core.ordering import (
    NEXT_ID,
    callable_at,
    lane_of_ticket,
    next_params,
    record_call,
)
from motcua.core.states import AT_COUNTER, TicketStatus
from motcua.core.tickets import Outcome, begin, finish, no_show
from motcua.core.views import CALLS, TICKET_ONLY, current_ticket

MAX_RACES = 20
OUTCOMES = ("finished", "no_show")


@dataclass(frozen=True)
class Closing:
    """What became of the citizen still at the counter, named by the clerk: the
    ticket they mean and "finished" or "no_show"."""

    ticket: str
    outcome: str


_NOW = bindparam("now", type_=Ticket.called_at.type)
_CALLED = {
    "status": TicketStatus.CALLED.value,
    "counter_id": bindparam("counter_id"),
    "called_at": _NOW,
    "first_called_at": func.coalesce(Ticket.first_called_at, _NOW),
    "staff_id": bindparam("staff_id"),
    "target_counter_id": None,
}
TAKE = (
    update(Ticket)
    .where(Ticket.id == bindparam("ticket_id"), Ticket.status == "waiting")
    .values(_CALLED)
)
# Call-next in one statement: the ticket NEXT_ID chooses, taken if it still
# waits, and returned loaded (the ORM's Ticket).
# The ORM loads the returned row from a Core UPDATE (from_statement): an
# ORM-enabled UPDATE is copied for every run and its cache key, the whole
# queue statement's, computed again each time.
_TICKETS = Ticket.metadata.tables["tickets"]
CLAIM = select(Ticket).from_statement(
    update(_TICKETS)
    .where(Ticket.id == NEXT_ID.scalar_subquery(), Ticket.status == "waiting")
    .values(_CALLED)
    .returning(*_TICKETS.c)
)
_CLAIMED = {"populate_existing": True}


def _claim(
    session: Session, office: Office, counter: Counter, actor: Actor, now: datetime
) -> Ticket | None:
    """Take the ticket the policy gives this counter now, in one statement. None:
    nobody waits for it, or (PostgreSQL) another counter took the chosen ticket
    first: this one queued on its row, as in _take, and must choose again."""
    params = {
        **next_params(office, counter, now),
        "counter_id": counter.id,
        "staff_id": actor.user_id,
    }
    return session.scalars(CLAIM, params, execution_options=_CLAIMED).first()


def _anyone_waiting(
    session: Session, office: Office, counter: Counter, now: datetime
) -> bool:
    """Whether the counter's queue has anyone in it (after a claim took nobody)."""
    params = next_params(office, counter, now)
    return core(session).execute(NEXT_ID, params).first() is not None


def _take(
    session: Session, ticket_id: str, counter: Counter, actor: Actor, clock: Clock
) -> bool:
    """Conditional update: only one counter can turn a waiting ticket into a call.

    Two counters that chose the same ticket queue on its row (PostgreSQL); the
    second finds it called once the first commits, and chooses again from what is
    then committed. Choosing with row locks instead (SKIP LOCKED) let a counter
    pass heads another counter had locked but did not take: a later ticket was
    called while an earlier one waited.
    """
    params = {
        "ticket_id": ticket_id,
        "counter_id": counter.id,
        "now": clock.now(),
        "staff_id": actor.user_id,
    }
    return bool(core(session).execute(TAKE, params).rowcount == 1)


def _called(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    counter: Counter,
    ticket_id: str,
    earlier: list[DomainEvent],
    **why: str | None,
) -> Outcome:
    ticket = session.get(
        Ticket, ticket_id, populate_existing=True, options=[TICKET_ONLY]
    )
    assert ticket is not None
    return _announced(
        session, office, actor, clock, counter, ticket, earlier, clock.now(), why
    )


def _announced(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    counter: Counter,
    ticket: Ticket,
    earlier: list[DomainEvent],
    now: datetime,
    why: dict[str, str | None],
) -> Outcome:
    """A ticket just called at the counter (at `now`): the counter's policy moved
    past it, the call logged and its event."""
    record_call(session, office, counter, lane_of_ticket(ticket, now))
    journal.log(session, ticket, "called", actor, clock, counter, **why)
    called = journal.call_event(session, office, clock, "ticket.called", ticket)
    return Outcome(ticket, [*earlier, called])


def _close_current(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    counter: Counter,
    closing: Closing | None,
) -> list[DomainEvent]:
    """The citizen still at the counter ends as the clerk said, and only the one
    they named: a repeated or stale press changes nothing (409)."""
    if closing is not None and closing.outcome not in OUTCOMES:
        raise Invalid(
            "invalid_field", field="current.outcome", reason="finished|no_show"
        )
    current = current_ticket(session, counter)
    if current is None and closing is None:
        return []
    if current is None or closing is None or closing.ticket != current.id:
        if closing is None:
            assert current is not None
            raise Conflict(
                "counter_busy", counter=counter.number, number=current.number
            )
        raise Conflict("not_current", counter=counter.number)
    close = finish if closing.outcome == "finished" else no_show
    return close(session, office, actor, clock, current).events


def _ready_counter(
    session: Session, office: Office, actor: Actor, number: int
) -> Counter:
    counter = counter_by_number(session, office, number, lock=True)
    require_counter(actor, office, counter)
    if counter.state != "open":
        raise Conflict("counter_paused", counter=number)
    return counter


def call_next(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    number: int,
    closing: Closing | None = None,
) -> Outcome:
    """Call the next citizen for a counter; None when nobody waits. A citizen still
    at the counter must be closed by name first (`closing`)."""
    counter = _ready_counter(session, office, actor, number)
    earlier = staffing.staff_counter(session, office, actor, clock, counter)
    earlier += _close_current(session, office, actor, clock, counter, closing)
    for _ in range(MAX_RACES):
        now = clock.now()
        taken = _claim(session, office, counter, actor, now)
        if taken is not None:
            return _announced(
                session, office, actor, clock, counter, taken, earlier, now, {}
            )
        if not _anyone_waiting(session, office, counter, now):
            return Outcome(None, earlier)
    raise Conflict("busy_retry")


def call_ticket(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    number: int,
    ticket: Ticket,
    reason: str | None = None,
    closing: Closing | None = None,
) -> Outcome:
    """Call one given ticket out of order; the reason is kept in the log."""
    counter = _ready_counter(session, office, actor, number)
    begin(office, actor, ticket, "call")
    if not callable_at(counter, ticket):
        raise Conflict("service_not_served", counter=number)
    earlier = staffing.staff_counter(session, office, actor, clock, counter)
    earlier += _close_current(session, office, actor, clock, counter, closing)
    if not _take(session, ticket.id, counter, actor, clock):
        raise Conflict("bad_state", status="called")
    return _called(
        session,
        office,
        actor,
        clock,
        counter,
        ticket.id,
        earlier,
        reason=reason,
        out_of_order="yes",
    )


def transfer(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    ticket: Ticket,
    *,
    service: str | None = None,
    counter: int | None = None,
    note: str | None = None,
) -> Outcome:
    """Send a ticket to another field or counter; it keeps its place by issue time.
    Sent to a counter, it is called there next, whatever fields that counter serves."""
    if (service is None) == (counter is None):
        raise Invalid("transfer_target")
    from_counter = ticket.counter if ticket.status in AT_COUNTER else None
    status = begin(office, actor, ticket, "transfer")
    if service is not None:
        field = service_by_code(session, office, service)
        _check_served(session, office, field)
        ticket.service, ticket.target_counter_id = field, None
    else:
        assert counter is not None
        ticket.target_counter_id = counter_by_number(session, office, counter).id
    ticket.status, ticket.counter_id, ticket.counter = status, None, None
    ticket.note, ticket.appointment_at = note, None
    journal.log(
        session,
        ticket,
        "transferred",
        actor,
        clock,
        from_counter,
        to_service=service,
        to_counter=counter,
        note=note,
    )
    moved = journal.ticket_event(session, office, clock, "ticket.transferred", ticket)
    return Outcome(ticket, [moved])


def _check_served(session: Session, office: Office, field: Service) -> None:
    """A transfer never leaves a ticket in a queue no counter can call."""
    stmt = (
        select(func.count())
        .select_from(counter_services)
        .join(Counter, Counter.id == counter_services.c.counter_id)
        .where(
            Counter.office_id == office.id,
            counter_services.c.service_id == field.id,
        )
    )
    if not session.execute(stmt).scalar_one():
        raise Conflict("transfer_no_counter", service=field.code)


def was_called_today(
    session: Session, office: Office, clock: Clock, number: int, counter: int
) -> bool:
    """Whether this number was called (or recalled) to this counter today: only
    such a call has an announcement to play."""
    day = service_day(clock.now(), office.timezone)
    stmt = (
        select(TicketEvent.id)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .join(Counter, Counter.id == TicketEvent.counter_id)
        .where(Ticket.office_id == office.id, Ticket.day == day)
        .where(Ticket.number == number, Counter.number == counter)
        .where(TicketEvent.kind.in_(CALLS))
    )
    return session.execute(stmt.limit(1)).first() is not None
