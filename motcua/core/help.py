"""Help at the kiosk: citizens call a helper; helpers grant priority with a PIN."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core import journal, tickets
from motcua.core.actors import Actor, require_device_or_role, require_role
from motcua.core.clock import Clock
from motcua.core.errors import Forbidden, Invalid, NotFound
from motcua.core.events import DomainEvent
from motcua.core.models import Device, HelpRequest, Office, Ticket
from motcua.core.security import hash_password, verify_password
from motcua.core.settings import PRIORITY_NAMES, office_setting, priority_rank
from motcua.core.views import local_iso

# A second press within this time joins the open request instead of a new alert.
REPEAT_WINDOW = timedelta(minutes=2)
# Wrong PINs a kiosk may send before it stops taking PINs for a while.
PIN_TRIES, PIN_LOCK = 5, timedelta(minutes=15)


def help_view(
    row: HelpRequest, office: Office, place: str, ticket: Ticket | None = None
) -> dict[str, Any]:
    """What staff see of a help request (a priority request names its ticket)."""
    return {
        "id": row.id,
        "place": place,
        "note": row.note,
        "at": local_iso(row.at, office),
        "resolved_at": local_iso(row.resolved_at, office),
        "priority": row.priority,
        "ticket": _ticket_part(ticket),
    }


def _ticket_part(ticket: Ticket | None) -> dict[str, Any] | None:
    if ticket is None:
        return None
    return {
        "id": ticket.id, "number": str(ticket.number), "service": ticket.service.code,
        "service_name": ticket.service.name_vi, "status": ticket.status,
    }  # fmt: skip


def request_help(
    session: Session, office: Office, actor: Actor, clock: Clock, note: str | None
) -> tuple[dict[str, Any], list[DomainEvent]]:
    """Record a "need help" press and alert the office's staff (help.requested)."""
    require_device_or_role(actor, office, ("kiosk",))
    place = actor.name or "kiosk"
    recent = _open_request(session, office, actor, clock)
    if recent is not None:
        return help_view(recent, office, place), []
    row = HelpRequest(
        office_id=office.id, device_id=actor.device_id, at=clock.now(), note=note
    )
    session.add(row)
    session.flush()
    view = help_view(row, office, place)
    event = journal.event(session, office, clock, "help.requested", {"help": view})
    return view, [event]


def _open_request(
    session: Session, office: Office, actor: Actor, clock: Clock
) -> HelpRequest | None:
    stmt = select(HelpRequest).where(
        HelpRequest.office_id == office.id,
        HelpRequest.device_id == actor.device_id,
        HelpRequest.resolved_at.is_(None),
        HelpRequest.at >= clock.now() - REPEAT_WINDOW,
    )
    return session.scalars(stmt.order_by(HelpRequest.id.desc())).first()


def set_priority_pin(session: Session, office: Office, actor: Actor, pin: str) -> None:
    """An admin sets the PIN helpers type on the kiosk to give a priority number."""
    require_role(actor, office, "admin")
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise Invalid("bad_pin")
    office.settings = {
        **(office.settings or {}),
        "kiosk_priority_pin": hash_password(pin),
    }


def clear_priority_pin(session: Session, office: Office, actor: Actor) -> None:
    """An admin removes the PIN: the kiosk then asks staff to confirm priority."""
    require_role(actor, office, "admin")
    office.settings = {**(office.settings or {}), "kiosk_priority_pin": None}


def pin_enabled(office: Office) -> bool:
    """Whether the kiosk offers priority numbers behind a helper's PIN."""
    return bool(office_setting(office, "kiosk_priority_pin"))


@dataclass
class PinAnswer:
    """A ticket, or None and how many tries are left before the kiosk is locked."""

    outcome: tickets.Outcome | None
    tries_left: int = PIN_TRIES


def issue_priority_with_pin(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    req: tickets.IssueRequest,
    pin: str,
) -> PinAnswer:
    """A helper's PIN on the kiosk grants the priority class of the new ticket.

    A wrong PIN is counted on the kiosk (commit the answer); after PIN_TRIES the
    kiosk takes no PIN for PIN_LOCK.
    """
    require_device_or_role(actor, office, ("kiosk",))
    stored = office_setting(office, "kiosk_priority_pin")
    if not stored or not req.priority:
        raise Forbidden("priority_needs_staff")
    device = _kiosk(session, office, actor)
    failures = _pin_failures(device, clock)
    if failures >= PIN_TRIES:
        raise Forbidden("pin_locked", minutes=int(PIN_LOCK.total_seconds() // 60))
    if not verify_password(pin[:20], stored):
        _set_failures(device, clock, failures + 1)
        return PinAnswer(None, PIN_TRIES - failures - 1)
    _set_failures(device, clock, 0)
    helper = Actor(
        kind="system", name=f"PIN@{actor.name}", roles={office.id: ("staff", None)}
    )
    outcome = tickets.issue_ticket(session, office, helper, clock, req)
    if outcome.created and outcome.ticket is not None:
        journal.log(
            session, outcome.ticket, "priority_pin", actor, clock, priority=req.priority
        )
    return PinAnswer(outcome)


def _kiosk(session: Session, office: Office, actor: Actor) -> Device:
    device = session.get(Device, actor.device_id) if actor.device_id else None
    if device is None or device.office_id != office.id:
        raise Forbidden("not_allowed")
    return device


def _pin_failures(device: Device, clock: Clock) -> int:
    """Wrong PINs in a row on this kiosk, forgotten PIN_LOCK after the last one."""
    seen = (device.settings or {}).get("pin_failures") or {}
    last = seen.get("at")
    if not last or clock.now() - datetime.fromisoformat(last) > PIN_LOCK:
        return 0
    return int(seen.get("count", 0))


def _set_failures(device: Device, clock: Clock, count: int) -> None:
    settings = dict(device.settings or {})
    settings["pin_failures"] = {"count": count, "at": clock.now().isoformat()}
    device.settings = settings


def request_priority(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    req: tickets.IssueRequest,
) -> tuple[tickets.Outcome, dict[str, Any]]:
    """A citizen asks for priority: a number now, and staff alerted to confirm it.

    The ticket waits as an ordinary one until staff check and mark its class
    (help.requested carries the ticket and the class asked for).
    """
    require_device_or_role(actor, office, ("kiosk",))
    if not req.priority:
        raise Invalid("bad_request")
    priority_rank(office, req.priority)  # a class the office grants
    outcome = tickets.issue_ticket(
        session, office, actor, clock, replace(req, priority=None)
    )
    ticket = outcome.ticket
    assert ticket is not None
    place = actor.name or "kiosk"
    if not outcome.created:  # a retry with the same key: the first request stands
        first = session.scalars(
            select(HelpRequest).where(HelpRequest.ticket_id == ticket.id)
        ).first()
        if first is not None:
            return outcome, help_view(first, office, place, ticket)
    row = HelpRequest(
        office_id=office.id, device_id=actor.device_id, at=clock.now(),
        note=PRIORITY_NAMES.get(req.priority, (req.priority, ""))[0],
        ticket_id=ticket.id, priority=req.priority,
    )  # fmt: skip
    session.add(row)
    session.flush()
    view = help_view(row, office, place, ticket)
    event = journal.event(session, office, clock, "help.requested", {"help": view})
    outcome.events.append(event)
    return outcome, view


def resolve_help(
    session: Session, office: Office, actor: Actor, clock: Clock, help_id: int
) -> tuple[dict[str, Any], list[DomainEvent]]:
    """A staff member went to the citizen: the alert closes on every console."""
    require_role(actor, office)
    row = session.get(HelpRequest, help_id)
    if row is None or row.office_id != office.id:
        raise NotFound("unknown_help")
    if row.resolved_at is None:
        row.resolved_at, row.resolved_by = clock.now(), actor.user_id
    view = help_view(row, office, "", _ticket_of(session, row))
    return view, [
        journal.event(session, office, clock, "help.resolved", {"help": view})
    ]


def _ticket_of(session: Session, row: HelpRequest) -> Ticket | None:
    return session.get(Ticket, row.ticket_id) if row.ticket_id else None


def help_fields(session: Session, row: HelpRequest) -> dict[str, Any]:
    """The priority request's class and ticket, for lists of open requests."""
    return {"priority": row.priority, "ticket": _ticket_part(_ticket_of(session, row))}


def waiting_requests(session: Session, office: Office) -> list[HelpRequest]:
    """The office's help requests nobody has resolved yet."""
    stmt = select(HelpRequest).where(
        HelpRequest.office_id == office.id, HelpRequest.resolved_at.is_(None)
    )
    return list(session.scalars(stmt))
