"""Issuing tickets and moving them through their states."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from motcua.core import estimate, hours, journal
from motcua.core.actors import (
    Actor,
    require_counter,
    require_device_or_role,
    require_role,
)
from motcua.core.clock import Clock, service_day
from motcua.core.db import write_row
from motcua.core.errors import Conflict, Forbidden, Invalid, NotFound
from motcua.core.events import DomainEvent
from motcua.core.lookup import service_by_code
from motcua.core.models import Counter, Office, Ticket
from motcua.core.numbering import next_number
from motcua.core.security import mask_id, person_key
from motcua.core.settings import office_setting, priority_rank
from motcua.core.states import AT_COUNTER, TicketStatus, target
from motcua.core.views import ticket_view

LANGS = ("vi", "en")
# A ticket is its counter's while called or served, and after a no-show (its return).
HELD = AT_COUNTER | {TicketStatus.NO_SHOW}


@dataclass
class Outcome:
    """What an operation did: the ticket it touched and the events to publish."""

    ticket: Ticket | None
    events: list[DomainEvent] = field(default_factory=list)
    created: bool = False

    @property
    def issued(self) -> Ticket:
        """The ticket an issue gave (new or found again): issuing always gives one."""
        if self.ticket is None:
            raise AssertionError("an issue outcome without its ticket")
        return self.ticket

    def view(self, session: Session, office: Office) -> dict[str, Any] | None:
        """The ticket's public view, taken from its newest event when there is one."""
        if self.ticket is None:
            return None
        for event in reversed(self.events):
            if event.ticket_id == self.ticket.id and "ticket" in event.data:
                return dict(event.data["ticket"])
        return ticket_view(session, office, self.ticket)


@dataclass(frozen=True)
class IssueRequest:
    service: str
    priority: str | None = None
    lang: str = "vi"
    person_id: str | None = None
    idempotency_key: str | None = None
    channel: str = "kiosk"


def issue_ticket(
    session: Session, office: Office, actor: Actor, clock: Clock, req: IssueRequest
) -> Outcome:
    """Give the next number of a field; a repeated idempotency key gives the same."""
    require_device_or_role(actor, office, ("kiosk",))
    if req.idempotency_key:
        existing = _by_idempotency_key(session, office, req.idempotency_key)
        if existing is not None:
            return Outcome(existing)
    if req.lang not in LANGS:
        raise Invalid("unknown_lang", lang=req.lang)
    rank = _granted_rank(office, actor, req.priority)
    service = service_by_code(session, office, req.service)
    if not service.is_open:
        raise Conflict("service_closed", service=service.code)
    now = clock.now()
    _check_hours(office, actor, now)
    day = service_day(now, office.timezone)
    key = _check_person_cap(session, office, day, req.person_id)
    ticket = Ticket(
        id=secrets.token_urlsafe(16),
        office_id=office.id,
        service=service,
        issued_service_id=service.id,
        day=day,
        number=next_number(session, service, day),
        priority=req.priority,
        priority_rank=rank,
        status="waiting",
        issued_at=now,
        lang=req.lang,
        channel=req.channel,
        person_key=key,
        id_masked=mask_id(req.person_id) if req.person_id else None,
        idempotency_key=req.idempotency_key,
    )
    session.add(ticket)
    session.flush()  # the log row refers to the ticket row
    journal.log(session, ticket, "issued", actor, clock, priority=req.priority)
    issued = journal.ticket_event(session, office, clock, "ticket.issued", ticket)
    return Outcome(ticket, [issued], created=True)


def _check_hours(office: Office, actor: Actor, now: datetime) -> None:
    if actor.kind != "device" or not office_setting(office, "issue_only_in_hours"):
        return
    if not hours.open_at(office, now):
        raise Conflict("office_closed", hours=hours.todays_hours(office, now) or "—")


def _by_idempotency_key(session: Session, office: Office, key: str) -> Ticket | None:
    stmt = select(Ticket).where(
        Ticket.office_id == office.id, Ticket.idempotency_key == key
    )
    return session.scalars(stmt).first()


def _granted_rank(office: Office, actor: Actor, priority: str | None) -> int:
    """Priority is granted by staff, or on the kiosk only where the office allows it."""
    if priority is None:
        return 0
    rank = priority_rank(office, priority)
    if actor.kind == "device" and not office_setting(office, "kiosk_self_priority"):
        raise Forbidden("priority_needs_staff")
    return rank


def _check_person_cap(
    session: Session, office: Office, day: object, person_id: str | None
) -> str | None:
    cap = office_setting(office, "per_person_daily_cap")
    if not person_id:
        return None
    if len(person_id) > 40 or not any(ch.isdigit() for ch in person_id):
        raise Invalid("bad_person_id")
    key = person_key(office.secret, person_id)
    if cap:
        stmt = select(func.count()).where(
            Ticket.office_id == office.id,
            Ticket.day == day,
            Ticket.person_key == key,
            Ticket.status != "cancelled",
        )
        if session.execute(stmt).scalar_one() >= cap:
            raise Conflict("person_cap_reached", cap=cap)
    return key


def begin(office: Office, actor: Actor, ticket: Ticket, move: str) -> TicketStatus:
    """Every rule of a move, in the core: the office's ticket, a staff member of it,
    one allowed at the counter the ticket is at, and a move the table allows.
    Returns the status the move leads to; nothing is changed when it refuses."""
    if ticket.office_id != office.id:
        raise NotFound("unknown_ticket")
    require_role(actor, office)
    if ticket.counter is not None and ticket.status in HELD:
        require_counter(actor, office, ticket.counter)
    return target(move, ticket.status)


def _counter_of(session: Session, ticket: Ticket) -> Counter | None:
    return session.get(Counter, ticket.counter_id) if ticket.counter_id else None


def recall(
    session: Session, office: Office, actor: Actor, clock: Clock, ticket: Ticket
) -> Outcome:
    """Announce a called ticket again."""
    begin(office, actor, ticket, "recall")
    journal.log(session, ticket, "recalled", actor, clock, _counter_of(session, ticket))
    return Outcome(
        ticket,
        [journal.call_event(session, office, clock, "ticket.recalled", ticket)],
    )


def start(
    session: Session, office: Office, actor: Actor, clock: Clock, ticket: Ticket
) -> Outcome:
    """The citizen has arrived at the counter: service begins."""
    ticket.status = begin(office, actor, ticket, "start")
    ticket.started_at = clock.now()
    journal.log(session, ticket, "started", actor, clock, _counter_of(session, ticket))
    return Outcome(
        ticket, [journal.ticket_event(session, office, clock, "ticket.started", ticket)]
    )


def finish(
    session: Session, office: Office, actor: Actor, clock: Clock, ticket: Ticket
) -> Outcome:
    """Service is done; its duration feeds the estimated waits."""
    status = begin(office, actor, ticket, "finish")
    now = clock.now()
    write_row(session, ticket, status=status, finished_at=now)
    if ticket.called_at is not None:
        seconds = (now - ticket.called_at).total_seconds()
        estimate.fold_at_commit(session, ticket.service, seconds)
    journal.log(session, ticket, "finished", actor, clock, _counter_of(session, ticket))
    return Outcome(
        ticket,
        [journal.ticket_event(session, office, clock, "ticket.finished", ticket)],
    )


def no_show(
    session: Session, office: Office, actor: Actor, clock: Clock, ticket: Ticket
) -> Outcome:
    """The called citizen did not come; they may return within the grace period."""
    ticket.status = begin(office, actor, ticket, "no_show")
    ticket.finished_at = clock.now()
    journal.log(session, ticket, "no_show", actor, clock, _counter_of(session, ticket))
    return Outcome(
        ticket, [journal.ticket_event(session, office, clock, "ticket.no_show", ticket)]
    )


def return_to_queue(
    session: Session, office: Office, actor: Actor, clock: Clock, ticket: Ticket
) -> Outcome:
    """A no-show who comes back within the grace period waits again, in order."""
    status = begin(office, actor, ticket, "return")
    grace = timedelta(seconds=office_setting(office, "no_show_grace_s"))
    assert ticket.finished_at is not None
    if clock.now() - ticket.finished_at > grace:
        raise Conflict("grace_expired")
    ticket.status, ticket.counter_id, ticket.finished_at = status, None, None
    ticket.counter = None
    journal.log(session, ticket, "returned", actor, clock)
    return Outcome(
        ticket,
        [journal.ticket_event(session, office, clock, "ticket.returned", ticket)],
    )


def cancel(
    session: Session, office: Office, actor: Actor, clock: Clock, ticket: Ticket
) -> Outcome:
    """Withdraw a ticket that has not been served."""
    status = begin(office, actor, ticket, "cancel")
    counter = _counter_of(session, ticket)
    ticket.status, ticket.finished_at = status, clock.now()
    journal.log(session, ticket, "cancelled", actor, clock, counter)
    return Outcome(
        ticket,
        [journal.ticket_event(session, office, clock, "ticket.cancelled", ticket)],
    )


def mark_priority(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    ticket: Ticket,
    priority: str | None,
) -> Outcome:
    """Staff grant (or take back) a priority class for a waiting ticket."""
    begin(office, actor, ticket, "priority")
    ticket.priority = priority
    ticket.priority_rank = priority_rank(office, priority) if priority else 0
    journal.log(session, ticket, "priority", actor, clock, priority=priority)
    return Outcome(
        ticket,
        [journal.ticket_event(session, office, clock, "ticket.priority", ticket)],
    )
