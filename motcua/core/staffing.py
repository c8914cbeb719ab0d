"""When a counter is staffed: open, with a clerk who signed in and is not idle.

A counter counts for waits and the board only while a clerk works at it: from
their sign-in at its console or their first call there, until they sign out,
pause it, or do nothing there for the office's `counter_idle_s`. A counter with a
citizen still called or served stays staffed however long the service takes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, exists, or_

from motcua.core.clock import as_utc
from motcua.core.models import Counter, Office, Ticket
from motcua.core.settings import office_setting

# Bound as `since`; None skips the idle check (callers that know no time).
SINCE = bindparam("since", type_=Counter.active_at.type)
SERVING_HERE = exists().where(
    Ticket.office_id == Counter.office_id,
    Ticket.status.in_(("called", "serving")),
    Ticket.counter_id == Counter.id,
)
STAFFED: ColumnElement[bool] = and_(
    Counter.state == "open",
    Counter.staff_id.is_not(None),
    or_(SINCE.is_(None), Counter.active_at >= SINCE, SERVING_HERE),
)


def staffed_since(office: Office, now: datetime | None) -> datetime | None:
    """A clerk active at or after this instant still staffs their counter."""
    if now is None:
        return None
    return now - timedelta(seconds=int(office_setting(office, "counter_idle_s")))


def is_staffed(
    office: Office, counter: Counter, now: datetime, busy: bool = False
) -> bool:
    """STAFFED for one loaded counter; busy: a citizen is called or served there."""
    if counter.state != "open" or counter.staff_id is None:
        return False
    since, active = staffed_since(office, now), counter.active_at
    assert since is not None
    return busy or (active is not None and as_utc(active) >= since)


def since_params(office: Office, now: datetime | None) -> dict[str, Any]:
    return {"since": staffed_since(office, now)}
