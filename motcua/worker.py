"""A background loop per process: started by the first `wake()`, then polling.

The print sender and the message sender are such loops: an app that never prints
or sends runs no thread, and a database hiccup never ends the loop.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import Flask

log = logging.getLogger(__name__)


class BackgroundWorker:
    """Subclasses say what one `tick()` does; `wake()` when something is due."""

    poll_s = 1.0
    name = "background worker"
    # The address links in messages start with; learnt from a request if not set.
    base_url: str | None = None

    def __init__(self, app: Flask, socketio: Any) -> None:
        self.app, self.socketio = app, socketio
        self.autostart = True
        self._wake, self._stop = threading.Event(), threading.Event()
        self._lock = threading.Lock()
        self._started = False

    def wake(self, base_url: str | None = None) -> None:
        """Start the loop if needed and let it look now."""
        if base_url and not self.app.config.get("PUBLIC_URL"):
            self.base_url = base_url.rstrip("/")
        if not self.autostart:
            return
        with self._lock:
            start, self._started = not self._started, True
        if start:
            self.socketio.start_background_task(self._run)
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def tick(self) -> object:
        raise NotImplementedError

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.poll_s)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                with self.app.app_context():
                    self.tick()
            except Exception:  # the loop outlives a database hiccup
                log.exception("%s tick failed", self.name)
