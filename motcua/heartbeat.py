"""The heartbeat: every few seconds each office's live pages hear its current seq.

A page that missed the office's last event (a restart, a Redis hiccup, an event
published by a process that died before sending it) learns it from the next
heartbeat and asks for a snapshot. A ticket's status page hears only of its own
ticket, so its heartbeat is its own: the ticket's mark (what the page shows of it)
with the office's seq read just before; the page asks again only when its mark is
older than that and differs. Each process beats for the sockets it holds
(emits are local, never through the message queue), reading the seq from the
database that every process shares, so a city of several processes needs nothing
more. The loop runs only while this process holds live sockets.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import Flask

from motcua.core.events import office_seqs, ticket_marks
from motcua.services import app_services

log = logging.getLogger(__name__)
OFFICE_PREFIX = "office:"
TICKET_PREFIX = "ticket:"
TICKET_NAMESPACE = "/status"


class Heartbeat:
    """Started by the first socket that joins an office; stops with the last."""

    def __init__(
        self, app: Flask, socketio: Any, namespaces: tuple[str, ...], every_s: float
    ) -> None:
        self.app, self.socketio = app, socketio
        self.namespaces, self.every_s = namespaces, every_s
        self._lock = threading.Lock()
        self._running = False
        self._stop = threading.Event()

    def wake(self) -> None:
        """A socket joined an office: make sure the loop runs."""
        with self._lock:
            start, self._running = not self._running, True
        if start:
            self.socketio.start_background_task(self._run)

    def stop(self) -> None:
        self._stop.set()

    def _rooms(self, namespace: str, prefix: str) -> list[str]:
        """What follows the prefix in the names of this namespace's rooms held here."""
        rooms = self.socketio.server.manager.rooms.get(namespace, {})
        return [
            room[len(prefix) :]
            for room, members in list(rooms.items())
            if isinstance(room, str) and room.startswith(prefix) and members
        ]

    def offices(self) -> dict[str, list[str]]:
        """Office slug -> the namespaces where this process holds its sockets."""
        found: dict[str, list[str]] = {}
        for namespace in self.namespaces:
            for slug in self._rooms(namespace, OFFICE_PREFIX):
                found.setdefault(slug, []).append(namespace)
        return found

    def tickets(self) -> list[str]:
        """The tickets whose status pages this process holds."""
        return self._rooms(TICKET_NAMESPACE, TICKET_PREFIX)

    def beat(self) -> int:
        """Send each office's seq to its rooms here, and each ticket's mark to its
        status pages; returns the offices and tickets told."""
        offices, tickets = self.offices(), self.tickets()
        if not offices and not tickets:
            return 0
        database = app_services(self.app).db
        with database.reading() as session:
            seqs = office_seqs(session, sorted(offices))
        with database.reading() as session:
            marks = ticket_marks(session, sorted(tickets))
        self._beat_offices(offices, seqs)
        for ticket_id, (seq, mark) in marks.items():
            self.socketio.server.emit(
                "heartbeat",
                {"seq": seq, "mark": mark},
                namespace=TICKET_NAMESPACE,
                to=TICKET_PREFIX + ticket_id,
                ignore_queue=True,
            )
        return len(seqs) + len(marks)

    def _beat_offices(
        self, offices: dict[str, list[str]], seqs: dict[str, int]
    ) -> None:
        server = self.socketio.server
        for slug, seq in seqs.items():
            message = {"office": slug, "seq": seq}
            for namespace in offices[slug]:
                room = OFFICE_PREFIX + slug
                server.emit(
                    "heartbeat",
                    message,
                    namespace=namespace,
                    to=room,
                    ignore_queue=True,
                )

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            with self._lock:
                if not self.offices() and not self.tickets():
                    self._running = False
                    return
            try:
                self.beat()
            except Exception:  # a database hiccup: the next beat tries again
                log.exception("heartbeat failed")
