"""Redis that hangs or is gone must not hold up a request.

Every call to Redis from a request waits at most REDIS_TIMEOUT_S. After a failure the
caller does without Redis for REDIS_PAUSE_S (events dropped, answers remembered in the
process only) instead of each request waiting in turn for a Redis that is not there.
"""

from __future__ import annotations

import time

REDIS_TIMEOUT_S = 1.0
REDIS_PAUSE_S = 5.0


class Pause:
    """Whether Redis is left alone for now, after its last failure."""

    def __init__(self, seconds: float = REDIS_PAUSE_S) -> None:
        self.seconds = seconds
        self.until = 0.0

    def active(self) -> bool:
        return time.monotonic() < self.until

    def failed(self) -> None:
        self.until = time.monotonic() + self.seconds
