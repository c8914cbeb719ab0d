"""The /counter namespace: staff consoles and rating terminals, live.

Commands arrive as `command` events `{"id", "action", "counter", ...}` and are
answered in the acknowledgement: `{"ok": true, "result": ...}` or
`{"ok": false, "error": {"code", "message"}}`, the same results as the REST calls.

A client retries a command it got no answer for (timeout, reconnect) with the same
id. The first answer is remembered for a while per process (`Remembered`), so the
retry gets it again instead of a second effect; a retry that races the first run
waits for it. Websockets stay on one process for a connection, and one ward runs
one process; across processes (a city behind Redis) a retry after a reconnect may
land elsewhere: then the state machine's 409 still stops a second finish, start,
no-show or recall of the same ticket, but not a second call-next.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, request
from flask_socketio import emit, join_room
from sqlalchemy.orm import Session

from counter.actions import ACTIONS, READ_ONLY
from motcua.core.actors import Actor
from motcua.core.auth import actor_for_token
from motcua.core.console import console_state
from motcua.core.errors import DomainError, NotFound
from motcua.core.lookup import office_by_slug
from motcua.core.models import Counter
from motcua.core.views import snapshot
from motcua.i18n import message
from motcua.realtime import OfficeNamespace, office_room
from motcua.web import DEVICE_COOKIE, ApiError, clock, database, run

REMEMBER_S = 600.0
MAX_REMEMBERED = 20_000
TRANSIENT = {"unavailable", "busy_retry"}


@dataclass
class _Entry:
    at: float
    done: threading.Event = field(default_factory=threading.Event)
    answer: dict[str, Any] | None = None


class Remembered:
    """Answers of commands by (who, command id), kept REMEMBER_S seconds."""

    def __init__(self, ttl: float = REMEMBER_S) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._entries: dict[tuple[Any, str], _Entry] = {}

    def once(
        self, key: tuple[Any, str], work: Callable[[], dict[str, Any]]
    ) -> dict[str, Any]:
        """The answer of the first run of this key; work runs at most once."""
        with self._lock:
            self._prune(time.monotonic())
            entry = self._entries.get(key)
            first = entry is None
            if entry is None:
                entry = self._entries[key] = _Entry(time.monotonic())
        if not first:
            if entry.done.wait(30) and entry.answer is not None:
                return entry.answer
            return _error("command_pending")
        try:
            entry.answer = work()
        finally:
            entry.done.set()
            if entry.answer is None or _code(entry.answer) in TRANSIENT:
                with self._lock:
                    self._entries.pop(key, None)
        return entry.answer

    def _prune(self, now: float) -> None:
        old = [k for k, e in self._entries.items() if now - e.at > self.ttl]
        for key in old:
            del self._entries[key]
        while len(self._entries) > MAX_REMEMBERED:
            del self._entries[next(iter(self._entries))]


class SharedRemembered:
    """The same, kept in Redis: with several server processes a console that
    reconnects to another process still gets the first answer of its retry."""

    PREFIX = "motcua:counter-command:"

    def __init__(self, url: str, ttl: float = REMEMBER_S) -> None:
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=5)
        self.ttl = int(ttl)
        self.local = Remembered(ttl)

    def once(
        self, key: tuple[Any, str], work: Callable[[], dict[str, Any]]
    ) -> dict[str, Any]:
        """The answer of the first run of this key in any process."""
        import redis

        name = self.PREFIX + hashlib.sha256(repr(key).encode()).hexdigest()
        try:
            return self._once(name, work)
        except redis.RedisError:
            # Redis away: this process's memory still stops a double effect here.
            return self.local.once(key, work)

    def _once(self, name: str, work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if self.redis.set(name, "", nx=True, ex=self.ttl):
            answer: dict[str, Any] | None = None
            try:
                answer = work()
            finally:
                if answer is None or _code(answer) in TRANSIENT:
                    self.redis.delete(name)
                else:
                    self.redis.set(name, json.dumps(answer), ex=self.ttl)
            return answer
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            raw = self.redis.get(name)
            if raw is None:  # the first run failed for a passing reason: run it now
                return self._once(name, work)
            if raw:
                return json.loads(raw)  # type: ignore[no-any-return]
            time.sleep(0.05)
        return _error("command_pending")


def _code(answer: dict[str, Any]) -> str | None:
    error = answer.get("error")
    return error.get("code") if isinstance(error, dict) else None


def _lang() -> str:
    best = request.accept_languages.best_match(["vi", "en"], default="vi")
    return "en" if best == "en" else "vi"


def _error(code: str, **params: Any) -> dict[str, Any]:
    return {
        "ok": False,
        "error": {"code": code, "message": message(code, _lang(), **params)},
    }


@dataclass(frozen=True)
class Client:
    """Who sits behind one socket: a staff console at a counter, or a rating tablet."""

    office: str
    token: str
    counter: int | None
    rating: bool


def _actor(token: str) -> Actor | None:
    with database().sessions() as session:
        return actor_for_token(session, clock(), token)


def _token(auth: dict[str, Any]) -> str | None:
    token = auth.get("token") or request.cookies.get(DEVICE_COOKIE)
    return token if isinstance(token, str) and 0 < len(token) <= 200 else None


class CounterNamespace(OfficeNamespace):
    """Staff connect with {"office", "token", "counter"}; rating tablets by cookie."""

    def __init__(self, namespace: str = "/counter") -> None:
        super().__init__(namespace)
        self.clients: dict[str, Client] = {}
        self.remembered: Remembered | SharedRemembered | None = None

    def on_connect(self, auth: Any = None) -> bool:
        auth = auth if isinstance(auth, dict) else {}
        slug, token, number = auth.get("office"), _token(auth), auth.get("counter")
        if not isinstance(slug, str) or token is None:
            return False
        if number is not None and (
            isinstance(number, bool) or not isinstance(number, int)
        ):
            return False
        actor = _actor(token)
        if actor is None:
            return False
        try:
            client, state = self._admit(actor, slug, token, number)
        except DomainError:
            return False
        self.clients[request.sid] = client  # type: ignore[attr-defined]
        join_room(office_room(slug))
        emit("snapshot", _wrap(slug, state))
        return True

    def _admit(
        self, actor: Actor, slug: str, token: str, number: int | None
    ) -> tuple[Client, dict[str, Any]]:
        with database().transaction() as session:
            office = office_by_slug(session, slug)
            if actor.kind == "device":
                counter = _rating_counter(session, actor, office.id)
                client = Client(slug, token, counter.number, rating=True)
                return client, _rating_state(
                    snapshot(session, office, clock()), counter
                )
            if number is None:
                raise NotFound("unknown_counter", counter=number)
            state = console_state(session, office, actor, clock(), number)
            return Client(slug, token, number, rating=False), state

    def on_disconnect(self, *args: Any) -> None:
        self.clients.pop(request.sid, None)  # type: ignore[attr-defined]

    def on_snapshot(self, data: Any = None) -> dict[str, Any] | None:
        """The console's whole state again (after a gap in seq or a reconnect)."""
        client = self.clients.get(request.sid)  # type: ignore[attr-defined]
        if client is None or client.rating:
            return None
        answer = self._run(client, "state", {})
        return _wrap(client.office, answer["result"]) if answer["ok"] else None

    def on_command(self, data: Any = None) -> dict[str, Any]:
        """One staff command; the acknowledgement carries its result."""
        client = self.clients.get(request.sid)  # type: ignore[attr-defined]
        if client is None or client.rating:
            return _error("not_allowed")
        if not isinstance(data, dict):
            return _error("bad_request")
        action, command_id = data.get("action"), data.get("id")
        if action not in ACTIONS:
            return _error("unknown_command", action=str(action)[:40])
        if action in READ_ONLY or not isinstance(command_id, str):
            return self._run(client, action, data)
        key = (client.token, command_id[:100])
        return self._memory().once(key, lambda: self._run(client, action, data))

    def _memory(self) -> Remembered | SharedRemembered:
        if self.remembered is None:
            url = current_app.config.get("REDIS_URL")
            self.remembered = SharedRemembered(url) if url else Remembered()
        return self.remembered

    def _run(self, client: Client, action: str, args: dict[str, Any]) -> dict[str, Any]:
        actor = _actor(client.token)
        if actor is None:
            return _error("unauthenticated")
        number = client.counter
        work = ACTIONS[action]
        try:
            result = run(lambda s: work(s, actor, clock(), client.office, number, args))
        except ApiError as err:
            return _error(err.code, **err.params)
        return {"ok": True, "result": result}


def _rating_counter(session: Session, actor: Actor, office_id: int) -> Counter:
    """The counter a rating tablet is bound to; other devices are refused."""
    if actor.device_kind != "rating" or actor.office_id != office_id:
        raise NotFound("not_allowed")
    counter = session.get(Counter, actor.counter_id) if actor.counter_id else None
    if counter is None or counter.office_id != office_id:
        raise NotFound("unknown_counter", counter=None)
    return counter


def _rating_state(state: dict[str, Any], counter: Counter) -> dict[str, Any]:
    """A rating tablet sees its own counter only."""
    mine = [c for c in state["counters"] if c["number"] == counter.number]
    return {
        "office": state["office"],
        "seq": state["seq"],
        "at": state["at"],
        "counter": mine[0] if mine else None,
    }


def _wrap(slug: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "v": 1,
        "office": slug,
        "seq": data.get("seq"),
        "at": data.get("at"),
        "data": data,
    }


__all__ = ["CounterNamespace", "Remembered"]
