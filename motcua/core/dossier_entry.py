"""Staff enter the dossier code (mã hồ sơ) of the citizen they serve."""

from __future__ import annotations

from sqlalchemy.orm import Session

from motcua.core import journal
from motcua.core.actors import Actor, require_counter, require_role
from motcua.core.clock import Clock, service_day
from motcua.core.dossiers import parse_code
from motcua.core.errors import Conflict, NotFound
from motcua.core.models import Office, Ticket
from motcua.core.ratings import note_dossier_code

STATES = ("called", "serving", "done")


def enter_dossier_code(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    ticket: Ticket,
    text: str,
) -> Ticket:
    """Attach a dossier code to a ticket being (or just) served; logged."""
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
    journal.log(session, ticket, "dossier", actor, clock, ticket.counter, code=code)
    return ticket
