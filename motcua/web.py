"""What every handler shares: the database, the clock, the actor, errors, publishing."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from flask import Response, g, jsonify, request
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from motcua.core.actors import Actor
from motcua.core.auth import token_holder
from motcua.core.clock import Clock
from motcua.core.db import Database, Write
from motcua.core.errors import DomainError
from motcua.core.events import DomainEvent
from motcua.core.lookup import office_by_slug
from motcua.i18n import message, office_lang
from motcua.services import app_services

T = TypeVar("T")
STATUS = {"invalid": 400, "not_found": 404, "conflict": 409, "forbidden": 403}
DEVICE_COOKIE = "motcua_device"


class ApiError(Exception):
    """An error answered as JSON: code, status, and the words for people."""

    def __init__(self, http_status: int, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.status, self.code, self.params = http_status, code, params


def database() -> Database:
    return app_services().db


def clock() -> Clock:
    return app_services().clock


def lang() -> str:
    """English when the client prefers it, Vietnamese otherwise."""
    best = request.accept_languages.best_match(["vi", "en"], default="vi")
    return "en" if best == "en" else "vi"


def error_response(
    http_status: int, code: str, /, **params: Any
) -> tuple[Response, int]:
    body = {"error": {"code": code, "message": message(code, lang(), **params)}}
    return jsonify(body), http_status


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return request.cookies.get(DEVICE_COOKIE)


def current_actor() -> Actor:
    """The device or staff member behind the request's token, or a 401."""
    actor = optional_actor()
    if actor is None:
        raise ApiError(401, "unauthenticated")
    return actor


def optional_actor() -> Actor | None:
    """The device or staff member behind the request's token, looked up once."""
    if "actor" not in g:
        token = bearer_token()
        actor = None
        if token and len(token) <= 200:
            actor = _cached_actor(token)
        g.actor = actor
    return g.actor  # type: ignore[no-any-return]


# Every change that ends or narrows a token (a device revoked, staff removed,
# deactivated, given a new password or role, a sign-out, a restore) forgets the
# cached lookups at once in every process (`forget_actors`, through Redis in a
# city); the ttl only bounds how long a lookup lives if that message is lost.
ACTOR_TTL_S = 60.0


def _cached_actor(token: str) -> Actor | None:
    """Token lookups are cached for ACTOR_TTL_S, never past a staff token's end."""
    cache = app_services().actors
    now = time.monotonic()
    hit = cache.get(token)
    if hit is not None and hit[0] > now:
        return hit[1]
    with database().reading() as session:
        actor, until = token_holder(session, clock(), token)
    life = ACTOR_TTL_S
    if until is not None:
        life = min(life, (until - clock().now()).total_seconds())
    if len(cache) > 10_000:
        cache.clear()
    cache[token] = (now + life, actor)
    return actor


def forget_actors(devices: Iterable[int] = (), users: Iterable[int] = ()) -> None:
    """After a revocation: cached token lookups are dropped and the sockets of
    these devices and users closed, in this process and every other one."""
    held = app_services()
    held.actors.clear()
    held.realtime.revoke(list(devices), list(users))


def publish(events: list[DomainEvent]) -> None:
    if events:
        app_services().realtime.publish(events)


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except DomainError as err:
        raise ApiError(STATUS[err.kind], err.code, **err.params) from err
    except OperationalError as err:
        raise ApiError(503, "unavailable") from err


def run(operation: Write[T]) -> T:
    """Run a write in one transaction; publish its events only after commit."""
    with _translated():
        result, events = database().unit_of_work(operation)
    publish(events)
    return result


def read(operation: Callable[[Session], T]) -> T:
    """Run a read-only operation."""
    with _translated(), database().reading() as session:
        return operation(session)


def staff_lang(office: str) -> str:
    """The office's chosen language, whatever the browser's (Vietnamese if unknown)."""
    try:
        return office_lang(read(lambda s: office_by_slug(s, office).settings))
    except ApiError:
        return "vi"
