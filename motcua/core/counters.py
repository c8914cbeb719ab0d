"""Counters opening, pausing and resuming, and who staffs them (staffing.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core import journal
from motcua.core.actors import Actor, require_counter
from motcua.core.clock import Clock
from motcua.core.db import write_row
from motcua.core.errors import Invalid
from motcua.core.events import DomainEvent
from motcua.core.lookup import counter_by_number
from motcua.core.models import Counter, Office, Service, counter_services
from motcua.core.staffing import is_staffed


def counter_data(office: Office, counter: Counter, now: datetime) -> dict[str, object]:
    return {
        "number": counter.number,
        "name": counter.name,
        "state": counter.state,
        "pause_reason": counter.pause_reason,
        "staffed": is_staffed(office, counter, now),
    }


def _changed(
    session: Session, office: Office, clock: Clock, counter: Counter
) -> DomainEvent:
    data = {"counter": counter_data(office, counter, clock.now())}
    return journal.event(
        session, office, clock, "counter.changed", data, counter=counter.number
    )


def staff_counter(
    session: Session, office: Office, actor: Actor, clock: Clock, counter: Counter
) -> list[DomainEvent]:
    """The actor works at the counter now; an event when that staffs it."""
    if actor.user_id is None:
        return []
    was = is_staffed(office, counter, clock.now())
    write_row(session, counter, staff_id=actor.user_id, active_at=clock.now())
    if was or counter.state != "open":
        return []
    return [_changed(session, office, clock, counter)]


def _at_work(counter: Counter, actor: Actor, clock: Clock) -> None:
    if actor.user_id is not None:
        counter.staff_id, counter.active_at = actor.user_id, clock.now()


def _allowed(session: Session, office: Office, actor: Actor, number: int) -> Counter:
    counter = counter_by_number(session, office, number)
    require_counter(actor, office, counter)
    return counter


def sign_in(
    session: Session, office: Office, actor: Actor, clock: Clock, number: int
) -> list[DomainEvent]:
    """A clerk opens the console of a counter they may work at: it is staffed."""
    counter = _allowed(session, office, actor, number)
    return staff_counter(session, office, actor, clock, counter)


def sign_out(session: Session, actor: Actor, clock: Clock) -> list[DomainEvent]:
    """The actor signs out: every counter they staff is staffed no more."""
    if actor.user_id is None:
        return []
    events = []
    for counter in session.scalars(
        select(Counter).where(Counter.staff_id == actor.user_id)
    ):
        office = session.get(Office, counter.office_id)
        assert office is not None
        counter.staff_id = None
        events.append(_changed(session, office, clock, counter))
    return events


def pause_counter(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    number: int,
    reason: str,
) -> list[DomainEvent]:
    """Stop calling at a counter for a while, saying why; it is unstaffed meanwhile."""
    counter = _allowed(session, office, actor, number)
    reason = (reason or "").strip()
    if not reason or len(reason) > 200:
        raise Invalid("pause_reason")
    counter.state, counter.pause_reason = "paused", reason
    counter.staff_id = None
    return [_changed(session, office, clock, counter)]


def resume_counter(
    session: Session, office: Office, actor: Actor, clock: Clock, number: int
) -> list[DomainEvent]:
    """Open a paused counter again, staffed by the clerk who resumes it."""
    counter = _allowed(session, office, actor, number)
    counter.state, counter.pause_reason = "open", None
    _at_work(counter, actor, clock)
    return [_changed(session, office, clock, counter)]


def unserved_services(session: Session, office: Office) -> list[Service]:
    """Fields giving numbers that no counter of the office serves."""
    served = select(counter_services.c.service_id).join(
        Counter, Counter.id == counter_services.c.counter_id
    )
    stmt = select(Service).where(
        Service.office_id == office.id,
        Service.is_open.is_(True),
        Service.id.not_in(served.where(Counter.office_id == office.id)),
    )
    return list(session.scalars(stmt.order_by(Service.sort)))


def paused_counters(session: Session, office: Office) -> list[Counter]:
    """The office's counters that are not open."""
    stmt = select(Counter).where(
        Counter.office_id == office.id, Counter.state != "open"
    )
    return list(session.scalars(stmt))
