"""Rate limits: a fixed window per key, kept in this process (one per ward server)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, request
from flask.typing import ResponseReturnValue

from motcua.web import ApiError, bearer_token

# name -> (requests allowed, window in seconds)
LIMITS = {
    # A kiosk at the morning rush gives a few numbers a minute; a tout's script more.
    "issue": (60, 60),
    "login": (10, 60),
}


class Windows:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: dict[tuple[str, str, int], int] = {}

    def hit(self, name: str, key: str) -> int | None:
        """Count a request; the seconds to wait when over the limit, else None."""
        allowed, window = LIMITS[name]
        now = time.time()
        slot = int(now // window)
        with self.lock:
            if len(self.counts) > 50_000:
                self.counts = {k: v for k, v in self.counts.items() if k[2] >= slot}
            count = self.counts.get((name, key, slot), 0) + 1
            self.counts[(name, key, slot)] = count
        if count > allowed:
            return int((slot + 1) * window - now) + 1
        return None


def limited(name: str, key: Callable[[], str]) -> Callable[..., Any]:
    """Answer 429 in the API's shape once the key has used up its window."""

    def wrap(
        view: Callable[..., ResponseReturnValue],
    ) -> Callable[..., ResponseReturnValue]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> ResponseReturnValue:
            if current_app.config.get("RATELIMIT_ENABLED", True):
                windows: Windows = current_app.extensions.setdefault(
                    "motcua.ratelimit", Windows()
                )
                wait = windows.hit(name, key())
                if wait is not None:
                    raise ApiError(429, "rate_limited", retry_after=wait)
            return view(*args, **kwargs)

        return guarded

    return wrap


def by_token() -> str:
    return bearer_token() or f"ip:{request.remote_addr}"


def by_login() -> str:
    data = request.get_json(silent=True)
    username = data.get("username") if isinstance(data, dict) else None
    return f"{request.remote_addr}:{username if isinstance(username, str) else ''}"
