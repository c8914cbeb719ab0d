"""Rate limits: a moving window per key, by the `limits` library (Flask-Limiter's core).

One ward server counts in its own memory; a city's processes share their counts in
the Redis of `MOTCUA_REDIS_URL`. A Redis that fails lets the request through (a limit
is worth less than a citizen's ticket), and the process then counts on its own for a
while.
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
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from motcua.redis_pause import REDIS_TIMEOUT_S, Pause
from motcua.services import app_services
from motcua.web import ApiError, bearer_token

log = logging.getLogger(__name__)

# name -> (requests allowed, window in seconds)
LIMITS = {
    # A kiosk at the morning rush gives a few numbers a minute; a tout's script more.
    "issue": (60, 60),
    "login": (10, 60),
    # One account from any address, and one address for any account.
    "login_account": (20, 300),
    "login_address": (30, 60),
    # A screen asks for a pairing code when it starts; a script asks for thousands.
    "pair": (20, 60),
}


class Windows:
    """Moving windows over every limit in LIMITS, in memory or in Redis.

    A Redis that hangs holds a request up for REDIS_TIMEOUT_S once; then for
    REDIS_PAUSE_S the process counts in its own memory instead of asking it again.
    """

    def __init__(self, redis_url: str | None = None) -> None:
        self.local = MovingWindowRateLimiter(MemoryStorage())
        self.limiter = self.local
        if redis_url:
            storage = storage_from_string(
                redis_url,
                socket_timeout=REDIS_TIMEOUT_S,
                socket_connect_timeout=REDIS_TIMEOUT_S,
            )
            if not isinstance(storage, Storage):  # an asyncio scheme: no use to Flask
                raise ValueError(f"a synchronous Redis URL is needed: {redis_url}")
            self.limiter = MovingWindowRateLimiter(storage)
        self.pause = Pause()
        self.items: dict[str, RateLimitItem] = {
            name: RateLimitItemPerSecond(allowed, window)
            for name, (allowed, window) in LIMITS.items()
        }

    def hit(self, name: str, key: str) -> int | None:
        """Count a request; the seconds to wait when over the limit, else None."""
        item = self.items[name]
        limiter = self.local if self.pause.active() else self.limiter
        try:
            if limiter.hit(item, name, key):
                return None
            reset, _ = limiter.get_window_stats(item, name, key)
        except Exception:  # the shared store is down: let the request through
            log.warning("rate limit store unavailable", exc_info=True)
            self.pause.failed()
            return None
        return max(1, int(reset - time.time()) + 1)


def windows() -> Windows:
    """This app's windows, made on first use."""
    held = app_services()
    if held.ratelimit is None:
        held.ratelimit = Windows(current_app.config.get("REDIS_URL"))
    return held.ratelimit


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


def by_address() -> str:
    return f"ip:{request.remote_addr}"


def check_login(username: str) -> None:
    """429 (ApiError) once this address and account, the account from anywhere,
    or this address for any account has tried to sign in too often."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return
    address = request.remote_addr or ""
    keys = (
        ("login", f"{address}:{username}"),
        ("login_account", username.strip().lower()),
        ("login_address", address),
    )
    for name, key in keys:
        wait = windows().hit(name, key)
        if wait is not None:
            raise ApiError(429, "rate_limited", retry_after=wait)


class TrustedProxies:
    """X-Forwarded-For and -Proto honoured only from the operator's proxies
    (MOTCUA_TRUSTED_PROXIES), so limits count the client, not the proxy."""

    def __init__(self, app: Any, proxies: set[str]) -> None:
        from werkzeug.middleware.proxy_fix import ProxyFix

        self.app = app
        self.proxies = proxies
        self.fixed = ProxyFix(app, x_for=1, x_proto=1)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("REMOTE_ADDR") in self.proxies:
            return self.fixed(environ, start_response)
        return self.app(environ, start_response)


def trust_proxies(app: Any) -> None:
    raw = str(app.config.get("TRUSTED_PROXIES") or "")
    proxies = {p.strip() for p in raw.split(",") if p.strip()}
    if proxies:
        app.wsgi_app = TrustedProxies(app.wsgi_app, proxies)
