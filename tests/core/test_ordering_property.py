"""Generated days: priorities, transfers, no-shows, booked slots, both policies.
After every step the console's order, call-next's choice and "people ahead" agree,
every waiting ticket is in some counter's queue, numbers are unique, and the
estimated wait agrees with "people ahead": nobody ahead at a free counter is no
wait, and one more ahead in the same lane of the same counters never waits less."""

from __future__ import annotations

import itertools
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from motcua.core import calling, estimate, tickets
from motcua.core.clock import FixedClock
from motcua.core.console import waiting_list
from motcua.core.lookup import counter_by_number, office_by_slug
from motcua.core.models import Office, Service, Ticket
from motcua.core.ordering import (
    callers,
    lane_keys_of,
    lane_of_ticket,
    staffed_callers,
)
from motcua.core.views import ahead_of, current_ticket
from tests.conftest import MORNING, build_world

_OFFICES = itertools.count()
COUNTERS = (1, 2, 3)  # 1: CT, 2: HT, 3: CT and HT

steps = st.lists(
    st.one_of(
        st.tuples(st.just("issue"), st.sampled_from(["CT", "HT"]), st.booleans()),
        st.tuples(st.just("booked"), st.sampled_from(["CT", "HT"]), st.integers(0, 20)),
        st.tuples(st.just("advance"), st.integers(1, 10)),
        st.tuples(
            st.just("call"),
            st.sampled_from(COUNTERS),
            st.sampled_from(["finished", "no_show"]),
        ),
        st.tuples(
            st.just("transfer"),
            st.sampled_from(COUNTERS),
            st.sampled_from(["CT", "HT", 1, 2, 3]),
        ),
        st.tuples(st.just("priority"), st.integers(0, 30)),
        st.tuples(st.just("away"), st.sampled_from(COUNTERS)),
    ),
    min_size=5,
    max_size=30,
)


class Day:
    def __init__(self, db, ratio, booked_every):  # type: ignore[no-untyped-def]
        # Each day its own clock: the examples share the fixtures, and a clock
        # carried over would end some days on the next service day.
        self.db, self.clock = db, FixedClock(MORNING)
        self.slug = f"p{next(_OFFICES)}"
        self.world = build_world(db, self.clock, self.slug)
        with db.transaction() as session:
            office = session.get(Office, self.world.office.id)
            policy = (
                {"priority_policy": "ratio", "priority_ratio": ratio} if ratio else {}
            )
            office.settings = {
                **office.settings,
                **policy,
                "booked_every": booked_every,
            }
            # Fields of different lengths, so that who is ahead changes the price.
            session.get(Service, self.world.services["HT"].id).avg_service_s = 300.0

    def run(self, step):  # type: ignore[no-untyped-def]
        with self.db.transaction() as session:
            office = office_by_slug(session, self.slug)
            getattr(self, "_" + step[0])(session, office, *step[1:])

    def _issue(self, session, office, code, priority):  # type: ignore[no-untyped-def]
        actor = self.world.staff if priority else self.world.kiosk
        req = tickets.IssueRequest(code, priority="elderly" if priority else None)
        return tickets.issue_ticket(session, office, actor, self.clock, req).ticket

    def _booked(self, session, office, code, minutes):  # type: ignore[no-untyped-def]
        ticket = self._issue(session, office, code, False)
        ticket.appointment_at = self.clock.now() + timedelta(minutes=minutes)

    def _advance(self, session, office, minutes):  # type: ignore[no-untyped-def]
        self.clock.advance(minutes * 60)

    def _call(self, session, office, number, outcome):  # type: ignore[no-untyped-def]
        counter = counter_by_number(session, office, number)
        expected = [
            row["id"] for row in waiting_list(session, office, counter, self.clock)
        ]
        current = current_ticket(session, counter)
        closing = calling.Closing(current.id, outcome) if current else None
        staff = self.world.staff
        called = calling.call_next(session, office, staff, self.clock, number, closing)
        assert (called.ticket.id if called.ticket else None) == (expected or [None])[0]

    def _transfer(self, session, office, number, to):  # type: ignore[no-untyped-def]
        counter = counter_by_number(session, office, number)
        current = current_ticket(session, counter)
        if current is None:
            return
        where = {"service": to} if isinstance(to, str) else {"counter": to}
        calling.transfer(
            session, office, self.world.staff, self.clock, current, **where
        )

    def _away(self, session, office, number):  # type: ignore[no-untyped-def]
        # The counter's clerk leaves it (their next call there staffs it again).
        counter_by_number(session, office, number).staff_id = None

    def _priority(self, session, office, pick):  # type: ignore[no-untyped-def]
        waiting = self.waiting(session, office)
        if waiting:
            ticket = waiting[pick % len(waiting)]
            tickets.mark_priority(
                session, office, self.world.staff, self.clock, ticket, "elderly"
            )

    def waiting(self, session, office):  # type: ignore[no-untyped-def]
        stmt = select(Ticket).where(
            Ticket.office_id == office.id, Ticket.status == "waiting"
        )
        return list(session.scalars(stmt.order_by(Ticket.number)))

    def check(self):  # type: ignore[no-untyped-def]
        with self.db.sessions() as session:
            office = office_by_slug(session, self.slug)
            orders, free = {}, set()
            for number in COUNTERS:
                counter = counter_by_number(session, office, number)
                rows = waiting_list(session, office, counter, self.clock)
                orders[counter.id] = [row["id"] for row in rows]
                if current_ticket(session, counter) is None:
                    free.add(counter.id)
            now = self.clock.now()
            places = {}
            for ticket in self.waiting(session, office):
                able = callers(session, office, ticket)
                mine = [orders[c.id].index(ticket.id) for c in able]
                assert mine, f"{ticket.number} is in no counter's queue"
                ahead = ahead_of(session, ticket, now)
                assert ahead == min(mine)
                wait = estimate.ticket_wait(session, ticket, now)
                staffed = staffed_callers(session, office, ticket, None)
                # Waits and people ahead come from staffed counters only.
                assert (wait is None) == (not staffed)
                if staffed:
                    assert able == staffed
                first = [c for c in staffed if orders[c.id][0] == ticket.id]
                if any(c.id in free for c in first):
                    assert wait == 0, f"{ticket.number}: first at a free counter"
                who = (lane_of_ticket(ticket, now), tuple(c.id for c in able))
                key = lane_keys_of(ticket, who[0])
                places.setdefault(who, []).append((key, ahead, wait, ticket.number))
            for group in places.values():
                group.sort()
                for before, after in itertools.pairwise(group):
                    assert after[1] > before[1], (before, after)
                    if before[2] is not None:  # else neither has a wait
                        assert after[2] >= before[2], (before, after)
            numbers = list(
                session.scalars(
                    select(Ticket.number).where(Ticket.office_id == office.id)
                )
            )
            assert len(numbers) == len(set(numbers))


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    day_steps=steps,
    ratio=st.sampled_from([None, 1, 2]),
    booked_every=st.integers(1, 3),
)
def test_generated_days_keep_one_order(db, day_steps, ratio, booked_every):  # type: ignore[no-untyped-def]
    day = Day(db, ratio, booked_every)
    for step in day_steps:
        day.run(step)
        day.check()
