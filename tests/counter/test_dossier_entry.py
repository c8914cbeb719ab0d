"""Staff enter the dossier code of the citizen served; checked and logged."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from motcua.core.auth import user_actor
from motcua.core.dossier_entry import enter_dossier_code
from motcua.core.errors import Conflict, Forbidden, Invalid
from motcua.core.lookup import office_by_slug
from motcua.core.models import Ticket, TicketEvent
from motcua.core.setup import add_user
from tests.helpers import act, call_next, issue


def _enter(db, world, actor, clock, ticket_id, code):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        ticket = session.get(Ticket, ticket_id)
        return enter_dossier_code(
            session, office, actor, clock, ticket, code
        ).dossier_code


@pytest.mark.parametrize(
    "code",
    ["000.00.01.H29-250719-0013", "38.98.h29-210519-0013", " 38.98.H29-210519-0013 "],
)
def test_valid_codes_are_stored_upper_case_with_a_log_entry(db, world, clock, code):
    ticket = issue(db, world.office.slug, world.kiosk, clock)
    call_next(db, world.office.slug, world.staff, clock, 1)
    stored = _enter(db, world, world.staff, clock, ticket.id, code)
    assert stored == code.strip().upper()
    with db.sessions() as session:
        row = session.scalars(
            select(TicketEvent).where(
                TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "dossier"
            )
        ).one()
    assert row.data == {"code": stored} and row.user_id == world.staff.id


@pytest.mark.parametrize(
    "code",
    [
        "1.000494.000.00.00.H29",  # a procedure code, not a dossier code
        "000.00.01.H29-251332-0013",  # no 32nd of month 13
        "000.00.01.H29-250719-013",
        "000.00.01.H29-991231-0001",  # in the future
        "",
    ],
)
def test_malformed_codes_are_refused(db, world, clock, code):
    ticket = issue(db, world.office.slug, world.kiosk, clock)
    call_next(db, world.office.slug, world.staff, clock, 1)
    with pytest.raises(Invalid):
        _enter(db, world, world.staff, clock, ticket.id, code)


def test_only_for_a_ticket_at_the_counter_and_by_its_staff(db, world, clock):
    slug = world.office.slug
    ticket = issue(db, slug, world.kiosk, clock)
    with pytest.raises(Conflict):  # still waiting
        _enter(db, world, world.staff, clock, ticket.id, "38.98.H29-210519-0013")
    call_next(db, slug, world.staff, clock, 1)
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        user = add_user(
            session, clock, "quay2", "matkhau123", office=office, counters=[2]
        )
        other = user_actor(session, user)
    with pytest.raises(Forbidden):
        _enter(db, world, other, clock, ticket.id, "38.98.H29-210519-0013")
    with pytest.raises(Forbidden):
        _enter(db, world, world.kiosk, clock, ticket.id, "38.98.H29-210519-0013")
    act(db, slug, world.staff, clock, "finish", ticket.id)
    assert _enter(db, world, world.staff, clock, ticket.id, "38.98.H29-210519-0013")
