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

from motcua import gateways
from motcua.core import address, booking_watch, notify
from motcua.core.db import SQLAlchemyError
from motcua.core.events import DomainEvent
from motcua.services import app_services
from motcua.worker import BackgroundWorker, Lanes

log = logging.getLogger(__name__)
PURGE_EVERY_S = 3600.0


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
        try:
            with app_services(self.app).db.sessions() as session:
                waiting = booking_watch.has_waiting(session)
        except SQLAlchemyError:  # a database not upgraded yet (AUTO_UPGRADE off)
            log.warning("bookings not readable yet; the sender starts on demand")
            return
        if waiting:
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
            ids = booking_watch.watched_offices(session, since)
        purge = time.monotonic() - self._purged_at > PURGE_EVERY_S
        for office_id in ids:
            with db.transaction() as session:
                booking_watch.scan_office(session, clock, office_id)
        if purge:
            self._purged_at = time.monotonic()
            with db.transaction() as session:
                booking_watch.purge_all(session, clock)

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
