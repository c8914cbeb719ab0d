"""The tables of the queue domain (SQLAlchemy 2, typed)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC, handed back aware: SQLite and PostgreSQL agree."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        aware: datetime = value.replace(tzinfo=timezone.utc)
        return aware


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON}


counter_services = Table(
    "counter_services",
    Base.metadata,
    Column(
        "counter_id", ForeignKey("counters.id", ondelete="CASCADE"), primary_key=True
    ),
    Column(
        "service_id", ForeignKey("services.id", ondelete="CASCADE"), primary_key=True
    ),
)


class Office(Base):
    __tablename__ = "offices"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Ho_Chi_Minh")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Rises with every published event of the office; clients detect gaps with it.
    seq: Mapped[int] = mapped_column(default=0)
    secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class Service(Base):
    __tablename__ = "services"
    __table_args__ = (UniqueConstraint("office_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(16))
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    range_start: Mapped[int]
    range_end: Mapped[int]
    daily_cap: Mapped[int | None]
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    sort: Mapped[int] = mapped_column(default=0)
    # Moving average of measured service times, seconds; seeds the estimated wait.
    avg_service_s: Mapped[float] = mapped_column(default=600.0)


class Counter(Base):
    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("office_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(16), default="open")
    pause_reason: Mapped[str | None] = mapped_column(String(200))
    # Normal tickets called since the last priority one, for "one priority per N".
    normal_streak: Mapped[int] = mapped_column(default=0)
    # Calls since the last booked citizen it called (None: none yet), for the cap
    # on booked citizens (motcua/core/ordering.py).
    booked_gap: Mapped[int | None]
    # The clerk working here and their last action: the counter counts for waits and
    # the board while staffed (motcua/core/counters.py).
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    active_at: Mapped[datetime | None]
    services: Mapped[list[Service]] = relationship(
        secondary=counter_services, order_by="Service.sort", lazy="selectin"
    )


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    is_city_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    # Rises when the user signs out of the admin pages or gets a new password:
    # every admin session made before it (and every staff token) stops.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")


class Membership(Base):
    """A user's role in one office; counters limits where a staff member may work."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "office_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))
    counters: Mapped[list[int] | None] = mapped_column(JSON)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class ApiToken(Base):
    """A staff member's bearer token; only its hash is kept."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class DayNumber(Base):
    """The last number given per service and service day; bumped by an upsert."""

    __tablename__ = "day_numbers"
    service_id: Mapped[int] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int]


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("issued_service_id", "day", "number"),
        UniqueConstraint("office_id", "idempotency_key"),
        # A field's waiting today is counted in the index alone (every event).
        Index("ix_tickets_queue", "office_id", "status", "service_id", "day"),
        Index("ix_tickets_office_day", "office_id", "day"),
        # Each lane of a counter's queue in its order (ordering.NEXT_ID): a lane's
        # head is the first row of the counter's fields in its range.
        Index(
            "ix_tickets_lanes",
            "office_id",
            "day",
            "status",
            "target_counter_id",
            "priority_rank",
            "appointment_at",
            "issued_at",
            "number",
            "id",
            "service_id",
        ),
    )
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    # The service that gave the number; a transfer changes service_id only.
    issued_service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    day: Mapped[date] = mapped_column(Date)
    number: Mapped[int]
    priority: Mapped[str | None] = mapped_column(String(32))
    priority_rank: Mapped[int] = mapped_column(default=0)
    # A TicketStatus value (motcua/core/states.py).
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    # Set by a transfer to a counter: only that counter may call the ticket.
    target_counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    # A booked slot checked in on time: from then the ticket goes before walk-ins.
    appointment_at: Mapped[datetime | None]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[datetime]
    # The first call ends the wait; a transfer may call the ticket again later.
    first_called_at: Mapped[datetime | None]
    called_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    lang: Mapped[str] = mapped_column(String(2), default="vi")
    channel: Mapped[str] = mapped_column(String(16), default="kiosk")
    person_key: Mapped[str | None] = mapped_column(String(64), index=True)
    id_masked: Mapped[str | None] = mapped_column(String(16))
    dossier_code: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    idempotency_key: Mapped[str | None] = mapped_column(String(100))
    service: Mapped[Service] = relationship(foreign_keys=[service_id], lazy="joined")
    counter: Mapped[Counter | None] = relationship(
        foreign_keys=[counter_id], lazy="joined"
    )


class TicketEvent(Base):
    """Append-only log of every transition: what, when, who and where."""

    __tablename__ = "ticket_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[str] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), index=True
    )
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    at: Mapped[datetime]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Rating(Base):
    __tablename__ = "ratings"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[str] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), unique=True
    )
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    dossier_code: Mapped[str | None] = mapped_column(String(40))
    score: Mapped[int]
    reasons: Mapped[list[str] | None] = mapped_column(JSON)
    at: Mapped[datetime]


class Dossier(Base):
    __tablename__ = "dossiers"
    __table_args__ = (UniqueConstraint("office_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    procedure: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime]


class Procedure(Base):
    __tablename__ = "procedures"
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    service_code: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    papers: Mapped[str] = mapped_column(Text, default="")
    fee: Mapped[str] = mapped_column(String(200), default="")
    duration: Mapped[str] = mapped_column(String(200), default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Where the entry's text comes from, for the ward to check (e.g. the national list).
    source: Mapped[str] = mapped_column(String(300), default="", server_default="")
    # The ward has checked the entry's fee and time against the rules in force; until
    # then the guide says they are to be checked.
    checked: Mapped[bool] = mapped_column(default=False, server_default=false())


class PrintJob(Base):
    """A ticket to print, queued after the ticket is committed; retried until done."""

    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_pending", "office_id", "status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    ticket_id: Mapped[str | None] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), index=True
    )
    # The printer device (print agent) or kiosk whose printer prints it.
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    kind: Mapped[str] = mapped_column(String(16), default="ticket")
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    reason: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime | None]
    printed_at: Mapped[datetime | None]


class AuditLog(Base):
    """Who changed what in the admin pages, and when."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int | None] = mapped_column(
        ForeignKey("offices.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(200), default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class HelpRequest(Base):
    """A citizen pressed "need help" on a kiosk."""

    __tablename__ = "help_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(String(200))
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A request for priority: the ticket given meanwhile and the class asked for.
    ticket_id: Mapped[str | None] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE")
    )
    priority: Mapped[str | None] = mapped_column(String(32))


class PairingRequest(Base):
    """A TV or kiosk showing a short code until an admin binds it to a device."""

    __tablename__ = "pairing_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    claimed_at: Mapped[datetime | None]


class DailyReport(Base):
    """The day's figures of an office, built at the office's time and pushed."""

    __tablename__ = "daily_reports"
    __table_args__ = (UniqueConstraint("office_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    built_at: Mapped[datetime]
    pushed_at: Mapped[datetime | None]
    push_attempts: Mapped[int] = mapped_column(default=0)
    push_error: Mapped[str | None] = mapped_column(Text)


from motcua.core import booking_models as _booking_models  # noqa: E402,F401
