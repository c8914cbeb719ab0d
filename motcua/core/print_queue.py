"""What the printer face reads and stores: the job to send, where, and how it went.

The sender (printer/sender.py) renders and sends bytes, agents (printer/socket.py)
print them; every question they ask the database and every outcome they record
goes through here.
"""

from __future__ import annotations

from typing import Any

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


def agent_connected(
    session: Session, clock: Clock, device_id: int, width: Any, profile: Any
) -> None:
    """A print agent (re)connected: note its printer; its unacknowledged jobs are
    due now."""
    device = session.get(Device, device_id)
    assert device is not None
    printing.update_agent_printer(device, width, profile)
    printing.resume_device(session, clock, device_id)


def agent_failed(
    session: Session,
    clock: Clock,
    device_id: int,
    job_id: int,
    failure: tuple[str, str],
) -> list[DomainEvent]:
    """An agent could not print its job: (reason, detail); another's job is ignored."""
    job = session.get(PrintJob, job_id)
    if job is None or job.device_id != device_id:
        return []
    limit = printing.max_attempts(session.get(Device, device_id))
    return printing.mark_failed(session, clock, job_id, *failure, limit)


def device_status(
    session: Session, clock: Clock, device_id: int, code: str, message: str
) -> list[DomainEvent]:
    """Store what a device's printer reports (nothing for a device gone)."""
    device = session.get(Device, device_id)
    if device is None:
        return []
    return printing.set_status(session, clock, device, code, message)


def device_prints(session: Session, device_id: int | None) -> bool:
    """Whether the device has a printer set up."""
    device = session.get(Device, device_id) if device_id is not None else None
    return printing.printer_config(device) is not None


def ticket_prints(session: Session, ticket_id: str) -> bool:
    """Whether the kiosk that gave the ticket has a printer set up."""
    ticket = session.get(Ticket, ticket_id)
    kiosk = printing.issuing_device(session, ticket) if ticket else None
    return printing.printer_config(kiosk) is not None


def kiosk_prints(session: Session, office: Office, device_id: int | None) -> bool:
    """Whether the kiosk's tickets print, on its own printer or an agent's."""
    kiosk = session.get(Device, device_id) if device_id is not None else None
    return (
        kiosk is not None
        and printing.printing_device(session, office, kiosk) is not None
    )
