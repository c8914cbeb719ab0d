"""Estimated waits, explainable on purpose.

A citizen waits for everyone ahead of them who shares their counters: the counters
open for their field also serve other fields, and serve them in issue order. A field
also served elsewhere sends only its share of tickets to these counters (one of its
two counters is here: half of its queue). Each ticket ahead counts its own field's
average service time; each shared counter is free once its current citizen is done
(called at + average, never quite zero while they are still there). The citizen is
called when a counter frees after everyone ahead has been given one: "8 people
ahead at the 2 counters of your field, about 10 minutes each, one counter busy for
4 more minutes: 40 minutes". The averages move slowly on purpose: every ticket
ahead is priced with them, so their noise does not average out over a long queue.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, select, tuple_
from sqlalchemy.orm import Session

from motcua.core.clock import as_utc
from motcua.core.db import core
from motcua.core.models import Counter, Service, Ticket, counter_services
from motcua.core.staffing import STAFFED

# Weight of the newest measured service time in the moving average: about the last
# 20 services of the field. A faster average (0.2) was noisier and, since every ticket
# ahead is priced with it, measured worse on simulated days
# (benchmarks/bench_estimate.py).
ALPHA = 0.05
MIN_SERVICE_S, MAX_SERVICE_S = 30.0, 3 * 3600.0
# A citizen served longer than average still needs this share of an average service.
MIN_LEFT = 0.2
# Rounds of tickets ahead placed one by one on the counters; earlier rounds are
# given to every counter at once.
PLACED_ROUNDS = 2


def before(ticket: Ticket) -> ColumnElement[bool]:
    """Tickets call_next takes before this one: higher rank, then issue order."""
    return or_(
        Ticket.priority_rank > ticket.priority_rank,
        and_(
            Ticket.priority_rank == ticket.priority_rank,
            tuple_(Ticket.issued_at, Ticket.number, Ticket.id)
            < tuple_(ticket.issued_at, ticket.number, ticket.id),
        ),
    )


def before_params() -> ColumnElement[bool]:
    """before() with the ticket's place as bound parameters, for prebuilt statements."""
    return or_(
        Ticket.priority_rank > bindparam("rank"),
        and_(
            Ticket.priority_rank == bindparam("rank"),
            tuple_(Ticket.issued_at, Ticket.number, Ticket.id)
            < tuple_(
                bindparam("issued_at", type_=Ticket.issued_at.type),
                bindparam("number", type_=Ticket.number.type),
                bindparam("id", type_=Ticket.id.type),
            ),
        ),
    )


def place(ticket: Ticket) -> dict[str, Any]:
    """The bound parameters of before_params() for one ticket."""
    return {
        "rank": ticket.priority_rank,
        "issued_at": ticket.issued_at,
        "number": ticket.number,
        "id": ticket.id,
    }


# The hot statements are built once; their SQL is compiled once per dialect.
SHARING = (
    select(counter_services.c.counter_id, counter_services.c.service_id)
    .join(Counter, Counter.id == counter_services.c.counter_id)
    .where(Counter.office_id == bindparam("office_id"), STAFFED)
)
WORK = (
    select(Service.id, Service.avg_service_s, func.count())
    .join(Ticket, Ticket.service_id == Service.id)
    .where(Ticket.office_id == bindparam("office_id"), Ticket.day == bindparam("day"))
    .where(
        Ticket.status == "waiting",
        Ticket.service_id.in_(bindparam("fields", expanding=True)),
    )
    .group_by(Service.id, Service.avg_service_s)
)
WORK_BEFORE = WORK.where(before_params())
BUSY = (
    select(Ticket.counter_id, Ticket.called_at, Service.avg_service_s)
    .join(Service, Service.id == Ticket.service_id)
    .where(Ticket.office_id == bindparam("office_id"), Ticket.day == bindparam("day"))
    .where(
        Ticket.status.in_(("called", "serving")),
        Ticket.counter_id.in_(bindparam("counters", expanding=True)),
    )
)


Sharing = Sequence[Any]  # rows of (staffed counter, field it serves)
Serving = dict[int, tuple[datetime, float]]  # counter -> (called at, average)


def sharing(
    session: Session, service: Service, day: date, since: datetime | None = None
) -> tuple[list[int], dict[int, float]]:
    """The staffed counters of a field (not idle since `since`, when given: see
    staffing.py), and the share of each field's counters they are."""
    params = {"office_id": service.office_id, "since": since, "day": day}
    rows = core(session).execute(SHARING, params).all()
    return _shares(rows, service.id)


def _shares(rows: Sharing, field_id: int) -> tuple[list[int], dict[int, float]]:
    counters = sorted({counter for counter, field in rows if field == field_id})
    mine: dict[int, int] = {}
    everywhere: dict[int, int] = {}
    for counter, field in rows:
        everywhere[field] = everywhere.get(field, 0) + 1
        if counter in counters:
            mine[field] = mine.get(field, 0) + 1
    return counters, {field: n / everywhere[field] for field, n in mine.items()}


def work_ahead(
    session: Session,
    office_id: int,
    day: date,
    shares: dict[int, float],
    ticket: Ticket | None = None,
) -> tuple[float, float]:
    """Service seconds owed to the fields' waiting tickets (before one), and how
    many tickets, each field counted for its share."""
    params: dict[str, Any] = {
        "office_id": office_id,
        "day": day,
        "fields": sorted(shares),
    }
    stmt = WORK
    if ticket is not None:
        stmt = WORK_BEFORE
        params.update(place(ticket))
    return _owed(core(session).execute(stmt, params), shares)


def _owed(rows: Iterable[Any], shares: dict[int, float]) -> tuple[float, float]:
    work, count = 0.0, 0.0
    for field, avg, n in rows:
        if field in shares:
            work += float(avg) * int(n) * shares[field]
            count += int(n) * shares[field]
    return work, count


def busy_left(
    session: Session,
    office_id: int,
    day: date,
    counters: list[int],
    now: datetime | None,
    not_before: datetime | None = None,
) -> list[float]:
    """Seconds until each counter is free of the citizen it serves (0 when free).

    Without `now`, the latest call (or not_before, if later) stands for it: the
    queue was there at least then.
    """
    rows = core(session).execute(
        BUSY, {"office_id": office_id, "day": day, "counters": counters}
    )
    return _left(_serving(rows), counters, now, not_before)


def _serving(rows: Iterable[Any]) -> Serving:
    """The citizen each counter serves: when called, and their field's average."""
    serving: Serving = {}
    for counter, called, avg in rows:
        if counter is None or called is None:
            continue
        called = as_utc(called)
        if counter not in serving or called > serving[counter][0]:
            serving[counter] = (called, float(avg))
    return serving


def _left(
    serving: Serving,
    counters: list[int],
    now: datetime | None,
    not_before: datetime | None = None,
) -> list[float]:
    busy = [serving[c] for c in counters if c in serving]
    known = [called_at for called_at, _ in busy]
    if not_before is not None:
        known.append(as_utc(not_before))
    at = as_utc(now) if now is not None else max(known, default=None)
    left = [0.0] * (len(counters) - len(busy))
    for called_at, avg in busy:
        done = (at - called_at).total_seconds() if at is not None else 0.0
        left.append(min(avg, max(MIN_LEFT * avg, avg - done)))
    return left


def wait_seconds(free_s: list[float], work_s: float, ahead: float) -> int | None:
    """When a counter is free for the citizen once everyone ahead has one.

    free_s holds one entry per counter; None when no counter serves the field.
    Tickets ahead count the mean of their services. Whole rounds of them (one per
    counter) keep every counter busy alike; the last rounds go one by one to
    whichever counter frees first, which is where the counters differ.
    """
    if not free_s:
        return None
    counters, tickets = len(free_s), int(ahead + 0.5)
    each = work_s / ahead if ahead else 0.0
    rounds = max(0, tickets // counters - PLACED_ROUNDS)
    free = [left + rounds * each for left in free_s]
    heapq.heapify(free)
    for _ in range(tickets - rounds * counters):
        heapq.heapreplace(free, free[0] + each)
    return int(math.ceil(free[0] - 1e-6))


def ticket_wait(
    session: Session,
    ticket: Ticket,
    now: datetime | None = None,
    since: datetime | None = None,
) -> int | None:
    """The wait of a waiting ticket; None when no staffed counter serves its field."""
    counters, shares = sharing(session, ticket.service, ticket.day, since)
    if not counters:
        return None
    work, ahead = work_ahead(session, ticket.office_id, ticket.day, shares, ticket)
    free = busy_left(
        session, ticket.office_id, ticket.day, counters, now, ticket.issued_at
    )
    return wait_seconds(free, work, ahead)


def new_ticket_waits(
    session: Session,
    office_id: int,
    day: date,
    now: datetime,
    since: datetime | None = None,
) -> dict[int, int | None]:
    """The wait a ticket of each field would have if taken now, by field id; a
    field no staffed counter serves is missing. Three queries for the whole office."""
    staffed = {"office_id": office_id, "since": since, "day": day}
    rows = core(session).execute(SHARING, staffed).all()
    if not rows:
        return {}
    fields = sorted({field for _, field in rows})
    counters = sorted({counter for counter, _ in rows})
    params = {"office_id": office_id, "day": day, "fields": fields}
    owed = core(session).execute(WORK, params).all()
    busy = {"office_id": office_id, "day": day, "counters": counters}
    serving = _serving(core(session).execute(BUSY, busy))
    waits: dict[int, int | None] = {}
    for field in fields:
        mine, shares = _shares(rows, field)
        work, ahead = _owed(owed, shares)
        waits[field] = wait_seconds(_left(serving, mine, now), work, ahead)
    return waits


def record_service_time(service: Service, seconds: float) -> None:
    """Fold one measured service time into the service's moving average."""
    seconds = min(max(seconds, MIN_SERVICE_S), MAX_SERVICE_S)
    service.avg_service_s = (1 - ALPHA) * service.avg_service_s + ALPHA * seconds
