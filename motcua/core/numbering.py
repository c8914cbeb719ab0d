"""Ticket numbers: gapless and unique per service and service day."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from motcua.core.errors import Conflict
from motcua.core.models import DayNumber, Office, Service


def next_number(session: Session, service: Service, day: date) -> int:
    """Take the next number in the same transaction as the ticket insert.

    The upsert holds the row's lock until commit, so concurrent kiosks queue on it
    and a rollback gives the number back: no duplicates, no gaps.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    values = insert(DayNumber).values(
        service_id=service.id, day=day, last=service.range_start
    )
    stmt = values.on_conflict_do_update(
        index_elements=[DayNumber.service_id, DayNumber.day],
        set_={"last": DayNumber.last + 1},
    ).returning(DayNumber.last)
    number = int(session.execute(stmt).scalar_one())
    if number > service.range_end:
        raise Conflict("range_exhausted", service=service.code)
    if (
        service.daily_cap is not None
        and number - service.range_start >= service.daily_cap
    ):
        raise Conflict("daily_cap_reached", service=service.code)
    return number


def next_seq(session: Session, office: Office) -> int:
    """Bump the office's event sequence inside the operation's transaction."""
    stmt = (
        update(Office)
        .where(Office.id == office.id)
        .values(seq=Office.seq + 1)
        .returning(Office.seq)
    )
    seq = int(session.execute(stmt).scalar_one())
    office.seq = seq
    return seq
