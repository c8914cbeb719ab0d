"""Domain events as values; the realtime layer maps them to Socket.IO messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core.models import Office


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
