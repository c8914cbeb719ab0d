"""HTTP to the world outside, for the core's gateways (motcua/core/gateway.py): the
SMS and Zalo gateways, an office's dossier source, the city's report endpoint.

An exchange is refused before any connection when the operator's bounds do not
allow the address; the address checked is the one connected to, so a name that
answers differently the second time cannot slip past. Every exchange ends at its
deadline, however slowly the other side drips its answer: a client library's
connect and read timeouts bound each wait, not the whole.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Mapping
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from typing import Any
from urllib.parse import SplitResult, urlsplit

from motcua.config import target_policy
from motcua.core.errors import Invalid
from motcua.core.gateway import NoAnswer, Reply
from motcua.core.targets import Address, Resolver, TargetPolicy, resolve, url_addresses

MAX_BODY = 1 << 20  # an answer is a status and a little JSON


class Outbound:
    """The core's Http: every request within the operator's bounds and a deadline."""

    def __init__(self, policy: TargetPolicy, resolver: Resolver = resolve) -> None:
        self.policy, self.resolver = policy, resolver

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
