"""What clients send: request bodies and query strings of REST API v1 and the
counter socket's commands. Each model both checks the input and describes it in
the OpenAPI document."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from motcua.core.ratings import REASONS
from motcua.core.setup import DEVICE_KINDS

# PostgreSQL refuses NUL in text: a 400 (characters), never a database error.
NO_NUL = r"^[^\x00]*$"
INT_LOW, INT_HIGH = -(2**31), 2**31 - 1


def text(most: int = 200, default: Any = ..., **extra: Any) -> Any:
    """A string of 1 to `most` characters; required unless a default is given."""
    return Field(default, min_length=1, max_length=most, pattern=NO_NUL, **extra)


def number(low: int = INT_LOW, high: int = INT_HIGH, default: Any = ...) -> Any:
    """An integer within bounds; required unless a default is given."""
    return Field(default, ge=low, le=high)


class Body(BaseModel):
    """A JSON body: every field known and of its exact type (no "5" for 5)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Query(BaseModel):
    """A query string: values arrive as text and are read as their type."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Empty(Body):
    """No fields: a command whose address says everything."""


class Login(Body):
    # No example: the public document names no account.
    username: str = text()
    password: str = text()


Lang = Literal["vi", "en"]


# Examples are real values of the demo office: generated requests built on them
# reach the operations, not only the checks.
PRIORITY_CLASS = ["elderly"]
DOSSIER_CODE = ["000.00.01.H01-261120-0001"]


class NewTicket(Body):
    service: str = text(16, examples=["CT"])
    priority: str | None = text(32, None, examples=PRIORITY_CLASS)
    lang: Lang | None = None
    person_id: str | None = text(40, None)
    consent: bool | None = None


class Current(Body):
    """What became of the citizen still at the counter."""

    ticket: str = text(64)
    outcome: Literal["finished", "no_show"]


class CallNext(Body):
    current: Current | None = None

    def closing(self) -> dict[str, Any] | None:
        """`current` as motcua.commands reads it."""
        return self.current.model_dump() if self.current else None


class CallTicket(CallNext):
    ticket: str = text(64)
    reason: str | None = text(200, None)


class Pause(Body):
    reason: str = text(examples=["Nghỉ trưa"])


class Moves(Body):
    """Where a ticket goes: a field, with a note (a counter in the subclasses)."""

    service: str | None = text(16, None, examples=["HT"])
    note: str | None = text(500, None)


class Transfer(Moves):
    counter: int | None = Field(None, ge=0, le=9999, examples=[2])


class Priority(Body):
    priority: str | None = text(32, None, examples=PRIORITY_CLASS)


class PairDevice(Body):
    code: str = text(20, examples=["123456"])
    kind: Literal[DEVICE_KINDS]  # type: ignore[valid-type]
    name: str = text(100)
    counter: int | None = number(1, 9999, None)
    # Counter numbers; anything else is refused with the pairing's own words.
    counters: list[Any] | None = None


class DossierStatus(Body):
    status: str = text(40, examples=["processing"])
    procedure: str | None = text(300, None)
    note: str | None = text(1000, None)
    due_date: str | None = text(10, None, examples=["2026-12-01"])


class Help(Body):
    note: str | None = text(200, None)


class PriorityRequest(Body):
    service: str = text(16, examples=["CT"])
    priority: str = text(32, examples=PRIORITY_CLASS)
    lang: Lang | None = None


class PriorityTicket(PriorityRequest):
    pin: str = text(20)


class DossierCode(Body):
    code: str = text(60, examples=DOSSIER_CODE)
    status: str | None = text(20, None)


class Rating(Body):
    score: int = number(1, 5)
    reasons: list[Literal[REASONS]] | None = Field(None, max_length=10)  # type: ignore[valid-type]


class CheckIn(Body):
    code: str = text(40, examples=["LH-AB12CD"])


class PrinterConfig(Body):
    # Checked field by field in the core (targets the office may print to).
    printer: dict[str, Any] | None


class StaffChanges(Body):
    role: Literal["staff", "manager", "admin"] | None = None
    active: bool | None = None
    counters: list[int] | None = Field(None, max_length=100)


class DailyReport(Query):
    date: date
    format: Literal["json", "csv", "xlsx"] = "json"


class Question(Query):
    # The core folds spaces, then checks the length with its own words.
    q: str = Field("", json_schema_extra={"minLength": 1, "maxLength": 300})


class Search(Query):
    q: str = ""


class Slots(Query):
    service: str = Field("", examples=["CT"])


class BookingDay(Query):
    # Read by the view: a bad day is a bad_request.
    day: str | None = Field(None, json_schema_extra={"format": "date"})


class JobList(Query):
    # Clamped to 1-200 by the view.
    limit: int = 50


# The counter console's socket commands (counter/socket.py): the REST bodies, with
# the ticket in the payload where REST has it in the address.
class TicketCommand(Body):
    ticket: str = text(64)


class ConsoleCall(CallTicket):
    reason: str = text()


class ConsoleTransfer(Moves, TicketCommand):
    to_counter: int | None = number(0, 9999, None)


class ConsolePriority(Priority, TicketCommand):
    pass


class ConsoleDossier(DossierCode, TicketCommand):
    pass


class HelpDone(Body):
    help: int = number(0, 9999)
