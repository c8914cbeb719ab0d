"""Jobs run at given real times on a pool of threads (the simulator's engine)."""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor


class Scheduler:
    """Runs callables at real times on a pool of threads."""

    def __init__(self, workers: int) -> None:
        self.heap: list[tuple[float, int, Callable[[], None]]] = []
        self.order = itertools.count()
        self.cond = threading.Condition()
        self.pool = ThreadPoolExecutor(max_workers=workers)
        self.pending = 0

    def at(self, when: float, job: Callable[[], None]) -> None:
        with self.cond:
            heapq.heappush(self.heap, (when, next(self.order), job))
            self.pending += 1
            self.cond.notify()

    def run(self, until: float) -> None:
        while True:
            with self.cond:
                if not self.heap and self.pending == 0:
                    return
                if time.time() > until:
                    return
                if not self.heap or self.heap[0][0] > time.time():
                    wait = self.heap[0][0] - time.time() if self.heap else 0.5
                    self.cond.wait(timeout=max(0.0, min(wait, 0.5)))
                    continue
                _, _, job = heapq.heappop(self.heap)
            self.pool.submit(self._run, job)

    def _run(self, job: Callable[[], None]) -> None:
        try:
            job()
        finally:
            with self.cond:
                self.pending -= 1
                self.cond.notify()
