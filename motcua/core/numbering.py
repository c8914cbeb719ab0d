"""Ticket numbers: gapless per field and day, unique in the office and day."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import BindParameter, Integer, bindparam, case, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from motcua.core.errors import Conflict
from motcua.core.models import DayNumber, Office, Service, Ticket


def _take_number(insert: Any) -> Any:
    """The day's counter of a field: created at the range start, else one more
    (never below the start: the range may have moved up during the day)."""
    start: BindParameter[int] = bindparam("start", type_=Integer)
    values = insert(DayNumber).values(
        service_id=bindparam("service_id"), day=bindparam("day"), last=start
    )
    following = case((DayNumber.last + 1 < start, start), else_=DayNumber.last + 1)
    return values.on_conflict_do_update(
        index_elements=[DayNumber.service_id, DayNumber.day],
        set_={"last": following},
    ).returning(DayNumber.last)


# Built once; indexed by "is the database PostgreSQL".
TAKE_NUMBER = (_take_number(sqlite.insert), _take_number(postgresql.insert))
BUMP_SEQ = (
    update(Office)
    .where(Office.id == bindparam("office_id"))
    .values(seq=Office.seq + bindparam("n"))
    .returning(Office.seq)
)


def next_number(session: Session, service: Service, day: date) -> int:
    """Take the next number in the same transaction as the ticket insert.

    The upsert holds the row's lock until commit, so concurrent kiosks queue on it
    and a rollback gives the number back: no duplicates, no gaps.
    """
    conn = session.connection()
    stmt = TAKE_NUMBER[conn.dialect.name == "postgresql"]
    params = {"service_id": service.id, "day": day, "start": service.range_start}
    number = int(conn.execute(stmt, params).scalar_one())
    if number > service.range_end:
        raise Conflict("range_exhausted", service=service.code)
    if (
        service.daily_cap is not None
        and number - service.range_start >= service.daily_cap
    ):
        raise Conflict("daily_cap_reached", service=service.code)
    return number


def bump_seq(session: Session, office: Office, n: int = 1) -> int:
    """Take n numbers of the office's event sequence; returns the last one."""
    row = session.connection().execute(BUMP_SEQ, {"office_id": office.id, "n": n})
    seq = int(row.scalar_one())
    set_committed_value(office, "seq", seq)
    return seq


# Number ranges: each field of an office has its own, so a number called on the
# board belongs to one citizen only. New fields get the next free block of a
# thousand (1001-1999, 2001-2999, ..., then 1-999), else the widest gap left.
LOWEST, HIGHEST, BLOCK = 0, 9999, 1000
BLOCKS = [(k * BLOCK + 1, k * BLOCK + BLOCK - 1) for k in range(1, 10)] + [(1, 999)]
Range = tuple[int, int]


def overlaps(a: Range, b: Range) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _gaps(taken: list[Range]) -> list[Range]:
    gaps, start = [], LOWEST + 1
    for low, high in sorted(taken):
        if low > start:
            gaps.append((start, low - 1))
        start = max(start, high + 1)
    if start <= HIGHEST:
        gaps.append((start, HIGHEST))
    return gaps


def free_block(taken: list[Range]) -> Range | None:
    """The range a new field gets: the first free block, else the widest gap."""
    for block in BLOCKS:
        if not any(overlaps(block, other) for other in taken):
            return block
    gaps = _gaps(taken)
    return max(gaps, key=lambda g: g[1] - g[0]) if gaps else None


def _ranges(session: Session, office: Office, skip: int | None) -> list[Service]:
    stmt = select(Service).where(Service.office_id == office.id)
    return [s for s in session.scalars(stmt.order_by(Service.sort)) if s.id != skip]


def lock_ranges(session: Session, office: Office) -> None:
    """Changes to an office's ranges take turns (the office row's lock)."""
    session.execute(
        select(Office.id).where(Office.id == office.id).with_for_update()
    ).all()


def next_free_range(
    session: Session, office: Office, skip: int | None = None
) -> Range | None:
    """The block the office's next field would get (`skip`: a field being edited)."""
    return free_block(
        [(s.range_start, s.range_end) for s in _ranges(session, office, skip)]
    )


def check_range(
    session: Session, office: Office, wanted: Range, skip: int | None = None
) -> None:
    """Refuse a range that overlaps another field's, naming a free one instead."""
    others = _ranges(session, office, skip)
    for other in others:
        if overlaps(wanted, (other.range_start, other.range_end)):
            free = free_block([(s.range_start, s.range_end) for s in others])
            raise Conflict(
                "range_overlap",
                range=f"{wanted[0]}-{wanted[1]}",
                other=other.name_vi,
                other_range=f"{other.range_start}-{other.range_end}",
                free=f"{free[0]}-{free[1]}" if free else "—",
            )


def check_given_today(
    session: Session, office: Office, service: Service, wanted: Range, day: date
) -> None:
    """A range may not take in numbers another field already gave today."""
    stmt = select(Ticket.number, Service.name_vi).join(
        Service, Service.id == Ticket.issued_service_id
    )
    stmt = stmt.where(
        Ticket.office_id == office.id,
        Ticket.day == day,
        Ticket.issued_service_id != service.id,
        Ticket.number.between(*wanted),
    )
    row = session.execute(stmt.limit(1)).first()
    if row is not None:
        raise Conflict(
            "range_given_today",
            range=f"{wanted[0]}-{wanted[1]}",
            number=row[0],
            other=row[1],
        )


def range_clashes(session: Session, office: Office) -> list[tuple[Service, Service]]:
    """Pairs of the office's fields whose ranges overlap (older data)."""
    services = _ranges(session, office, None)
    return [
        (a, b)
        for i, a in enumerate(services)
        for b in services[i + 1 :]
        if overlaps((a.range_start, a.range_end), (b.range_start, b.range_end))
    ]


def suggest_ranges(taken: list[Range], wanted: list[Range]) -> list[Range | None]:
    """Ranges to offer for new fields: each as wanted when free, the others the
    blocks still free after that."""
    offered: list[Range | None] = []
    for one in wanted:
        free = not any(overlaps(one, t) for t in [*taken, *filter(None, offered)])
        offered.append(one if free else None)
    for i, pick in enumerate(offered):
        if pick is None:
            offered[i] = free_block([*taken, *filter(None, offered)])
    return offered
