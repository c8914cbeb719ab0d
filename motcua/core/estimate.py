"""Estimated waits, explainable on purpose.

A citizen waits for everyone ahead of them who shares their counters: the counters
open for their field also serve other fields, and serve them in issue order. So the
wait is the work ahead (each ticket ahead counts its own field's average service
time) shared by the counters open for the citizen's field:
"8 people ahead at the 2 counters of your field, about 10 minutes each: 40 minutes".
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, select, tuple_
from sqlalchemy.orm import Session

from motcua.core.db import core
from motcua.core.models import Counter, Service, Ticket, counter_services

# Weight of the newest measured service time in the moving average.
ALPHA = 0.2
MIN_SERVICE_S, MAX_SERVICE_S = 30.0, 3 * 3600.0


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
_shared = counter_services.alias("shared")
SHARING = (
    select(_shared.c.counter_id, _shared.c.service_id)
    .select_from(counter_services)
    .join(Counter, Counter.id == counter_services.c.counter_id)
    .join(_shared, _shared.c.counter_id == Counter.id)
    .where(counter_services.c.service_id == bindparam("service_id"))
    .where(Counter.state == "open")
)
WORK = (
    select(Service.avg_service_s, func.count())
    .join(Ticket, Ticket.service_id == Service.id)
    .where(Ticket.office_id == bindparam("office_id"), Ticket.day == bindparam("day"))
    .where(
        Ticket.status == "waiting",
        Ticket.service_id.in_(bindparam("fields", expanding=True)),
    )
    .group_by(Service.id, Service.avg_service_s)
)
WORK_BEFORE = WORK.where(before_params())


def sharing(session: Session, service: Service) -> tuple[list[int], list[int]]:
    """The open counters of a field, and every field those counters serve."""
    rows = core(session).execute(SHARING, {"service_id": service.id}).all()
    counters = sorted({counter for counter, _ in rows})
    fields = sorted({field for _, field in rows})
    return counters, fields


def work_ahead(
    session: Session,
    office_id: int,
    day: date,
    fields: list[int],
    ticket: Ticket | None = None,
) -> float:
    """Seconds of service owed to the waiting tickets of the fields (before one)."""
    params: dict[str, Any] = {"office_id": office_id, "day": day, "fields": fields}
    stmt = WORK
    if ticket is not None:
        stmt = WORK_BEFORE
        params.update(place(ticket))
    rows = core(session).execute(stmt, params)
    return sum(float(avg) * int(n) for avg, n in rows)


def wait_seconds(work_s: float, counters: int) -> int | None:
    """None when no counter serves the field right now: the wait is unknown."""
    if counters <= 0:
        return None
    return int(math.ceil(work_s / counters))


def ticket_wait(session: Session, ticket: Ticket) -> int | None:
    """The wait of a waiting ticket."""
    counters, fields = sharing(session, ticket.service)
    if not counters:
        return None
    work = work_ahead(session, ticket.office_id, ticket.day, fields, ticket)
    return wait_seconds(work, len(counters))


def new_ticket_wait(session: Session, service: Service, day: date) -> int | None:
    """The wait a ticket of the field would have if taken now."""
    counters, fields = sharing(session, service)
    if not counters:
        return None
    work = work_ahead(session, service.office_id, day, fields)
    return wait_seconds(work, len(counters))


def record_service_time(service: Service, seconds: float) -> None:
    """Fold one measured service time into the service's moving average."""
    seconds = min(max(seconds, MIN_SERVICE_S), MAX_SERVICE_S)
    service.avg_service_s = (1 - ALPHA) * service.avg_service_s + ALPHA * seconds
