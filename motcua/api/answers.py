"""What the server answers: the response models of REST API v1, as the OpenAPI
document describes them. Fields not named here may be added (extensions)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    code: str = Field(examples=["invalid_field"])
    message: str = Field(description="in Vietnamese, or English by Accept-Language")


class Error(BaseModel):
    error: ErrorDetail


class Token(BaseModel):
    token: str


class ServiceName(BaseModel):
    code: str
    name: str


class CounterName(BaseModel):
    number: int
    name: str


class Ticket(BaseModel):
    id: str
    number: str
    office: str
    service: ServiceName
    priority: str | None = None
    status: Literal["waiting", "called", "serving", "done", "no_show", "cancelled"]
    ahead: int | None = None
    estimated_wait_s: int | None = Field(
        None, description="null: no staffed counter serves the field"
    )
    staffed: bool | None = None
    called_before: bool | None = None
    counter: CounterName | None = None
    sent_to: CounterName | None = Field(
        None, description="waiting for this counter alone (transferred to it)"
    )
    issued_at: str = Field(json_schema_extra={"format": "date-time"})
    called_at: str | None = None
    status_url: str | None = None
    status_text: str | None = Field(
        None, description="what the citizen reads, in the Accept-Language"
    )


class RecentCall(BaseModel):
    ticket: str = Field(description="the number called")
    service: str
    counter: CounterName | None = None
    status: Literal["waiting", "called", "serving", "done", "no_show", "cancelled"]
    called_at: str | None = Field(None, description="its last call")
    calls: int = Field(
        ge=1,
        description="times the ticket was called or recalled: it changes at every"
        " call and every recall (ticket.called and ticket.recalled carry it too), so"
        " a board that missed the event sees the call or recall it has not said",
    )
    recalled_at: str | None = Field(
        None, description="its last recall since its last call; null if none"
    )


class Snapshot(BaseModel):
    """What a board or console draws itself from."""

    office: str
    name: str
    seq: int = Field(description="the office's last event: later events only apply")
    at: str = Field(description="the server's clock, the office's local time")
    counters: list[dict[str, Any]]
    recent_calls: list[RecentCall] = Field(
        description="the last ten calls, newest first"
    )
    services: list[dict[str, Any]]


class Services(BaseModel):
    services: list[dict[str, Any]]


class Counters(BaseModel):
    counters: list[Any]


class Device(BaseModel):
    device: dict[str, Any]


class Dossier(BaseModel):
    dossier: dict[str, Any]


class Imported(BaseModel):
    imported: int
    errors: list[Any]


class Procedures(BaseModel):
    procedures: list[Any]


class HelpRequest(BaseModel):
    help: dict[str, Any]


class PriorityAnswer(Ticket):
    help: dict[str, Any]


class Answers(BaseModel):
    answers: list[Any]


class RatingAnswer(BaseModel):
    rating: dict[str, Any]


class Job(BaseModel):
    job: dict[str, Any]


class Slots(BaseModel):
    slots: list[dict[str, Any]]


class BookingDay(BaseModel):
    day: str
    bookings: list[Any]
    figures: dict[str, Any]
    outbox: list[Any]


class Person(BaseModel):
    id: int
    username: str
    name: str | None
    role: str
    active: bool
    counters: list[int]


class Staff(BaseModel):
    staff: list[Person]


class Report(BaseModel):
    office: str
    date: str
    issued: int
    served: int


class Anything(BaseModel):
    """An object whose fields API.md and ARCHITECTURE.md describe."""
