"""Calling citizens to counters: the call policy and exactly-once call-next."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from motcua.core import counters as staffing
from motcua.core import journal
from motcua.core.actors import Actor, require_counter, require_role
from motcua.core.clock import Clock, service_day
from motcua.core.db import core
from motcua.core.errors import Conflict, Invalid
from motcua.core.events import DomainEvent
from motcua.core.lookup import counter_by_number, service_by_code
from motcua.core.models import Counter, Office, Ticket
from motcua.core.settings import office_setting
from motcua.core.tickets import Outcome, _expect, finish
from motcua.core.views import TICKET_ONLY, current_ticket

MAX_RACES = 20


# The queue of a counter: today's waiting tickets of its fields, or sent to it.
CANDIDATES = select(Ticket.id).where(
    Ticket.office_id == bindparam("office_id"),
    Ticket.day == bindparam("day"),
    Ticket.status == "waiting",
    Ticket.service_id.in_(bindparam("service_ids", expanding=True)),
    or_(
        Ticket.target_counter_id.is_(None),
        Ticket.target_counter_id == bindparam("counter_id"),
    ),
)
BY_AGE = (Ticket.issued_at, Ticket.number, Ticket.id)
# The first of the queue. SKIP LOCKED lets a second counter pass a row the first is
# taking (PostgreSQL); SQLite ignores it and serializes writers with BEGIN IMMEDIATE.
STRICT = (
    CANDIDATES.order_by(Ticket.priority_rank.desc(), *BY_AGE)
    .limit(1)
    .with_for_update(skip_locked=True)
)
PRIORITY = (
    CANDIDATES.where(Ticket.priority_rank > 0)
    .order_by(Ticket.priority_rank.desc(), *BY_AGE)
    .limit(1)
    .with_for_update(skip_locked=True)
)
NORMAL = (
    CANDIDATES.where(Ticket.priority_rank == 0)
    .order_by(*BY_AGE)
    .limit(1)
    .with_for_update(skip_locked=True)
)
_NOW = bindparam("now", type_=Ticket.called_at.type)
TAKE = (
    update(Ticket)
    .where(Ticket.id == bindparam("ticket_id"), Ticket.status == "waiting")
    .values(
        status="called",
        counter_id=bindparam("counter_id"),
        called_at=_NOW,
        first_called_at=func.coalesce(Ticket.first_called_at, _NOW),
        staff_id=bindparam("staff_id"),
        target_counter_id=None,
    )
)


def choose_next(
    session: Session, office: Office, counter: Counter, clock: Clock
) -> str | None:
    """The id of the ticket the policy gives this counter now, if anyone waits."""
    conn = core(session)
    params = {
        "office_id": office.id,
        "day": service_day(clock.now(), office.timezone),
        "service_ids": [s.id for s in counter.services],
        "counter_id": counter.id,
    }

    def first(stmt: Select[Any]) -> str | None:
        found = conn.execute(stmt, params).scalar_one_or_none()
        return str(found) if found is not None else None

    if office_setting(office, "priority_policy") != "ratio":
        return first(STRICT)  # the highest class first, then the oldest
    priority = first(PRIORITY)
    if priority is None:
        return first(NORMAL)
    if counter.normal_streak < int(office_setting(office, "priority_ratio")):
        return first(NORMAL) or priority
    return priority


def _take(
    session: Session, ticket_id: str, counter: Counter, actor: Actor, clock: Clock
) -> bool:
    """Conditional update: only one counter can turn a waiting ticket into a call."""
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
    counter.normal_streak = 0 if ticket.priority_rank > 0 else counter.normal_streak + 1
    journal.log(session, ticket, "called", actor, clock, counter, **why)
    called = journal.ticket_event(session, office, clock, "ticket.called", ticket)
    return Outcome(ticket, [*earlier, called])


def _close_current(
    session: Session, office: Office, actor: Actor, clock: Clock, counter: Counter
) -> list[DomainEvent]:
    """Calling the next citizen finishes the one still at the counter."""
    current = current_ticket(session, counter)
    if current is None:
        return []
    return finish(session, office, actor, clock, current).events


def _ready_counter(
    session: Session, office: Office, actor: Actor, number: int
) -> Counter:
    counter = counter_by_number(session, office, number, lock=True)
    require_counter(actor, office, counter)
    if counter.state != "open":
        raise Conflict("counter_paused", counter=number)
    return counter


def call_next(
    session: Session, office: Office, actor: Actor, clock: Clock, number: int
) -> Outcome:
    """Call the next citizen for a counter; None when nobody waits."""
    counter = _ready_counter(session, office, actor, number)
    earlier = staffing.staff_counter(session, office, actor, clock, counter)
    earlier += _close_current(session, office, actor, clock, counter)
    for _ in range(MAX_RACES):
        ticket_id = choose_next(session, office, counter, clock)
        if ticket_id is None:
            return Outcome(None, earlier)
        if _take(session, ticket_id, counter, actor, clock):
            return _called(session, office, actor, clock, counter, ticket_id, earlier)
    raise Conflict("busy_retry")


def call_ticket(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    number: int,
    ticket: Ticket,
    reason: str | None = None,
) -> Outcome:
    """Call one given ticket out of order; the reason is kept in the log."""
    counter = _ready_counter(session, office, actor, number)
    _expect(ticket, "waiting")
    served = {s.id for s in counter.services}
    if ticket.service_id not in served and ticket.target_counter_id != counter.id:
        raise Conflict("service_not_served", counter=number)
    earlier = staffing.staff_counter(session, office, actor, clock, counter)
    earlier += _close_current(session, office, actor, clock, counter)
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
    """Send a ticket to another field or counter; it keeps its place by issue time."""
    if (service is None) == (counter is None):
        raise Invalid("transfer_target")
    _expect(ticket, "waiting", "called", "serving")
    from_counter = ticket.counter
    if from_counter is not None:
        require_counter(actor, office, from_counter)
    else:
        require_role(actor, office)
    if service is not None:
        ticket.service = service_by_code(session, office, service)
        ticket.target_counter_id = None
    else:
        assert counter is not None
        ticket.target_counter_id = counter_by_number(session, office, counter).id
    ticket.status, ticket.counter_id, ticket.counter = "waiting", None, None
    ticket.note = note
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
