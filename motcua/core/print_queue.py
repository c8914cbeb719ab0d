"""What the print sender reads and stores: the job to send, where, and how it went.

The sender (printer/sender.py) renders and sends bytes; every question it asks the
database and every outcome it records goes through here.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core import printing
from motcua.core.clock import Clock
from motcua.core.events import DomainEvent
from motcua.core.models import Device, Office, PrintJob, Ticket

WAITING = select(PrintJob.id).where(PrintJob.status.in_(printing.ACTIVE)).limit(1)


def has_waiting_jobs(session: Session) -> bool:
    """Whether any job is still to be sent (one left from an earlier run)."""
    return session.scalars(WAITING).first() is not None


def job_due(session: Session, clock: Clock, job_id: int) -> PrintJob | None:
    """The job, while it is still to be sent and its next attempt has come."""
    job = session.get(PrintJob, job_id)
    if job is None or job.status not in printing.ACTIVE:
        return None
    if job.next_attempt_at is not None and job.next_attempt_at > clock.now():
        return None
    return job


def job_target(session: Session, job: PrintJob) -> Device | None:
    """The job's printing device; a job queued for a kiosk whose printer is an
    agent's goes to that agent."""
    device = session.get(Device, job.device_id) if job.device_id else None
    config = printing.printer_config(device) or {}
    if device is None or device.kind != "kiosk" or config.get("kind") != "agent":
        return device
    office = session.get(Office, job.office_id)
    assert office is not None
    target = printing.printing_device(session, office, device)
    if target is not None:
        job.device_id = target.id
    return target


def job_ticket(session: Session, job: PrintJob) -> tuple[Office, Ticket] | None:
    """The ticket a job prints and its office; None for a test page or a ticket
    that is gone."""
    ticket = session.get(Ticket, job.ticket_id) if job.ticket_id else None
    if ticket is None:
        return None
    office = session.get(Office, ticket.office_id)
    assert office is not None
    return office, ticket


def record_send(
    session: Session,
    clock: Clock,
    job_id: int,
    device_id: int,
    failure: tuple[str, str] | None,
    status: tuple[str, str],
) -> list[DomainEvent]:
    """A send's outcome: the job printed, or failed as (reason, Vietnamese detail);
    the printer's status (code, Vietnamese message) stored on its device."""
    device = session.get(Device, device_id)
    if failure is None:
        events = printing.mark_printed(session, clock, job_id)
    else:
        limit = printing.max_attempts(device)
        events = printing.mark_failed(session, clock, job_id, *failure, limit)
    if device is not None:
        events += printing.set_status(session, clock, device, *status)
    return events
