"""The ticket state machine and its audit log."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from motcua.core import calling, estimate, tickets
from motcua.core.errors import Conflict, Forbidden, Invalid
from motcua.core.lookup import office_by_slug
from motcua.core.models import Service, Ticket, TicketEvent
from motcua.core.views import snapshot
from tests.helpers import act, call_next, event_kinds, issue, status_of


def test_a_ticket_goes_from_issue_to_done_and_every_step_is_logged(db, world, clock):
    slug = world.office.slug
    ticket = issue(db, slug, world.kiosk, clock)
    clock.advance(300)
    called = call_next(db, slug, world.staff, clock, 1)
    assert called is not None and called.id == ticket.id
    assert called.status == "called"
    act(db, slug, world.staff, clock, "recall", ticket.id)
    act(db, slug, world.staff, clock, "start", ticket.id)
    clock.advance(420)
    act(db, slug, world.staff, clock, "finish", ticket.id)
    assert status_of(db, ticket.id) == "done"
    assert event_kinds(db, ticket.id) == [
        "issued",
        "called",
        "recalled",
        "started",
        "finished",
    ]
    with db.sessions() as session:
        rows = session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket.id)
        )
        by_kind = {row.kind: row for row in rows}
    assert by_kind["issued"].device_id == world.kiosk.id
    assert by_kind["called"].user_id == world.staff.id
    assert by_kind["called"].counter_id == world.counters[1].id
    assert by_kind["called"].at.isoformat() == "2026-11-23T02:05:00+00:00"


def test_forbidden_transitions_are_refused_and_change_nothing(db, world, clock):
    slug = world.office.slug
    ticket = issue(db, slug, world.kiosk, clock)
    for name in ("finish", "start", "recall", "no_show", "return_to_queue"):
        with pytest.raises(Conflict) as refused:
            act(db, slug, world.staff, clock, name, ticket.id)
        assert refused.value.code == "bad_state"
    assert status_of(db, ticket.id) == "waiting"
    assert event_kinds(db, ticket.id) == ["issued"]


def test_no_show_returns_within_grace_and_not_after(db, world, clock):
    slug = world.office.slug
    first = issue(db, slug, world.kiosk, clock)
    second = issue(db, slug, world.kiosk, clock)
    call_next(db, slug, world.staff, clock, 1)
    act(db, slug, world.staff, clock, "no_show", first.id)
    clock.advance(899)
    act(db, slug, world.staff, clock, "return_to_queue", first.id)
    assert status_of(db, first.id) == "waiting"
    # It keeps its place: issued before the second ticket, so called first again.
    assert call_next(db, slug, world.staff, clock, 1).id == first.id
    act(db, slug, world.staff, clock, "no_show", first.id)
    clock.advance(901)
    with pytest.raises(Conflict) as refused:
        act(db, slug, world.staff, clock, "return_to_queue", first.id)
    assert refused.value.code == "grace_expired"
    assert call_next(db, slug, world.staff, clock, 1).id == second.id


def test_calling_next_never_decides_what_became_of_the_current_citizen(
    db, world, clock
):
    slug = world.office.slug
    first = issue(db, slug, world.kiosk, clock)
    second = issue(db, slug, world.kiosk, clock)
    third = issue(db, slug, world.kiosk, clock)
    call_next(db, slug, world.staff, clock, 1)
    with pytest.raises(Conflict) as refused:
        call_next(db, slug, world.staff, clock, 1, outcome=None)
    assert refused.value.code == "counter_busy"
    assert status_of(db, first.id) == "called"
    assert status_of(db, second.id) == "waiting"
    assert _press(db, world, clock, first.id, "no_show").id == second.id
    assert status_of(db, first.id) == "no_show"
    # The same press again (a double press, a stale console) changes nothing.
    with pytest.raises(Conflict) as stale:
        _press(db, world, clock, first.id, "finished")
    assert stale.value.code == "not_current"
    assert status_of(db, second.id) == "called"
    assert status_of(db, third.id) == "waiting"
    assert event_kinds(db, first.id) == ["issued", "called", "no_show"]
    with pytest.raises(Invalid):
        _press(db, world, clock, second.id, "served")
    assert _press(db, world, clock, second.id, "finished").id == third.id
    assert status_of(db, second.id) == "done"


def _press(db, world, clock, ticket_id, outcome):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        closing = calling.Closing(ticket_id, outcome)
        return calling.call_next(session, office, world.staff, clock, 1, closing).ticket


def test_finish_feeds_the_average_service_time(db, world, clock):
    slug = world.office.slug
    ticket = issue(db, slug, world.kiosk, clock)
    call_next(db, slug, world.staff, clock, 1)
    clock.advance(100)
    act(db, slug, world.staff, clock, "finish", ticket.id)
    with db.sessions() as session:
        avg = session.get(Service, world.services["CT"].id).avg_service_s
    assert avg == pytest.approx(0.95 * 600 + 0.05 * 100)


def test_two_counters_finishing_one_field_at_once_both_count(db, world, clock):
    """A finish leaves its field's row alone until its transaction commits: on
    PostgreSQL a call-next that held it went on to wait for a citizen another
    counter was taking, and three counters of one field deadlocked (a press lost).
    Two finishes of one field at once both feed the average."""
    slug = world.office.slug
    first = issue(db, slug, world.kiosk, clock)
    second = issue(db, slug, world.kiosk, clock)
    assert call_next(db, slug, world.staff, clock, 1).id == first.id
    assert call_next(db, slug, world.staff, clock, 3).id == second.id
    clock.advance(100)
    finished = threading.Event()

    def finish_second() -> None:
        act(db, slug, world.staff, clock, "finish", second.id)
        finished.set()

    other = threading.Thread(target=finish_second)
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        ticket = session.get(Ticket, first.id)
        tickets.finish(session, office, world.staff, clock, ticket)
        other.start()
        if not db.is_sqlite:  # SQLite: one writer at a time, the other waits
            assert finished.wait(10), "a finish waited for another transaction"
    other.join(10)
    assert finished.is_set()
    with db.sessions() as session:
        avg = session.get(Service, world.services["CT"].id).avg_service_s
    assert avg == pytest.approx(0.95 * (0.95 * 600 + 0.05 * 100) + 0.05 * 100)


def test_a_service_time_is_folded_even_in_a_transaction_without_events(db, world):
    with db.transaction() as session:
        field = session.get(Service, world.services["CT"].id)
        estimate.fold_at_commit(session, field, 100)
    with db.sessions() as session:
        avg = session.get(Service, world.services["CT"].id).avg_service_s
    assert avg == pytest.approx(0.95 * 600 + 0.05 * 100)


def test_cancel_and_devices_cannot_serve(db, world, clock):
    slug = world.office.slug
    ticket = issue(db, slug, world.kiosk, clock)
    with pytest.raises(Forbidden):
        call_next(db, slug, world.kiosk, clock, 1)
    with pytest.raises(Forbidden):
        act(db, slug, world.display, clock, "cancel", ticket.id)
    act(db, slug, world.staff, clock, "cancel", ticket.id)
    assert status_of(db, ticket.id) == "cancelled"
    assert call_next(db, slug, world.staff, clock, 1) is None


def _recent(db, world, clock) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """The newest of the snapshot's recent calls."""
    with db.sessions() as session:
        office = office_by_slug(session, world.office.slug)
        return snapshot(session, office, clock)["recent_calls"][0]  # type: ignore[no-any-return]


def test_every_call_and_recall_moves_the_snapshot_mark(db, world, clock):
    """A board that missed a recall's event learns it from the snapshot: the call's
    `calls` moves at every call and recall, as its events say, though `called_at`
    stays (here the clock does not even move between the call and the recall)."""
    slug = world.office.slug
    ticket = issue(db, slug, world.kiosk, clock)
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        events = calling.call_next(session, office, world.staff, clock, 1).events
    call = _recent(db, world, clock)
    assert (call["ticket"], call["calls"], call["recalled_at"]) == ("1001", 1, None)
    assert (events[-1].name, events[-1].data["calls"]) == ("ticket.called", 1)
    assert events[-1].data["recalled_at"] is None
    called_at = call["called_at"]

    recalled = act(db, slug, world.staff, clock, "recall", ticket.id).events[-1]
    call = _recent(db, world, clock)
    assert call["called_at"] == called_at  # what a board used to key on
    assert (call["calls"], call["recalled_at"]) == (2, "2026-11-23T09:00:00+07:00")
    assert recalled.name == "ticket.recalled"
    assert {k: recalled.data[k] for k in ("calls", "recalled_at")} == {
        "calls": 2,
        "recalled_at": call["recalled_at"],
    }
    clock.advance(40)
    act(db, slug, world.staff, clock, "recall", ticket.id)
    call = _recent(db, world, clock)
    assert (call["calls"], call["recalled_at"]) == (3, "2026-11-23T09:00:40+07:00")

    # Sent to counter 2 and called there: a new call, not a recall.
    act(db, slug, world.staff, clock, "transfer", ticket.id, counter=2)
    call_next(db, slug, world.staff, clock, 2)
    call = _recent(db, world, clock)
    assert (call["counter"]["number"], call["calls"]) == (2, 4)
    assert call["recalled_at"] is None and call["called_at"] != called_at
