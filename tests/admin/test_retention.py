"""Personal data is cleared after the office's retention period, and only then."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from motcua.core.lookup import office_by_slug
from motcua.core.models import Ticket
from motcua.core.retention import purge_personal_data
from tests.conftest import MORNING
from tests.helpers import issue


def test_purge_clears_only_old_personal_fields(db, world, clock):
    clock.at = MORNING - timedelta(days=31)
    old = issue(db, "demo", world.kiosk, clock, "CT", person_id="0912345678")
    clock.at = MORNING - timedelta(days=29)
    recent = issue(db, "demo", world.kiosk, clock, "CT", person_id="0987654321")
    clock.at = MORNING
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        assert purge_personal_data(session, office, clock) == 1  # default 30 days
        assert purge_personal_data(session, office, clock) == 0
    with db.sessions() as session:
        rows = {t.id: t for t in session.scalars(select(Ticket))}
    assert rows[old.id].person_key is None and rows[old.id].id_masked is None
    assert rows[old.id].number == old.number  # the ticket itself stays
    assert rows[recent.id].person_key is not None
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        office.settings = {**office.settings, "personal_data_days": 7}
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        assert purge_personal_data(session, office, clock) == 1
