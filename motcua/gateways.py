"""HTTP to the world outside, for the core's gateways (motcua/core/gateway.py): the
SMS and Zalo gateways, an office's dossier source, the city's report endpoint.

An exchange is refused before any connection when the operator's bounds do not
allow the address; the address checked is the one connected to, so a name that
answers differently the second time cannot slip past. Every exchange ends at its
deadline, however slowly the other side drips its answer: a client library's
connect and read timeouts bound each wait, not the whole. An office's dossier
look-ups go in a lane of a few at a time (MOTCUA_LOOKUPS_PER_OFFICE): one more is
refused at once as "busy", so a slow source holds its own office's share of the
server's threads or greenlets, never all of them.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, nullcontext
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from typing import Any
from urllib.parse import SplitResult, urlsplit

from motcua.config import target_policy
from motcua.core.errors import Invalid
from motcua.core.gateway import NoAnswer, Reply
from motcua.core.targets import Address, Resolver, TargetPolicy, resolve, url_addresses

MAX_BODY = 1 << 20  # an answer is a status and a little JSON
LOOKUPS_PER_OFFICE = 4  # dossier look-ups of one office at once, by default


class Lanes:
    """At most `size` exchanges at once in each lane (an office); one more is
    refused at once (NoAnswer("busy")), never queued behind the slow ones."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._lanes: dict[tuple[str, int], threading.BoundedSemaphore] = {}

    @contextmanager
    def enter(self, lane: str, size: int) -> Iterator[None]:
        with self._lock:
            room = self._lanes.setdefault(
                (lane, size), threading.BoundedSemaphore(size)
            )
        if not room.acquire(blocking=False):
            raise NoAnswer("busy")
        try:
            yield
        finally:
            room.release()


LOOKUPS = Lanes()  # the server process's dossier look-ups, a lane per office


class Outbound:
    """The core's Http: every request within the operator's bounds and a deadline;
    with a lane, at most `size` of the lane's requests at once."""

    def __init__(
        self,
        policy: TargetPolicy,
        resolver: Resolver = resolve,
        lane: tuple[str, int] | None = None,
    ) -> None:
        self.policy, self.resolver, self.lane = policy, resolver, lane

    def __call__(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str],
        body: bytes | None = None,
        deadline: float,
    ) -> Reply:
        try:
            addresses = url_addresses(url, self.policy, self.resolver)
        except Invalid:
            raise NoAnswer("not_allowed") from None
        with LOOKUPS.enter(*self.lane) if self.lane else nullcontext():
            return self._exchange(method, url, addresses, headers, body, deadline)

    def _exchange(
        self,
        method: str,
        url: str,
        addresses: list[Address],
        headers: Mapping[str, str],
        body: bytes | None,
        deadline: float,
    ) -> Reply:
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection = _connection(parts, addresses, deadline)
        cut = threading.Event()
        timer = threading.Timer(deadline, _cut, (connection, cut))
        timer.daemon = True
        timer.start()
        try:
            connection.connect()
            if cut.is_set():  # the deadline came while connecting
                raise TimeoutError
            connection.request(method, path, body=body, headers=dict(headers))
            response = connection.getresponse()
            reply = Reply(response.status, response.read(MAX_BODY))
            if cut.is_set():  # a cut head or body can read as a whole one
                raise TimeoutError
            return reply
        except (OSError, HTTPException) as err:
            raise NoAnswer(_reason(err, cut)) from err
        finally:
            timer.cancel()
            connection.close()


def for_app(config: Mapping[str, Any]) -> Outbound:
    """The outbound HTTP of a server with this configuration."""
    return Outbound(target_policy(config))


def for_lookups(config: Mapping[str, Any], office: str) -> Outbound:
    """The outbound HTTP of an office's dossier look-ups: in the office's lane."""
    size = int(config.get("LOOKUPS_PER_OFFICE") or LOOKUPS_PER_OFFICE)
    return Outbound(target_policy(config), lane=(office, size))


def _connection(parts: SplitResult, addresses: list[Address], timeout: float) -> Any:
    host, port = parts.hostname or "", parts.port
    if parts.scheme == "https":
        context = ssl.create_default_context()
        connection: Any = HTTPSConnection(host, port, timeout=timeout, context=context)
    else:
        connection = HTTPConnection(host, port, timeout=timeout)

    def pinned(where: tuple[str, int], *args: Any) -> socket.socket:
        # The checked addresses, in turn, while Host and TLS still name the host.
        for address in addresses[:-1]:
            try:
                return socket.create_connection((str(address), where[1]), *args)
            except OSError:
                continue
        return socket.create_connection((str(addresses[-1]), where[1]), *args)

    connection._create_connection = pinned
    return connection


def _cut(connection: Any, cut: threading.Event) -> None:
    """At the deadline: end the exchange, whatever it is waiting for."""
    cut.set()
    sock = connection.sock
    if sock is not None:
        try:  # the plain socket's shutdown: a blocked read returns at once
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:
            pass


def _reason(err: BaseException, cut: threading.Event) -> str:
    if cut.is_set() or isinstance(err, TimeoutError):
        return "deadline"
    if isinstance(err, ConnectionRefusedError):
        return "refused"
    return "unreachable"
