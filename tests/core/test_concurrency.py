"""Concurrent kiosks and counters: unique, gapless, exactly once, on both databases."""

from __future__ import annotations

import multiprocessing
from collections import Counter as Tally
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from motcua.core import calling
from motcua.core.clock import SystemClock
from motcua.core.errors import Conflict
from motcua.core.lookup import counter_by_number, office_by_slug
from motcua.core.models import Service, TicketEvent
from motcua.core.setup import add_counter
from motcua.core.views import current_ticket
from tests.helpers import all_numbers, call_next, issue, issue_in_process


def test_parallel_threads_get_unique_gapless_numbers(db, world):
    clock = SystemClock()
    slug = world.office.slug

    def take(_: int) -> list[int]:
        return [issue(db, slug, world.kiosk, clock).number for _ in range(40)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        got = [n for batch in pool.map(take, range(8)) for n in batch]
    assert sorted(got) == list(range(1001, 1001 + 320))
    assert all_numbers(db) == list(range(1001, 1001 + 320))


def test_parallel_processes_get_unique_gapless_numbers(db, db_url, world):
    ctx = multiprocessing.get_context("spawn")
    args = [(db_url, world.office.slug, world.kiosk_token, 50)] * 4
    with ctx.Pool(4) as pool:
        got = [n for batch in pool.starmap(issue_in_process, args) for n in batch]
    assert sorted(got) == list(range(1001, 1201))
    assert all_numbers(db) == list(range(1001, 1201))


def _counters_for_every_field(db, slug):  # type: ignore[no-untyped-def]
    """Counters 4, 5 and 6, each serving every field (staffed by their first call)."""
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        services = list(session.scalars(select(Service)))
        for number in (4, 5, 6):
            add_counter(session, office, number, services)


def test_parallel_call_next_never_calls_a_ticket_twice(db, world):
    clock = SystemClock()
    slug = world.office.slug
    _counters_for_every_field(db, slug)
    issued = [
        issue(db, slug, world.kiosk, clock, code).id for code in ["CT", "HT"] * 60
    ]

    def serve(counter: int) -> list[str]:
        called = []
        while (ticket := call_next(db, slug, world.staff, clock, counter)) is not None:
            called.append(ticket.id)
        return called

    with ThreadPoolExecutor(max_workers=5) as pool:
        results = list(pool.map(serve, [1, 3, 4, 5, 6]))
    called = [t for batch in results for t in batch]
    # Counter 2 (HT only) never ran, so counters 3-6 must have called every HT ticket.
    assert len(called) == len(set(called)) == len(issued)
    with db.sessions() as session:
        stmt = (
            select(TicketEvent.ticket_id, func.count())
            .where(TicketEvent.kind == "called")
            .group_by(TicketEvent.ticket_id)
        )
        per_ticket = Tally(dict(session.execute(stmt).all()))
    assert set(per_ticket.values()) == {1}
    assert len(per_ticket) == len(issued)


def _press(db, slug, staff, clock, counter):  # type: ignore[no-untyped-def]
    with db.sessions() as session:
        office = office_by_slug(session, slug)
        seen = current_ticket(session, counter_by_number(session, office, counter))
        closing = calling.Closing(seen.id, "finished") if seen else None
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        return calling.call_next(session, office, staff, clock, counter, closing)


def test_two_consoles_on_one_counter_take_turns_without_deadlock(db, world):
    """Two call-next streams per counter at once: every call succeeds (no deadlock,
    no 'database unavailable'), each ticket is finished once, and the office's
    event numbers stay unique and gapless."""
    clock = SystemClock()
    slug = world.office.slug
    for code in ["CT", "HT"] * 30:
        issue(db, slug, world.kiosk, clock, code)
    seqs: list[int] = []

    def press(counter: int) -> int:
        calls = 0
        while True:
            # Each console names the citizen it sees; a press that lost the race
            # to the other console is refused (409) and changes nothing.
            try:
                outcome = _press(db, slug, world.staff, clock, counter)
            except Conflict as refused:
                assert refused.code in ("not_current", "counter_busy")
                continue
            seqs.extend(event.seq for event in outcome.events)
            if outcome.ticket is None:
                return calls
            calls += 1

    with ThreadPoolExecutor(max_workers=6) as pool:
        calls = sum(pool.map(press, [1, 1, 2, 2, 3, 3]))
    assert calls == 60
    with db.sessions() as session:
        stmt = (
            select(TicketEvent.kind, TicketEvent.ticket_id, func.count())
            .where(TicketEvent.kind.in_(("called", "finished")))
            .group_by(TicketEvent.kind, TicketEvent.ticket_id)
        )
        rows = session.execute(stmt).all()
    assert {n for _, _, n in rows} == {1}
    assert sum(1 for kind, _, _ in rows if kind == "called") == 60
    assert sorted(seqs) == list(range(min(seqs), min(seqs) + len(seqs)))


def _called(db, slug, staff, clock, counter):  # type: ignore[no-untyped-def]
    """One press of "Xong, gọi tiếp": (seq of the call's event, ticket id), or None
    when nobody is left."""
    outcome = _press(db, slug, staff, clock, counter)
    if outcome.ticket is None:
        return None
    seqs = [e.seq for e in outcome.events if e.name == "ticket.called"]
    return seqs[0], outcome.ticket.id


def test_racing_counters_call_in_the_one_order(db, world):
    """Four counters serving every field press at once, on both databases: each
    ticket is called once, and in the order of the lanes (priority first, then
    walk-ins by issue time), the order the board shows, never a later one while an
    earlier one still waits."""
    clock = SystemClock()
    slug = world.office.slug
    _counters_for_every_field(db, slug)
    priority, walk_in = [], []
    for n in range(48):
        code = ("CT", "HT")[n % 2]
        if n % 4 == 3:
            priority.append(
                issue(db, slug, world.staff, clock, code, priority="elderly").id
            )
        else:
            walk_in.append(issue(db, slug, world.kiosk, clock, code).id)

    def serve(counter: int) -> list[tuple[int, str]]:
        called = []
        while (got := _called(db, slug, world.staff, clock, counter)) is not None:
            called.append(got)
        return called

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(serve, [3, 4, 5, 6]))
    called = sorted(got for batch in results for got in batch)
    assert len({ticket for _, ticket in called}) == len(called) == 48
    assert [ticket for _, ticket in called] == priority + walk_in
