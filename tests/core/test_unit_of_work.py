"""Database.unit_of_work: one transaction per write, events given back after commit."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from motcua.core.clock import FixedClock
from motcua.core.db import Database, Session, Written
from motcua.core.errors import Invalid
from motcua.core.events import DomainEvent
from motcua.core.models import Office
from motcua.core.setup import create_office


def _offices(db: Database) -> list[str]:
    with db.reading() as session:
        return list(session.scalars(select(Office.slug).order_by(Office.slug)))


def _office(slug: str, clock: FixedClock) -> Office:
    return Office(slug=slug, name=slug, secret="x" * 32, created_at=clock.now())


def test_a_write_gives_its_result_and_events_once_committed(
    db: Database, clock: FixedClock
) -> None:
    event = DomainEvent("office.created", "moi", 0, clock.now())

    def op(session: Session) -> Written[int]:
        return create_office(session, clock, "moi", "Phường Mới").id, [event]

    office_id, events = db.unit_of_work(op)
    assert events == [event]
    with db.reading() as session:
        assert session.get(Office, office_id) is not None


def test_a_failed_write_leaves_nothing(db: Database, clock: FixedClock) -> None:
    def op(session: Session) -> Written[None]:
        create_office(session, clock, "nua-chung", "Phường Nửa Chừng")
        raise Invalid("bad_request")

    with pytest.raises(Invalid):
        db.unit_of_work(op)
    assert "nua-chung" not in _offices(db)


def test_a_unique_key_conflict_is_run_again_once(
    db: Database, clock: FixedClock
) -> None:
    """As when a rival request took the same key first: the second run succeeds."""
    runs: list[int] = []

    def op(session: Session) -> Written[int]:
        runs.append(1)
        if len(runs) == 1:
            for _ in range(2):
                session.add(_office("dua", clock))
            session.flush()  # the second row breaks the unique slug
        return create_office(session, clock, "dua", "Phường Đua").id, []

    office_id, _ = db.unit_of_work(op)
    assert len(runs) == 2
    assert _offices(db) == ["dua"] and office_id > 0


def test_a_second_conflict_is_raised(db: Database, clock: FixedClock) -> None:
    with db.transaction() as session:
        create_office(session, clock, "co-roi", "Phường Có Rồi")
    runs: list[int] = []

    def op(session: Session) -> Written[None]:
        runs.append(1)
        session.add(_office("co-roi", clock))  # past the check, as a racing request
        session.flush()
        return None, []

    with pytest.raises(IntegrityError):
        db.unit_of_work(op)
    assert len(runs) == 2
    with db.reading() as session:
        count = session.scalar(select(func.count()).where(Office.slug == "co-roi"))
    assert count == 1
