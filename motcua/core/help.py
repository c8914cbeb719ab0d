"""Help at the kiosk: citizens call a helper; helpers grant priority with a PIN."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core import journal, tickets
from motcua.core.actors import Actor, require_device_or_role, require_role
from motcua.core.clock import Clock
from motcua.core.errors import Forbidden, Invalid, NotFound
from motcua.core.events import DomainEvent
from motcua.core.models import HelpRequest, Office
from motcua.core.security import hash_password, verify_password
from motcua.core.settings import office_setting
from motcua.core.views import local_iso

# A second press within this time joins the open request instead of a new alert.
REPEAT_WINDOW = timedelta(minutes=2)


def help_view(row: HelpRequest, office: Office, place: str) -> dict[str, Any]:
    """What staff see of a help request."""
    return {
        "id": row.id,
        "place": place,
        "note": row.note,
        "at": local_iso(row.at, office),
        "resolved_at": local_iso(row.resolved_at, office),
    }


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


def pin_enabled(office: Office) -> bool:
    """Whether the kiosk offers priority numbers behind a helper's PIN."""
    return bool(office_setting(office, "kiosk_priority_pin"))


def issue_priority_with_pin(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    req: tickets.IssueRequest,
    pin: str,
) -> tickets.Outcome:
    """A helper's PIN on the kiosk grants the priority class of the new ticket."""
    require_device_or_role(actor, office, ("kiosk",))
    stored = office_setting(office, "kiosk_priority_pin")
    if not stored or not req.priority:
        raise Forbidden("priority_needs_staff")
    if not verify_password(pin[:20], stored):
        raise Forbidden("wrong_pin")
    helper = Actor(
        kind="system", name=f"PIN@{actor.name}", roles={office.id: ("staff", None)}
    )
    outcome = tickets.issue_ticket(session, office, helper, clock, req)
    if outcome.created and outcome.ticket is not None:
        journal.log(
            session, outcome.ticket, "priority_pin", actor, clock, priority=req.priority
        )
    return outcome


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
    view = help_view(row, office, "")
    return view, [
        journal.event(session, office, clock, "help.resolved", {"help": view})
    ]
