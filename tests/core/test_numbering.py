"""Numbers: per field range, gapless, per service day in the office's timezone."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from motcua.core.errors import Conflict
from motcua.core.models import Service
from tests.helpers import all_numbers, issue


def test_numbers_start_at_the_range_and_rise_per_field(db, world, clock):
    slug = world.office.slug
    got = [issue(db, slug, world.kiosk, clock, "CT").number for _ in range(3)]
    got.append(issue(db, slug, world.kiosk, clock, "HT").number)
    assert got == [1001, 1002, 1003, 2001]


def test_numbering_restarts_at_midnight_in_hanoi_not_utc(db, world, clock):
    slug = world.office.slug
    clock.at = datetime(2026, 11, 23, 16, 59, 59, tzinfo=timezone.utc)  # 23:59:59 +07
    first = issue(db, slug, world.kiosk, clock)
    clock.advance(1)  # 00:00:00 +07 on the 24th, still the 23rd in UTC
    second = issue(db, slug, world.kiosk, clock)
    assert (first.number, str(first.day)) == (1001, "2026-11-23")
    assert (second.number, str(second.day)) == (1001, "2026-11-24")


def test_daily_cap_refuses_the_first_over_and_leaves_no_gap(db, world, clock):
    with db.transaction() as session:
        session.get(Service, world.services["CT"].id).daily_cap = 2
    slug = world.office.slug
    assert issue(db, slug, world.kiosk, clock).number == 1001
    assert issue(db, slug, world.kiosk, clock).number == 1002  # the last allowed
    with pytest.raises(Conflict) as refused:
        issue(db, slug, world.kiosk, clock)
    assert refused.value.code == "daily_cap_reached"
    with db.transaction() as session:
        session.get(Service, world.services["CT"].id).daily_cap = 3
    assert issue(db, slug, world.kiosk, clock).number == 1003
    assert all_numbers(db) == [1001, 1002, 1003]


def test_range_exhausted_is_refused(db, world, clock):
    with db.transaction() as session:
        service = session.get(Service, world.services["HT"].id)
        service.range_end = service.range_start
    slug = world.office.slug
    assert issue(db, slug, world.kiosk, clock, "HT").number == 2001
    with pytest.raises(Conflict) as refused:
        issue(db, slug, world.kiosk, clock, "HT")
    assert refused.value.code == "range_exhausted"


def test_unknown_and_closed_fields_give_no_number(db, world, clock):
    from motcua.core.errors import NotFound

    with pytest.raises(NotFound):
        issue(db, world.office.slug, world.kiosk, clock, "XX")
    with db.transaction() as session:
        session.get(Service, world.services["CT"].id).is_open = False
    with pytest.raises(Conflict) as refused:
        issue(db, world.office.slug, world.kiosk, clock, "CT")
    assert refused.value.code == "service_closed"
    assert all_numbers(db) == []
