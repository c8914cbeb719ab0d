"""A day of tickets with known times, and the figures it must give."""

from __future__ import annotations

from datetime import timedelta

from motcua.core.clock import FixedClock
from motcua.core.db import Database
from motcua.core.models import Rating, Ticket
from tests.conftest import MORNING, World
from tests.helpers import act, call_next, issue

DAY = "2026-11-23"


def at(clock: FixedClock, hh: int, mm: int) -> None:
    """Move the clock to hh:mm Hanoi time on the test day (MORNING is 09:00)."""
    clock.at = MORNING + timedelta(hours=hh - 9, minutes=mm)


def build_day(db: Database, world: World, clock: FixedClock) -> dict[str, str]:
    """Six tickets: three served, one no-show, one cancelled, one still waiting."""
    staff, kiosk, slug = world.staff, world.kiosk, world.office.slug
    clock.at = MORNING - timedelta(days=1)
    issue(db, slug, kiosk, clock, "CT")  # yesterday: never counted today
    t = {}
    for name, hh, mm, code in [
        ("t1", 9, 0, "CT"),
        ("t2", 9, 1, "CT"),
        ("t3", 9, 2, "HT"),
        ("t4", 9, 3, "CT"),
    ]:
        at(clock, hh, mm)
        t[name] = issue(db, slug, kiosk, clock, code).id
    at(clock, 9, 10)
    assert call_next(db, slug, staff, clock, 1).id == t["t1"]
    at(clock, 9, 20)
    act(db, slug, staff, clock, "finish", t["t1"])
    assert call_next(db, slug, staff, clock, 2).id == t["t3"]
    at(clock, 9, 25)
    act(db, slug, staff, clock, "finish", t["t3"])
    at(clock, 9, 30)
    assert call_next(db, slug, staff, clock, 1).id == t["t2"]
    at(clock, 9, 50)
    act(db, slug, staff, clock, "finish", t["t2"])
    act(db, slug, staff, clock, "cancel", t["t4"])
    at(clock, 10, 30)
    t["t5"] = issue(db, slug, kiosk, clock, "HT").id
    at(clock, 10, 31)
    t["t6"] = issue(db, slug, kiosk, clock, "CT").id
    at(clock, 10, 40)
    assert call_next(db, slug, staff, clock, 2).id == t["t5"]
    at(clock, 10, 45)
    act(db, slug, staff, clock, "no_show", t["t5"])
    with db.transaction() as session:
        for name, score in (("t1", 5), ("t2", 2), ("t3", 4)):
            ticket = session.get(Ticket, t[name])
            session.add(
                Rating(
                    ticket_id=ticket.id,
                    office_id=ticket.office_id,
                    counter_id=ticket.counter_id,
                    staff_id=ticket.staff_id,
                    score=score,
                    at=clock.now(),
                )
            )
    at(clock, 16, 0)
    return t


EXPECTED = {
    "office": "demo",
    "date": DAY,
    "issued": 6,
    "served": 3,
    "no_show": 1,
    "cancelled": 1,
    # waits 600, 1080, 1740, 600; services 600, 300, 1200
    "wait_s": {"p50": 840, "p90": 1542},
    "service_s": {"p50": 600, "p90": 1080},
    # scores 5, 2, 4
    "ratings": {
        "count": 3,
        "average": 3.67,
        "satisfied_share": 0.6667,
        "not_dissatisfied_share": 0.6667,
    },
}
BY_SERVICE = {
    "CT": {
        "issued": 4,
        "served": 2,
        "no_show": 0,
        "cancelled": 1,
        "wait_s": {"p50": 1170, "p90": 1626},
        "service_s": {"p50": 900, "p90": 1140},
    },
    "HT": {
        "issued": 2,
        "served": 1,
        "no_show": 1,
        "cancelled": 0,
        "wait_s": {"p50": 840, "p90": 1032},
        "service_s": {"p50": 300, "p90": 300},
    },
}
