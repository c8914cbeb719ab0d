"""The tables of bookings from home and of the messages sent about them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from motcua.core.models import Base


class Booking(Base):
    """A number for today or a slot on a later day, taken from a phone.

    Only a keyed hash of the phone or ID number is kept to count caps, plus a masked
    form for staff; the phone itself is kept only with the citizen's opt-in to
    messages, and only until the booking's day is over.
    """

    __tablename__ = "bookings"
    __table_args__ = (
        UniqueConstraint("office_id", "code"),
        Index("ix_bookings_office_day", "office_id", "day", "status"),
    )
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    service_id: Mapped[int] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE")
    )
    code: Mapped[str] = mapped_column(String(12))
    kind: Mapped[str] = mapped_column(String(8))  # "today" or "slot"
    day: Mapped[date] = mapped_column(Date)
    slot_at: Mapped[datetime | None]
    # pending (code not confirmed), booked, issued (today's number), checked_in,
    # cancelled, missed (slot passed without check-in), locked (too many codes).
    status: Mapped[str] = mapped_column(String(16), default="pending")
    identity: Mapped[str] = mapped_column(String(8))  # "phone" or "id_card"
    person_key: Mapped[str | None] = mapped_column(String(64), index=True)
    person_masked: Mapped[str | None] = mapped_column(String(16))
    notify_channel: Mapped[str | None] = mapped_column(String(8))
    notify_to: Mapped[str | None] = mapped_column(String(20))
    consent_text: Mapped[str | None] = mapped_column(String(40))
    consent_at: Mapped[datetime | None]
    otp_hash: Mapped[str | None] = mapped_column(String(64))
    otp_expires_at: Mapped[datetime | None]
    otp_sent_at: Mapped[datetime | None]
    otp_attempts: Mapped[int] = mapped_column(default=0)
    otp_sends: Mapped[int] = mapped_column(default=0)
    ticket_id: Mapped[str | None] = mapped_column(
        ForeignKey("tickets.id", ondelete="SET NULL")
    )
    lang: Mapped[str] = mapped_column(String(2), default="vi")
    created_at: Mapped[datetime]
    confirmed_at: Mapped[datetime | None]
    checked_in_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]


class Notification(Base):
    """One message to one citizen: the delivery log, retried until sent or failed.

    It names the phone only masked; the number to send to is read from the booking
    at send time.
    """

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_due", "status", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    booking_id: Mapped[str | None] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    ticket_id: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(8))
    to_masked: Mapped[str] = mapped_column(String(16), default="")
    # "near:<ticket>" makes "turn near" once per ticket, whichever process sees it.
    dedupe_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(12), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
