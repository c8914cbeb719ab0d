"""What a counter console shows: read-only queries, always scoped by office."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from motcua.core.actors import Actor, require_counter
from motcua.core.clock import Clock, service_day
from motcua.core.errors import Forbidden
from motcua.core.help import help_fields
from motcua.core.lookup import counter_by_number
from motcua.core.models import (
    Counter,
    Device,
    HelpRequest,
    Office,
    Service,
    Ticket,
    TicketEvent,
    counter_services,
)
from motcua.core.ordering import counter_order
from motcua.core.settings import office_setting
from motcua.core.views import (
    TICKET_ONLY,
    current_ticket,
    local_iso,
    service_name,
    services_view,
    ticket_view,
)

WAITING_SHOWN = 50
RECENT_SHOWN = 10


def allowed_counters(
    session: Session, office: Office, actor: Actor
) -> list[dict[str, Any]]:
    """The counters of the office this staff member may work at."""
    stmt = select(Counter).where(Counter.office_id == office.id)
    rows = []
    for counter in session.scalars(stmt.order_by(Counter.number)):
        try:
            require_counter(actor, office, counter)
        except Forbidden:
            continue
        rows.append(
            {"number": counter.number, "name": counter.name, "state": counter.state}
        )
    return rows


def _row(office: Office, ticket: Ticket, now: Any) -> dict[str, Any]:
    return {
        "id": ticket.id,
        "number": str(ticket.number),
        "service": ticket.service.code,
        "service_name": service_name(
            ticket.service, office_setting(office, "language")
        ),
        "priority": ticket.priority,
        "status": ticket.status,
        "counter": ticket.counter.number if ticket.counter else None,
        "target_counter": ticket.target_counter_id is not None,
        "appointment_at": local_iso(ticket.appointment_at, office),
        "note": ticket.note,
        "dossier_code": ticket.dossier_code,
        "issued_at": local_iso(ticket.issued_at, office),
        "finished_at": local_iso(ticket.finished_at, office),
        "wait_s": int((now - ticket.issued_at).total_seconds()),
    }


def waiting_list(
    session: Session, office: Office, counter: Counter, clock: Clock
) -> list[dict[str, Any]]:
    """Waiting tickets this counter could call, in the order call-next takes them."""
    now = clock.now()
    order = counter_order(session, office, counter, now, WAITING_SHOWN)
    ids = [ticket_id for ticket_id, _ in order]
    stmt = select(Ticket).where(Ticket.id.in_(ids)).options(TICKET_ONLY)
    found = {t.id: t for t in session.scalars(stmt)}
    return [_row(office, found[i], now) for i in ids if i in found]


# What happened to a ticket at a counter: the last of these there says how the
# counter parted with it (the call kinds: it is still there, it is the current one).
HANDLED = ("called", "recalled", "started", "finished", "no_show", "transferred")
HANDED_ON = {"finished": "done", "no_show": "no_show", "transferred": "transferred"}


def recent_tickets(
    session: Session, office: Office, counter: Counter, clock: Clock
) -> list[dict[str, Any]]:
    """The last tickets this counter parted with today, newest first, each as it
    left this counter (the journal says): a ticket transferred away is listed as
    transferred, to where, whatever became of it since. A clerk who moves to another
    counter finds that counter's numbers there, not their own."""
    now = clock.now()
    day = service_day(now, office.timezone)
    last_here = (
        select(func.max(TicketEvent.id))
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(Ticket.office_id == office.id, Ticket.day == day)
        .where(TicketEvent.counter_id == counter.id)
        .where(TicketEvent.kind.in_(HANDLED))
        .group_by(TicketEvent.ticket_id)
    )
    stmt = (
        select(TicketEvent.kind, TicketEvent.data, Ticket)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(TicketEvent.id.in_(last_here))
        .where(TicketEvent.kind.in_(tuple(HANDED_ON)))
        .options(TICKET_ONLY)
        .order_by(TicketEvent.id.desc())
        .limit(RECENT_SHOWN)
    )
    rows = []
    for kind, data, ticket in session.execute(stmt):
        row = _row(office, ticket, now)
        row["outcome"] = HANDED_ON[kind]
        if kind == "transferred":
            row["transferred_to"] = _transferred_to(session, office, data)
        rows.append(row)
    return rows


def _transferred_to(
    session: Session, office: Office, data: dict[str, Any]
) -> dict[str, Any]:
    """Where a transfer sent the ticket: a counter (by number) or a field (by code)."""
    number, code = data.get("to_counter"), data.get("to_service")
    if number is not None:
        name = session.scalars(
            select(Counter.name).where(
                Counter.office_id == office.id, Counter.number == number
            )
        ).first()
        return {"counter": number, "service": None, "name": name or str(number)}
    service = session.scalars(
        select(Service).where(Service.office_id == office.id, Service.code == code)
    ).first()
    name = service_name(service, office_setting(office, "language")) if service else ""
    return {"counter": None, "service": code, "name": name or str(code)}


def open_help(session: Session, office: Office, clock: Clock) -> list[dict[str, Any]]:
    """Kiosk "need help" calls nobody has handled yet today."""
    stmt = (
        select(HelpRequest, Device.name)
        .outerjoin(Device, Device.id == HelpRequest.device_id)
        .where(HelpRequest.office_id == office.id, HelpRequest.resolved_at.is_(None))
        .order_by(HelpRequest.at)
    )
    day = service_day(clock.now(), office.timezone)
    return [
        {
            "id": h.id,
            "place": name or "",
            "note": h.note,
            "at": local_iso(h.at, office),
            **help_fields(session, h),
        }
        for h, name in session.execute(stmt)
        if service_day(h.at, office.timezone) == day
    ]


def console_state(
    session: Session, office: Office, actor: Actor, clock: Clock, number: int
) -> dict[str, Any]:
    """Everything one counter's console draws: current, queue, counts, history."""
    counter = counter_by_number(session, office, number)
    require_counter(actor, office, counter)
    current = current_ticket(session, counter)
    served = {s.code for s in counter.services}
    services = services_view(session, office, clock, office_setting(office, "language"))
    return {
        "office": office.slug,
        "seq": office.seq,
        "counter": {
            "number": counter.number,
            "name": counter.name,
            "state": counter.state,
            "pause_reason": counter.pause_reason,
            "services": sorted(served),
        },
        "current": _current(session, office, current, clock),
        "waiting": waiting_list(session, office, counter, clock),
        "services": [s for s in services if s["code"] in served],
        "all_services": [{"code": s["code"], "name": s["name"]} for s in services],
        "all_counters": _counters(session, office),
        "recent": recent_tickets(session, office, counter, clock),
        "help": open_help(session, office, clock),
        "grace_s": office_setting(office, "no_show_grace_s"),
        "priority_classes": sorted(office_setting(office, "priority_classes")),
    }


def _current(
    session: Session, office: Office, ticket: Ticket | None, clock: Clock
) -> dict[str, Any] | None:
    if ticket is None:
        return None
    view = ticket_view(session, office, ticket, now=clock.now())
    if office_setting(office, "language") == "en":
        view["service"]["name"] = ticket.service.name_en
    view["dossier_code"] = ticket.dossier_code
    view["note"] = ticket.note
    view["started_at"] = local_iso(ticket.started_at, office)
    return view


def _counters(session: Session, office: Office) -> list[dict[str, Any]]:
    """Every counter of the office with the codes of the fields it serves: a clerk
    transferring a citizen sees where each counter's queue comes from."""
    stmt = (
        select(Counter.number, Counter.name, Service.code)
        .outerjoin(counter_services, counter_services.c.counter_id == Counter.id)
        .outerjoin(Service, Service.id == counter_services.c.service_id)
        .where(Counter.office_id == office.id)
        .order_by(Counter.number, Service.sort)
    )
    found: dict[int, dict[str, Any]] = {}
    for number, name, code in session.execute(stmt):
        counter = found.setdefault(
            number, {"number": number, "name": name, "fields": []}
        )
        if code is not None:
            counter["fields"].append(code)
    return list(found.values())
