"""Domain events as values; the realtime layer maps them to Socket.IO messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core.models import Counter, Office, Service, Ticket


@dataclass
class DomainEvent:
    name: str
    office: str
    seq: int  # set when the transaction commits (journal._number_events)
    at: datetime
    data: dict[str, Any] = field(default_factory=dict)
    ticket_id: str | None = None
    counter: int | None = None
    # The office's settings as the operation saw them, for whoever dresses the
    # message up after commit (the announcement text); never sent as they are.
    settings: dict[str, Any] = field(default_factory=dict, repr=False)

    def envelope(self) -> dict[str, Any]:
        """The wire shape every client sees."""
        return {
            "v": 1,
            "office": self.office,
            "seq": self.seq,
            "at": self.at.isoformat(),
            "data": self.data,
        }


def office_seqs(session: Session, slugs: list[str]) -> dict[str, int]:
    """Each office's latest event number (the heartbeat tells it to live pages)."""
    if not slugs:
        return {}
    rows = session.execute(
        select(Office.slug, Office.seq).where(Office.slug.in_(slugs))
    )
    return {slug: int(seq) for slug, seq in rows}


def ticket_mark(status: str, counter: int | None, service: str) -> str:
    """What a ticket's status page shows of it, in a few characters: a page whose
    mark differs from the ticket's missed one of its events."""
    return f"{status}:{counter or ''}:{service}"


def view_mark(view: dict[str, Any]) -> str:
    """The mark of a ticket as its public view (views.ticket_view) shows it."""
    counter = view.get("counter")
    number = counter.get("number") if isinstance(counter, dict) else None
    return ticket_mark(view["status"], number, view["service"]["code"])


def ticket_marks(session: Session, ids: list[str]) -> dict[str, tuple[int, str]]:
    """Ticket id -> (its office's seq, its mark). The seq is read first, so the mark
    is at least as new: a page whose own events reach that seq has that mark."""
    if not ids:
        return {}
    found = session.execute(
        select(Ticket.id, Office.seq)
        .join(Office, Office.id == Ticket.office_id)
        .where(Ticket.id.in_(ids))
    )
    seqs = {ticket_id: int(seq) for ticket_id, seq in found}
    rows = session.execute(
        select(Ticket.id, Ticket.status, Counter.number, Service.code)
        .join(Service, Service.id == Ticket.service_id)
        .outerjoin(Counter, Counter.id == Ticket.counter_id)
        .where(Ticket.id.in_(ids))
    )
    return {
        ticket_id: (seqs[ticket_id], ticket_mark(status, counter, code))
        for ticket_id, status, counter, code in rows
        if ticket_id in seqs
    }
