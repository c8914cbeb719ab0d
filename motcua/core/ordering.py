"""The one order in which a counter calls its queue.

Call-next, the console's waiting list and "people ahead" all use it, so they agree.

A counter's queue is today's waiting tickets sent to it by a transfer, plus those
of the fields it serves that were not sent to another counter. They stand in lanes,
each first in, first out:

1. sent: transferred to this counter; called there before anyone else.
2. priority: a priority class, the highest rank first.
3. booked: a booked slot checked in on time, once the slot's time has come.
4. walk-in: everyone else (a booked citizen before the slot waits here too).

The office's priority policy picks between priority and the others: "strict" takes
a priority ticket whenever one waits, "ratio" one after every N others. Booked
citizens go before walk-ins, but a counter calls at most one booked citizen in
every `booked_every` calls while walk-ins wait, so walk-ins cannot starve.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from motcua.core.clock import service_day
from motcua.core.db import core
from motcua.core.models import Counter, Office, Service, Ticket, counter_services
from motcua.core.settings import office_setting
from motcua.core.staffing import STAFFED

SENT, PRIORITY, BOOKED, WALK_IN = "sent", "priority", "booked", "walk_in"
LANES = (SENT, PRIORITY, BOOKED, WALK_IN)


@dataclass(frozen=True)
class Policy:
    """A counter's place in the policy: what it called lately, and the settings."""

    ratio: int | None  # None: strict priority
    booked_every: int
    normal_streak: int = 0
    booked_gap: int | None = None  # calls since its last booked call; None: none

    def pick(self, sizes: Mapping[str, int]) -> str | None:
        """The lane the next call takes from, given how many wait in each."""
        has = {lane for lane in LANES if sizes.get(lane, 0) > 0}
        if SENT in has:
            return SENT
        others = has & {BOOKED, WALK_IN}
        if PRIORITY in has and (
            self.ratio is None or self.normal_streak >= self.ratio or not others
        ):
            return PRIORITY
        if BOOKED in has and (WALK_IN not in has or self._booked_due()):
            return BOOKED
        return WALK_IN if WALK_IN in has else None

    def preference(self) -> tuple[str, str, str, str]:
        """The lanes in the order `pick` prefers them: `pick` takes the first lane
        of this order that has anyone waiting (checked for every set of lanes by
        tests/core/test_next_claim.py), so the next ticket is one sort away."""
        normal = (BOOKED, WALK_IN) if self._booked_due() else (WALK_IN, BOOKED)
        if self.ratio is None or self.normal_streak >= self.ratio:
            return (SENT, PRIORITY, *normal)
        return (SENT, *normal, PRIORITY)

    def _booked_due(self) -> bool:
        return self.booked_gap is None or self.booked_gap >= self.booked_every - 1

    def after(self, lane: str) -> Policy:
        """The policy's state once a ticket of this lane is called."""
        if lane == SENT:
            return self
        streak = 0 if lane == PRIORITY else self.normal_streak + 1
        gap = 0 if lane == BOOKED else (self.booked_gap or 0) + 1
        if lane != BOOKED and self.booked_gap is None:
            gap = self.booked_every  # no booked call yet: the next one may go
        return replace(self, normal_streak=streak, booked_gap=gap)


def policy_at(office: Office, normal_streak: int, booked_gap: int | None) -> Policy:
    """A counter's policy state, from its row's two fields, under the office's
    settings."""
    ratio = None
    if office_setting(office, "priority_policy") == "ratio":
        ratio = int(office_setting(office, "priority_ratio"))
    every = max(int(office_setting(office, "booked_every")), 1)
    return Policy(ratio, every, normal_streak, booked_gap)


def policy_of(office: Office, counter: Counter) -> Policy:
    """The counter's policy state under the office's settings."""
    return policy_at(office, counter.normal_streak, counter.booked_gap)


# A counter's policy state moved past a call (the counter's row is locked by then).
POLICY_MOVED = (
    update(Counter)
    .where(Counter.id == bindparam("b_counter"))
    .values(normal_streak=bindparam("b_streak"), booked_gap=bindparam("b_gap"))
)


def record_call(session: Session, office: Office, counter: Counter, lane: str) -> None:
    """Move the counter's policy state past one call from this lane: one UPDATE
    when it changes, the loaded counter made to match without a flush."""
    moved = policy_of(office, counter).after(lane)
    streak, gap = moved.normal_streak, moved.booked_gap
    if (streak, gap) == (counter.normal_streak, counter.booked_gap):
        return
    params = {"b_counter": counter.id, "b_streak": streak, "b_gap": gap}
    core(session).execute(POLICY_MOVED, params)
    set_committed_value(counter, "normal_streak", streak)
    set_committed_value(counter, "booked_gap", gap)


def merge(
    lanes: Mapping[str, list[str]], policy: Policy, limit: int
) -> list[tuple[str, str]]:
    """(id, lane) of the lanes' tickets in calling order, at most `limit`."""
    queues = {lane: list(ids) for lane, ids in lanes.items()}
    order: list[tuple[str, str]] = []
    while len(order) < limit:
        lane = policy.pick({k: len(v) for k, v in queues.items()})
        if lane is None:
            break
        order.append((queues[lane].pop(0), lane))
        policy = policy.after(lane)
    return order


def taken_before(
    sizes: Mapping[str, int], lane: str, index: int, policy: Policy
) -> dict[str, int]:
    """How many of each lane are called before the `index`-th ticket of `lane`
    (from 0): the people ahead of it, lane by lane."""
    counts = _taken(
        tuple(sizes.get(name, 0) for name in LANES),
        LANES.index(lane),
        index,
        (policy.ratio, policy.booked_every, policy.normal_streak, policy.booked_gap),
    )
    return {name: n for name, n in zip(LANES, counts, strict=True) if n}


State = tuple[int | None, int, int, int | None]  # ratio, booked_every, streak, gap


@lru_cache(maxsize=4096)
def _taken(
    sizes: tuple[int, ...], lane: int, index: int, state: State
) -> tuple[int, int, int, int]:
    """taken_before on plain ints: Policy.pick and Policy.after, step by step,
    without a Policy per step. Every counter of a field with the same policy
    state asks the same question on each issue, hence the cache."""
    ratio, every, streak, gap = state
    sent, *left = sizes
    if lane == 0 and index < sent:
        return (index, 0, 0, 0)
    # Sent tickets go first and leave the policy as it was.
    taken = [0, 0, 0]
    target = lane - 1
    while True:
        prio, booked, walk = left
        if (prio > 0) + (booked > 0) + (walk > 0) == 1:
            # Only the ticket's own lane still waits (it holds the ticket): the
            # rest of its lane ahead of it goes first, one by one.
            taken[target] = index
            break
        if prio and (ratio is None or streak >= ratio or not (booked or walk)):
            picked = 0
        elif booked and (not walk or gap is None or gap >= every - 1):
            picked = 1
        elif walk:
            picked = 2
        else:
            break
        if picked == target and taken[picked] == index:
            break
        left[picked] -= 1
        taken[picked] += 1
        streak = 0 if picked == 0 else streak + 1
        if picked == 1:
            gap = 0
        else:
            gap = every if gap is None else gap + 1
    return (sent, taken[0], taken[1], taken[2])


def position(sizes: Mapping[str, int], lane: str, index: int, policy: Policy) -> int:
    """How many are called before the `index`-th ticket of `lane` (from 0)."""
    return sum(taken_before(sizes, lane, index, policy).values())


# --- the lanes in SQL ------------------------------------------------------------


# Bound as `now`, `queue_office`, `queue_day`, `queue_counter` (and `limit`) in the
# prebuilt statements below (names apart from the columns: NEXT_ID stands in an
# UPDATE of tickets): built once, their SQL compiled once per dialect.
NOW = bindparam("now", type_=Ticket.appointment_at.type)
_DUE = and_(Ticket.appointment_at.is_not(None), Ticket.appointment_at <= NOW)
# The lane of a waiting ticket, as a SQL expression.
LANE = case(
    (Ticket.target_counter_id.is_not(None), SENT),
    (Ticket.priority_rank > 0, PRIORITY),
    (_DUE, BOOKED),
    else_=WALK_IN,
)


def lane_of_ticket(ticket: Ticket, now: datetime) -> str:
    """The lane of one waiting ticket (as LANE says in SQL)."""
    if ticket.target_counter_id is not None:
        return SENT
    if ticket.priority_rank > 0:
        return PRIORITY
    if ticket.appointment_at is not None and ticket.appointment_at <= now:
        return BOOKED
    return WALK_IN


AGE = (Ticket.issued_at, Ticket.number, Ticket.id)


def lane_keys(lane: str) -> tuple[Any, ...]:
    """The first-in, first-out order within a lane."""
    if lane == PRIORITY:
        return (Ticket.priority_rank.desc(), *AGE)
    if lane == BOOKED:
        return (Ticket.appointment_at, *AGE)
    return AGE


def lane_keys_of(ticket: Ticket, lane: str) -> tuple[Any, ...]:
    """lane_keys of one ticket, for sorting in Python."""
    age = (ticket.issued_at, ticket.number, ticket.id)
    if lane == PRIORITY:
        return (-ticket.priority_rank, *age)
    if lane == BOOKED:
        return (ticket.appointment_at, *age)
    return age


_FIELDS_HERE = select(counter_services.c.service_id).where(
    counter_services.c.counter_id == bindparam("queue_counter")
)
_TODAY_WAITING = and_(
    Ticket.office_id == bindparam("queue_office"),
    Ticket.day == bindparam("queue_day", type_=Ticket.day.type),
    Ticket.status == "waiting",
)


# A counter's queue: sent to it, or of its fields and sent nowhere (a ticket of a
# negative rank is in no lane).
_HERE = or_(
    Ticket.target_counter_id == bindparam("queue_counter"),
    and_(
        Ticket.target_counter_id.is_(None),
        Ticket.service_id.in_(_FIELDS_HERE),
        Ticket.priority_rank >= 0,
    ),
)
# lane_keys of every lane at once: within one lane the first two are the same for
# every ticket but its own key.
_IN_LANE = (
    case((LANE == PRIORITY, -Ticket.priority_rank), else_=0),
    case((LANE == BOOKED, Ticket.appointment_at), else_=None),
    *AGE,
)
_PLACED = (
    select(
        LANE.label("lane"),
        Ticket.id,
        func.row_number().over(partition_by=LANE, order_by=_IN_LANE).label("place"),
    )
    .where(_TODAY_WAITING, _HERE)
    .subquery()
)
# The first `limit` of every lane of a counter's queue, each with its place in its
# lane, from one pass over the queue (four sorted queries, one per lane, read the
# office's waiting tickets four times).
LANE_HEADS = select(_PLACED).where(_PLACED.c.place <= bindparam("limit"))


def lanes_of(
    session: Session, office: Office, counter: Counter, now: datetime, limit: int
) -> dict[str, list[str]]:
    """The first `limit` ids of each lane of the counter's queue. Nothing is
    locked or skipped: a ticket another counter is taking still heads its lane
    until that counter commits (calling.py then tries again), so no counter takes
    a later ticket past it."""
    params = {
        "queue_office": office.id,
        "queue_day": service_day(now, office.timezone),
        "now": now,
        "queue_counter": counter.id,
        "limit": limit,
    }
    rows = sorted(core(session).execute(LANE_HEADS, params), key=lambda r: int(r[2]))
    lanes: dict[str, list[str]] = {lane: [] for lane in LANES}
    for lane, ticket_id, _ in rows:
        lanes[lane].append(ticket_id)
    return lanes


def counter_order(
    session: Session, office: Office, counter: Counter, now: datetime, limit: int
) -> list[tuple[str, str]]:
    """(id, lane) of the counter's queue in the order call-next takes it."""
    lanes = lanes_of(session, office, counter, now, limit)
    return merge(lanes, policy_of(office, counter), limit)


# The head of each lane of a counter's queue, each found by walking the lane index
# (ix_tickets_lanes) in its own order and stopping at the first ticket of the
# counter's fields; a walk-in is either without a slot or booked for later, two
# walks. Each head comes with its lane's rank in the counter's preference order
# (Policy.preference, bound as `rank_<lane>`) and its keys within the lane.
_OF_FIELDS = and_(
    Ticket.target_counter_id.is_(None), Ticket.service_id.in_(_FIELDS_HERE)
)
_NO_RANK = Ticket.priority_rank == 0
_HEADS: tuple[tuple[str, ColumnElement[bool], tuple[Any, ...]], ...] = (
    (SENT, Ticket.target_counter_id == bindparam("queue_counter"), AGE),
    (PRIORITY, and_(_OF_FIELDS, Ticket.priority_rank > 0), lane_keys(PRIORITY)),
    (BOOKED, and_(_OF_FIELDS, _NO_RANK, _DUE), lane_keys(BOOKED)),
    (WALK_IN, and_(_OF_FIELDS, _NO_RANK, Ticket.appointment_at.is_(None)), AGE),
    (WALK_IN, and_(_OF_FIELDS, _NO_RANK, Ticket.appointment_at > NOW), AGE),
)


def _head(lane: str, where: ColumnElement[bool], order: tuple[Any, ...]) -> Any:
    first = -Ticket.priority_rank if lane == PRIORITY else literal(0)
    slot = Ticket.appointment_at if lane == BOOKED else null()
    head = (
        select(
            Ticket.id,
            bindparam(f"rank_{lane}", type_=Integer).label("rank"),
            first.label("k1"),
            cast(slot, Ticket.appointment_at.type).label("k2"),
            *AGE,
        )
        .where(_TODAY_WAITING, where)
        .order_by(*order)
        .limit(1)
        .subquery()
    )
    return select(head)


_LANE_HEADS = union_all(*(_head(*lane) for lane in _HEADS)).subquery()
# The id of the ticket call-next takes at a counter: the head of the first lane of
# its preference order that has anyone waiting (what `counter_order(..., 1)`
# gives), from at most five short index walks. Uncorrelated: it stands inside an
# UPDATE of tickets (calling.CLAIM).
NEXT_ID = (
    select(_LANE_HEADS.c.id)
    .order_by(
        _LANE_HEADS.c.rank,
        _LANE_HEADS.c.k1,
        _LANE_HEADS.c.k2,
        _LANE_HEADS.c.issued_at,
        _LANE_HEADS.c.number,
        _LANE_HEADS.c.id,
    )
    .limit(1)
    .correlate(None)
)


def next_params(office: Office, counter: Counter, now: datetime) -> dict[str, Any]:
    """The parameters of NEXT_ID for this counter at `now`."""
    order = policy_of(office, counter).preference()
    return {
        "queue_office": office.id,
        "queue_day": service_day(now, office.timezone),
        "now": now,
        "queue_counter": counter.id,
        **{f"rank_{lane}": rank for rank, lane in enumerate(order)},
    }


def callable_at(counter: Counter, ticket: Ticket) -> bool:
    """Whether this counter may call the ticket at all."""
    if ticket.target_counter_id is not None:
        return ticket.target_counter_id == counter.id
    return any(s.id == ticket.service_id for s in counter.services)


# The ticket "people ahead" is counted for, bound in LANE_COUNTS.
_ME = {
    "id": bindparam("me_id", type_=Ticket.id.type),
    "issued_at": bindparam("me_issued_at", type_=Ticket.issued_at.type),
    "number": bindparam("me_number", type_=Ticket.number.type),
    "rank": bindparam("me_rank", type_=Ticket.priority_rank.type),
    "appointment_at": bindparam("me_appointment_at", type_=Ticket.appointment_at.type),
}


def before_in_lane(lane: str) -> ColumnElement[bool]:
    """Tickets of the lane that go before the bound ticket (_ME)."""
    age = tuple_(*AGE) < tuple_(_ME["issued_at"], _ME["number"], _ME["id"])
    if lane == PRIORITY:
        rank = Ticket.priority_rank
        return or_(rank > _ME["rank"], and_(rank == _ME["rank"], age))
    if lane == BOOKED:
        at, mine = Ticket.appointment_at, _ME["appointment_at"]
        return or_(at < mine, and_(at == mine, age))
    return age


def _lane_counts(lane: str | None) -> Select[Any]:
    """Waiting tickets by lane, field and target, with how many of each group go
    before the bound ticket of `lane` (None: no ticket; all, as before a ticket
    issued now), and the field's average service time: what "people ahead" is
    counted from and the estimate priced with. The tickets are grouped in their
    index first and the few groups joined to their fields after (joining every
    ticket to its field cost as much as the count)."""
    lanes = LANE
    ahead: Any = func.count()
    others = Ticket.status == "waiting"
    if lane is not None:
        before = case((and_(lanes == lane, before_in_lane(lane)), 1), else_=0)
        ahead, others = func.sum(before), and_(others, Ticket.id != _ME["id"])
    groups = (
        select(
            lanes.label("lane"),
            Ticket.service_id,
            Ticket.target_counter_id,
            func.count().label("waiting"),
            ahead.label("ahead"),
        )
        .where(
            Ticket.office_id == bindparam("office_id"),
            Ticket.day == bindparam("day", type_=Ticket.day.type),
            others,
        )
        .group_by(lanes, Ticket.service_id, Ticket.target_counter_id)
        .subquery("lane_groups")
    )
    return select(
        groups.c.lane,
        groups.c.service_id,
        groups.c.target_counter_id,
        groups.c.waiting,
        groups.c.ahead,
        Service.avg_service_s,
    ).join(Service, Service.id == groups.c.service_id)


# Built once: one for a new ticket, one for a ticket of each lane.
LANE_COUNTS = {lane: _lane_counts(lane) for lane in (None, *LANES)}


def lane_counts(
    session: Session,
    office_id: int,
    day: date,
    now: datetime,
    ticket: Ticket | None = None,
) -> list[Any]:
    """The rows of LANE_COUNTS: the office's queue on `day`, counted around
    `ticket` (in its lane at `now`) or, without one, around a walk-in issued now."""
    params: dict[str, Any] = {"office_id": office_id, "day": day, "now": now}
    lane = None
    if ticket is not None:
        lane = lane_of_ticket(ticket, now)
        params.update(
            me_id=ticket.id,
            me_issued_at=ticket.issued_at,
            me_number=ticket.number,
            me_rank=ticket.priority_rank,
            me_appointment_at=ticket.appointment_at,
        )
    return list(core(session).execute(LANE_COUNTS[lane], params))


def at_counter(rows: Iterable[Any], counter_id: int, fields: Set[int]) -> Iterator[Any]:
    """The rows of lane_counts a counter can call: sent to it, or of its
    fields and sent nowhere."""
    for row in rows:
        target, service_id = row[2], row[1]
        if target is not None and target != counter_id:
            continue
        if target is None and service_id not in fields:
            continue
        yield row


def sizes_at(
    rows: list[Any], counter_id: int, fields: Set[int], lane: str
) -> tuple[dict[str, int], int]:
    """The lane sizes at a counter and the index of a ticket in `lane`."""
    sizes: dict[str, int] = {}
    index = 0
    for row_lane, _, _, count, ahead, *_ in at_counter(rows, counter_id, fields):
        sizes[row_lane] = sizes.get(row_lane, 0) + int(count)
        if row_lane == lane:
            index += int(ahead or 0)
    sizes[lane] = sizes.get(lane, 0) + 1  # the ticket itself
    return sizes, index


def _able(office: Office, ticket: Ticket) -> Select[Any]:
    """The office's counters, only the target for a ticket sent to one."""
    stmt = select(Counter).where(Counter.office_id == office.id)
    if ticket.target_counter_id is not None:
        stmt = stmt.where(Counter.id == ticket.target_counter_id)
    return stmt.options(selectinload(Counter.services)).order_by(Counter.number)


def staffed_callers(
    session: Session, office: Office, ticket: Ticket, since: datetime | None
) -> list[Counter]:
    """The staffed counters (staffing.py) that may call a waiting ticket: its
    target, or the counters of its field. `since`: see staffing.staffed_since."""
    stmt = _able(office, ticket).where(STAFFED)
    found = session.scalars(stmt, {"since": since, "day": ticket.day})
    return [c for c in found if callable_at(c, ticket)]


def callers(
    session: Session, office: Office, ticket: Ticket, since: datetime | None = None
) -> list[Counter]:
    """The counters whose order "people ahead" is counted in: the staffed ones that
    may call the ticket or, while none is staffed, every one that may (the order
    stands though nobody calls it now; the wait then says so)."""
    staffed = staffed_callers(session, office, ticket, since)
    if staffed:
        return staffed
    found = session.scalars(_able(office, ticket))
    return [c for c in found if callable_at(c, ticket)]
