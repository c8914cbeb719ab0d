"""Rate limits: a moving window per key, by the `limits` library (Flask-Limiter's core).

One ward server counts in its own memory; a city's processes share their counts in
the Redis of `MOTCUA_REDIS_URL`. A Redis that fails lets requests through: a limit is
worth less than a citizen's ticket.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, request
from flask.typing import ResponseReturnValue
from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from motcua.web import ApiError, bearer_token

log = logging.getLogger(__name__)

# name -> (requests allowed, window in seconds)
LIMITS = {
    # A kiosk at the morning rush gives a few numbers a minute; a tout's script more.
    "issue": (60, 60),
    "login": (10, 60),
}


class Windows:
    """Moving windows over every limit in LIMITS, in memory or in Redis."""

    def __init__(self, redis_url: str | None = None) -> None:
        options = (
            {"socket_timeout": 1, "socket_connect_timeout": 1} if redis_url else {}
        )
        self.storage: Storage = storage_from_string(redis_url or "memory://", **options)
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.items: dict[str, RateLimitItem] = {
            name: RateLimitItemPerSecond(allowed, window)
            for name, (allowed, window) in LIMITS.items()
        }

    def hit(self, name: str, key: str) -> int | None:
        """Count a request; the seconds to wait when over the limit, else None."""
        item = self.items[name]
        try:
            if self.limiter.hit(item, name, key):
                return None
            reset, _ = self.limiter.get_window_stats(item, name, key)
        except Exception:  # the shared store is down: let the request through
            log.warning("rate limit store unavailable", exc_info=True)
            return None
        return max(1, int(reset - time.time()) + 1)


def windows() -> Windows:
    """This app's windows, made on first use."""
    found = current_app.extensions.get("motcua.ratelimit")
    if found is None:
        found = Windows(current_app.config.get("REDIS_URL"))
        current_app.extensions["motcua.ratelimit"] = found
    return found  # type: ignore[no-any-return]


def limited(name: str, key: Callable[[], str]) -> Callable[..., Any]:
    """Answer 429 in the API's shape once the key has used up its window."""

    def wrap(
        view: Callable[..., ResponseReturnValue],
    ) -> Callable[..., ResponseReturnValue]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> ResponseReturnValue:
            if current_app.config.get("RATELIMIT_ENABLED", True):
                wait = windows().hit(name, key())
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
