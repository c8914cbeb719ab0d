"""Console commands by name: the same operations as REST, for the /counter socket."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import has_app_context, has_request_context, request
from pydantic import BaseModel
from sqlalchemy import event
from sqlalchemy.orm import Session

from motcua import commands
from motcua.api import bodies
from motcua.core import printing
from motcua.core.actors import Actor, require_counter
from motcua.core.clock import Clock
from motcua.core.console import console_state
from motcua.core.dossier_entry import enter_dossier_code
from motcua.core.help import resolve_help
from motcua.core.lookup import office_by_slug
from motcua.core.views import ticket_view
from motcua.services import app_services

Result = commands.Result
# One command: its arguments, read through the model it is listed with.
Work = Callable[[Session, Actor, Clock, str, int, Any], Result]


def _own_ticket(session: Session, actor: Actor, ticket_id: str) -> str:
    """The ticket id, after checking the staff may work at the ticket's counter
    (for reprints; state changes check it in the core)."""
    office, ticket = commands.visible_ticket(session, actor, ticket_id)
    if ticket.counter is not None:
        require_counter(actor, office, ticket.counter)
    return ticket_id


def _ticket_action(name: str) -> Work:
    def run(
        s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Any
    ) -> Result:
        return commands.ticket_action(s, actor, clock, name, a.ticket)

    return run


def _call_next(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: bodies.CallNext
) -> Result:
    return commands.call_next(s, actor, clock, slug, n, a.closing())


def _call(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: bodies.ConsoleCall
) -> Result:
    return commands.call_ticket(
        s, actor, clock, slug, n, a.ticket, a.reason, a.closing()
    )


def _transfer(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Any
) -> Result:
    return commands.transfer(s, actor, clock, a.ticket, a.service, a.to_counter, a.note)


def _priority(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Any
) -> Result:
    return commands.mark_priority(s, actor, clock, a.ticket, a.priority)


def _pause(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: bodies.Pause
) -> Result:
    return commands.set_counter_state(s, actor, clock, slug, n, "paused", a.reason)


def _resume(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: bodies.Empty
) -> Result:
    return commands.set_counter_state(s, actor, clock, slug, n, "open", None)


def _dossier(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Any
) -> Result:
    office, ticket = commands.visible_ticket(s, actor, a.ticket)
    enter_dossier_code(s, office, actor, clock, ticket, a.code, a.status)
    return dossier_view(s, office, ticket), []


def _help_done(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: bodies.HelpDone
) -> Result:
    return resolve_help(s, office_by_slug(s, slug), actor, clock, a.help)


def _reprint(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Any
) -> Result:
    ticket_id = _own_ticket(s, actor, a.ticket)
    office, ticket = commands.visible_ticket(s, actor, ticket_id)
    job, events = printing.reprint(s, office, actor, clock, ticket)
    _wake_after_commit(s)
    return printing.job_view(job), events


def _wake_after_commit(session: Session) -> None:
    """The print sender looks for the job once it is committed."""
    sender = app_services().printing if has_app_context() else None
    if sender is None:
        return
    base = request.host_url if has_request_context() else None
    event.listen(session, "after_commit", lambda _: sender.wake(base), once=True)


def _state(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: bodies.Empty
) -> Result:
    return console_state(s, office_by_slug(s, slug), actor, clock, n), []


def dossier_view(session: Session, office: Any, ticket: Any) -> dict[str, Any]:
    view = ticket_view(session, office, ticket)
    view["dossier_code"] = ticket.dossier_code
    return view


ACTIONS: dict[str, tuple[type[BaseModel], Work]] = {
    "call-next": (bodies.CallNext, _call_next),
    "call": (bodies.ConsoleCall, _call),
    "transfer": (bodies.ConsoleTransfer, _transfer),
    "priority": (bodies.ConsolePriority, _priority),
    "pause": (bodies.Pause, _pause),
    "resume": (bodies.Empty, _resume),
    "dossier": (bodies.ConsoleDossier, _dossier),
    "state": (bodies.Empty, _state),
    "help-done": (bodies.HelpDone, _help_done),
    "reprint": (bodies.TicketCommand, _reprint),
    **{
        name: (bodies.TicketCommand, _ticket_action(name))
        for name in commands.TICKET_ACTIONS
    },
}
# Reads are not remembered: a second "state" must see the newest state.
READ_ONLY = {"state"}
