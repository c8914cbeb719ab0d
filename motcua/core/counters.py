"""Counters opening, pausing and resuming."""

from __future__ import annotations

from sqlalchemy.orm import Session

from motcua.core import journal
from motcua.core.actors import Actor, require_counter
from motcua.core.clock import Clock
from motcua.core.errors import Invalid
from motcua.core.events import DomainEvent
from motcua.core.lookup import counter_by_number
from motcua.core.models import Counter, Office


def _changed(
    session: Session, office: Office, clock: Clock, counter: Counter
) -> DomainEvent:
    data = {
        "counter": {
            "number": counter.number,
            "name": counter.name,
            "state": counter.state,
            "pause_reason": counter.pause_reason,
        }
    }
    return journal.event(
        session, office, clock, "counter.changed", data, counter=counter.number
    )


def pause_counter(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    number: int,
    reason: str,
) -> list[DomainEvent]:
    """Stop calling at a counter for a while, saying why."""
    counter = counter_by_number(session, office, number)
    require_counter(actor, office, counter)
    reason = (reason or "").strip()
    if not reason or len(reason) > 200:
        raise Invalid("pause_reason")
    counter.state, counter.pause_reason = "paused", reason
    return [_changed(session, office, clock, counter)]


def resume_counter(
    session: Session, office: Office, actor: Actor, clock: Clock, number: int
) -> list[DomainEvent]:
    """Open a paused counter again."""
    counter = counter_by_number(session, office, number)
    require_counter(actor, office, counter)
    counter.state, counter.pause_reason = "open", None
    return [_changed(session, office, clock, counter)]
