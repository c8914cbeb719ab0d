"""Console commands by name: the same operations as REST, for the /counter socket."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import has_app_context, has_request_context, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from motcua import commands
from motcua.core import printing
from motcua.core.actors import Actor, require_counter
from motcua.core.clock import Clock
from motcua.core.console import console_state
from motcua.core.dossier_entry import enter_dossier_code
from motcua.core.errors import Invalid
from motcua.core.help import resolve_help
from motcua.core.lookup import office_by_slug
from motcua.core.views import ticket_view
from motcua.services import app_services

Result = commands.Result
Args = dict[str, Any]


def _text(args: Args, name: str, limit: int = 200, required: bool = False) -> Any:
    value = args.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not 0 < len(value) <= limit:
        raise Invalid("invalid_field", field=name, reason="string")
    return value


def _int(args: Args, name: str) -> int | None:
    value = args.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10000:
        raise Invalid("invalid_field", field=name, reason="integer")
    return value


def _ticket_id(args: Args) -> str:
    return str(_text(args, "ticket", 64, required=True))


def _own_ticket(session: Session, actor: Actor, args: Args) -> str:
    """The ticket id, after checking the staff may work at the ticket's counter
    (for reprints; state changes check it in the core)."""
    ticket_id = _ticket_id(args)
    office, ticket = commands.visible_ticket(session, actor, ticket_id)
    if ticket.counter is not None:
        require_counter(actor, office, ticket.counter)
    return ticket_id


def _ticket_action(name: str) -> Callable[..., Result]:
    def run(
        session: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Args
    ) -> Result:
        return commands.ticket_action(session, actor, clock, name, _ticket_id(a))

    return run


def _call_next(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Args
) -> Result:
    return commands.call_next(s, actor, clock, slug, n, a.get("current"))


def _call(s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Args) -> Result:
    reason = _text(a, "reason", required=True)
    ticket_id = _text(a, "ticket", 64, required=True)
    current = a.get("current")
    return commands.call_ticket(s, actor, clock, slug, n, ticket_id, reason, current)


def _transfer(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Args
) -> Result:
    ticket_id = _ticket_id(a)
    service, to_counter = _text(a, "service", 16), _int(a, "to_counter")
    note = _text(a, "note", 500)
    return commands.transfer(s, actor, clock, ticket_id, service, to_counter, note)


def _priority(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Args
) -> Result:
    ticket_id = _ticket_id(a)
    return commands.mark_priority(s, actor, clock, ticket_id, _text(a, "priority", 32))


def _pause(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Args
) -> Result:
    reason = _text(a, "reason", required=True)
    return commands.set_counter_state(s, actor, clock, slug, n, "paused", reason)


def _resume(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Args
) -> Result:
    return commands.set_counter_state(s, actor, clock, slug, n, "open", None)


def _dossier(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Args
) -> Result:
    ticket_id = _text(a, "ticket", 64, required=True)
    office, ticket = commands.visible_ticket(s, actor, ticket_id)
    code = _text(a, "code", 60, required=True)
    status = _text(a, "status", 20)
    enter_dossier_code(s, office, actor, clock, ticket, code, status)
    return dossier_view(s, office, ticket), []


def _help_done(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Args
) -> Result:
    help_id = _int(a, "help")
    if help_id is None:
        raise Invalid("bad_request")
    return resolve_help(s, office_by_slug(s, slug), actor, clock, help_id)


def _reprint(
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Args
) -> Result:
    ticket_id = _own_ticket(s, actor, a)
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
    s: Session, actor: Actor, clock: Clock, slug: str, n: int, a: Args
) -> Result:
    return console_state(s, office_by_slug(s, slug), actor, clock, n), []


def dossier_view(session: Session, office: Any, ticket: Any) -> dict[str, Any]:
    view = ticket_view(session, office, ticket)
    view["dossier_code"] = ticket.dossier_code
    return view


ACTIONS: dict[str, Callable[..., Result]] = {
    "call-next": _call_next,
    "call": _call,
    "transfer": _transfer,
    "priority": _priority,
    "pause": _pause,
    "resume": _resume,
    "dossier": _dossier,
    "state": _state,
    "help-done": _help_done,
    "reprint": _reprint,
    **{name: _ticket_action(name) for name in commands.TICKET_ACTIONS},
}
# Reads are not remembered: a second "state" must see the newest state.
READ_ONLY = {"state"}
