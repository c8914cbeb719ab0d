"""Per-person caps, masked personal data, and offices that never see each other."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from motcua.core.errors import Conflict, Forbidden, NotFound
from motcua.core.models import Office, Ticket
from tests.conftest import build_world
from tests.helpers import act, call_next, issue


def test_per_person_daily_cap_edge_and_masking(db, world, clock):
    with db.transaction() as session:
        session.get(Office, world.office.id).settings = {"per_person_daily_cap": 2}
    slug = world.office.slug
    issue(db, slug, world.kiosk, clock, person_id="0912 345 678")
    issue(
        db, slug, world.kiosk, clock, "HT", person_id="+84912345678"
    )  # the last allowed
    with pytest.raises(Conflict) as refused:
        issue(db, slug, world.kiosk, clock, person_id="0912345678")
    assert refused.value.code == "person_cap_reached"
    issue(db, slug, world.kiosk, clock, person_id="0987654321")  # someone else
    with db.sessions() as session:
        rows = session.scalars(
            select(Ticket).where(Ticket.person_key.is_not(None))
        ).all()
    assert {t.id_masked for t in rows} == {"******5678", "******4321"}
    assert all("0912345678" not in (t.person_key or "") for t in rows)


def test_office_a_never_acts_on_office_b(db, world, clock):
    other = build_world(db, clock, slug="khac")
    theirs = issue(db, "khac", other.kiosk, clock)
    with pytest.raises(Forbidden):
        issue(db, "khac", world.kiosk, clock)  # our kiosk in their office
    with pytest.raises(Forbidden):
        call_next(db, "khac", world.staff, clock, 1)  # our staff at their counter
    with pytest.raises(Forbidden):
        act(db, "khac", world.staff, clock, "cancel", theirs.id)
    ours = issue(db, world.office.slug, world.kiosk, clock)
    assert call_next(db, world.office.slug, world.staff, clock, 1).id == ours.id
    assert call_next(db, world.office.slug, world.staff, clock, 1) is None


def test_staff_limited_to_their_counters(db, world, clock):
    from motcua.core.auth import user_actor
    from motcua.core.lookup import office_by_slug
    from motcua.core.models import User
    from motcua.core.setup import add_user

    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        user = add_user(
            session, clock, "quay2", "matkhau123", office=office, counters=[2]
        )
        session.flush()
        actor = user_actor(session, session.get(User, user.id))
    issue(db, world.office.slug, world.kiosk, clock, "HT")
    with pytest.raises(Forbidden) as refused:
        call_next(db, world.office.slug, actor, clock, 1)
    assert refused.value.code == "counter_not_allowed"
    assert call_next(db, world.office.slug, actor, clock, 2) is not None


def test_unknown_counter_is_not_found(db, world, clock):
    with pytest.raises(NotFound):
        call_next(db, world.office.slug, world.staff, clock, 99)


def test_kiosks_give_numbers_only_in_hours_when_the_office_says_so(db, world, clock):
    from datetime import datetime, timezone

    slug = world.office.slug
    with db.transaction() as session:
        session.get(Office, world.office.id).settings = {
            "issue_only_in_hours": True,
            "hours": {"mon_fri": "07:30-11:30,13:30-17:00", "sat": "07:30-11:30"},
        }
    clock.at = datetime(2026, 11, 23, 0, 29, tzinfo=timezone.utc)  # Mon 07:29 +07
    with pytest.raises(Conflict) as closed:
        issue(db, slug, world.kiosk, clock)
    assert closed.value.code == "office_closed"
    assert closed.value.params["hours"] == "07:30-11:30,13:30-17:00"
    assert issue(db, slug, world.staff, clock).number == 1001  # staff still can
    clock.advance(60)  # 07:30, the first minute of the day
    assert issue(db, slug, world.kiosk, clock).number == 1002
    clock.at = datetime(2026, 11, 23, 4, 30, tzinfo=timezone.utc)  # 11:30, lunch
    with pytest.raises(Conflict):
        issue(db, slug, world.kiosk, clock)
    clock.at = datetime(2026, 11, 29, 2, 0, tzinfo=timezone.utc)  # Sunday 09:00
    with pytest.raises(Conflict) as sunday:
        issue(db, slug, world.kiosk, clock)
    assert sunday.value.params["hours"] == "—"


def test_the_kiosk_tiles_say_outside_hours(db, world, clock):
    from datetime import datetime, timezone

    from motcua.core.views import services_view

    with db.transaction() as session:
        session.get(Office, world.office.id).settings = {"issue_only_in_hours": True}
    clock.at = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)  # 19:00 +07
    with db.transaction() as session:
        office = session.get(Office, world.office.id)
        assert all(s["outside_hours"] for s in services_view(session, office, clock))
    clock.at = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)  # 09:00 +07
    with db.transaction() as session:
        office = session.get(Office, world.office.id)
        assert not any(
            s["outside_hours"] for s in services_view(session, office, clock)
        )


def test_errors_that_name_a_code_keep_it_as_a_parameter(db, world, clock):
    from motcua.core import office_admin
    from motcua.core.actors import SYSTEM
    from motcua.core.setup import ServiceSpec

    spec = ServiceSpec("CT", "Chứng thực", "Certification", 5001, 5999)
    with pytest.raises(Conflict) as exists, db.transaction() as session:
        office = session.get(Office, world.office.id)
        office_admin.create_service(session, office, SYSTEM, clock, spec)
    assert exists.value.code == "service_exists"
    assert exists.value.params == {"code": "CT"}
