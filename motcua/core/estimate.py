"""Estimated waits, explainable on purpose, counted in the one order of ordering.py.

A citizen waits for the people ahead of them: at each staffed counter that may call
them, those that counter's order (lanes and policy) calls first, the very count
"people ahead" gives. Each is priced with their field's average service time (a
lane the policy takes only part of is priced at its mean). The staffed counters
that may call the citizen share that work, each starting once its current citizen
is done (called at + average, never quite zero while they are still there): the
dearest lanes first, each on the counter that frees first. The citizen is
called when a counter frees after that. A counter whose own order puts more people
before the citizen is busy with them and does not help. Of the counters, the one
that calls the citizen soonest counts: "3 people ahead at the 2 counters of your
field, about 10 minutes each, one counter busy for 4 more minutes: 14 minutes". A
ticket sent to one counter waits for that counter alone. The averages move slowly
on purpose: every ticket ahead is priced with them, so their noise does not average
out over a long queue.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, case, select, update
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from motcua.core.clock import SystemClock, as_utc
from motcua.core.db import core
from motcua.core.models import Counter, Office, Service, Ticket, counter_services
from motcua.core.ordering import (
    WALK_IN,
    Policy,
    at_counter,
    lane_counts,
    lane_of_ticket,
    policy_at,
    sizes_at,
    taken_before,
)
from motcua.core.staffing import STAFFED

# Weight of the newest measured service time in the moving average: about the last
# 20 services of the field. A faster average (0.2) was noisier and, since every ticket
# ahead is priced with it, measured worse on simulated days
# (benchmarks/bench_estimate.py).
ALPHA = 0.05
MIN_SERVICE_S, MAX_SERVICE_S = 30.0, 3 * 3600.0
# A citizen served longer than average still needs this share of an average service.
MIN_LEFT = 0.2

# The hot statements are built once; their SQL is compiled once per dialect.
# The counters' fields under another name: STAFFED's own look at counter_services
# (is someone overdue at this counter?) must see every field of the counter, not be
# tied to the one field of the row.
_FIELDS = counter_services.alias("fields")
_DESK = (Counter.id, Counter.normal_streak, Counter.booked_gap, _FIELDS.c.service_id)
DESKS = (
    select(*_DESK)
    .outerjoin(_FIELDS, _FIELDS.c.counter_id == Counter.id)
    .where(Counter.office_id == bindparam("office_id"), STAFFED)
)
# Every counter of the office, each saying whether it is staffed.
EVERY_DESK = (
    select(*_DESK, case((STAFFED, 1), else_=0))
    .outerjoin(_FIELDS, _FIELDS.c.counter_id == Counter.id)
    .where(Counter.office_id == bindparam("office_id"))
)
BUSY = (
    select(Ticket.counter_id, Ticket.called_at, Service.avg_service_s)
    .join(Service, Service.id == Ticket.service_id)
    .where(Ticket.office_id == bindparam("office_id"), Ticket.day == bindparam("day"))
    .where(
        Ticket.status.in_(("called", "serving")),
        Ticket.counter_id.in_(bindparam("counters", expanding=True)),
    )
)

Serving = dict[int, tuple[datetime, float]]  # counter -> (called at, average)
Priced = list[tuple[float, int]]  # (average service seconds, how many)


@dataclass(frozen=True)
class Desk:
    """A staffed counter as the estimate sees it: its fields and its place in the
    policy."""

    id: int
    fields: frozenset[int]
    policy: Policy


def desks(
    session: Session, office: Office, day: date, since: datetime | None
) -> list[Desk]:
    """The office's staffed counters (not idle since `since`, when given: see
    staffing.py), with their fields and policy state."""
    params = {"office_id": office.id, "since": since, "day": day}
    rows = core(session).execute(DESKS, params)
    return _desks(office, ((*row, 1) for row in rows))[0]


def every_desk(
    session: Session, office: Office, day: date, since: datetime | None
) -> tuple[list[Desk], list[Desk]]:
    """Every counter of the office and, of them, the staffed ones (as desks())."""
    params = {"office_id": office.id, "since": since, "day": day}
    return _desks(office, core(session).execute(EVERY_DESK, params))


def _desks(office: Office, rows: Iterable[Any]) -> tuple[list[Desk], list[Desk]]:
    """Desks from rows of (counter, streak, gap, field, staffed), one per field;
    all of them and the staffed ones, by counter id."""
    fields: dict[int, set[int]] = {}
    policies: dict[int, Policy] = {}
    staffed: set[int] = set()
    for counter, streak, gap, field, on in rows:
        if counter not in fields:
            fields[counter] = set()
            policies[counter] = policy_at(office, streak, gap)
        if field is not None:
            fields[counter].add(field)
        if on:
            staffed.add(counter)
    every = [Desk(c, frozenset(fields[c]), policies[c]) for c in sorted(fields)]
    return every, [desk for desk in every if desk.id in staffed]


def busy_left(
    session: Session,
    office_id: int,
    day: date,
    counters: list[int],
    now: datetime | None,
    not_before: datetime | None = None,
) -> dict[int, float]:
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
) -> dict[int, float]:
    known = [serving[c][0] for c in counters if c in serving]
    if not_before is not None:
        known.append(as_utc(not_before))
    at = as_utc(now) if now is not None else max(known, default=None)
    left = {}
    for counter in counters:
        if counter not in serving:
            left[counter] = 0.0
            continue
        called_at, avg = serving[counter]
        done = (at - called_at).total_seconds() if at is not None else 0.0
        left[counter] = min(avg, max(MIN_LEFT * avg, avg - done))
    return left


def spread(free_s: Sequence[float], priced: Priced) -> float:
    """When a counter is free for the citizen once everyone ahead has one, each
    to the counter that frees first, the dearest first. (A fixed order of fixed
    prices makes one more person ahead never mean a shorter wait.)"""
    free = list(free_s)
    heapq.heapify(free)
    for seconds, count in sorted(priced, reverse=True):
        for _ in range(count):
            heapq.heapreplace(free, free[0] + seconds)
    return free[0]


@dataclass(frozen=True)
class Ahead:
    """The people a desk calls before a ticket: the desk's rows of the queue
    (ordering.lane_counts: lane, field, target, count, ahead in the ticket's
    lane, average) and how many it takes from each lane first."""

    rows: list[Any]
    taken: dict[str, int]

    @property
    def count(self) -> int:
        return sum(self.taken.values())

    def priced(self, shares: dict[int, float]) -> Priced:
        """Their cost; `shares`: the part of each field's tickets left to the
        desks that help (the other counters of the field call the rest)."""
        priced: Priced = []
        for lane, count in self.taken.items():
            part, mean = _lane_price(self.rows, lane, shares)
            priced.append((mean, int(count * part + 0.5)))
        return priced


def ahead_at(rows: list[Any], desk: Desk, lane: str) -> Ahead:
    """Who a desk calls before a ticket of `lane`, in ordering.py's order."""
    mine = list(at_counter(rows, desk.id, desk.fields))
    sizes, index = sizes_at(mine, desk.id, desk.fields, lane)
    return Ahead(mine, taken_before(sizes, lane, index, desk.policy))


def _lane_price(
    rows: list[Any], lane: str, shares: dict[int, float]
) -> tuple[float, float]:
    """The part of a lane's tickets left to the helping desks, and their mean
    price. One price for the whole lane (the ticket itself aside) makes one more
    person ahead in it never mean a shorter wait."""
    n, left, work = 0, 0.0, 0.0
    for row_lane, field, target, count, _, avg in rows:
        if row_lane == lane:
            share = 1.0 if target is not None else shares.get(field, 1.0)
            n, left = n + int(count), left + int(count) * share
            work += int(count) * share * float(avg)
    return left / n, work / left if left else 0.0


def wait_of(
    rows: list[Any],
    callers: list[Desk],
    staffed: list[Desk],
    free: dict[int, float],
    lane: str,
    places: list[Ahead] | None = None,
) -> int | None:
    """The wait of a ticket of `lane` that these staffed desks may call; None when
    none may. `staffed`: every staffed desk of the office; `places`: ahead_at of
    each caller, when known."""
    if not callers:
        return None
    if places is None:
        places = [ahead_at(rows, desk, lane) for desk in callers]
    best = math.inf
    for place in places:
        helping = [
            desk
            for desk, other in zip(callers, places, strict=True)
            if other.count <= place.count
        ]
        priced = place.priced(_shares(helping, staffed))
        best = min(best, spread([free[desk.id] for desk in helping], priced))
    return int(math.ceil(best - 1e-6))


def _shares(helping: list[Desk], staffed: list[Desk]) -> dict[int, float]:
    """Each field's part of its staffed counters that are among the helping."""
    ids = {desk.id for desk in helping}
    counters: dict[int, int] = {}
    mine: dict[int, int] = {}
    for desk in staffed:
        for field in desk.fields:
            counters[field] = counters.get(field, 0) + 1
            mine[field] = mine.get(field, 0) + (desk.id in ids)
    return {field: mine[field] / n for field, n in counters.items()}


def _may_call(desk: Desk, ticket: Ticket) -> bool:
    if ticket.target_counter_id is not None:
        return desk.id == ticket.target_counter_id
    return ticket.service_id in desk.fields


def ticket_wait(
    session: Session,
    ticket: Ticket,
    now: datetime | None = None,
    since: datetime | None = None,
) -> int | None:
    """The wait of a waiting ticket; None when no staffed counter may call it.
    Without `now`, the system clock says whose booked slot has come."""
    return place(session, ticket, now, since)[1]


def place(
    session: Session,
    ticket: Ticket,
    now: datetime | None = None,
    since: datetime | None = None,
) -> tuple[int, int | None]:
    """People ahead of a ticket and its wait, from one count of the queue.

    Ahead: how many the soonest counter that may call it calls first, in the
    order of ordering.py, counted at the staffed counters that may call it or,
    while none is staffed, at every one that may (the order stands though nobody
    calls it now). Wait: as the module says; None when no staffed counter may
    call it. Not waiting: nobody ahead, no wait. Without `now`, the system clock
    says whose booked slot has come; `since`: see staffing.staffed_since.
    """
    if ticket.status != "waiting":
        return 0, 0
    office = session.get(Office, ticket.office_id)
    assert office is not None
    every, staffed = every_desk(session, office, ticket.day, since)
    callers = [desk for desk in staffed if _may_call(desk, ticket)]
    able = callers or [desk for desk in every if _may_call(desk, ticket)]
    if not able:
        return 0, None
    at = now if now is not None else SystemClock().now()
    rows = lane_counts(session, office.id, ticket.day, at, ticket)
    lane = lane_of_ticket(ticket, at)
    places = [ahead_at(rows, desk, lane) for desk in able]
    ahead = min(place.count for place in places)
    if not callers:
        return ahead, None
    ids = [desk.id for desk in callers]
    free = busy_left(session, office.id, ticket.day, ids, now, ticket.issued_at)
    return ahead, wait_of(rows, callers, staffed, free, lane, places)


def new_ticket_waits(
    session: Session,
    office: Office,
    day: date,
    now: datetime,
    since: datetime | None = None,
) -> dict[int, int | None]:
    """The wait a walk-in ticket of each field would have if taken now, by field
    id; a field no staffed counter serves is missing. Three queries for the whole
    office, the same sum as ticket_wait."""
    staffed = desks(session, office, day, since)
    if not staffed:
        return {}
    rows = lane_counts(session, office.id, day, now)
    ids = [desk.id for desk in staffed]
    busy = {"office_id": office.id, "day": day, "counters": ids}
    free = _left(_serving(core(session).execute(BUSY, busy)), ids, now)
    waits: dict[int, int | None] = {}
    for field in sorted({f for desk in staffed for f in desk.fields}):
        callers = [desk for desk in staffed if field in desk.fields]
        waits[field] = wait_of(rows, callers, staffed, free, WALK_IN)
    return waits


def _bounded(seconds: float) -> float:
    return min(max(seconds, MIN_SERVICE_S), MAX_SERVICE_S)


# A measured service time folded into its field's average in SQL, so two
# counters finishing citizens of one field at once both count.
FOLD = (
    update(Service)
    .where(Service.id == bindparam("fold_service"))
    .values(
        avg_service_s=(1 - ALPHA) * Service.avg_service_s
        + ALPHA * bindparam("fold_seconds", type_=Service.avg_service_s.type)
    )
    .returning(Service.avg_service_s)
)
_FOLDS = "motcua.service_times"


def fold_at_commit(session: Session, service: Service, seconds: float) -> None:
    """Count one service time in its field's average when the transaction commits
    (fold_pending). Updating the field's row at once held it locked while the
    call-next went on to take its next citizen: on PostgreSQL three counters of
    one field could then wait on each other for ever (a deadlock, the press lost)."""
    pending = session.info.setdefault(_FOLDS, [])
    if not pending:  # the office's events fold them first; this hook finds none
        sa_event.listen(session, "before_commit", fold_pending, once=True)
    pending.append((service.id, _bounded(seconds), service))


def fold_pending(session: Session) -> None:
    """The service times of the transaction, folded last thing before commit, the
    fields' rows in id order (journal._number_events locks the office's after)."""
    for service_id, seconds, service in sorted(
        session.info.pop(_FOLDS, []), key=lambda fold: fold[0]
    ):
        params = {"fold_service": service_id, "fold_seconds": seconds}
        average = core(session).execute(FOLD, params).scalar_one()
        set_committed_value(service, "avg_service_s", average)
