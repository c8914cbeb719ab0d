"""Booked slots: called at the slot's time ahead of walk-ins, at most one booked
citizen in every N calls of a counter (walk-ins never starve), late arrivals walk in."""

from __future__ import annotations

from datetime import timedelta

from tests.booking.helpers import book, check_in, configure, get, local
from tests.core.test_policy import _ahead, _console_order, _settings
from tests.helpers import call_next, issue

TUE_8 = local(2026, 11, 24, 8, 0)
PHONES = ("0912345678", "0987654321", "0911222333")


def _booked(db, world, clock, at, phone):  # type: ignore[no-untyped-def]
    """A slot booked the day before, checked in at `at`; its ticket."""
    saved = clock.at
    booking_id = book(db, clock, kind="slot", slot_at=TUE_8, phone=phone)
    clock.at = at
    ticket = check_in(db, clock, world.kiosk, get(db, booking_id).code)
    clock.at = saved
    return ticket


def _walk_ins(db, world, clock, n):  # type: ignore[no-untyped-def]
    return [issue(db, "demo", world.kiosk, clock).id for _ in range(n)]


def _calls(db, world, clock, n):  # type: ignore[no-untyped-def]
    return [call_next(db, "demo", world.staff, clock, 1).id for _ in range(n)]


def test_a_booked_citizen_is_called_at_the_slot_time_ahead_of_walk_ins(
    db, world, clock
):
    configure(db, {"grace_before_min": 15, "grace_after_min": 15, "capacity": {"*": 5}})
    clock.at = TUE_8 - timedelta(minutes=40)
    booked = _booked(db, world, clock, TUE_8 - timedelta(minutes=10), PHONES[0])
    assert booked.appointment_at == TUE_8
    clock.at = TUE_8 - timedelta(minutes=30)
    walk = _walk_ins(db, world, clock, 3)
    # Before the slot: the booked citizen waits as a walk-in (checked in at 7:50,
    # after the walk-ins of 7:30).
    clock.at = TUE_8 - timedelta(minutes=5)
    assert _console_order(db, world, clock, 1) == [*walk, booked.id]
    assert _calls(db, world, clock, 1) == [walk[0]]
    # At the slot's time they go first.
    clock.at = TUE_8
    assert _console_order(db, world, clock, 1) == [booked.id, walk[1], walk[2]]
    assert _ahead(db, clock, booked.id) == 0
    assert _calls(db, world, clock, 3) == [booked.id, walk[1], walk[2]]


def test_booked_citizens_are_capped_so_walk_ins_do_not_starve(db, world, clock):
    configure(db, {"grace_before_min": 15, "grace_after_min": 15, "capacity": {"*": 5}})
    clock.at = TUE_8 - timedelta(minutes=40)
    booked = [
        _booked(db, world, clock, TUE_8 - timedelta(minutes=10 - i), phone).id
        for i, phone in enumerate(PHONES)
    ]
    clock.at = TUE_8 - timedelta(minutes=30)
    walk = _walk_ins(db, world, clock, 3)
    _settings(db, world, booked_every=2)  # one booked citizen in every two calls
    clock.at = TUE_8
    order = [booked[0], walk[0], booked[1], walk[1], booked[2], walk[2]]
    listed = _console_order(db, world, clock, 1)
    assert listed == order
    assert [_ahead(db, clock, t) for t in listed] == list(range(6))
    assert _calls(db, world, clock, 6) == order


def test_with_a_cap_of_three_two_walk_ins_go_between_booked_citizens(db, world, clock):
    configure(db, {"grace_before_min": 15, "grace_after_min": 15, "capacity": {"*": 5}})
    clock.at = TUE_8 - timedelta(minutes=40)
    booked = [
        _booked(db, world, clock, TUE_8 - timedelta(minutes=10 - i), phone).id
        for i, phone in enumerate(PHONES[:2])
    ]
    clock.at = TUE_8 - timedelta(minutes=30)
    walk = _walk_ins(db, world, clock, 4)
    _settings(db, world, booked_every=3)
    clock.at = TUE_8
    expected = [booked[0], walk[0], walk[1], booked[1], walk[2], walk[3]]
    assert _calls(db, world, clock, 6) == expected


def test_a_late_arrival_joins_as_a_walk_in(db, world, clock):
    configure(db, {"grace_before_min": 15, "grace_after_min": 10})
    clock.at = TUE_8 - timedelta(minutes=40)
    booking_id = book(db, clock, kind="slot", slot_at=TUE_8, phone=PHONES[0])
    clock.at = TUE_8 + timedelta(minutes=5)
    walk = _walk_ins(db, world, clock, 2)
    clock.at = TUE_8 + timedelta(minutes=10, seconds=1)
    late = check_in(db, clock, world.kiosk, get(db, booking_id).code)
    assert late.appointment_at is None and late.channel == "booking"
    assert get(db, booking_id).status == "checked_in"
    assert _calls(db, world, clock, 3) == [*walk, late.id]
