"""Who is called next: priority classes, ratio policy, served fields, transfers."""

from __future__ import annotations

import pytest

from motcua.core.errors import Conflict, Forbidden, Invalid
from motcua.core.models import Office
from tests.helpers import act, call_next, issue


def _settings(db, world, **values):
    with db.transaction() as session:
        office = session.get(Office, world.office.id)
        office.settings = {**office.settings, **values}


def test_strict_priority_goes_first_and_fifo_within_a_class(db, world, clock):
    slug = world.office.slug
    normal = [issue(db, slug, world.kiosk, clock) for _ in range(2)]
    clock.advance(1)
    elderly = issue(db, slug, world.staff, clock, priority="elderly")
    clock.advance(1)
    disabled = issue(db, slug, world.staff, clock, priority="disabled")
    order = [call_next(db, slug, world.staff, clock, 1).id for _ in range(4)]
    assert order == [elderly.id, disabled.id, normal[0].id, normal[1].id]


def test_higher_rank_class_before_lower(db, world, clock):
    _settings(db, world, priority_classes={"elderly": 1, "meritorious": 2})
    slug = world.office.slug
    elderly = issue(db, slug, world.staff, clock, priority="elderly")
    clock.advance(1)
    meritorious = issue(db, slug, world.staff, clock, priority="meritorious")
    assert call_next(db, slug, world.staff, clock, 1).id == meritorious.id
    assert call_next(db, slug, world.staff, clock, 1).id == elderly.id


def test_one_priority_per_n_normal(db, world, clock):
    _settings(db, world, priority_policy="ratio", priority_ratio=2)
    slug = world.office.slug
    normal = [issue(db, slug, world.kiosk, clock) for _ in range(4)]
    clock.advance(1)
    prio = [issue(db, slug, world.staff, clock, priority="elderly") for _ in range(2)]
    order = [call_next(db, slug, world.staff, clock, 1).id for _ in range(6)]
    assert order == [
        normal[0].id,
        normal[1].id,
        prio[0].id,
        normal[2].id,
        normal[3].id,
        prio[1].id,
    ]


def test_kiosk_cannot_self_declare_priority_unless_allowed(db, world, clock):
    slug = world.office.slug
    with pytest.raises(Forbidden) as refused:
        issue(db, slug, world.kiosk, clock, priority="elderly")
    assert refused.value.code == "priority_needs_staff"
    with pytest.raises(Invalid):
        issue(db, slug, world.staff, clock, priority="vip")
    _settings(db, world, kiosk_self_priority=True)
    assert issue(db, slug, world.kiosk, clock, priority="elderly").priority_rank == 1


def test_a_counter_calls_only_the_fields_it_serves(db, world, clock):
    slug = world.office.slug
    ht = issue(db, slug, world.kiosk, clock, "HT")
    assert call_next(db, slug, world.staff, clock, 1) is None  # counter 1: CT only
    assert call_next(db, slug, world.staff, clock, 2).id == ht.id


def test_transfer_keeps_the_original_issue_time(db, world, clock):
    slug = world.office.slug
    ct = issue(db, slug, world.kiosk, clock, "CT")
    clock.advance(60)
    ht_later = issue(db, slug, world.kiosk, clock, "HT")
    call_next(db, slug, world.staff, clock, 1)
    act(
        db,
        slug,
        world.staff,
        clock,
        "transfer",
        ct.id,
        service="HT",
        note="cần hộ tịch",
    )
    # The transferred ticket was issued first, so it goes before the later HT ticket.
    assert call_next(db, slug, world.staff, clock, 2).id == ct.id
    assert call_next(db, slug, world.staff, clock, 2).id == ht_later.id


def test_transfer_to_a_counter_is_called_only_there(db, world, clock):
    slug = world.office.slug
    ticket = issue(db, slug, world.kiosk, clock, "CT")
    call_next(db, slug, world.staff, clock, 1)
    act(db, slug, world.staff, clock, "transfer", ticket.id, counter=3)
    assert call_next(db, slug, world.staff, clock, 1) is None
    assert call_next(db, slug, world.staff, clock, 3).id == ticket.id


def test_paused_counter_does_not_call(db, world, clock):
    from motcua.core import counters
    from motcua.core.lookup import office_by_slug

    slug = world.office.slug
    issue(db, slug, world.kiosk, clock)
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        counters.pause_counter(session, office, world.staff, clock, 1, "nghỉ trưa")
    with pytest.raises(Conflict) as refused:
        call_next(db, slug, world.staff, clock, 1)
    assert refused.value.code == "counter_paused"
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        counters.resume_counter(session, office, world.staff, clock, 1)
    assert call_next(db, slug, world.staff, clock, 1) is not None


def test_call_a_given_ticket_out_of_order_is_logged_with_its_reason(db, world, clock):
    from motcua.core import calling
    from motcua.core.lookup import office_by_slug
    from motcua.core.models import Ticket
    from tests.helpers import event_kinds

    slug = world.office.slug
    issue(db, slug, world.kiosk, clock)
    second = issue(db, slug, world.kiosk, clock)
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        ticket = session.get(Ticket, second.id)
        outcome = calling.call_ticket(
            session, office, world.staff, clock, 1, ticket, "người khuyết tật"
        )
        assert outcome.ticket.id == second.id
    assert event_kinds(db, second.id)[-1] == "called"


def test_wait_estimate_uses_people_ahead_and_open_counters(db, world, clock):
    from motcua.core.lookup import office_by_slug
    from motcua.core.models import Ticket
    from motcua.core.views import ticket_view

    slug = world.office.slug
    tickets = [issue(db, slug, world.kiosk, clock) for _ in range(5)]
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        view = ticket_view(session, office, session.get(Ticket, tickets[4].id))
    # 4 ahead, 600 s each, counters 1 and 3 serve CT.
    assert view["ahead"] == 4
    assert view["estimated_wait_s"] == 4 * 600 // 2


def test_wait_counts_everyone_ahead_who_shares_the_counters(db, world, clock):
    from motcua.core.lookup import office_by_slug
    from motcua.core.models import Service, Ticket
    from motcua.core.views import services_view, ticket_view

    slug = world.office.slug
    with db.transaction() as session:
        session.get(Service, world.services["HT"].id).avg_service_s = 300.0
    issue(db, slug, world.kiosk, clock, "HT")
    issue(db, slug, world.kiosk, clock, "HT")
    issue(db, slug, world.kiosk, clock, "CT")
    clock.advance(1)
    mine = issue(db, slug, world.kiosk, clock, "CT")
    issue(db, slug, world.kiosk, clock, "HT")  # after me: not ahead
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        view = ticket_view(session, office, session.get(Ticket, mine.id))
        fields = {s["code"]: s for s in services_view(session, office, clock)}
    # Counters 1 (CT) and 3 (CT, HT) are mine. Counter 1 calls one before me (the
    # count shown); counter 3 calls three (HT, HT, CT) and does not help with
    # counter 1's. Counter 1 has the other CT counter's help for half of its CT: one
    # of 600 on its own, 600. Counter 3 is helped by counter 1 with CT and counter
    # 2 takes half of the HT: of its lane (three HT of 300 counting half, one CT of
    # 600) two are left, 420 each, one at each counter: 420, the soonest.
    assert view["ahead"] == 1
    assert view["estimated_wait_s"] == 420
    # A new CT ticket: counter 1 calls CT, CT before it, half of them its own: one
    # of 600. Counter 3 would come later (4 left of 5, 471 each, two counters).
    assert fields["CT"]["estimated_wait_s"] == 600


def _console_order(db, world, clock, number):  # type: ignore[no-untyped-def]
    from motcua.core.console import waiting_list
    from motcua.core.lookup import counter_by_number, office_by_slug

    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        counter = counter_by_number(session, office, number)
        return [row["id"] for row in waiting_list(session, office, counter, clock)]


def _ahead(db, clock, ticket_id):  # type: ignore[no-untyped-def]
    from motcua.core.models import Ticket
    from motcua.core.views import ahead_of

    with db.sessions() as session:
        return ahead_of(session, session.get(Ticket, ticket_id), clock.now())


def test_under_one_priority_per_n_the_console_lists_what_call_next_takes(
    db, world, clock
):
    _settings(db, world, priority_policy="ratio", priority_ratio=2)
    slug = world.office.slug
    normal = [issue(db, slug, world.kiosk, clock) for _ in range(4)]
    clock.advance(1)
    prio = [issue(db, slug, world.staff, clock, priority="elderly") for _ in range(2)]
    listed = _console_order(db, world, clock, 1)
    assert [_ahead(db, clock, t) for t in listed] == list(range(6))
    called = [call_next(db, slug, world.staff, clock, 1).id for _ in range(6)]
    assert listed == called
    assert called[:3] == [normal[0].id, normal[1].id, prio[0].id]


def test_transfer_to_a_counter_that_does_not_serve_the_field(db, world, clock):
    slug = world.office.slug
    ticket = issue(db, slug, world.kiosk, clock, "CT")
    ht = issue(db, slug, world.kiosk, clock, "HT")
    call_next(db, slug, world.staff, clock, 1)
    act(db, slug, world.staff, clock, "transfer", ticket.id, counter=2, note="ký lại")
    # Counter 2 serves only HT; the CT ticket sent to it is its own queue's first.
    listed = _console_order(db, world, clock, 2)
    assert listed == [ticket.id, ht.id]
    assert _ahead(db, clock, ticket.id) == 0
    assert _console_order(db, world, clock, 1) == []
    assert call_next(db, slug, world.staff, clock, 2).id == ticket.id
    from motcua.core.models import Ticket

    with db.sessions() as session:
        again = session.get(Ticket, ticket.id)
        assert (again.status, again.note, again.service.code) == (
            "called",
            "ký lại",
            "CT",
        )
        assert again.target_counter_id is None
    assert call_next(db, slug, world.staff, clock, 2).id == ht.id


def test_a_transfer_never_leaves_a_ticket_no_counter_can_call(db, world, clock):
    from motcua.core.lookup import office_by_slug
    from motcua.core.setup import ServiceSpec, add_service

    with db.transaction() as session:
        office = office_by_slug(session, world.office.slug)
        add_service(session, office, ServiceSpec("DD", "Đất đai", "Land", 3001, 3999))
    slug = world.office.slug
    ticket = issue(db, slug, world.kiosk, clock, "CT")
    call_next(db, slug, world.staff, clock, 1)
    with pytest.raises(Conflict) as refused:
        act(db, slug, world.staff, clock, "transfer", ticket.id, service="DD")
    assert refused.value.code == "transfer_no_counter"
    from tests.helpers import status_of

    assert status_of(db, ticket.id) == "called"


def test_the_console_names_the_fields_of_every_counter_for_a_transfer(
    db, world, clock
):
    from motcua.core.console import console_state
    from motcua.core.lookup import office_by_slug

    with db.sessions() as session:
        office = office_by_slug(session, "demo")
        state = console_state(session, office, world.staff, clock, 1)
    # The world: counter 1 serves CT, 2 HT, 3 both.
    assert [(c["number"], c["fields"]) for c in state["all_counters"]] == [
        (1, ["CT"]),
        (2, ["HT"]),
        (3, ["CT", "HT"]),
    ]
