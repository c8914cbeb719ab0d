"""Estimated waits on hand-built queues: counters free up one by one, in order."""

from __future__ import annotations

from datetime import timedelta

from motcua.core import estimate
from motcua.core.lookup import office_by_slug
from motcua.core.models import Counter, Service, Ticket
from motcua.core.views import services_view, ticket_view
from motcua.i18n import ticket_status_text
from tests.helpers import call_next, issue

# The world: CT at counters 1 and 3, HT at counters 2 and 3, 600 s a service.


def _wait(db, world, ticket_id, now=None):
    with db.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        return estimate.ticket_wait(session, ticket, now)


def _new_wait(db, world, clock, code="CT"):
    with db.sessions() as session:
        office = office_by_slug(session, world.office.slug)
        fields = {s["code"]: s for s in services_view(session, office, clock)}
        return fields[code]["estimated_wait_s"]


def test_a_free_counter_takes_the_next_citizen_at_once(db, world, clock):
    slug = world.office.slug
    first = issue(db, slug, world.kiosk, clock)
    assert _wait(db, world, first.id) == 0
    # One waiting, two free counters: the newcomer goes to the other one.
    second = issue(db, slug, world.kiosk, clock)
    assert _wait(db, world, second.id) == 0
    assert _new_wait(db, world, clock) == 600
    # Two ahead at two counters: called when the first of them is done.
    third = issue(db, slug, world.kiosk, clock)
    assert _wait(db, world, third.id) == 600


def test_a_long_queue_goes_round_the_counters(db, world, clock):
    slug = world.office.slug
    tickets = [issue(db, slug, world.kiosk, clock) for _ in range(11)]
    # 10 ahead, 2 counters, 600 s each: five rounds.
    assert _wait(db, world, tickets[-1].id) == 5 * 600
    # Eleven ahead of a newcomer: counter 3 frees for them when counter 1 is on
    # its sixth.
    assert _new_wait(db, world, clock) == 5 * 600


def test_a_busy_counter_frees_after_its_average_less_the_time_served(db, world, clock):
    slug = world.office.slug
    issue(db, slug, world.kiosk, clock)
    call_next(db, slug, world.staff, clock, 1)
    clock.advance(400)
    ahead = issue(db, slug, world.kiosk, clock)
    mine = issue(db, slug, world.kiosk, clock)
    # The one ahead goes to free counter 3; counter 1 is done in 200 s.
    assert _wait(db, world, ahead.id) == 0
    assert _wait(db, world, mine.id) == 200
    # Later on the same ticket: counter 1 has overrun its average, yet is still busy.
    later = clock.now() + timedelta(seconds=500)
    assert _wait(db, world, mine.id, later) == int(estimate.MIN_LEFT * 600)


def test_without_a_time_the_latest_call_stands_for_now(db, world, clock):
    slug = world.office.slug
    for _ in range(3):
        issue(db, slug, world.kiosk, clock)
    mine = issue(db, slug, world.kiosk, clock)
    clock.advance(300)
    call_next(db, slug, world.staff, clock, 1)
    call_next(db, slug, world.staff, clock, 3)
    # Both counters called just now; the one ahead of mine takes the first free
    # counter, mine the other.
    assert _wait(db, world, mine.id) == 600
    assert _wait(db, world, mine.id, clock.now() + timedelta(seconds=100)) == 500


def test_a_field_served_elsewhere_too_counts_for_its_share(db, world, clock):
    slug = world.office.slug
    with db.transaction() as session:
        session.get(Service, world.services["HT"].id).avg_service_s = 300.0
        session.get(Counter, world.counters[1].id).state = "paused"
    for _ in range(4):
        issue(db, slug, world.kiosk, clock, "HT")
    # An HT newcomer: four HT ahead at counters 2 and 3, two rounds.
    assert _new_wait(db, world, clock, "HT") == 600
    clock.advance(1)
    mine = issue(db, slug, world.kiosk, clock)
    # CT is served at counter 3 only; counter 3 also serves HT with counter 2, so
    # half of the four HT tickets ahead are its own: two of 300 s, then mine.
    assert _wait(db, world, mine.id) == 600


def test_no_open_counter_means_no_estimate(db, world, clock):
    slug = world.office.slug
    ticket = issue(db, slug, world.kiosk, clock)
    with db.transaction() as session:
        for number in (1, 3):
            session.get(Counter, world.counters[number].id).state = "paused"
    assert _wait(db, world, ticket.id) is None
    with db.sessions() as session:
        office = office_by_slug(session, slug)
        view = ticket_view(session, office, session.get(Ticket, ticket.id))
    assert view["estimated_wait_s"] is None


def test_the_fields_list_quotes_each_field_the_wait_its_next_ticket_gets(
    db, world, clock
):
    """The kiosk's list reads the office once for all fields; each figure is the
    wait a ticket taken now then has, on shared, busy and idle counters alike."""
    slug = world.office.slug
    with db.transaction() as session:
        session.get(Service, world.services["HT"].id).avg_service_s = 420.0
    for code in ("CT", "HT", "HT", "CT", "HT", "CT", "CT"):
        issue(db, slug, world.kiosk, clock, code)
        clock.advance(30)
    call_next(db, slug, world.staff, clock, 2)
    clock.advance(200)
    call_next(db, slug, world.staff, clock, 3)
    clock.advance(90)
    for code in ("CT", "HT"):
        quoted = _new_wait(db, world, clock, code)
        mine = issue(db, slug, world.kiosk, clock, code)
        assert quoted is not None and quoted > 0
        assert _wait(db, world, mine.id, clock.now()) == quoted
    with db.transaction() as session:
        session.get(Counter, world.counters[2].id).state = "paused"
    quoted = _new_wait(db, world, clock, "HT")
    mine = issue(db, slug, world.kiosk, clock, "HT")
    assert _wait(db, world, mine.id, clock.now()) == quoted


def _transfer(db, world, clock, ticket_id, **where):  # type: ignore[no-untyped-def]
    from motcua.core import calling

    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        ticket = session.get(Ticket, ticket_id)
        calling.transfer(session, office, world.staff, clock, ticket, **where)


def _view(db, world, clock, ticket_id):  # type: ignore[no-untyped-def]
    with db.sessions() as session:
        office = office_by_slug(session, world.office.slug)
        ticket = session.get(Ticket, ticket_id)
        return ticket_view(session, office, ticket, now=clock.now())


def test_a_ticket_sent_to_a_counter_waits_for_that_counter_only(db, world, clock):
    """Counters 1 and 3 of its field are free, but it is called at counter 2 only,
    once counter 2's citizen is done."""
    slug = world.office.slug
    issue(db, slug, world.kiosk, clock, "HT")
    call_next(db, slug, world.staff, clock, 2)
    sent = issue(db, slug, world.kiosk, clock, "CT")
    call_next(db, slug, world.staff, clock, 1)
    clock.advance(100)
    _transfer(db, world, clock, sent.id, counter=2)
    view = _view(db, world, clock, sent.id)
    assert view["ahead"] == 0
    assert view["estimated_wait_s"] == 500
    # A second one sent there waits for the first too, whatever its field.
    issue(db, slug, world.kiosk, clock, "CT")
    second = call_next(db, slug, world.staff, clock, 3)
    _transfer(db, world, clock, second.id, counter=2)
    view = _view(db, world, clock, second.id)
    assert view["ahead"] == 1
    assert view["estimated_wait_s"] == 500 + 600


def test_people_ahead_and_the_wait_count_staffed_counters_only(db, world, clock):
    """Counter 1's clerk signed out: a CT citizen waits at counter 3, behind its
    HT citizens, and is told so; with no clerk at all the order still counts
    people ahead, and the wait says no counter serves yet."""
    from motcua.core import counters

    slug = world.office.slug
    with db.transaction() as session:
        session.get(Counter, world.counters[2].id).state = "paused"
    issue(db, slug, world.kiosk, clock, "HT")
    issue(db, slug, world.kiosk, clock, "HT")
    clock.advance(1)
    mine = issue(db, slug, world.kiosk, clock, "CT")
    assert _view(db, world, clock, mine.id)["ahead"] == 0  # counter 1 calls it next
    with db.transaction() as session:
        session.get(Counter, world.counters[1].id).staff_id = None
    view = _view(db, world, clock, mine.id)
    assert view["ahead"] == 2 and view["estimated_wait_s"] == 1200
    with db.transaction() as session:
        counters.sign_out(session, world.staff, clock)
    view = _view(db, world, clock, mine.id)
    assert view["ahead"] == 0 and view["estimated_wait_s"] is None
    assert not view["staffed"]
    # The status page, the kiosk and the board say the same.
    assert ticket_status_text(view, "vi").endswith("· Chưa có quầy phục vụ")
    assert _new_wait(db, world, clock) is None


def test_the_kiosks_waits_read_the_office_in_three_queries(db, world, clock):
    """Staffed counters, the queue by lane, the citizens at the counters: three
    statements for every field of the office, however many wait."""
    from sqlalchemy import event

    from motcua.core.clock import service_day

    slug = world.office.slug
    for code in ("CT", "HT", "CT", "HT"):
        issue(db, slug, world.kiosk, clock, code)
    call_next(db, slug, world.staff, clock, 3)
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    with db.sessions() as session:
        office = office_by_slug(session, slug)
        today = service_day(clock.now(), office.timezone)
        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            waits = estimate.new_ticket_waits(session, office, today, clock.now())
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
    assert len(statements) == 3, statements
    assert set(waits) == {world.services["CT"].id, world.services["HT"].id}
