"""Number ranges: unique within an office and day across fields."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from motcua.core import counters, numbering, office_admin
from motcua.core.actors import SYSTEM
from motcua.core.errors import Conflict
from motcua.core.lookup import office_by_slug
from motcua.core.models import Service
from motcua.core.setup import ServiceSpec, add_counter, add_service, create_office
from tests.helpers import add_old_field, issue


def _create(db, clock, spec: ServiceSpec, slug: str = "demo") -> Service:
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        return office_admin.create_service(session, office, SYSTEM, clock, spec)


def _ranges(db, slug: str = "demo") -> dict[str, tuple[int, int]]:
    with db.sessions() as session:
        office = office_by_slug(session, slug)
        stmt = select(Service).where(Service.office_id == office.id)
        return {s.code: (s.range_start, s.range_end) for s in session.scalars(stmt)}


def test_a_field_without_a_range_gets_the_next_free_block(db, world, clock):
    made = _create(db, clock, ServiceSpec("DD", "Đất đai", "Land"))
    assert (made.range_start, made.range_end) == (3001, 3999)
    _create(db, clock, ServiceSpec("XD", "Xây dựng", "Construction"))
    assert _ranges(db)["XD"] == (4001, 4999)


def test_an_overlapping_range_is_refused_and_a_free_block_offered(db, world, clock):
    with pytest.raises(Conflict) as refused:
        _create(db, clock, ServiceSpec("DD", "Đất đai", "Land", 1500, 2500))
    assert refused.value.code == "range_overlap"
    assert refused.value.params["other"] == "Chứng thực"
    assert refused.value.params["free"] == "3001-3999"
    assert "DD" not in _ranges(db)
    # Another office may use the same numbers: numbers are per office.
    with db.transaction() as session:
        create_office(session, clock, "other", "Phường khác")
    _create(db, clock, ServiceSpec("CT", "Chứng thực", "Cert", 1001, 1999), "other")
    assert _ranges(db, "other") == {"CT": (1001, 1999)}


def test_the_core_refuses_overlaps_whoever_asks(db, world, clock):
    with db.transaction() as session, pytest.raises(Conflict):
        office = office_by_slug(session, "demo")
        add_service(session, office, ServiceSpec("X", "X", "X", 2999, 3100))


def test_editing_a_range_into_another_field_is_refused(db, world, clock):
    spec = ServiceSpec("HT", "Hộ tịch", "Civil status", 1901, 2999)
    with db.transaction() as session, pytest.raises(Conflict) as refused:
        office = office_by_slug(session, "demo")
        office_admin.update_service(session, office, SYSTEM, clock, "HT", spec, True)
    assert refused.value.code == "range_overlap"
    narrower = ServiceSpec("HT", "Hộ tịch", "Civil status", 2001, 2500)
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        office_admin.update_service(
            session, office, SYSTEM, clock, "HT", narrower, True
        )
    assert _ranges(db)["HT"] == (2001, 2500)


def test_a_range_may_not_take_numbers_given_today(db, world, clock):
    first = issue(db, "demo", world.kiosk, clock, "CT")
    assert first.number == 1001
    with db.transaction() as session:  # CT moves away: 1001 was still given today
        office = office_by_slug(session, "demo")
        moved = ServiceSpec("CT", "Chứng thực", "Cert", 5001, 5999)
        office_admin.update_service(session, office, SYSTEM, clock, "CT", moved, True)
    spec = ServiceSpec("HT", "Hộ tịch", "Civil status", 1001, 1999)
    with db.transaction() as session, pytest.raises(Conflict) as refused:
        office = office_by_slug(session, "demo")
        office_admin.update_service(session, office, SYSTEM, clock, "HT", spec, True)
    assert refused.value.code == "range_given_today"
    assert refused.value.params["number"] == 1001
    # The moved field goes on from its new start, never inside its old numbers.
    assert issue(db, "demo", world.kiosk, clock, "CT").number == 5001


def test_blocks_run_out_to_the_widest_gap_then_refuse(db, clock):
    taken = [(k * 1000 + 1, k * 1000 + 999) for k in range(1, 10)]
    assert numbering.free_block(taken) == (1, 999)
    assert numbering.free_block([*taken, (1, 999)]) == (1000, 1000)
    assert numbering.free_block([(0, 9999)]) is None
    with db.transaction() as session:
        office = create_office(session, clock, "full", "Phường đầy")
        add_service(session, office, ServiceSpec("A", "A", "A", 0, 9999))
        with pytest.raises(Conflict) as refused:
            add_service(session, office, ServiceSpec("B", "B", "B"))
    assert refused.value.code == "no_free_range"


def test_suggestions_never_offer_the_same_numbers_twice():
    offered = numbering.suggest_ranges(
        [(1001, 1999)], [(1001, 1999), (2001, 2999), (3001, 3999)]
    )
    assert offered == [(4001, 4999), (2001, 2999), (3001, 3999)]


def test_old_overlaps_and_unserved_fields_are_found(db, world, clock):
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        old = add_old_field(session, office, "OLD", "Cũ")
        clashes = numbering.range_clashes(session, office)
        unserved = counters.unserved_services(session, office)
        assert {(a.code, b.code) for a, b in clashes} == {("CT", "OLD"), ("HT", "OLD")}
        assert [s.code for s in unserved] == ["OLD"]
        add_counter(session, office, 9, [old])
        assert counters.unserved_services(session, office) == []
