"""gunicorn's gthread worker, bounded against slow and greedy clients.

- A request's line and headers must arrive within MOTCUA_HEADER_TIMEOUT seconds
  (10): a client that sends half a request and waits is dropped, not waited on by
  a thread. A plain request's body and answer get MOTCUA_REQUEST_TIMEOUT (60); a
  websocket, once upgraded, has no socket timeout (Socket.IO pings it instead).
- One client address holds at most MOTCUA_MAX_CONNECTIONS_PER_CLIENT (50)
  connections; more are closed at once. The addresses in MOTCUA_TRUSTED_PROXIES
  (a reverse proxy: it bounds its own clients) are not counted.
- An over-long request line gets 414 in the API's error shape.

Each open websocket still holds one thread of the worker (gthread); the thread
count (`motcua serve --threads`, 200) and the per-address limit bound them.
"""

from __future__ import annotations

import json
import os
import socket
import threading
from typing import Any, cast

from gunicorn import util
from gunicorn.http.errors import LimitRequestLine
from gunicorn.workers.gthread import TConn, ThreadWorker


def _number(name: str, default: float) -> float:
    return float(os.environ.get("MOTCUA_" + name) or default)


HEADER_TIMEOUT_S = _number("HEADER_TIMEOUT", 10)
REQUEST_TIMEOUT_S = _number("REQUEST_TIMEOUT", 60)
MAX_PER_CLIENT = int(_number("MAX_CONNECTIONS_PER_CLIENT", 50))
TRUSTED = {
    a.strip() for a in os.environ.get("MOTCUA_TRUSTED_PROXIES", "").split(",") if a
}


class Gate:
    """Open connections per client address."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open: dict[str, int] = {}

    def enter(self, address: str) -> bool:
        if address in TRUSTED:
            return True
        with self.lock:
            if self.open.get(address, 0) >= MAX_PER_CLIENT:
                return False
            self.open[address] = self.open.get(address, 0) + 1
            return True

    def leave(self, address: str) -> None:
        if address in TRUSTED:
            return
        with self.lock:
            left = self.open.get(address, 1) - 1
            if left > 0:
                self.open[address] = left
            else:
                self.open.pop(address, None)


class TimedSocket:
    """A client socket whose blocking reads time out while a request's head is
    read (a read that times out then reads as the client having gone)."""

    def __init__(self, sock: socket.socket, address: str, gate: Gate) -> None:
        self._sock = sock
        self._address = address
        self._gate: Gate | None = gate
        self.timeout = HEADER_TIMEOUT_S

    def setblocking(self, flag: bool) -> None:
        if flag:
            self._sock.settimeout(self.timeout)
        else:
            self._sock.setblocking(False)

    def recv(self, *args: Any) -> bytes:
        try:
            return self._sock.recv(*args)
        except TimeoutError:
            if self.timeout != HEADER_TIMEOUT_S:
                raise
            return b""

    def close(self) -> None:
        gate, self._gate = self._gate, None
        if gate is not None:
            gate.leave(self._address)
        self._sock.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class BoundedWorker(ThreadWorker):
    def init_process(self) -> None:
        self.gate = Gate()
        super().init_process()

    def accept(self, listener: socket.socket) -> None:
        try:
            client, address = listener.accept()
        except OSError:
            return
        host = str(address[0]) if isinstance(address, tuple) else ""
        if not self.gate.enter(host):
            util.close(client)
            return
        self.nr_conns += 1
        client.setblocking(True)
        # The wrapper stands in for the socket: it passes on what it does not time.
        timed = cast(socket.socket, TimedSocket(client, host, self.gate))
        self.enqueue_req(TConn(self.cfg, timed, address, listener.getsockname()))

    def handle_request(self, req: Any, conn: Any) -> Any:
        upgrade = _header(req, "UPGRADE").lower() == "websocket"
        conn.sock.timeout = None if upgrade else REQUEST_TIMEOUT_S
        conn.sock.setblocking(True)
        try:
            return super().handle_request(req, conn)
        finally:
            conn.sock.timeout = HEADER_TIMEOUT_S

    def handle_error(
        self, req: Any, client: Any, addr: Any, exc: BaseException
    ) -> None:
        if isinstance(exc, LimitRequestLine):
            _write_414(client)
            return
        super().handle_error(req, client, addr, exc)


def _header(req: Any, name: str) -> str:
    return next((value for key, value in req.headers if key == name), "")


def _write_414(client: Any) -> None:
    from motcua.i18n import MESSAGES

    body = json.dumps(
        {"error": {"code": "uri_too_long", "message": MESSAGES["uri_too_long"][0]}},
        ensure_ascii=False,
    ).encode()
    head = (
        "HTTP/1.1 414 URI Too Long\r\nConnection: close\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    try:
        util.write_nonblock(client, head.encode() + body)
    except OSError:
        pass
