"""Read models: what clients see of tickets, services and the office."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, defaultload

from motcua.core import estimate, hours, lookup
from motcua.core.actors import Actor
from motcua.core.clock import Clock, service_day
from motcua.core.db import core
from motcua.core.models import (
    Counter,
    DayNumber,
    Device,
    Office,
    Service,
    Ticket,
    TicketEvent,
)
from motcua.core.settings import office_setting
from motcua.core.staffing import staffed_ids, staffed_since

# A ticket with its counter, without the counter's fields (loaded if ever used).
TICKET_ONLY = defaultload(Ticket.counter).lazyload(Counter.services)
WAITING = (
    select(Ticket.service_id, func.count())
    .where(Ticket.office_id == bindparam("office_id"), Ticket.day == bindparam("day"))
    .where(Ticket.status == "waiting")
    .group_by(Ticket.service_id)
)
WAITING_IN_FIELD = select(func.count()).where(
    Ticket.office_id == bindparam("office_id"),
    Ticket.status == "waiting",
    Ticket.service_id == bindparam("service_id"),
    Ticket.day == bindparam("day"),
)
# The last number each field of the office gave on a day.
LAST_NUMBERS = (
    select(DayNumber.service_id, DayNumber.last)
    .join(Service, Service.id == DayNumber.service_id)
    .where(
        Service.office_id == bindparam("office_id"), DayNumber.day == bindparam("day")
    )
)


def local_iso(at: datetime | None, office: Office) -> str | None:
    return at.astimezone(ZoneInfo(office.timezone)).isoformat() if at else None


def ahead_of(
    session: Session,
    ticket: Ticket,
    now: datetime | None = None,
    since: datetime | None = None,
) -> int:
    """Tickets called before this one, in the order call-next takes them; `now`
    (the system clock when not given) says whose booked slot has come, `since`
    which clerks went idle (staffing.staffed_since)."""
    return estimate.place(session, ticket, now, since)[0]


def counter_view(counter: Counter | None) -> dict[str, Any] | None:
    if counter is None:
        return None
    return {"number": counter.number, "name": counter.name}


def service_name(service: Service, lang: str = "vi") -> str:
    return service.name_en if lang == "en" else service.name_vi


def ticket_view(
    session: Session,
    office: Office,
    ticket: Ticket,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The public shape of a ticket: no personal data. With `now`, counters whose
    clerk went idle do not count for its wait."""
    since = staffed_since(office, now)
    ahead, wait = estimate.place(session, ticket, now, since)
    return {
        "id": ticket.id,
        "number": str(ticket.number),
        "office": office.slug,
        "service": {
            "code": ticket.service.code,
            "name": ticket.service.name_vi,
            "name_en": ticket.service.name_en,
        },
        "priority": ticket.priority,
        "status": ticket.status,
        "ahead": ahead,
        "estimated_wait_s": wait,
        # Waiting with no staffed counter for its field: no wait can be promised.
        "staffed": wait is not None,
        # Waiting again after a call: transferred, or back after missing the call.
        "called_before": ticket.status == "waiting" and bool(ticket.first_called_at),
        "counter": counter_view(ticket.counter),
        # Sent to a counter: it waits for that counter alone, whatever its field.
        "sent_to": counter_view(
            session.get(Counter, ticket.target_counter_id)
            if ticket.status == "waiting" and ticket.target_counter_id
            else None
        ),
        "issued_at": local_iso(ticket.issued_at, office),
        "called_at": local_iso(ticket.called_at, office),
    }


def waiting_counts(session: Session, office: Office, day: date) -> dict[int, int]:
    """Waiting tickets per service id today."""
    rows = core(session).execute(WAITING, {"office_id": office.id, "day": day})
    return {sid: int(n) for sid, n in rows}


def waiting_in_field(
    session: Session, office: Office, day: date, service_id: int
) -> int:
    """Waiting tickets of one field today (waiting_counts of one field)."""
    params = {"office_id": office.id, "day": day, "service_id": service_id}
    return int(core(session).execute(WAITING_IN_FIELD, params).scalar_one())


def numbers_left(service: Service, last: int | None) -> int:
    """Numbers the field can still give today (its range and its daily cap), after
    the last number it gave today, if any."""
    given = last - service.range_start + 1 if last is not None else 0
    left = service.range_end - service.range_start + 1 - given
    if service.daily_cap is not None:
        left = min(left, service.daily_cap - given)
    return max(left, 0)


def services_view(
    session: Session, office: Office, clock: Clock, lang: str = "vi"
) -> list[dict[str, Any]]:
    """Each field with people waiting and the wait a new ticket would have."""
    day = service_day(clock.now(), office.timezone)
    waiting = waiting_counts(session, office, day)
    services = session.scalars(
        select(Service).where(Service.office_id == office.id).order_by(Service.sort)
    )
    result = []
    now = clock.now()
    outside = office_setting(office, "issue_only_in_hours") and not hours.open_at(
        office, now
    )
    since = staffed_since(office, now)
    waits = estimate.new_ticket_waits(session, office, day, now, since)
    last = dict(
        core(session).execute(LAST_NUMBERS, {"office_id": office.id, "day": day}).all()
    )
    for service in services:
        n = waiting.get(service.id, 0)
        wait = waits.get(service.id)
        result.append(
            {
                "code": service.code,
                "name": service_name(service, lang),
                "name_vi": service.name_vi,
                "name_en": service.name_en,
                "open": service.is_open,
                "waiting": n,
                "estimated_wait_s": wait,
                # False: no staffed counter serves the field ("Chưa có quầy phục vụ").
                "staffed": service.id in waits,
                "numbers_left": numbers_left(service, last.get(service.id)),
                # Kiosks do not give numbers now: outside the opening hours.
                "outside_hours": bool(outside),
            }
        )
    return result


# The journal's kinds that make a board say a ticket: a call and a recall.
CALLS = ("called", "recalled")


# Built once: a statement built per call computes its cache key every time.
CALL_MARKS = (
    select(TicketEvent.ticket_id, TicketEvent.kind, TicketEvent.at)
    .where(
        TicketEvent.ticket_id.in_(bindparam("ids", expanding=True)),
        TicketEvent.kind.in_(CALLS),
    )
    .order_by(TicketEvent.id)
)


def call_marks(
    session: Session, office: Office, ticket_ids: list[str]
) -> dict[str, dict[str, Any]]:
    """What a board needs to say each call once, recalls included, by ticket id:
    `calls`, how many times the ticket was called or recalled (it changes at every
    call and every recall, which `called_at` does not), and `recalled_at`, when it
    was last recalled since its last call (None when it was not)."""
    calls = dict.fromkeys(ticket_ids, 0)
    recalled: dict[str, datetime | None] = dict.fromkeys(ticket_ids)
    found = session.execute(CALL_MARKS, {"ids": ticket_ids}) if ticket_ids else ()
    for ticket_id, kind, at in found:
        calls[ticket_id] += 1
        recalled[ticket_id] = at if kind == "recalled" else None
    return {
        t: {"calls": calls[t], "recalled_at": local_iso(recalled[t], office)}
        for t in ticket_ids
    }


def recent_calls(
    session: Session, office: Office, day: date, limit: int = 10
) -> list[dict[str, Any]]:
    stmt = (
        select(Ticket)
        .where(Ticket.office_id == office.id, Ticket.day == day)
        .where(Ticket.called_at.is_not(None), Ticket.counter_id.is_not(None))
        .options(TICKET_ONLY)
        .order_by(Ticket.called_at.desc(), Ticket.number.desc(), Ticket.id)
        .limit(limit)
    )
    called = list(session.scalars(stmt))
    marks = call_marks(session, office, [t.id for t in called])
    return [
        {
            "ticket": str(t.number),
            "service": t.service.code,
            "counter": counter_view(t.counter),
            "status": t.status,
            "called_at": local_iso(t.called_at, office),
            **marks[t.id],
        }
        for t in called
    ]


# The ticket a counter has called or is serving: its latest call.
CURRENT = (
    select(Ticket)
    .where(Ticket.office_id == bindparam("office_id"))  # the queue index
    .where(Ticket.status.in_(("called", "serving")))
    .where(Ticket.counter_id == bindparam("counter_id"))
    .options(TICKET_ONLY)
    .order_by(Ticket.called_at.desc())
    .limit(1)
)


def current_ticket(session: Session, counter: Counter) -> Ticket | None:
    """The ticket a counter has called or is serving, if any."""
    params = {"office_id": counter.office_id, "counter_id": counter.id}
    return session.scalars(CURRENT, params).first()


def current_tickets(session: Session, office: Office) -> dict[int, Ticket]:
    """current_ticket of every counter of the office, by counter id, in one query."""
    stmt = (
        select(Ticket)
        .where(Ticket.office_id == office.id)
        .where(Ticket.status.in_(("called", "serving")))
        .where(Ticket.counter_id.is_not(None))
        .options(TICKET_ONLY)
        .order_by(Ticket.called_at)
    )
    # The latest call of a counter comes last and wins.
    return {t.counter_id: t for t in session.scalars(stmt) if t.counter_id}


def snapshot(session: Session, office: Office, clock: Clock) -> dict[str, Any]:
    """Everything a board or console needs to draw itself from nothing."""
    day = service_day(clock.now(), office.timezone)
    counters = session.scalars(
        select(Counter).where(Counter.office_id == office.id).order_by(Counter.number)
    )
    current = current_tickets(session, office)
    staffed = staffed_ids(session, office, clock.now())
    counter_rows = []
    for counter in counters:
        ticket = current.get(counter.id)
        counter_rows.append(
            {
                "number": counter.number,
                "name": counter.name,
                "state": counter.state,
                "pause_reason": counter.pause_reason,
                "staffed": counter.id in staffed,
                "services": [s.code for s in counter.services],
                "ticket": ticket_view(session, office, ticket) if ticket else None,
            }
        )
    return {
        "office": office.slug,
        "name": office.name,
        "seq": office.seq,
        "at": local_iso(clock.now(), office),
        "counters": counter_rows,
        "recent_calls": recent_calls(session, office, day),
        "services": services_view(session, office, clock),
    }


def board_config(session: Session, office: Office, actor: Actor) -> dict[str, Any]:
    """What the board shows besides live state: name, ticker and its zone."""
    zone = None
    if actor.kind == "device" and actor.id is not None:
        device = session.get(Device, actor.id)
        counters = (device.settings or {}).get("counters") if device else None
        if isinstance(counters, list) and counters:
            zone = sorted({int(n) for n in counters if isinstance(n, int)})
    ticker = (office.settings or {}).get("display_ticker") or ""
    return {"office_name": office.name, "ticker": str(ticker)[:500], "zone": zone}


def status_view(session: Session, ticket_id: str) -> tuple[Office, int, dict[str, Any]]:
    """A ticket's status page: its office, the office's seq, and the ticket read
    again after the seq, so it is at least as new."""
    office, ticket = lookup.ticket_by_id(session, ticket_id)
    seq = office.seq
    session.refresh(ticket)
    return office, seq, ticket_view(session, office, ticket)
