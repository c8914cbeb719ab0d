"""Staff enter the dossier code (mã hồ sơ) of the citizen they serve."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core import journal
from motcua.core.actors import Actor, require_counter, require_role
from motcua.core.clock import Clock, service_day
from motcua.core.dossiers import parse_code, save_dossier
from motcua.core.errors import Conflict, NotFound
from motcua.core.models import Dossier, Office, Service, Ticket
from motcua.core.ratings import note_dossier_code

STATES = ("called", "serving", "done")


def enter_dossier_code(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    ticket: Ticket,
    text: str,
    status: str | None = None,
) -> Ticket:
    """Attach a dossier code to a ticket being (or just) served, and create or
    update the dossier the kiosk's look-up finds; logged."""
    require_role(actor, office)
    if ticket.office_id != office.id:
        raise NotFound("unknown_ticket")
    if ticket.counter is not None:
        require_counter(actor, office, ticket.counter)
    # The format check (Circular 01/2018 art. 19, a real past date) is the one
    # the dossier look-ups use.
    code = parse_code(text[:60], service_day(clock.now(), office.timezone))
    if ticket.status not in STATES:
        raise Conflict("bad_state", status=ticket.status)
    ticket.dossier_code = code
    note_dossier_code(session, ticket, code)
    _keep_dossier(session, office, actor, clock, ticket, code, status)
    journal.log(
        session,
        ticket,
        "dossier",
        actor,
        clock,
        ticket.counter,
        code=code,
        status=status,
    )
    return ticket


def _keep_dossier(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    ticket: Ticket,
    code: str,
    status: str | None,
) -> None:
    """A new dossier starts as received; a known one keeps its status unless the
    clerk chose another."""
    stmt = select(Dossier).where(Dossier.office_id == office.id, Dossier.code == code)
    row = session.scalars(stmt).first()
    chosen = status or (row.status if row is not None else "received")
    procedure = row.procedure if row is not None and row.procedure else None
    service = session.get(Service, ticket.service_id)
    values = {
        "status": chosen,
        "procedure": procedure or (service.name_vi if service else ""),
        "note": row.note if row is not None else None,
        "due_date": row.due_date if row is not None else None,
    }
    save_dossier(session, office, actor, clock, code, values)
