"""Helpers that run operations in their own transactions, as the server does."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from motcua.core import calling, tickets
from motcua.core.actors import Actor
from motcua.core.clock import Clock, service_day
from motcua.core.db import Database
from motcua.core.lookup import counter_by_number, office_by_slug, service_by_code
from motcua.core.models import DayNumber, Ticket, TicketEvent
from motcua.core.views import current_ticket


def issue(
    db: Database, slug: str, actor: Actor, clock: Clock, service: str = "CT", **kw: Any
) -> Ticket:
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        outcome = tickets.issue_ticket(
            session, office, actor, clock, tickets.IssueRequest(service, **kw)
        )
        assert outcome.ticket is not None
        return outcome.ticket


def call_next(
    db: Database,
    slug: str,
    actor: Actor,
    clock: Clock,
    counter: int,
    outcome: str | None = "finished",
) -> Ticket | None:
    """Call the next citizen, first closing the counter's current one (by its id,
    as the clerk would) with `outcome`; None sends no outcome at all."""
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        closing = None
        if outcome is not None:
            current = current_ticket(
                session, counter_by_number(session, office, counter)
            )
            if current is not None:
                closing = calling.Closing(current.id, outcome)
        return calling.call_next(session, office, actor, clock, counter, closing).ticket


def call_number(
    db: Database,
    world: Any,
    clock: Clock,
    number: int,
    counter: int,
    service: str = "CT",
) -> Ticket:
    """Today's call of this number to this counter, as a board announces it: the
    field's day counter is set just below the number, then it is issued and called
    (the counter's citizen before it finished)."""
    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        field = service_by_code(session, office, service)
        day = service_day(clock.now(), office.timezone)
        session.merge(DayNumber(service_id=field.id, day=day, last=number - 1))
    ticket = issue(db, world.office.slug, world.kiosk, clock, service)
    assert ticket.number == number
    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        called = session.get(Ticket, ticket.id)
        current = current_ticket(session, counter_by_number(session, office, counter))
        closing = calling.Closing(current.id, "finished") if current else None
        calling.call_ticket(
            session, office, world.staff, clock, counter, called, closing=closing
        )
    return ticket


def act(
    db: Database,
    slug: str,
    actor: Actor,
    clock: Clock,
    name: str,
    ticket_id: str,
    *args: Any,
    **kw: Any,
) -> tickets.Outcome:
    """Run a ticket operation (tickets.<name> or calling.<name>) on a fresh session."""
    fn = getattr(tickets, name, None) or getattr(calling, name)
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        ticket = session.get(Ticket, ticket_id)
        return fn(session, office, actor, clock, ticket, *args, **kw)  # type: ignore[no-any-return]


def status_of(db: Database, ticket_id: str) -> str:
    with db.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket.status


def event_kinds(db: Database, ticket_id: str) -> list[str]:
    with db.sessions() as session:
        stmt = select(TicketEvent.kind).where(TicketEvent.ticket_id == ticket_id)
        return list(session.scalars(stmt.order_by(TicketEvent.id)))


def all_numbers(db: Database) -> list[int]:
    with db.sessions() as session:
        return sorted(session.scalars(select(Ticket.number)))


def issue_in_process(url: str, slug: str, token: str, count: int) -> list[int]:
    """Run in a child process: its own engine, its own connections, like a worker."""
    from motcua.core.auth import actor_for_token
    from motcua.core.clock import SystemClock

    db = Database(url)
    clock = SystemClock()
    with db.sessions() as session:
        actor = actor_for_token(session, clock, token)
    assert actor is not None
    numbers = [issue(db, slug, actor, clock, "CT").number for _ in range(count)]
    db.dispose()
    return numbers


def press_next(
    client: Any, headers: dict[str, str], counter: int = 1, **kw: Any
) -> Any:
    """POST call-next as a console does: naming the counter's current citizen (read
    from the console state) as `outcome` ("finished" unless told)."""
    office, outcome = kw.get("office", "demo"), kw.get("outcome", "finished")
    base = f"/api/v1/offices/{office}/counters/{counter}"
    state = client.get(base + "/console", headers=headers).get_json()
    body = {}
    if state.get("current"):
        body = {"current": {"ticket": state["current"]["id"], "outcome": outcome}}
    return client.post(base + "/call-next", json=body, headers=headers)


def add_old_field(session: Any, office: Any, code: str, name: str) -> Any:
    """A field as older versions stored it: numbers 1-9999, over every other field's,
    written straight to the table (today's checks would refuse it)."""
    from motcua.core.models import Service

    old = Service(
        office_id=office.id,
        code=code,
        name_vi=name,
        name_en=code,
        range_start=1,
        range_end=9999,
        daily_cap=None,
        is_open=True,
        sort=9,
    )
    session.add(old)
    session.flush()
    return old


class Ticking:
    """A stand-in for time.monotonic that the test moves (`now += seconds`)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
