"""The printer blueprint: print jobs after tickets, reprint, printer settings.

REST (JSON, errors in the API's shape):
  POST /api/v1/tickets/<id>/reprint                      staff: print again (202)
  GET  /api/v1/offices/<office>/print-jobs               staff: latest jobs, printers
  POST /api/v1/offices/<office>/devices/<id>/printer     admin: {"printer": {...}|null}
  POST /api/v1/offices/<office>/devices/<id>/printer/test  admin: print the test page

Tickets issued by a kiosk with a printer get a job after the ticket is committed:
a realtime decorator sees `ticket.issued` going out (only committed tickets are
published) and queues it; the sender sends it in the background.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Blueprint, current_app, g, has_request_context, jsonify, request
from flask.typing import ResponseReturnValue

from motcua.api import answers, bodies
from motcua.api.contract import contract
from motcua.config import target_policy
from motcua.core import printing
from motcua.core.actors import require_role
from motcua.core.db import Session, Written
from motcua.core.errors import Conflict
from motcua.core.events import DomainEvent
from motcua.core.lookup import office_by_slug, ticket_by_id, ticket_in_office
from motcua.core.models import Device, Ticket
from motcua.services import app_services
from motcua.web import clock, current_actor, database, read, run
from printer import (
    drivers,
    messages,  # noqa: F401 - registers the printer's words
)
from printer.jobs import test_page_bytes
from printer.sender import PrintSender, status_after
from printer.socket import PrinterNamespace

log = logging.getLogger(__name__)
printer = Blueprint("printer", __name__)
API = "/api/v1"


@printer.record_once
def _start(state: Any) -> None:
    held = app_services(state.app)
    realtime = held.realtime
    sender = held.printing = PrintSender(state.app, realtime.socketio)
    realtime.socketio.on_namespace(PrinterNamespace("/printer", sender))
    realtime.decorators.append(_queue_after_issue)
    sender.start_if_pending()


def sender() -> PrintSender:
    found = app_services().printing
    if found is None:
        raise RuntimeError("the printer blueprint starts the print sender")
    return found


def _queue_after_issue(
    event: DomainEvent, message: dict[str, Any], settings: dict[str, Any]
) -> None:
    """A committed ticket of a kiosk with a printer gets its print job."""
    if event.name != "ticket.issued" or not event.ticket_id:
        return
    if not _may_print(event.ticket_id):
        return
    try:
        with database().transaction() as session:
            office = office_by_slug(session, event.office)
            ticket = ticket_in_office(session, office, event.ticket_id)
            job = printing.queue_for_ticket(session, office, clock(), ticket)
    except Exception:  # printing never costs a citizen the ticket
        log.exception("could not queue the print job of %s", event.ticket_id)
        return
    if job is not None:
        sender().wake(request.host_url if has_request_context() else None)


PRINTS_TTL_S = 5.0


def _may_print(ticket_id: str) -> bool:
    """A cheap check first: most tickets come from kiosks without a printer, and
    they should not queue for the write lock a second time. A kiosk's answer is
    kept a few seconds; changing its printer forgets it at once."""
    actor = g.get("actor") if has_request_context() else None
    if actor is None or actor.kind != "device":
        with database().reading() as session:
            ticket = session.get(Ticket, ticket_id)
            kiosk = printing.issuing_device(session, ticket) if ticket else None
            return printing.printer_config(kiosk) is not None
    known = app_services().prints
    now = time.monotonic()
    hit = known.get(actor.id)
    if hit is not None and hit[0] > now:
        return hit[1]
    with database().reading() as session:
        prints = printing.printer_config(session.get(Device, actor.id)) is not None
    known[actor.id] = (now + PRINTS_TTL_S, prints)
    return prints


def forget_printers() -> None:
    """Drop the kept answers of _may_print (after a printer was set or removed)."""
    app_services().prints.clear()


@printer.post(API + "/tickets/<ticket_id>/reprint")
@contract(
    "Print a ticket again",
    {202: answers.Job},
    errors=(400, 401, 403, 404, 409),
    body=bodies.Empty,
)
def reprint(ticket_id: str, body: bodies.Empty) -> ResponseReturnValue:
    actor = current_actor()

    def op(session: Session) -> Written[dict[str, Any]]:
        office, ticket = ticket_by_id(session, ticket_id[:64])
        job, events = printing.reprint(session, office, actor, clock(), ticket)
        return printing.job_view(job), events

    view = run(op)
    sender().wake(request.host_url)
    return jsonify({"job": view}), 202


@printer.get(API + "/offices/<office>/print-jobs")
@contract(
    "Latest print jobs and printer status (staff)",
    {200: answers.Anything},
    errors=(400, 401, 403, 404),
    query=bodies.JobList,
)
def print_jobs(office: str, query: bodies.JobList) -> ResponseReturnValue:
    actor = current_actor()
    limit = min(max(query.limit, 1), 200)

    def op(session: Session) -> dict[str, Any]:
        found = office_by_slug(session, office)
        require_role(actor, found)
        return printing.jobs_view(session, found, limit)

    return jsonify(read(op))


@printer.post(API + "/offices/<office>/devices/<int:device_id>/printer")
@contract(
    "Set a kiosk's printer (admin)",
    {200: answers.Device},
    errors=(400, 401, 403, 404, 409),
    body=bodies.PrinterConfig,
)
def set_printer(
    office: str, device_id: int, body: bodies.PrinterConfig
) -> ResponseReturnValue:
    actor = current_actor()
    config = body.printer
    policy = target_policy(current_app.config)

    def op(session: Session) -> Written[dict[str, Any]]:
        found = office_by_slug(session, office)
        device = printing.set_printer_config(
            session, found, actor, device_id, config, clock=clock(), policy=policy
        )
        return printing.device_printer_view(device), []

    view = run(op)
    forget_printers()
    return jsonify({"device": view})


@printer.post(API + "/offices/<office>/devices/<int:device_id>/printer/test")
@contract(
    "Print the test page (admin)",
    {200: answers.Anything, 202: answers.Job},
    errors=(400, 401, 403, 404, 409),
    body=bodies.Empty,
)
def test_print(office: str, device_id: int, body: bodies.Empty) -> ResponseReturnValue:
    """A direct printer prints now and the answer says how it went; an agent's
    printer gets a queued job whose outcome arrives as `print.changed`."""
    actor = current_actor()

    def op(session: Session) -> Written[dict[str, Any]]:
        found = office_by_slug(session, office)
        require_role(actor, found, "admin")
        device = printing.device_in_office(session, found, device_id)
        target = printing.printing_device(session, found, device)
        if device.kind == "printer":
            target = device
        if target is None:
            raise Conflict("no_printer")
        if target.kind == "printer":
            job = printing.queue_job(session, found, clock(), target, None, "test")
            return {"job": printing.job_view(job)}, []
        return {"config": printing.printer_config(target), "device": target.id}, []

    planned = run(op)
    if "job" in planned:
        sender().wake(request.host_url)
        return jsonify({"ok": None, **planned}), 202
    return jsonify(print_test_page(office, planned["device"], planned["config"]))


def print_test_page(office: str, device_id: int, config: dict[str, Any]) -> Any:
    """Print a test page on a printer the server reaches, and record its status."""
    error: drivers.PrinterError | None = None
    try:
        drivers.send_bytes(
            config, test_page_bytes(config), timeout=float(config.get("timeout", 5))
        )
    except drivers.PrinterError as failed:
        error = failed
    except ValueError as bad:
        error = drivers.printer_error("config", str(bad))
    code, message = status_after(config, error)

    def op(session: Session) -> Written[None]:
        found = office_by_slug(session, office)
        device = printing.device_in_office(session, found, device_id)
        return None, printing.set_status(session, clock(), device, code, message)

    run(op)
    result = {"ok": error is None, "status": {"code": code, "message": message}}
    if error is not None:
        result |= {"reason": error.reason, "message": error.message_vi}
    return result
