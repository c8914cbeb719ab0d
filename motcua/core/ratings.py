"""Citizens rating the service they got, on the tablet at the counter."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core import journal
from motcua.core.actors import Actor
from motcua.core.clock import Clock
from motcua.core.errors import Conflict, Forbidden, Invalid, NotFound
from motcua.core.events import DomainEvent
from motcua.core.models import Counter, Office, Rating, Ticket

# 5 Rất hài lòng, 4 Hài lòng, 3 Bình thường, 2 Không hài lòng, 1 Rất không hài lòng.
SCORES = range(1, 6)
# DOMAIN.md: the terminal asks for a reason at 3 or fewer.
ASK_REASON_AT_OR_BELOW = 3
REASONS = ("wait", "slow", "attitude", "guidance", "papers", "other")
# A citizen rates right after the service; later the tablet serves someone else.
RATING_WINDOW = timedelta(minutes=10)


def rate(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    ticket: Ticket,
    score: int,
    reasons: list[str] | None = None,
) -> tuple[Rating, list[DomainEvent]]:
    """Record the one rating of a finished ticket, from its counter's terminal."""
    _check_terminal(actor, office, ticket)
    _check_answer(score, reasons)
    if ticket.status != "done" or ticket.finished_at is None:
        raise Conflict("bad_state", status=ticket.status)
    if clock.now() - ticket.finished_at > RATING_WINDOW:
        raise Conflict("rating_closed")
    if _rating_of(session, ticket) is not None:
        raise Conflict("already_rated")
    rating = Rating(
        ticket_id=ticket.id,
        office_id=office.id,
        counter_id=ticket.counter_id,
        staff_id=ticket.staff_id,
        dossier_code=ticket.dossier_code,
        score=score,
        reasons=list(reasons or []) or None,
        at=clock.now(),
    )
    session.add(rating)
    journal.log(session, ticket, "rated", actor, clock, ticket.counter, score=score)
    session.flush()
    return rating, [_rated_event(session, office, clock, ticket, rating)]


def _check_terminal(actor: Actor, office: Office, ticket: Ticket) -> None:
    """Only the rating device of the counter that served the ticket may rate it."""
    if actor.kind != "device" or actor.device_kind != "rating":
        raise Forbidden("not_allowed")
    if actor.office_id != office.id or ticket.office_id != office.id:
        raise Forbidden("not_allowed")
    if actor.counter_id is None or actor.counter_id != ticket.counter_id:
        raise Forbidden("rating_other_counter")


def _check_answer(score: int, reasons: list[str] | None) -> None:
    if isinstance(score, bool) or score not in SCORES:
        raise Invalid("bad_score")
    if reasons and (score > ASK_REASON_AT_OR_BELOW or len(reasons) > len(REASONS)):
        raise Invalid("bad_reason")
    if any(reason not in REASONS for reason in reasons or []):
        raise Invalid("bad_reason")


def _rating_of(session: Session, ticket: Ticket) -> Rating | None:
    stmt = select(Rating).where(Rating.ticket_id == ticket.id)
    return session.scalars(stmt).first()


def rating_view(
    rating: Rating, ticket: Ticket, counter: Counter | None
) -> dict[str, Any]:
    """The rating as clients see it."""
    return {
        "ticket": ticket.id,
        "number": str(ticket.number),
        "counter": counter.number if counter else None,
        "dossier_code": rating.dossier_code,
        "score": rating.score,
        "reasons": rating.reasons or [],
    }


def _rated_event(
    session: Session, office: Office, clock: Clock, ticket: Ticket, rating: Rating
) -> DomainEvent:
    view = rating_view(rating, ticket, ticket.counter)
    number = ticket.counter.number if ticket.counter else None
    return journal.event(
        session, office, clock, "ticket.rated", {"rating": view}, ticket.id, number
    )


def note_dossier_code(session: Session, ticket: Ticket, code: str | None) -> None:
    """A dossier code entered after the rating still reaches the rating."""
    rating = _rating_of(session, ticket)
    if rating is not None:
        rating.dossier_code = code


def rating_counter(session: Session, actor: Actor, office: Office) -> Counter:
    """The counter a rating tablet is bound to; other devices are refused."""
    if actor.device_kind != "rating" or actor.office_id != office.id:
        raise NotFound("not_allowed")
    counter = session.get(Counter, actor.counter_id) if actor.counter_id else None
    if counter is None or counter.office_id != office.id:
        raise NotFound("unknown_counter", counter=None)
    return counter
