"""The /counter namespace: staff consoles and rating terminals, live.

Commands arrive as `command` events `{"id", "action", "counter", ...}` and are
answered in the acknowledgement: `{"ok": true, "result": ...}` or
`{"ok": false, "error": {"code", "message"}}`, the same results as the REST calls.

A client retries a command it got no answer for (timeout, reconnect) with the same
id: the first answer is given again instead of a second effect, in any process of a
city (`motcua.remembered`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request
from flask_socketio import emit, join_room
from sqlalchemy.orm import Session

from counter.actions import ACTIONS, READ_ONLY
from motcua import realtime
from motcua.api.validate import parsed
from motcua.core.actors import Actor
from motcua.core.auth import actor_for_token
from motcua.core.console import console_state
from motcua.core.counters import sign_in
from motcua.core.errors import DomainError, NotFound
from motcua.core.events import DomainEvent
from motcua.core.lookup import office_by_slug
from motcua.core.models import Counter
from motcua.core.views import snapshot
from motcua.i18n import message
from motcua.realtime import (
    OfficeNamespace,
    admitted,
    heartbeat,
    held_by,
    office_room,
    socket_id,
)
from motcua.remembered import error_code, remembered
from motcua.web import DEVICE_COOKIE, ApiError, clock, database, publish, run

# A command's own keys, next to the arguments its model reads.
ENVELOPE = ("id", "action")


def _lang() -> str:
    """The office's language the console sends (?lang=), never the browser's."""
    chosen = request.args.get("lang")
    return chosen if chosen in ("vi", "en") else "vi"


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
        if actor is None or not admitted(self.namespace, actor, slug):
            return False
        join_room(office_room(slug))  # before the state is read: no event falls between
        try:
            client, state, events = self._admit(actor, slug, token, number)
        except DomainError:
            return False
        publish(events)
        self.clients[socket_id()] = client
        held_by(self.namespace, actor)
        if actor.kind == "device":  # a rating tablet: the health page shows it live
            with database().transaction() as session:
                realtime.seen(session, actor.id, socket_id())
        emit("snapshot", _wrap(slug, state))
        heartbeat().wake()
        return True

    def _admit(
        self, actor: Actor, slug: str, token: str, number: int | None
    ) -> tuple[Client, dict[str, Any], list[DomainEvent]]:
        with database().transaction() as session:
            office = office_by_slug(session, slug)
            if actor.kind == "device":
                counter = _rating_counter(session, actor, office.id)
                client = Client(slug, token, counter.number, rating=True)
                state = _rating_state(snapshot(session, office, clock()), counter)
                return client, state, []
            if number is None:
                raise NotFound("unknown_counter", counter=number)
            # Signing in at a counter's console staffs it.
            events = sign_in(session, office, actor, clock(), number)
            state = console_state(session, office, actor, clock(), number)
            return Client(slug, token, number, rating=False), state, events

    def on_disconnect(self, *args: Any) -> None:
        self.clients.pop(socket_id(), None)
        super().on_disconnect()  # released, and a rating tablet's last sight noted

    def on_snapshot(self, data: Any = None) -> dict[str, Any] | None:
        """The console's whole state again (after a gap in seq or a reconnect)."""
        client = self.clients.get(socket_id())
        if client is None or client.rating:
            return None
        answer = self._run(client, "state", {})
        return _wrap(client.office, answer["result"]) if answer["ok"] else None

    def on_command(self, data: Any = None) -> dict[str, Any]:
        """One staff command; the acknowledgement carries its result."""
        client = self.clients.get(socket_id())
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
        answer = remembered().once(key, lambda: self._run(client, action, data))
        if error_code(answer) == "command_pending":
            return _error("command_pending")
        return answer

    def _run(self, client: Client, action: str, args: dict[str, Any]) -> dict[str, Any]:
        actor, number = _actor(client.token), client.counter
        if actor is None:
            return _error("unauthenticated")
        if number is None:  # a rating tablet: it sends no commands
            return _error("not_allowed")
        model, work = ACTIONS[action]
        fields = {k: v for k, v in args.items() if k not in ENVELOPE}
        try:
            checked = parsed(model, fields)
            result = run(
                lambda s: work(s, actor, clock(), client.office, number, checked)
            )
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


__all__ = ["CounterNamespace"]
