"""Ticket numbers: gapless and unique per service and service day."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from motcua.core.errors import Conflict
from motcua.core.models import DayNumber, Office, Service


def _take_number(insert: Any) -> Any:
    """The day's counter of a field: created at the range start, else one more."""
    values = insert(DayNumber).values(
        service_id=bindparam("service_id"),
        day=bindparam("day"),
        last=bindparam("start"),
    )
    return values.on_conflict_do_update(
        index_elements=[DayNumber.service_id, DayNumber.day],
        set_={"last": DayNumber.last + 1},
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
