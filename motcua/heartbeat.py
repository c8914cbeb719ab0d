"""The heartbeat: every few seconds each office's live pages hear its current seq.

A page that missed the office's last event (a restart, a Redis hiccup, an event
published by a process that died before sending it) learns it from the next
heartbeat and asks for a snapshot. Each process beats for the sockets it holds
(emits are local, never through the message queue), reading the seq from the
database that every process shares, so a city of several processes needs nothing
more. The loop runs only while this process holds live sockets.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import Flask

from motcua.core.events import office_seqs
from motcua.services import app_services

log = logging.getLogger(__name__)
OFFICE_PREFIX = "office:"


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

    def offices(self) -> dict[str, list[str]]:
        """Office slug -> the namespaces where this process holds its sockets."""
        found: dict[str, list[str]] = {}
        rooms = self.socketio.server.manager.rooms
        for namespace in self.namespaces:
            for room, members in list(rooms.get(namespace, {}).items()):
                if isinstance(room, str) and room.startswith(OFFICE_PREFIX) and members:
                    found.setdefault(room[len(OFFICE_PREFIX) :], []).append(namespace)
        return found

    def beat(self) -> int:
        """Send each office's seq to its rooms here; returns the offices told."""
        offices = self.offices()
        if not offices:
            return 0
        database = app_services(self.app).db
        with database.reading() as session:
            seqs = office_seqs(session, sorted(offices))
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
        return len(seqs)

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            with self._lock:
                if not self.offices():
                    self._running = False
                    return
            try:
                self.beat()
            except Exception:  # a database hiccup: the next beat tries again
                log.exception("heartbeat failed")
