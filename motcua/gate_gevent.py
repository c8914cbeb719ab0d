"""The gate of motcua/gate.py for gunicorn's gevent worker (MOTCUA_WORKER=gevent).

A greenlet per connection instead of a thread; the same bounds: one client address
holds at most MOTCUA_MAX_CONNECTIONS_PER_CLIENT connections, a request's head must
arrive within MOTCUA_HEADER_TIMEOUT in all (the first request of a connection and
each kept-alive one after it; gthread times each read of it), a plain request's
body and answer get MOTCUA_REQUEST_TIMEOUT, an over-long request line gets 414 in
the API's shape.
"""

from __future__ import annotations

import socket
from typing import Any

import gevent
from gunicorn.http.errors import LimitRequestLine
from gunicorn.workers.ggevent import GeventWorker

from motcua.gate import HEADER_TIMEOUT_S, REQUEST_TIMEOUT_S, Gate, _header, _write_414


class BoundedGeventWorker(GeventWorker):
    def init_process(self) -> None:
        self.gate = Gate()
        super().init_process()

    def handle(self, listener: Any, client: socket.socket, addr: Any) -> None:
        host = str(addr[0]) if isinstance(addr, tuple) else ""
        if not self.gate.enter(host):
            client.close()
            return
        try:
            super().handle(listener, client, addr)
        finally:
            self.gate.leave(host)

    def timeout_ctx(self) -> Any:
        """Around the reading of each request's head (gunicorn's own: keep-alive)."""
        return gevent.Timeout(HEADER_TIMEOUT_S, False)

    def handle_request(self, listener_name: Any, req: Any, sock: Any, addr: Any) -> Any:
        upgrade = _header(req, "UPGRADE").lower() == "websocket"
        sock.settimeout(None if upgrade else REQUEST_TIMEOUT_S)
        try:
            return super().handle_request(listener_name, req, sock, addr)
        finally:
            sock.settimeout(None)

    def handle_error(
        self, req: Any, client: Any, addr: Any, exc: BaseException
    ) -> None:
        if isinstance(exc, LimitRequestLine):
            _write_414(client)
            _drain(client)
            return
        super().handle_error(req, client, addr, exc)


def _drain(client: Any, limit: int = 1 << 20) -> None:
    """Read what is left of the refused request before the socket is closed: closed
    with unread input, it resets, and the client may lose the 414 before reading
    it. A second at most between pieces, a megabyte at most."""
    try:
        client.shutdown(socket.SHUT_WR)
        client.settimeout(1.0)
        while limit > 0 and (piece := client.recv(65536)):
            limit -= len(piece)
    except OSError:
        pass
