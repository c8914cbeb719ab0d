"""The background sender of messages: scans watched tickets, posts due messages.

One per process, started with the first booking (or at start-up when messages or
watched bookings wait). It runs outside every request and transaction: a gateway
that hangs or fails delays only its own messages, never the queue.
"""

from __future__ import annotations

import functools
import logging
import time
from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy import or_, select
from sqlalchemy.exc import SQLAlchemyError

from motcua import gateways
from motcua.core import address, booking, notify
from motcua.core.booking_models import Booking, Notification
from motcua.core.events import DomainEvent
from motcua.core.models import Office
from motcua.services import app_services
from motcua.worker import BackgroundWorker, Lanes

log = logging.getLogger(__name__)
PURGE_EVERY_S = 3600.0
ACTIVE = ("booked", "issued", "checked_in")


class NotifySender(BackgroundWorker):
    """Sends one app's messages; `wake()` when something may be due."""

    name = "notification sender"

    def __init__(self, app: Flask, socketio: Any) -> None:
        super().__init__(app, socketio)
        self.configured: str | None = app.config.get("PUBLIC_URL")
        self.base_url: str = self.configured or ""
        self._purged_at = 0.0
        self.lanes = Lanes(self.name)

    def on_event(
        self, event: DomainEvent, message: dict[str, Any], settings: dict[str, Any]
    ) -> None:
        """A realtime decorator: queue changes may make a message due."""
        if self._started and event.name.startswith("ticket."):
            self._wake.set()

    def start_if_pending(self) -> None:
        """At start-up: messages or watched bookings left from an earlier run."""
        queued = select(Notification.id).where(Notification.status == "queued")
        active = select(Booking.id).where(Booking.status.in_(ACTIVE))
        try:
            with app_services(self.app).db.sessions() as session:
                waiting = (
                    session.execute(queued).first() or session.execute(active).first()
                )
        except SQLAlchemyError:  # a database not upgraded yet (AUTO_UPGRADE off)
            log.warning("bookings not readable yet; the sender starts on demand")
            return
        if waiting is not None:
            self.wake()

    def tick(self) -> int:
        """Scan the offices with watched bookings, then start posting what is due
        (each office in its own lane: a slow gateway holds only its office)."""
        self.scan()
        return self.deliver()

    def scan(self) -> None:
        clock, db = self._clock(), app_services(self.app).db
        since = clock.now().date() - timedelta(days=1)
        with db.transaction() as session:
            stmt = select(Booking.office_id).where(
                Booking.day >= since,
                or_(Booking.status == "booked", Booking.notify_to.is_not(None)),
            )
            ids = set(session.scalars(stmt))
        purge = time.monotonic() - self._purged_at > PURGE_EVERY_S
        for office_id in ids:
            with db.transaction() as session:
                office = session.get(Office, office_id)
                if office is not None:
                    notify.scan(session, office, clock)
        if purge:
            self._purged_at = time.monotonic()
            with db.transaction() as session:
                for office in session.scalars(select(Office)):
                    booking.purge(session, office, clock)

    def deliver(self) -> int:
        """Hand each office's due messages to that office's lane, where they are
        posted one by one and each outcome stored. Returns how many were handed."""
        clock, db = self._clock(), app_services(self.app).db
        with db.transaction() as session:
            due = notify.claim_due(session, clock, skip=self.lanes.busy())
        by_office: dict[int, list[notify.Delivery]] = {}
        for delivery in due:
            by_office.setdefault(delivery.office_id, []).append(delivery)
        http = gateways.for_app(self.app.config)
        for office_id, batch in by_office.items():
            self.lanes.run(office_id, functools.partial(self._post, batch, http))
        return len(due)

    def settle(self) -> None:
        """Wait for the messages handed out so far (tests)."""
        self.lanes.wait()

    def _post(self, batch: list[notify.Delivery], http: gateways.Outbound) -> None:
        clock, db = self._clock(), app_services(self.app).db
        for delivery in batch:
            error: str | None = None
            try:
                base = address.pick(self.configured, delivery.base, self.base_url)
                notify.send(delivery, base, http)
            except notify.DeliveryError as failure:
                error = str(failure)
                log.warning(
                    "message %s (%s) not delivered: %s",
                    delivery.id,
                    delivery.kind,
                    error,
                )
            with db.transaction() as session:
                notify.mark(session, clock, delivery.id, error)

    def _clock(self) -> Any:
        return app_services(self.app).clock
