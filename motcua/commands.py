"""Staff commands shared by the REST API and the /counter namespace."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from motcua.core import calling, counters, tickets
from motcua.core.actors import Actor
from motcua.core.clock import Clock
from motcua.core.errors import Invalid, NotFound
from motcua.core.events import DomainEvent
from motcua.core.lookup import office_by_slug, ticket_by_id
from motcua.core.models import Office, Ticket

Result = tuple[dict[str, Any] | None, list[DomainEvent]]
TICKET_ACTIONS: dict[str, Callable[..., tickets.Outcome]] = {
    "recall": tickets.recall,
    "start": tickets.start,
    "finish": tickets.finish,
    "no-show": tickets.no_show,
    "return": tickets.return_to_queue,
    "cancel": tickets.cancel,
}


def visible_ticket(
    session: Session, actor: Actor, ticket_id: str
) -> tuple[Office, Ticket]:
    """A ticket of an office the actor belongs to; others look like unknown ids."""
    office, ticket = ticket_by_id(session, ticket_id)
    if actor.role_in(office) is None:
        raise NotFound("unknown_ticket")
    return office, ticket


def _result(session: Session, office: Office, outcome: tickets.Outcome) -> Result:
    return outcome.view(session, office), outcome.events


def ticket_action(
    session: Session, actor: Actor, clock: Clock, name: str, ticket_id: str
) -> Result:
    """recall, start, finish, no-show, return or cancel one ticket."""
    office, ticket = visible_ticket(session, actor, ticket_id)
    action = TICKET_ACTIONS[name]
    at = ticket.counter
    view, events = _result(
        session, office, action(session, office, actor, clock, ticket)
    )
    if at is not None:  # the clerk is still at work there: not idle
        events = [*events, *counters.staff_counter(session, office, actor, clock, at)]
    return view, events


def closing_of(value: Any) -> calling.Closing | None:
    """The body's `current`: {"ticket": id, "outcome": "finished" or "no_show"}."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"ticket", "outcome"}:
        raise Invalid("invalid_field", field="current", reason="{ticket, outcome}")
    ticket, outcome = value["ticket"], value["outcome"]
    if not isinstance(ticket, str) or not 0 < len(ticket) <= 64:
        raise Invalid("invalid_field", field="current.ticket", reason="string")
    if outcome not in calling.OUTCOMES:
        raise Invalid(
            "invalid_field", field="current.outcome", reason="finished|no_show"
        )
    return calling.Closing(ticket, outcome)


def call_next(
    session: Session,
    actor: Actor,
    clock: Clock,
    slug: str,
    counter: int,
    current: Any = None,
) -> Result:
    """Call the next citizen at a counter, closing its current one as named."""
    office = office_by_slug(session, slug)
    closing = closing_of(current)
    outcome = calling.call_next(session, office, actor, clock, counter, closing)
    return _result(session, office, outcome)


def call_ticket(
    session: Session,
    actor: Actor,
    clock: Clock,
    slug: str,
    counter: int,
    ticket_id: str,
    reason: str | None,
    current: Any = None,
) -> Result:
    """Call one waiting ticket at a counter, out of order, with a reason."""
    office = office_by_slug(session, slug)
    closing = closing_of(current)
    _, ticket = visible_ticket(session, actor, ticket_id)
    if ticket.office_id != office.id:
        raise NotFound("unknown_ticket")
    outcome = calling.call_ticket(
        session, office, actor, clock, counter, ticket, reason, closing
    )
    return _result(session, office, outcome)


def transfer(
    session: Session,
    actor: Actor,
    clock: Clock,
    ticket_id: str,
    service: str | None,
    counter: int | None,
    note: str | None,
) -> Result:
    office, ticket = visible_ticket(session, actor, ticket_id)
    outcome = calling.transfer(
        session,
        office,
        actor,
        clock,
        ticket,
        service=service,
        counter=counter,
        note=note,
    )
    return _result(session, office, outcome)


def mark_priority(
    session: Session, actor: Actor, clock: Clock, ticket_id: str, priority: str | None
) -> Result:
    office, ticket = visible_ticket(session, actor, ticket_id)
    outcome = tickets.mark_priority(session, office, actor, clock, ticket, priority)
    return _result(session, office, outcome)


def set_counter_state(
    session: Session,
    actor: Actor,
    clock: Clock,
    slug: str,
    counter: int,
    state: str,
    reason: str | None,
) -> Result:
    office = office_by_slug(session, slug)
    if state == "paused":
        events = counters.pause_counter(
            session, office, actor, clock, counter, reason or ""
        )
    elif state == "open":
        events = counters.resume_counter(session, office, actor, clock, counter)
    else:
        raise Invalid("bad_request")
    return events[0].data["counter"], events
