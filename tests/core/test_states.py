"""The state machine: every allowed and every forbidden move, through the operations."""

from __future__ import annotations

import pytest

from motcua.core import calling, tickets
from motcua.core.errors import Conflict
from motcua.core.lookup import counter_by_number, office_by_slug
from motcua.core.models import Ticket
from motcua.core.states import TRANSITIONS, TicketStatus, allowed
from motcua.core.views import current_ticket
from tests.helpers import event_kinds, issue, status_of

W, C, S, D, N, X = (s.value for s in TicketStatus)
# What the contract says, written out: move -> {from: to}.
EXPECTED = {
    "call": {W: C},
    "recall": {C: C, S: S},
    "start": {C: S},
    "finish": {C: D, S: D},
    "no_show": {C: N},
    "return": {N: W},
    "cancel": {W: X, C: X},
    "transfer": {W: W, C: W, S: W},
    "priority": {W: W},
}


def test_the_table_is_the_contract():
    assert set(TRANSITIONS) == set(EXPECTED)
    assert [s.value for s in TicketStatus] == [W, C, S, D, N, X]
    assert "transferred" not in {s.value for s in TicketStatus}
    for move, moves in EXPECTED.items():
        for status in TicketStatus:
            assert allowed(move, status) == (status.value in moves), (move, status)


def _run(db, world, clock, move, ticket_id):  # type: ignore[no-untyped-def]
    """Apply one move to a ticket, as the operations do."""
    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        ticket = session.get(Ticket, ticket_id)
        staff = world.staff
        if move == "call":
            current = current_ticket(session, counter_by_number(session, office, 3))
            closing = calling.Closing(current.id, "finished") if current else None
            calling.call_ticket(
                session, office, staff, clock, 3, ticket, "thử", closing
            )
        elif move == "transfer":
            calling.transfer(session, office, staff, clock, ticket, service="HT")
        elif move == "priority":
            tickets.mark_priority(session, office, staff, clock, ticket, "elderly")
        else:
            name = {"return": "return_to_queue"}.get(move, move)
            getattr(tickets, name)(session, office, staff, clock, ticket)


ROUTE = {W: [], C: ["call"], S: ["call", "start"], D: ["call", "finish"]}
ROUTE |= {N: ["call", "no_show"], X: ["cancel"]}


def _ticket_in(db, world, clock, status):  # type: ignore[no-untyped-def]
    ticket = issue(db, world.office.slug, world.kiosk, clock)
    for move in ROUTE[status]:
        _run(db, world, clock, move, ticket.id)
    assert status_of(db, ticket.id) == status
    return ticket.id


def test_every_move_from_every_status(db, world, clock):
    for move, moves in EXPECTED.items():
        for status in TicketStatus:
            ticket_id = _ticket_in(db, world, clock, status.value)
            log = event_kinds(db, ticket_id)
            if status.value in moves:
                _run(db, world, clock, move, ticket_id)
                assert status_of(db, ticket_id) == moves[status.value], move
                assert len(event_kinds(db, ticket_id)) > len(log)
                continue
            with pytest.raises(Conflict) as refused:
                _run(db, world, clock, move, ticket_id)
            assert refused.value.code == "bad_state", (move, status)
            assert status_of(db, ticket_id) == status.value
            assert event_kinds(db, ticket_id) == log
