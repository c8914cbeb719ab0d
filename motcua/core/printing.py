"""Print jobs: queued after a ticket is committed, claimed once, retried, reported.

Where a kiosk's tickets print is its Device.settings["printer"]:
  {"kind": "network", "host": "192.168.1.50", "port": 9100} (or usb, serial, cups,
  file: see printer/drivers.py) means the server sends the bytes itself;
  {"kind": "agent", "device": 7} means the print agent of printer device 7 (or, without
  "device", the office's first printer device) prints them.
Optional keys: "width" (dots: 384, 512 or 576), "profile", "timeout" (seconds) and
"attempts" (sends before the job fails). A printer device's own settings["printer"]
holds its width and profile, reported by the agent.

A job goes queued -> sending -> printed, or back to queued with a reason and a
next_attempt_at after a failed send, and failed once its attempts are spent. A claim
is a conditional update, so two processes never send one job; a claim is a lease
(next_attempt_at), so a job whose process died is sent again later.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from motcua.core import journal
from motcua.core.actors import Actor, require_role
from motcua.core.clock import Clock
from motcua.core.errors import Conflict, Invalid, NotFound
from motcua.core.events import DomainEvent
from motcua.core.models import Device, Office, PrintJob, Ticket, TicketEvent
from motcua.core.office_admin import audit
from motcua.core.targets import TargetPolicy, check_printer

DIRECT_KINDS = ("network", "usb", "serial", "cups", "file")
KINDS = (*DIRECT_KINDS, "agent")
WIDTHS = (384, 512, 576)
BACKOFF_S = (1, 2, 4, 8)
MAX_ATTEMPTS = 5
#: An agent gets a job again every ACK_WAIT_S until it acknowledges, this many times.
AGENT_MAX_ATTEMPTS = 30
ACK_WAIT_S = 10
#: A direct send holds its claim this long; past it, the job is sent again.
LEASE_S = 60
ACTIVE = ("queued", "sending")
_CONFIG_KEYS: dict[str, type | tuple[type, ...]] = {
    "kind": str,
    "host": str,
    "port": int,
    "timeout": (int, float),
    "width": int,
    "profile": str,
    "attempts": int,
    "device": (int, str),
    "vendor_id": (int, str),
    "product_id": (int, str),
    "in_ep": (int, str),
    "out_ep": (int, str),
    "baudrate": int,
    "printer": str,
    "path": str,
}
_REQUIRED = {"network": ("host",), "usb": ("vendor_id", "product_id")}
_REQUIRED |= {"serial": ("device",), "cups": ("printer",), "file": ("path",)}


def printer_config(device: Device | None) -> dict[str, Any] | None:
    """The device's printer settings, if it has any."""
    config = (device.settings or {}).get("printer") if device else None
    return dict(config) if isinstance(config, dict) and config.get("kind") else None


def check_config(config: dict[str, Any]) -> dict[str, Any]:
    """A printer config with known keys of the right types, or Invalid."""
    for key, value in config.items():
        kinds = _CONFIG_KEYS.get(key)
        if kinds is None or isinstance(value, bool) or not isinstance(value, kinds):
            raise Invalid("bad_printer_config", reason=key)
    kind = config.get("kind")
    if kind not in KINDS:
        raise Invalid("bad_printer_config", reason="kind")
    for key in _REQUIRED.get(str(kind), ()):
        if key not in config:
            raise Invalid("bad_printer_config", reason=key)
    if "width" in config and config["width"] not in WIDTHS:
        raise Invalid("bad_printer_config", reason="width")
    if not 1 <= int(config.get("attempts", 1)) <= 20:
        raise Invalid("bad_printer_config", reason="attempts")
    if not 0 < float(config.get("timeout", 1)) <= 60:
        raise Invalid("bad_printer_config", reason="timeout")
    return config


def device_in_office(session: Session, office: Office, device_id: int) -> Device:
    device = session.get(Device, device_id)
    if device is None or device.office_id != office.id:
        raise NotFound("unknown_device")
    return device


def printing_device(session: Session, office: Office, kiosk: Device) -> Device | None:
    """The device whose printer prints the kiosk's tickets: itself or an agent."""
    config = printer_config(kiosk)
    if config is None or kiosk.revoked_at is not None:
        return None
    if config["kind"] != "agent":
        return kiosk
    stmt = select(Device).where(
        Device.office_id == office.id,
        Device.kind == "printer",
        Device.revoked_at.is_(None),
    )
    if config.get("device") is not None:
        stmt = stmt.where(Device.id == int(config["device"]))
    return session.scalars(stmt.order_by(Device.id).limit(1)).first()


def issuing_device(session: Session, ticket: Ticket) -> Device | None:
    """The device (kiosk) that gave the ticket, from its audit log; a priority
    number given by a helper's PIN is logged as "priority_pin" by the kiosk."""
    stmt = select(TicketEvent.device_id).where(
        TicketEvent.ticket_id == ticket.id,
        TicketEvent.kind.in_(("issued", "priority_pin")),
        TicketEvent.device_id.is_not(None),
    )
    device_id = session.scalars(stmt.order_by(TicketEvent.id).limit(1)).first()
    return session.get(Device, device_id) if device_id else None


def queue_job(
    session: Session,
    office: Office,
    clock: Clock,
    device: Device,
    ticket_id: str | None,
    kind: str = "ticket",
) -> PrintJob:
    """A job due at once for the device's printer."""
    now = clock.now()
    job = PrintJob(
        office_id=office.id,
        ticket_id=ticket_id,
        device_id=device.id,
        kind=kind,
        status="queued",
        attempts=0,
        created_at=now,
        updated_at=now,
        next_attempt_at=now,
    )
    session.add(job)
    session.flush()
    return job


def queue_for_ticket(
    session: Session, office: Office, clock: Clock, ticket: Ticket
) -> PrintJob | None:
    """After the ticket is committed: a job if its kiosk has a printer."""
    kiosk = issuing_device(session, ticket)
    if kiosk is None or kiosk.kind != "kiosk":
        return None
    device = printing_device(session, office, kiosk)
    return queue_job(session, office, clock, device, ticket.id) if device else None


def reprint(
    session: Session, office: Office, actor: Actor, clock: Clock, ticket: Ticket
) -> tuple[PrintJob, list[DomainEvent]]:
    """Staff print a ticket again on the printer of the kiosk that gave it."""
    require_role(actor, office)
    kiosk = issuing_device(session, ticket)
    device = printing_device(session, office, kiosk) if kiosk else None
    if device is None:
        raise Conflict("no_printer")
    job = queue_job(session, office, clock, device, ticket.id)
    return job, [changed(session, office, clock, job)]


def set_printer_config(
    session: Session,
    office: Office,
    actor: Actor,
    device_id: int,
    config: dict[str, Any] | None,
    *,
    clock: Clock,
    policy: TargetPolicy,
) -> Device:
    """An admin sets (or, with None, removes) a device's printer, within what
    the operator allows; the change is audited."""
    require_role(actor, office, "admin")
    device = device_in_office(session, office, device_id)
    if device.kind not in ("kiosk", "printer"):
        raise Invalid("bad_printer_config", reason="device")
    settings = dict(device.settings or {})
    if config is None:
        settings.pop("printer", None)
    else:
        settings["printer"] = check_config(config)
        check_printer(config, policy)
    device.settings = settings
    audit(session, office, actor, clock, "device.printer", device.name, printer=config)
    return device


def update_agent_printer(device: Device, width: Any, profile: Any) -> None:
    """What a print agent reports of its printer: width and profile."""
    current = printer_config(device)
    wanted = dict(current or {"kind": "agent"})
    if width in WIDTHS:
        wanted["width"] = width
    if isinstance(profile, str) and 0 < len(profile) <= 40:
        wanted["profile"] = profile
    if wanted != current:
        device.settings = {**(device.settings or {}), "printer": wanted}


def max_attempts(device: Device | None) -> int:
    config = printer_config(device) or {}
    if device is not None and device.kind == "printer":
        return AGENT_MAX_ATTEMPTS
    return int(config.get("attempts", MAX_ATTEMPTS))


def due_jobs(
    session: Session, clock: Clock, skip_devices: set[int], limit: int = 20
) -> list[PrintJob]:
    """Jobs whose time has come: new, retried, or with an expired claim."""
    stmt = select(PrintJob).where(
        PrintJob.status.in_(ACTIVE),
        or_(
            PrintJob.next_attempt_at.is_(None), PrintJob.next_attempt_at <= clock.now()
        ),
    )
    if skip_devices:
        stmt = stmt.where(PrintJob.device_id.not_in(skip_devices))
    return list(session.scalars(stmt.order_by(PrintJob.id).limit(limit)))


def claim(session: Session, clock: Clock, job: PrintJob, hold_s: float) -> bool:
    """Take the job for one send; False when another process took it first."""
    now = clock.now()
    stmt = (
        update(PrintJob)
        .where(
            PrintJob.id == job.id,
            PrintJob.status == job.status,
            PrintJob.attempts == job.attempts,
        )
        .values(
            status="sending",
            attempts=PrintJob.attempts + 1,
            updated_at=now,
            next_attempt_at=now + timedelta(seconds=hold_s),
        )
    )
    taken = session.execute(stmt, execution_options={"synchronize_session": False})
    return int(taken.rowcount) == 1  # type: ignore[attr-defined]


def mark_printed(
    session: Session, clock: Clock, job_id: int, device_id: int | None = None
) -> list[DomainEvent]:
    """The printer took the whole job (or its agent acknowledged it)."""
    job = session.get(PrintJob, job_id)
    if job is None or job.status == "printed":
        return []
    if device_id is not None and job.device_id != device_id:
        return []
    now = clock.now()
    job.status, job.printed_at, job.updated_at = "printed", now, now
    job.reason = job.detail = job.next_attempt_at = None
    return [changed(session, _office(session, job), clock, job)]


def mark_failed(
    session: Session,
    clock: Clock,
    job_id: int,
    reason: str,
    detail: str,
    limit: int,
) -> list[DomainEvent]:
    """A send failed: try again after a backoff, or fail once attempts are spent."""
    job = session.get(PrintJob, job_id)
    if job is None or job.status not in ACTIVE:
        return []
    now = clock.now()
    job.reason, job.detail, job.updated_at = reason[:40], detail[:2000], now
    if job.attempts >= limit:
        job.status, job.next_attempt_at = "failed", None
    else:
        wait = BACKOFF_S[min(job.attempts, len(BACKOFF_S)) - 1]
        job.status, job.next_attempt_at = "queued", now + timedelta(seconds=wait)
    return [changed(session, _office(session, job), clock, job)]


def resume_device(session: Session, clock: Clock, device_id: int) -> int:
    """An agent (re)connected: its unacknowledged jobs are due now."""
    stmt = (
        update(PrintJob)
        .where(PrintJob.device_id == device_id, PrintJob.status.in_(ACTIVE))
        .values(next_attempt_at=clock.now())
    )
    done = session.execute(stmt, execution_options={"synchronize_session": False})
    return int(done.rowcount)  # type: ignore[attr-defined]


def set_status(
    session: Session, clock: Clock, device: Device, code: str, message: str
) -> list[DomainEvent]:
    """Store what the printer reports; an event only when it changed."""
    settings = dict(device.settings or {})
    previous = settings.get("printer_status") or {}
    if previous.get("code") == code and previous.get("message") == message:
        return []
    status = {"code": code[:20], "message": message[:300], "at": _iso(clock.now())}
    device.settings = {**settings, "printer_status": status}
    office = session.get(Office, device.office_id)
    assert office is not None
    data = {"device": {"id": device.id, "name": device.name}, "printer": status}
    return [journal.event(session, office, clock, "printer.status", data)]


def changed(
    session: Session, office: Office, clock: Clock, job: PrintJob
) -> DomainEvent:
    """The `print.changed` event; status pages get it without the ticket's id."""
    ticket = session.get(Ticket, job.ticket_id) if job.ticket_id else None
    data = {"job": job_view(job), "ticket": _ticket_brief(ticket)}
    return journal.event(session, office, clock, "print.changed", data, job.ticket_id)


def job_view(job: PrintJob) -> dict[str, Any]:
    return {
        "id": job.id,
        "kind": job.kind,
        "device": job.device_id,
        "status": job.status,
        "attempts": job.attempts,
        "reason": job.reason,
        "detail": job.detail,
        "created_at": _iso(job.created_at),
        "updated_at": _iso(job.updated_at),
        "next_attempt_at": _iso(job.next_attempt_at),
        "printed_at": _iso(job.printed_at),
    }


def jobs_view(session: Session, office: Office, limit: int = 50) -> dict[str, Any]:
    """The office's latest jobs and its printers' last reported status."""
    jobs = recent_jobs(session, office, limit)
    devices = session.scalars(
        select(Device)
        .where(Device.office_id == office.id, Device.kind.in_(("kiosk", "printer")))
        .order_by(Device.id)
    ).all()
    return {
        "jobs": [
            {**job_view(j), "ticket": _ticket_brief(_ticket(session, j))} for j in jobs
        ],
        "printers": [device_printer_view(d) for d in devices if printer_config(d)],
    }


def device_printer_view(device: Device) -> dict[str, Any]:
    settings = device.settings or {}
    return {
        "id": device.id,
        "name": device.name,
        "kind": device.kind,
        "printer": printer_config(device),
        "printer_status": settings.get("printer_status"),
    }


def _ticket(session: Session, job: PrintJob) -> Ticket | None:
    return session.get(Ticket, job.ticket_id) if job.ticket_id else None


def _ticket_brief(ticket: Ticket | None) -> dict[str, Any] | None:
    if ticket is None:
        return None
    return {
        "id": ticket.id,
        "number": str(ticket.number),
        "service": ticket.service.code,
    }


def _office(session: Session, job: PrintJob) -> Office:
    office = session.get(Office, job.office_id)
    assert office is not None
    return office


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


def recent_jobs(session: Session, office: Office, limit: int = 5) -> list[PrintJob]:
    """The office's latest print jobs, newest first."""
    stmt = (
        select(PrintJob)
        .where(PrintJob.office_id == office.id)
        .order_by(PrintJob.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def printing_devices(session: Session, office: Office) -> list[Device]:
    """The office's printers and kiosks that are not revoked (a test print's)."""
    stmt = select(Device).where(
        Device.office_id == office.id,
        Device.kind.in_(("printer", "kiosk")),
        Device.revoked_at.is_(None),
    )
    return list(session.scalars(stmt))


def printer_faults(session: Session, office: Office) -> list[tuple[PrintJob, str]]:
    """(job, device name) per printing device whose latest job did not print: a
    printer that printed again since has no fault left."""
    latest = (
        select(PrintJob.device_id, func.max(PrintJob.id).label("last"))
        .where(PrintJob.office_id == office.id, PrintJob.device_id.is_not(None))
        .group_by(PrintJob.device_id)
        .subquery()
    )
    stmt = (
        select(PrintJob, Device.name)
        .join(latest, latest.c.last == PrintJob.id)
        .join(Device, Device.id == PrintJob.device_id)
        .where(PrintJob.reason.is_not(None), PrintJob.status != "printed")
    )
    return [(job, name) for job, name in session.execute(stmt)]
