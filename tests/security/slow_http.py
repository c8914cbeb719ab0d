"""HTTP stand-ins on 127.0.0.1: one that drips its answer a byte a second, one that
answers at once. Both note what happened, for tests to wait on."""

from __future__ import annotations

import select
import socket
import threading
from typing import Any

HEAD = b"HTTP/1.1 503 Slow\r\nX-Slow: "  # a failure, even if it ends
END = b"\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"


class SlowDrip:
    """Answers every request with its head one byte a second, up to `drips` bytes,
    then ends properly; notes whether the client hung up first."""

    def __init__(self, drips: int = 30) -> None:
        self.drips = drips
        self.opened = threading.Event()  # a request arrived
        self.cut = threading.Event()  # the client hung up before the end
        self.finished = threading.Event()  # every byte went out
        self.done = threading.Event()  # either of the two
        self.released = threading.Event()  # the test is done: stop dripping
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/"
        threading.Thread(target=self._serve, daemon=True).start()

    def close(self) -> None:
        self.released.set()
        self.listener.close()

    def _serve(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        with conn:
            _request(conn)
            self.opened.set()
            conn.sendall(HEAD)
            for _ in range(self.drips):
                if self._hung_up(conn) or self.released.is_set():
                    self.cut.set()
                    self.done.set()
                    return
                conn.sendall(b".")
            conn.sendall(END)
            self.finished.set()
            self.done.set()

    @staticmethod
    def _hung_up(conn: socket.socket) -> bool:
        """Wait a second for the client; True when it closed the connection."""
        readable, _, _ = select.select([conn], [], [], 1.0)
        if not readable:
            return False
        try:
            return conn.recv(1) == b""
        except OSError:
            return True


class Quick:
    """Answers 200 at once and notes each request's body."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        self.received = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with conn:
                self.bodies.append(_request(conn))
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
                self.received.set()

    def close(self) -> None:
        self.listener.close()


def _request(conn: socket.socket) -> Any:
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    while len(body) < length:
        body += conn.recv(65536)
    return body
