"""Socket.IO: namespaces per role, rooms joined by the server, events after commit."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from typing import Any, Literal

import socketio
from flask import Flask, request
from flask_socketio import Namespace, SocketIO, emit, join_room, rooms

from motcua.core.actors import Actor
from motcua.core.auth import actor_for_token, status_link_open
from motcua.core.db import Session
from motcua.core.devices import mark_seen
from motcua.core.errors import DomainError, NotFound
from motcua.core.events import DomainEvent, view_mark
from motcua.core.lookup import office_by_slug, ticket_by_id
from motcua.core.views import snapshot, status_view
from motcua.heartbeat import Heartbeat
from motcua.redis_pause import REDIS_TIMEOUT_S, Pause
from motcua.services import app_services
from motcua.web import DEVICE_COOKIE, clock, database

log = logging.getLogger(__name__)
# Where an office's events go whole; "/status" gets them without other tickets' ids.
OFFICE_NAMESPACES = ("/display", "/counter", "/kiosk")
# (event name, message, namespaces, room)
Emit = tuple[str, dict[str, Any], tuple[str, ...], str]
DEVICE_NAMESPACES = {
    "/display": ("display",),
    "/kiosk": ("kiosk",),
    "/printer": ("printer",),
    "/counter": ("rating",),
}


def heartbeat() -> Heartbeat:
    return app_services().realtime.heartbeat


def office_room(slug: str) -> str:
    return f"office:{slug}"


def ticket_room(ticket_id: str) -> str:
    return f"ticket:{ticket_id}"


def _actor(auth: Any) -> Actor | None:
    token = auth.get("token") if isinstance(auth, dict) else None
    # Pages bound to a device carry its token in a cookie, out of reach of scripts.
    token = token or request.cookies.get(DEVICE_COOKIE)
    if not isinstance(token, str) or not 0 < len(token) <= 200:
        return None
    with database().sessions() as session:
        return actor_for_token(session, clock(), token)


def _allowed(namespace: str, actor: Actor, office_id: int) -> bool:
    if actor.kind == "device":
        kinds = DEVICE_NAMESPACES.get(namespace, ())
        return actor.office_id == office_id and actor.device_kind in kinds
    return office_id in actor.roles or actor.is_city_admin


# Socket id -> device id of the devices connected to this process (health page).
CONNECTED: dict[str, int] = {}
# Socket id -> the office it was admitted to: a client asks for that office only.
SEATED: dict[str, str] = {}
# (socket id, namespace) -> ("device" or "user", id): whom to cut off on revocation.
HOLDERS: dict[tuple[str, str], tuple[str, int | None]] = {}
REVOKE = "motcua.revoke"


def socket_id() -> str:
    """The id of the socket whose event is handled: Flask-SocketIO sets it on the
    request, which Flask's types do not know."""
    sid: str = request.sid  # type: ignore[attr-defined]
    return sid


def held_by(namespace: str, actor: Actor) -> None:
    """This socket is the actor's: revoking the actor closes it."""
    HOLDERS[(socket_id(), namespace)] = (actor.kind, actor.id)


def released(namespace: str) -> None:
    HOLDERS.pop((socket_id(), namespace), None)


def _seen(session: Session, device_id: int | None, sid: str | None) -> None:
    """Note when a device was last seen; the admin health page shows it."""
    if sid is not None and device_id is not None:
        CONNECTED[sid] = device_id
    mark_seen(session, device_id, clock().now())


seen = _seen  # for namespaces that admit devices themselves (rating tablets)


def admitted(namespace: str, actor: Actor, slug: str) -> bool:
    """The actor may follow the office in this namespace (checked before joining)."""
    with database().reading() as session:
        try:
            office = office_by_slug(session, slug)
        except NotFound:
            return False
        return _allowed(namespace, actor, office.id)


def office_snapshot(slug: str) -> dict[str, Any]:
    """The office's state, enveloped; read after joining the rooms, so an event
    committed meanwhile reaches the client too (which drops what it already has).
    Its own transaction: one begun before the join (SQLite reads a fixed picture of
    the database) would miss what was committed in between."""
    with database().reading() as session:
        office = office_by_slug(session, slug)
        data = snapshot(session, office, clock())
        settings = dict(office.settings or {})
    for dress in app_services().realtime.snapshot_decorators:
        dress(slug, data, settings)
    return _wrap(slug, data)


class OfficeNamespace(Namespace):
    """Connect with auth {"office": slug, "token": device or staff token}."""

    namespace: str  # set by python-socketio; Flask-SocketIO's stubs leave it out

    def on_connect(self, auth: Any = None) -> bool:
        slug = auth.get("office") if isinstance(auth, dict) else None
        actor = _actor(auth)
        if not isinstance(slug, str) or actor is None:
            return False
        if not admitted(self.namespace, actor, slug):
            return False
        join_room(office_room(slug))
        SEATED[socket_id()] = slug
        emit("snapshot", office_snapshot(slug))
        if actor.kind == "device":
            with database().transaction() as session:
                _seen(session, actor.id, socket_id())
        held_by(self.namespace, actor)
        heartbeat().wake()
        return True

    def on_disconnect(self, reason: Any = None) -> None:
        SEATED.pop(socket_id(), None)
        released(self.namespace)
        device_id = CONNECTED.pop(socket_id(), None)
        if device_id is not None:
            with database().transaction() as session:
                _seen(session, device_id, None)

    def on_snapshot(self, data: Any = None) -> dict[str, Any] | None:
        """Clients that saw a gap in seq ask for the whole state again."""
        slug = data.get("office") if isinstance(data, dict) else None
        seated = SEATED.get(socket_id())
        if not isinstance(slug, str) or slug != seated:
            return None
        return office_snapshot(slug)


class StatusNamespace(Namespace):
    """A ticket's live page: connect with auth {"ticket": id}; sees that ticket only."""

    namespace: str  # set by python-socketio; Flask-SocketIO's stubs leave it out

    def on_connect(self, auth: Any = None) -> bool:
        ticket_id = auth.get("ticket") if isinstance(auth, dict) else None
        if not isinstance(ticket_id, str) or len(ticket_id) > 64:
            return False
        with database().reading() as session:
            try:
                office, ticket = ticket_by_id(session, ticket_id)
            except DomainError:
                return False
            if not status_link_open(office, ticket, clock()):
                return False
            slug = office.slug
        join_room(ticket_room(ticket_id))
        join_room(office_room(slug))
        emit("snapshot", _ticket_snapshot(ticket_id))
        heartbeat().wake()
        return True

    def on_snapshot(self, data: Any = None) -> dict[str, Any] | None:
        """The ticket again, for a page that missed an event."""
        sid = socket_id()
        mine = [r for r in rooms(sid, self.namespace) if r.startswith("ticket:")]
        return _ticket_snapshot(mine[0][7:]) if mine else None


def _ticket_snapshot(ticket_id: str) -> dict[str, Any]:
    """The ticket, its office's seq, and its mark (see motcua/heartbeat.py): the
    ticket is read again after the seq, so it is at least as new."""
    with database().reading() as session:
        office, seq, view = status_view(session, ticket_id)
        return {**_wrap(office.slug, view), "seq": seq, "mark": view_mark(view)}


def _wrap(slug: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "v": 1,
        "office": slug,
        "seq": data.get("seq"),
        "at": data.get("at"),
        "data": data,
    }


# A message carrying several emits (python-socketio sends one message per emit).
BATCH = "motcua.emits"


class RedisQueue(socketio.RedisManager):  # type: ignore[misc]
    """The message queue between server processes, which never holds up a request.

    Events are published after commit from the request's thread. When Redis hangs
    or is gone, a publish gives up after REDIS_TIMEOUT_S, and for REDIS_PAUSE_S
    after that events are dropped at once instead of each waiting in turn: boards and
    consoles notice the gap in `seq` on the next event and fetch a fresh snapshot.
    Listening keeps its own connection, which waits for messages without a timeout.
    """

    connected: bool  # python-socketio's, untyped

    def __init__(self, url: str) -> None:
        super().__init__(url, channel="flask-socketio")
        self.pause = Pause()
        self.on_revoke: Callable[[list[int], list[int]], None] | None = None

    def publish_revoke(self, devices: list[int], users: list[int]) -> None:
        """Tell the other processes to drop these devices' and users' access."""
        message = {"devices": devices, "users": users}
        self._publish({"method": REVOKE, "host_id": self.host_id, **message})

    def _redis_connect(self) -> None:
        super()._redis_connect()  # the listener's connection, and the publisher's
        self.redis = self._get_redis_module().Redis.from_url(
            self.redis_url,
            socket_timeout=REDIS_TIMEOUT_S,
            socket_connect_timeout=REDIS_TIMEOUT_S,
        )

    def _publish(self, data: Any) -> Any:
        if self.pause.active():
            return None
        try:
            if not self.connected:
                self._redis_connect()
            return self.redis.publish(self.channel, self.json.dumps(data))
        except Exception as err:  # redis-py raises its own and OS errors alike
            self.connected = False
            self.pause.failed()
            log.error("cannot publish to Redis, events paused: %s", err)
            return None

    def publish_emits(self, emits: list[Emit]) -> None:
        """Tell the other processes about emits made here, in one message."""
        batch = [
            [name, data, list(namespaces), room]
            for name, data, namespaces, room in emits
        ]
        self._publish({"method": BATCH, "host_id": self.host_id, "emits": batch})

    def _listen(self) -> Iterator[Any]:
        """Messages from the queue, a batch from another process unpacked into the
        plain emits python-socketio's listener handles."""
        for raw in super()._listen():
            try:
                message = self.json.loads(raw)
            except ValueError:
                continue
            if isinstance(message, dict) and message.get("method") == REVOKE:
                self._revoked(message)
                continue
            if not isinstance(message, dict) or message.get("method") != BATCH:
                yield message
                continue
            if message.get("host_id") == self.host_id:
                continue
            for name, data, namespaces, room in message.get("emits", []):
                for namespace in namespaces:
                    yield {
                        "method": "emit",
                        "event": name,
                        "data": [data],
                        "namespace": namespace,
                        "room": room,
                        "host_id": message["host_id"],
                    }

    def _revoked(self, message: dict[str, Any]) -> None:
        if message.get("host_id") != self.host_id and self.on_revoke is not None:
            self.on_revoke(list(message["devices"]), list(message["users"]))


class Realtime:
    """Owns the Socket.IO server and maps domain events to messages."""

    def __init__(self, app: Flask) -> None:
        url = app.config.get("REDIS_URL")
        queue = {"client_manager": RedisQueue(url)} if url else {}
        self.socketio = SocketIO(
            app,
            async_mode=_async_mode(),
            ping_interval=10,
            ping_timeout=10,
            **queue,
        )
        self.app = app
        if url:
            queue["client_manager"].on_revoke = self._revoke_here
        self.socketio.on_error_default(_log_error)
        for namespace in (*OFFICE_NAMESPACES, "/printer"):
            self.socketio.on_namespace(OfficeNamespace(namespace))
        self.socketio.on_namespace(StatusNamespace("/status"))
        self.decorators: list[Any] = []
        # (office slug, snapshot data, office settings): a face adds what its pages
        # need to the live snapshot (the board: each recent call's announcement).
        self.snapshot_decorators: list[Any] = []
        self.heartbeat = Heartbeat(
            app, self.socketio, OFFICE_NAMESPACES, app.config["HEARTBEAT_S"]
        )

    @property
    def server(self) -> Any:
        """The python-socketio server inside (Flask-SocketIO's stubs leave it out)."""
        return getattr(self.socketio, "server")

    def revoke(self, devices: list[int], users: list[int]) -> None:
        """Tokens were revoked: forget cached lookups and close the sockets of
        these devices and users, here and in every other process."""
        self._revoke_here(devices, users)
        server = self.server
        if isinstance(server.manager, RedisQueue):
            server.manager.publish_revoke(devices, users)

    def _revoke_here(self, devices: list[int], users: list[int]) -> None:
        app_services(self.app).actors.clear()
        gone = {("device", d) for d in devices} | {("user", u) for u in users}
        for (sid, namespace), holder in list(HOLDERS.items()):
            if holder in gone:
                self.server.disconnect(sid, namespace=namespace)

    def publish(self, events: list[DomainEvent]) -> None:
        """Send each event to the office's rooms in every namespace.

        Other processes get all of it in one message through the queue.
        """
        emits: list[Emit] = []
        for event in events:
            message = event.envelope()
            for decorate in self.decorators:
                decorate(event, message, event.settings)
            room = office_room(event.office)
            emits.append((event.name, message, OFFICE_NAMESPACES, room))
            emits.extend(_for_status(event, message, room))
        server = self.server
        for name, data, namespaces, room in emits:
            for namespace in namespaces:
                server.emit(name, data, namespace=namespace, to=room, ignore_queue=True)
        if isinstance(server.manager, RedisQueue):
            server.manager.publish_emits(emits)


def _async_mode() -> Literal["threading", "gevent"]:
    """gevent under the gevent worker (which patched the standard library before
    the app was built), threads otherwise."""
    if "gevent" not in sys.modules:
        return "threading"
    from gevent import monkey

    return "gevent" if monkey.is_module_patched("socket") else "threading"


def _log_error(err: BaseException) -> None:
    log.error("socket handler failed", exc_info=err)


#: Events that move a queue: a status page hears of them, without their data.
QUEUE_EVENTS = (
    "ticket.issued",
    "ticket.called",
    "ticket.recalled",
    "ticket.started",
    "ticket.finished",
    "ticket.no_show",
    "ticket.cancelled",
    "ticket.transferred",
    "ticket.returned",
    "ticket.priority",
)


def _for_status(event: DomainEvent, message: dict[str, Any], room: str) -> list[Emit]:
    """For status pages: the ticket's own events (without its id) to its room;
    of other tickets only that the queue moved (a nudge to fetch its own again)."""
    emits: list[Emit] = []
    if event.ticket_id:
        own = _public(message)
        ticket = message["data"].get("ticket")
        # A ticket view has a mark; a print job names its ticket in another shape.
        if isinstance(ticket, dict) and "status" in ticket and "service" in ticket:
            own["mark"] = view_mark(ticket)
        emits.append((event.name, own, ("/status",), ticket_room(event.ticket_id)))
    if event.name in QUEUE_EVENTS:
        nudge = {k: v for k, v in message.items() if k != "data"}
        emits.append((event.name, {**nudge, "data": {}}, ("/status",), room))
    return emits


def _public(message: dict[str, Any]) -> dict[str, Any]:
    """The ticket's id stays out of what its status page receives."""
    data = dict(message["data"])
    if isinstance(data.get("ticket"), dict):
        data["ticket"] = {k: v for k, v in data["ticket"].items() if k != "id"}
    return {**message, "data": data}
