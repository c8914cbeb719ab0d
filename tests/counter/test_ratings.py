"""Rating a finished ticket on the tablet of the counter that served it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from motcua.core.auth import device_actor
from motcua.core.dossier_entry import enter_dossier_code
from motcua.core.errors import Conflict, Forbidden, Invalid
from motcua.core.lookup import office_by_slug
from motcua.core.models import Rating, Ticket
from motcua.core.ratings import rate
from motcua.core.setup import add_device
from tests.helpers import act, call_next, event_kinds, issue


def _tablet(db, world, clock, number):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        counter = world.counters[number]
        device, _ = add_device(session, clock, office, "rating", f"r{number}", counter)
        return device_actor(device)


def _served(db, world, clock, counter=1):  # type: ignore[no-untyped-def]
    slug = world.office.slug
    ticket = issue(db, slug, world.kiosk, clock)
    call_next(db, slug, world.staff, clock, counter)
    act(db, slug, world.staff, clock, "finish", ticket.id)
    return ticket


def _rate(db, world, actor, clock, ticket_id, score, reasons=None):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        ticket = session.get(Ticket, ticket_id)
        rating, events = rate(session, office, actor, clock, ticket, score, reasons)
        return rating.id, events


def test_a_rating_belongs_to_ticket_dossier_counter_and_staff(db, world, clock):
    tablet = _tablet(db, world, clock, 1)
    ticket = _served(db, world, clock)
    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        enter_dossier_code(
            session,
            office,
            world.staff,
            clock,
            session.get(Ticket, ticket.id),
            "000.00.01.h29-250719-0013",
        )
    _, events = _rate(db, world, tablet, clock, ticket.id, 2, ["wait", "attitude"])
    with db.sessions() as session:
        rating = session.scalars(select(Rating)).one()
    assert rating.ticket_id == ticket.id
    assert rating.counter_id == world.counters[1].id
    assert rating.staff_id == world.staff.id
    assert rating.dossier_code == "000.00.01.H29-250719-0013"
    assert (rating.score, rating.reasons) == (2, ["wait", "attitude"])
    assert [e.name for e in events] == ["ticket.rated"]
    assert events[0].data["rating"]["counter"] == 1
    assert event_kinds(db, ticket.id)[-2:] == ["dossier", "rated"]


def test_one_rating_per_ticket(db, world, clock):
    tablet = _tablet(db, world, clock, 1)
    ticket = _served(db, world, clock)
    _rate(db, world, tablet, clock, ticket.id, 5)
    with pytest.raises(Conflict) as err:
        _rate(db, world, tablet, clock, ticket.id, 1)
    assert err.value.code == "already_rated"
    with db.sessions() as session:
        assert [r.score for r in session.scalars(select(Rating))] == [5]


def test_only_the_serving_counters_tablet_rates_and_only_after_finish(db, world, clock):
    mine, other = _tablet(db, world, clock, 1), _tablet(db, world, clock, 3)
    slug = world.office.slug
    ticket = issue(db, slug, world.kiosk, clock)
    call_next(db, slug, world.staff, clock, 1)
    with pytest.raises(Conflict):
        _rate(db, world, mine, clock, ticket.id, 4)
    act(db, slug, world.staff, clock, "finish", ticket.id)
    with pytest.raises(Forbidden) as err:
        _rate(db, world, other, clock, ticket.id, 4)
    assert err.value.code == "rating_other_counter"
    for actor in (world.kiosk, world.display, world.staff):
        with pytest.raises(Forbidden):
            _rate(db, world, actor, clock, ticket.id, 4)
    _rate(db, world, mine, clock, ticket.id, 4)


@pytest.mark.parametrize(
    ("score", "reasons"),
    [(0, None), (6, None), (True, None), (2, ["nonsense"]), (5, ["wait"])],
)
def test_bad_answers_are_refused(db, world, clock, score, reasons):
    tablet = _tablet(db, world, clock, 1)
    ticket = _served(db, world, clock)
    with pytest.raises(Invalid):
        _rate(db, world, tablet, clock, ticket.id, score, reasons)


def test_rating_closes_after_the_window(db, world, clock):
    tablet = _tablet(db, world, clock, 1)
    ticket = _served(db, world, clock)
    clock.advance(11 * 60)
    with pytest.raises(Conflict) as err:
        _rate(db, world, tablet, clock, ticket.id, 5)
    assert err.value.code == "rating_closed"


def test_a_tablet_of_another_office_cannot_rate(db, world, clock):
    from tests.conftest import build_world

    theirs = build_world(db, clock, "khac")
    their_tablet = _tablet(db, theirs, clock, 1)
    ticket = _served(db, world, clock)
    with pytest.raises(Forbidden):
        _rate(db, world, their_tablet, clock, ticket.id, 5)
