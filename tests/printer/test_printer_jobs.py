"""Print jobs in the core: queueing after issue, claims, backoff, reprint, config."""

from __future__ import annotations

import pytest

from motcua.core import printing, tickets
from motcua.core.auth import user_actor
from motcua.core.errors import Conflict, Forbidden, Invalid
from motcua.core.models import Device, PrintJob, Ticket
from motcua.core.setup import add_device, add_user
from motcua.core.targets import TargetPolicy
from printer.agent import parse_printer

NETWORK = {"kind": "network", "host": "127.0.0.1", "port": 9100}


def _issue(db, world, clock):
    with db.transaction() as session:
        office = session.merge(world.office)
        outcome = tickets.issue_ticket(
            session, office, world.kiosk, clock, tickets.IssueRequest(service="CT")
        )
        return outcome.ticket.id


def _set_kiosk_printer(db, world, config):
    with db.transaction() as session:
        kiosk = session.get(Device, world.kiosk.id)
        kiosk.settings = {**(kiosk.settings or {}), "printer": config}


def _queue(db, world, clock, ticket_id):
    with db.transaction() as session:
        office = session.merge(world.office)
        ticket = session.get(Ticket, ticket_id)
        job = printing.queue_for_ticket(session, office, clock, ticket)
        return job.id if job else None


def test_a_kiosk_without_printer_queues_nothing(db, world, clock):
    ticket_id = _issue(db, world, clock)

    assert _queue(db, world, clock, ticket_id) is None


def test_a_job_is_claimed_once_and_retried_with_backoff(db, world, clock):
    _set_kiosk_printer(db, world, {**NETWORK, "attempts": 3})
    job_id = _queue(db, world, clock, _issue(db, world, clock))
    claims = []
    with db.transaction() as session:
        [job] = printing.due_jobs(session, clock, set())
        # Two senders saw the same row; only the first conditional update wins.
        twin = PrintJob(id=job.id, status=job.status, attempts=job.attempts)
        claims.append(printing.claim(session, clock, job, printing.LEASE_S))
        claims.append(printing.claim(session, clock, twin, printing.LEASE_S))
    assert claims == [True, False]

    waits = []
    for _ in range(3):
        with db.transaction() as session:
            events = printing.mark_failed(
                session, clock, job_id, "refused", "Máy in từ chối", 3
            )
            job = session.get(PrintJob, job_id)
            assert events[0].name == "print.changed"
            assert events[0].data["job"]["reason"] == "refused"
            if job.status == "failed":
                break
            waits.append((job.next_attempt_at - clock.now()).total_seconds())
            assert printing.due_jobs(session, clock, set()) == []
        clock.advance(waits[-1])
        with db.transaction() as session:
            [due] = printing.due_jobs(session, clock, set())
            assert printing.claim(session, clock, due, printing.LEASE_S)

    assert waits == [1, 2]
    with db.transaction() as session:
        job = session.get(PrintJob, job_id)
        assert (job.status, job.attempts, job.reason) == ("failed", 3, "refused")
        assert printing.due_jobs(session, clock, set()) == []


def test_printed_is_final_and_published_once(db, world, clock):
    _set_kiosk_printer(db, world, NETWORK)
    job_id = _queue(db, world, clock, _issue(db, world, clock))
    with db.transaction() as session:
        first = printing.mark_printed(session, clock, job_id)
        again = printing.mark_printed(session, clock, job_id)
        late_failure = printing.mark_failed(session, clock, job_id, "io", "", 5)

    assert [e.data["job"]["status"] for e in first] == ["printed"]
    assert again == [] and late_failure == []
    assert first[0].data["ticket"]["number"] == "1001"


def test_an_agent_acks_only_its_own_jobs(db, world, clock):
    with db.transaction() as session:
        office = session.merge(world.office)
        agent, _ = add_device(session, clock, office, "printer", "may in 1")
        other, _ = add_device(session, clock, office, "printer", "may in 2")
        agent_id, other_id = agent.id, other.id
    _set_kiosk_printer(db, world, {"kind": "agent", "device": agent_id})
    job_id = _queue(db, world, clock, _issue(db, world, clock))

    with db.transaction() as session:
        assert session.get(PrintJob, job_id).device_id == agent_id
        assert printing.mark_printed(session, clock, job_id, other_id) == []
        assert printing.mark_printed(session, clock, job_id, agent_id)


def test_reprint_needs_staff_and_a_printer(db, world, clock):
    ticket_id = _issue(db, world, clock)
    with db.transaction() as session:
        office = session.merge(world.office)
        ticket = session.get(Ticket, ticket_id)
        with pytest.raises(Conflict):
            printing.reprint(session, office, world.staff, clock, ticket)
        with pytest.raises(Forbidden):
            printing.reprint(session, office, world.kiosk, clock, ticket)
    _set_kiosk_printer(db, world, NETWORK)
    with db.transaction() as session:
        office = session.merge(world.office)
        ticket = session.get(Ticket, ticket_id)
        job, events = printing.reprint(session, office, world.staff, clock, ticket)
        assert (job.status, job.device_id) == ("queued", world.kiosk.id)
        assert events[0].data["job"]["id"] == job.id


def test_printer_config_is_checked_and_admin_only(db, world, clock):
    allowed = {"clock": clock, "policy": TargetPolicy(allow_loopback=True)}
    with db.transaction() as session:
        office = session.merge(world.office)
        admin = user_actor(
            session,
            add_user(
                session, clock, "quantri", "matkhau123", office=office, role="admin"
            ),
        )
        with pytest.raises(Forbidden):
            printing.set_printer_config(
                session, office, world.staff, world.kiosk.id, NETWORK, **allowed
            )
        for bad, reason in [
            ({"kind": "bluetooth"}, "kind"),
            ({"kind": "network"}, "host"),
            ({**NETWORK, "port": "9100"}, "port"),
            ({**NETWORK, "width": 300}, "width"),
            ({**NETWORK, "script": "rm"}, "script"),
        ]:
            with pytest.raises(Invalid) as failure:
                printing.set_printer_config(
                    session, office, admin, world.kiosk.id, bad, **allowed
                )
            assert failure.value.params == {"reason": reason}
        device = printing.set_printer_config(
            session, office, admin, world.kiosk.id, {**NETWORK, "width": 384}, **allowed
        )
        assert printing.printer_config(device)["width"] == 384
        cleared = printing.set_printer_config(
            session, office, admin, world.kiosk.id, None, **allowed
        )
        assert printing.printer_config(cleared) is None


def test_status_is_stored_and_published_when_it_changes(db, world, clock):
    with db.transaction() as session:
        kiosk = session.get(Device, world.kiosk.id)
        first = printing.set_status(session, clock, kiosk, "paper_out", "Hết giấy.")
        same = printing.set_status(session, clock, kiosk, "paper_out", "Hết giấy.")

    assert [e.name for e in first] == ["printer.status"] and same == []
    with db.transaction() as session:
        stored = session.get(Device, world.kiosk.id).settings["printer_status"]
    assert stored["code"] == "paper_out"


@pytest.mark.parametrize(
    ("spec", "config"),
    [
        ("usb:0416:5011", {"kind": "usb", "vendor_id": 0x0416, "product_id": 0x5011}),
        ("network:10.0.0.9", {"kind": "network", "host": "10.0.0.9", "port": 9100}),
        (
            "network:10.0.0.9:9101",
            {"kind": "network", "host": "10.0.0.9", "port": 9101},
        ),
        ("file:/dev/usb/lp0", {"kind": "file", "path": "/dev/usb/lp0"}),
        (
            "serial:/dev/ttyS0:19200",
            {"kind": "serial", "device": "/dev/ttyS0", "baudrate": 19200},
        ),
    ],
)
def test_agent_printer_spec(spec, config):
    assert parse_printer(spec) == config


@pytest.mark.parametrize("spec", ["usb:zz:1", "lpt:1", "file:", "network"])
def test_bad_agent_printer_spec(spec):
    with pytest.raises(ValueError):
        parse_printer(spec)


def test_openapi_lists_the_printer_routes(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]

    assert "post" in paths["/tickets/{ticket_id}/reprint"]
    assert "get" in paths["/offices/{office}/print-jobs"]
    assert "post" in paths["/offices/{office}/devices/{device_id}/printer"]
    assert "post" in paths["/offices/{office}/devices/{device_id}/printer/test"]


def test_a_priority_number_given_by_pin_prints_on_its_kiosk(db, world, clock):
    from motcua.core import help
    from motcua.core.models import Office
    from motcua.core.security import hash_password

    _set_kiosk_printer(db, world, NETWORK)
    with db.transaction() as session:
        office = session.get(Office, world.office.id)
        office.settings = {
            **office.settings,
            "kiosk_priority_pin": hash_password("2468"),
        }
        req = tickets.IssueRequest(service="CT", priority="elderly")
        answer = help.issue_priority_with_pin(
            session, office, world.kiosk, clock, req, "2468"
        )
        assert answer.outcome is not None, answer
        ticket_id = answer.outcome.ticket.id

    job_id = _queue(db, world, clock, ticket_id)

    with db.transaction() as session:
        assert session.get(PrintJob, job_id).device_id == world.kiosk.id
