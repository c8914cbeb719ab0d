"""Personal data is kept only as long as the office says (Law 91/2025/QH15)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from motcua.core.clock import Clock, service_day
from motcua.core.models import HelpRequest, Office, Ticket
from motcua.core.settings import office_setting


def purge_personal_data(
    session: Session, office: Office, clock: Clock, days: int | None = None
) -> int:
    """Clear the person key and masked ID of tickets older than N days, and the
    personal data of bookings (phones once their day is over, keys after N days);
    how many tickets and bookings were cleared."""
    keep = int(
        days if days is not None else office_setting(office, "personal_data_days")
    )
    cutoff = service_day(clock.now(), office.timezone) - timedelta(days=keep)
    result = session.execute(
        update(Ticket)
        .where(Ticket.office_id == office.id, Ticket.day < cutoff)
        .where(or_(Ticket.person_key.is_not(None), Ticket.id_masked.is_not(None)))
        .values(person_key=None, id_masked=None)
        .execution_options(synchronize_session=False)
    )
    _purge_help_notes(session, office, clock, keep)
    from motcua.core.booking import purge as purge_bookings  # bookings (issue 9)

    tickets = int(result.rowcount or 0)  # type: ignore[attr-defined]
    return tickets + purge_bookings(session, office, clock, keep)


def _purge_help_notes(
    session: Session, office: Office, clock: Clock, keep: int
) -> None:
    """What citizens typed when asking for help may name them: it goes too."""
    session.execute(
        update(HelpRequest)
        .where(HelpRequest.office_id == office.id, HelpRequest.note.is_not(None))
        .where(HelpRequest.at < clock.now() - timedelta(days=keep))
        .values(note=None)
        .execution_options(synchronize_session=False)
    )


def purge_all_offices(session: Session, clock: Clock) -> dict[str, int]:
    """Run every office's retention; tickets cleared per office slug."""
    return {
        office.slug: purge_personal_data(session, office, clock)
        for office in session.scalars(select(Office))
    }
