"""The ticket state machine: the statuses and the one table of allowed moves.

Every operation that changes a ticket names its move here; `move` refuses a move
the table does not allow (409 "bad_state") before anything is changed. A transfer
is a move back to "waiting", not a status of its own.
"""

from __future__ import annotations

from enum import StrEnum

from motcua.core.errors import Conflict


class TicketStatus(StrEnum):
    """What a ticket is now; the values are the ones stored in tickets.status."""

    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


W, C, S = TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING
D, N, X = TicketStatus.DONE, TicketStatus.NO_SHOW, TicketStatus.CANCELLED

# move -> (the statuses it starts from, the status it ends in; None: unchanged).
TRANSITIONS: dict[str, tuple[frozenset[TicketStatus], TicketStatus | None]] = {
    "call": (frozenset({W}), C),
    "recall": (frozenset({C, S}), None),
    "start": (frozenset({C}), S),
    "finish": (frozenset({C, S}), D),
    "no_show": (frozenset({C}), N),
    "return": (frozenset({N}), W),
    "cancel": (frozenset({W, C}), X),
    "transfer": (frozenset({W, C, S}), W),
    "priority": (frozenset({W}), None),
}
# Statuses in which a ticket belongs to the counter that called it.
AT_COUNTER = frozenset({C, S})


def allowed(move: str, status: str) -> bool:
    """Whether the table allows this move from this status."""
    sources, _ = TRANSITIONS[move]
    return status in sources


def target(move: str, status: str) -> TicketStatus:
    """The status a move leads to from `status`; a 409 when it is not allowed."""
    if not allowed(move, status):
        raise Conflict("bad_state", status=status)
    _, to = TRANSITIONS[move]
    return to if to is not None else TicketStatus(status)
