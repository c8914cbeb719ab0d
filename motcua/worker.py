"""A background loop per process: started by the first `wake()`, then polling.

The print sender and the message sender are such loops: an app that never prints
or sends runs no thread, and a database hiccup never ends the loop.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
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


class Lanes:
    """One job at a time per office (by id), the offices' jobs side by side: an
    office whose gateway is slow holds its own lane, never another office's."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._threads: dict[int, threading.Thread] = {}
        self._lock = threading.Lock()

    def busy(self) -> set[int]:
        """The offices whose last job still runs."""
        with self._lock:
            return {key for key, t in self._threads.items() if t.is_alive()}

    def run(self, key: int, job: Callable[[], object]) -> bool:
        """Start the job in the office's lane; False when that lane is still busy."""
        with self._lock:
            running = self._threads.get(key)
            if running is not None and running.is_alive():
                return False
            thread = threading.Thread(
                target=self._guarded, args=(job,), name=f"{self.name} {key}"
            )
            thread.daemon = True
            self._threads[key] = thread
            thread.start()
        return True

    def wait(self, timeout: float | None = None) -> None:
        """Until every job started so far has ended (tests, and a clean stop)."""
        with self._lock:
            threads = list(self._threads.values())
        for thread in threads:
            thread.join(timeout)

    def _guarded(self, job: Callable[[], object]) -> None:
        try:
            job()
        except Exception:  # one office's failure is logged, the lanes go on
            log.exception("%s job failed", self.name)
