"""When a counter is staffed: open, with a clerk who signed in and is not idle.

A counter counts for waits and the board only while a clerk works at it: from
their sign-in at its console or their first call there, until they sign out,
pause it, or stay idle: nothing done there for the office's `counter_idle_s` while
a citizen it could call has waited at least as long. A clerk with an empty queue
is not idle (quiet communes wait an hour between citizens), nor is one serving a
citizen however long that takes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, exists, or_, select
from sqlalchemy.orm import Session

from motcua.core.clock import as_utc, service_day
from motcua.core.db import core
from motcua.core.models import Counter, Office, Ticket, counter_services
from motcua.core.settings import office_setting

# Bound as `since` and `day`; since None skips the idle check (no time known).
SINCE = bindparam("since", type_=Counter.active_at.type)
SERVING_HERE = exists().where(
    Ticket.office_id == Counter.office_id,
    Ticket.status.in_(("called", "serving")),
    Ticket.counter_id == Counter.id,
)
# Someone the counter could call has waited since before `since`.
OVERDUE = exists().where(
    counter_services.c.counter_id == Counter.id,
    Ticket.service_id == counter_services.c.service_id,
    Ticket.office_id == Counter.office_id,
    Ticket.day == bindparam("day", type_=Ticket.day.type),
    Ticket.status == "waiting",
    Ticket.issued_at < SINCE,
)
# For a query on counters: with counter_services itself in the query's FROM, OVERDUE
# would look at that row's field only (join the fields under an alias instead).
STAFFED: ColumnElement[bool] = and_(
    Counter.state == "open",
    Counter.staff_id.is_not(None),
    or_(SINCE.is_(None), Counter.active_at >= SINCE, SERVING_HERE, ~OVERDUE),
)
STAFFED_IDS = select(Counter.id).where(
    Counter.office_id == bindparam("office_id"), STAFFED
)


def staffed_since(office: Office, now: datetime | None) -> datetime | None:
    """A clerk active at or after this instant still staffs their counter."""
    if now is None:
        return None
    return now - timedelta(seconds=int(office_setting(office, "counter_idle_s")))


def is_staffed(office: Office, counter: Counter, now: datetime) -> bool:
    """Staffed as far as the counter's own row tells (for the moment a clerk acts
    there); staffed_ids() also knows who waits."""
    if counter.state != "open" or counter.staff_id is None:
        return False
    since, active = staffed_since(office, now), counter.active_at
    assert since is not None
    return active is not None and as_utc(active) >= since


def params(office: Office, now: datetime | None, day: date) -> dict[str, Any]:
    """The bound parameters of STAFFED."""
    return {"since": staffed_since(office, now), "day": day}


def staffed_ids(session: Session, office: Office, now: datetime) -> set[int]:
    """The office's counters a clerk works at now."""
    day = service_day(now, office.timezone)
    bound = {"office_id": office.id, **params(office, now, day)}
    return set(core(session).execute(STAFFED_IDS, bound).scalars())
