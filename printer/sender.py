"""The server's print sender: one background task per process sends due jobs.

It wakes when a job is queued here (and polls every second once running), claims
each job with a conditional update, renders it, then either sends the bytes to the
printer itself (network, USB, serial, CUPS, file) or hands them to the office's
print agent over /printer, which acknowledges. Every state change is stored and
published as `print.changed`; what the printer reports goes to the device's
settings["printer_status"] and out as `printer.status`.

It starts with the first job of the process, or at once when jobs are waiting from
an earlier run: an app that never prints runs no thread.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask

from motcua.core import address, print_queue, printing
from motcua.core.clock import Clock
from motcua.core.db import Database, Session
from motcua.core.events import DomainEvent
from motcua.core.lookup import ticket_by_id
from motcua.core.models import Office, PrintJob, Ticket
from motcua.core.views import ticket_view
from motcua.i18n import message
from motcua.services import app_services
from motcua.worker import BackgroundWorker
from printer import drivers
from printer.jobs import test_page_bytes, ticket_job_bytes

log = logging.getLogger(__name__)
STATUS_TIMEOUT_S = 1.0
DEFAULT_SEND_TIMEOUT_S = 5.0
OFFLINE_REASONS = {"refused", "unreachable", "not_found", "timeout"}


def _vi(code: str) -> str:
    """What a print job's failure says in the log people read, in Vietnamese."""
    return message(f"printer_fault.{code}", "vi")


def device_room(device_id: int) -> str:
    """The room of one print agent's connections."""
    return f"printer-device:{device_id}"


@dataclass(frozen=True)
class Work:
    """A claimed job and what its bytes are made of."""

    job_id: int
    device_id: int
    agent: bool
    config: dict[str, Any]
    build: Callable[[], bytes]
    label: str


class PrintSender(BackgroundWorker):
    """Sends the jobs of one app; `wake()` after queueing one."""

    name = "print sender"

    def __init__(self, app: Flask, socketio: Any) -> None:
        super().__init__(app, socketio)
        self.base_url: str | None = app.config.get("PUBLIC_URL")
        self._busy: set[int] = set()

    def start_if_pending(self) -> None:
        """At start-up: jobs left from an earlier run are sent."""
        with self._database().sessions() as session:
            pending = print_queue.has_waiting_jobs(session)
        if pending:
            self.wake()

    def tick(self) -> None:
        """Start one worker per printer that has due jobs (none already busy)."""
        with self._lock:
            skip = set(self._busy)
        with self._database().transaction() as session:
            due = printing.due_jobs(session, self._clock(), skip)
            per_device: dict[int, list[int]] = {}
            for job in due:
                per_device.setdefault(job.device_id or 0, []).append(job.id)
        for device_id, job_ids in per_device.items():
            with self._lock:
                self._busy.add(device_id)
            self.socketio.start_background_task(self._work, device_id, job_ids)

    def _work(self, device_id: int, job_ids: list[int]) -> None:
        try:
            with self.app.app_context():
                for job_id in job_ids:
                    self.process(job_id)
        except Exception:
            log.exception("print job failed unexpectedly")
        finally:
            with self._lock:
                self._busy.discard(device_id)

    def process(self, job_id: int) -> None:
        """Claim, render and send one job; store and publish what happened."""
        events: list[DomainEvent] = []
        with self._database().transaction() as session:
            work = self._claim(session, job_id, events)
        self._publish(events)
        if work is None:
            return
        try:
            data = work.build()
        except (ValueError, OSError) as error:
            self._finish(work, drivers.printer_error("config", str(error)))
            return
        if work.agent:
            self._to_agent(work, data)
            return
        timeout = float(work.config.get("timeout", DEFAULT_SEND_TIMEOUT_S))
        try:
            drivers.send_bytes(work.config, data, timeout=timeout)
        except drivers.PrinterError as error:
            self._finish(work, error)
        else:
            self._finish(work, None)

    def _claim(
        self, session: Session, job_id: int, events: list[DomainEvent]
    ) -> Work | None:
        clock = self._clock()
        job = print_queue.job_due(session, clock, job_id)
        if job is None:
            return None
        device = print_queue.job_target(session, job)
        agent = device is not None and device.kind == "printer"
        config = printing.printer_config(device) or ({} if agent else None)
        limit = printing.max_attempts(device)
        if device is None or device.revoked_at is not None or config is None:
            events += printing.mark_failed(
                session, clock, job.id, "not_configured", _vi("no_printer"), 0
            )
            return None
        if job.attempts >= limit:  # the last claim expired unanswered
            reason, detail = ("no_ack", _vi("no_ack")) if agent else ("timeout", "")
            events += printing.mark_failed(session, clock, job.id, reason, detail, 0)
            return None
        build = self._builder(session, job, config)
        if build is None:
            events += printing.mark_failed(
                session, clock, job.id, "no_ticket", _vi("no_ticket"), 0
            )
            return None
        hold = printing.ACK_WAIT_S if agent else printing.LEASE_S
        if not printing.claim(session, clock, job, hold):
            return None
        label = f"{job.kind} {job.ticket_id or ''}".strip()
        return Work(job.id, device.id, agent, config, build, label)

    def _builder(
        self, session: Session, job: PrintJob, config: dict[str, Any]
    ) -> Callable[[], bytes] | None:
        if job.kind == "test":
            return lambda: test_page_bytes(config)
        found = print_queue.job_ticket(session, job)
        if found is None:
            return None
        office, ticket = found
        url = self.status_url(office, ticket)
        return ticket_builder(session, office, ticket, config, url)

    def status_url(self, office: Office, ticket: Ticket) -> str:
        """The address the QR code points to: MOTCUA_PUBLIC_URL, else the office's
        public address, else the host the kiosk reached the server by."""
        configured = self.app.config.get("PUBLIC_URL")
        base = address.public_base(office, configured, self.base_url)
        return address.ticket_link(base, ticket.id)

    def _to_agent(self, work: Work, data: bytes) -> None:
        payload = {
            "job": work.job_id,
            "label": work.label,
            "data": base64.b64encode(data).decode("ascii"),
        }
        self.socketio.emit(
            "job", payload, namespace="/printer", to=device_room(work.device_id)
        )

    def _finish(self, work: Work, error: drivers.PrinterError | None) -> None:
        clock = self._clock()
        status = status_after(work.config, error)
        failure = None if error is None else (error.reason, error.message_vi)
        with self._database().transaction() as session:
            events = print_queue.record_send(
                session, clock, work.job_id, work.device_id, failure, status
            )
        self._publish(events)

    def _publish(self, events: list[DomainEvent]) -> None:
        if events:
            app_services(self.app).realtime.publish(events)

    def _database(self) -> Database:
        return app_services(self.app).db

    def _clock(self) -> Clock:
        return app_services(self.app).clock


def status_after(
    config: dict[str, Any], error: drivers.PrinterError | None
) -> tuple[str, str]:
    """What staff see of a printer after a send: (code, Vietnamese message)."""
    if error is None:
        return "ok", drivers.status_message_vi("ok")
    if error.reason in OFFLINE_REASONS - {"timeout"}:
        return "offline", error.message_vi
    found = drivers.status(config, timeout=STATUS_TIMEOUT_S)
    if found.code not in ("ok", "unknown", "offline"):
        return found.code, found.message_vi
    code = "offline" if error.reason in OFFLINE_REASONS else "error"
    return code, error.message_vi


def ticket_builder(
    session: Session,
    office: Office,
    ticket: Ticket,
    config: dict[str, Any],
    status_url: str,
) -> Callable[[], bytes]:
    """Read what the ticket shows now; render and encode when called."""
    view = ticket_view(session, office, ticket)
    view["status_url"] = status_url
    name, settings = office.name, dict(office.settings or {})
    lang, zone = ticket.lang, office.timezone
    return lambda: ticket_job_bytes(
        view, name, settings, config, lang=lang, timezone=zone
    )


def ticket_file_bytes(session: Session, ticket_id: str, base_url: str | None) -> bytes:
    """What `motcua print-ticket` writes: the bytes the ticket's printer gets."""
    office, ticket = ticket_by_id(session, ticket_id[:64])
    kiosk = printing.issuing_device(session, ticket)
    device = printing.printing_device(session, office, kiosk) if kiosk else None
    config = printing.printer_config(device) or {}
    url = address.ticket_link(address.public_base(office, base_url), ticket.id)
    return ticket_builder(session, office, ticket, config, url)()
