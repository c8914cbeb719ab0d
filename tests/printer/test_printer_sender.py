"""The sender's decisions for jobs queued by others (the admin's test print)."""

from __future__ import annotations

from datetime import timedelta

from motcua.core import printing
from motcua.core.models import Device, Office, PrintJob
from motcua.core.setup import add_device
from motcua.services import app_services


def _job_for(app, device_id, clock, kind="test"):
    with app_services(app).db.transaction() as session:
        device = session.get(Device, device_id)
        office = session.get(Office, device.office_id)
        return printing.queue_job(session, office, clock, device, None, kind).id


def _job(app, job_id):
    with app_services(app).db.transaction() as session:
        return session.get(PrintJob, job_id)


def test_a_job_for_a_kiosk_without_printer_fails_with_a_reason(app, api_world, clock):
    job_id = _job_for(app, api_world.kiosk.id, clock)

    with app.app_context():
        app_services(app).printing.process(job_id)

    job = _job(app, job_id)
    assert (job.status, job.reason) == ("failed", "not_configured")
    assert "chưa được cấu hình máy in" in job.detail


def test_a_job_for_a_kiosk_printing_through_an_agent_goes_to_the_agent(
    app, api_world, clock
):
    database = app_services(app).db
    with database.transaction() as session:
        office = session.get(Office, api_world.office.id)
        agent, _ = add_device(session, clock, office, "printer", "may in")
        kiosk = session.get(Device, api_world.kiosk.id)
        kiosk.settings = {"printer": {"kind": "agent"}}
        agent_id = agent.id
    job_id = _job_for(app, api_world.kiosk.id, clock)

    with app.app_context():
        app_services(app).printing.process(job_id)

    job = _job(app, job_id)
    assert (job.device_id, job.status, job.attempts) == (agent_id, "sending", 1)
    assert job.next_attempt_at == clock.now() + timedelta(seconds=printing.ACK_WAIT_S)
