"""One server process holds 2,000 board sockets, and a call reaches every one.

The boards here are plain TCP sockets speaking just enough WebSocket, Engine.IO and
Socket.IO to join /display, all in one thread of the test: 2,000 full clients would
cost the test process far more than the server it is testing.
"""

from __future__ import annotations

import base64
import json
import os
import selectors
import socket
import struct
import time
from collections.abc import Callable

import pytest
import requests

from tests.e2e.conftest import start_server

BOARDS = 2000


class RawBoard:
    """A /display socket: upgrade, join the office, then collect text frames."""

    def __init__(self, port: int, token: str) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                f"Host: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        self.sock.setblocking(False)
        self.token = token
        self.buffer = b""
        self.upgraded = False
        self.joined = False
        self.texts: list[str] = []

    def readable(self) -> None:
        """Read what arrived; answer pings; note joining and every event."""
        try:
            data = self.sock.recv(65536)
        except BlockingIOError:
            return
        if not data:
            raise ConnectionError("the server closed a board")
        self.buffer += data
        if not self.upgraded:
            head, sep, rest = self.buffer.partition(b"\r\n\r\n")
            if not sep:
                return
            assert head.startswith(b"HTTP/1.1 101"), head[:80]
            self.upgraded, self.buffer = True, rest
        for text in self._frames():
            self._handle(text)

    def _handle(self, text: str) -> None:
        if text.startswith("0"):  # Engine.IO open: join the office's board room
            auth = {"office": "demo", "token": self.token}
            self.send("40/display," + json.dumps(auth))
        elif text == "2":  # Engine.IO ping
            self.send("3")
        elif text.startswith("40/display,"):
            self.joined = True
        else:
            self.texts.append(text)

    def _frames(self) -> list[str]:
        texts = []
        while len(self.buffer) >= 2:
            length, start = self.buffer[1] & 0x7F, 2
            if length == 126:
                if len(self.buffer) < 4:
                    break
                length, start = struct.unpack("!H", self.buffer[2:4])[0], 4
            elif length == 127:
                if len(self.buffer) < 10:
                    break
                length, start = struct.unpack("!Q", self.buffer[2:10])[0], 10
            if len(self.buffer) < start + length:
                break
            payload = self.buffer[start : start + length]
            if self.buffer[0] & 0x0F == 1:  # text (the server sends no fragments)
                texts.append(payload.decode())
            self.buffer = self.buffer[start + length :]
        return texts

    def send(self, text: str) -> None:
        """One masked text frame (a client must mask what it sends)."""
        payload, mask = text.encode(), os.urandom(4)
        size = len(payload)
        head = bytes([0x81])
        if size < 126:
            head += bytes([0x80 | size])
        else:
            head += bytes([0x80 | 126]) + struct.pack("!H", size)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.setblocking(True)
        self.sock.sendall(head + mask + masked)
        self.sock.setblocking(False)


def wait_for(
    boards: list[RawBoard], done: Callable[[RawBoard], bool], seconds: float
) -> None:
    """Serve the boards' sockets until `done(board)` holds for every board."""
    selector = selectors.DefaultSelector()
    for board in boards:
        selector.register(board.sock, selectors.EVENT_READ, board)
    deadline = time.monotonic() + seconds
    try:
        while not all(done(b) for b in boards) and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=1):
                key.data.readable()
    finally:
        selector.close()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_two_thousand_boards_on_one_process_all_hear_a_call(live):
    server, ours, _ = live
    server.stop()
    # Room for a thread per websocket (under MOTCUA_WORKER=gthread), and every board
    # from this one address: the operator behind one NAT raises the per-address cap.
    env = {**server.env, "MOTCUA_MAX_CONNECTIONS_PER_CLIENT": str(BOARDS + 100)}
    big = start_server(env, server.port, server.log, threads=BOARDS + 60)
    boards: list[RawBoard] = []
    try:
        while len(boards) < BOARDS:
            batch = [RawBoard(big.port, ours.display_token) for _ in range(200)]
            boards += batch
            # Every board so far is served: each answers the server's pings.
            wait_for(boards, lambda b: b.joined, 120)
            joined = sum(b.joined for b in boards)
            assert joined == len(boards), f"{joined} of {len(boards)} boards joined"
        assert big.process.poll() is None
        workers = _children(big.process.pid)
        assert len(workers) == 1, "the boards are held by one worker process"

        staff = requests.post(
            big.url + "/api/v1/auth/token",
            json={"username": "demo-staff", "password": "matkhau123"},
            timeout=30,
        ).json()["token"]
        issued = requests.post(
            big.url + "/api/v1/offices/demo/tickets",
            json={"service": "CT"},
            headers={"Authorization": f"Bearer {ours.kiosk_token}"},
            timeout=30,
        )
        assert issued.status_code == 201
        called = requests.post(
            big.url + "/api/v1/offices/demo/counters/1/call-next",
            headers={"Authorization": f"Bearer {staff}"},
            timeout=30,
        )
        assert called.status_code == 200
        ticket = called.json()["id"]

        def heard(board: RawBoard) -> bool:
            return any("ticket.called" in t and ticket in t for t in board.texts)

        wait_for(boards, heard, 120)
        missing = sum(not heard(b) for b in boards)
        assert missing == 0, f"{missing} of {BOARDS} boards missed the call"
    finally:
        for board in boards:
            board.sock.close()
        big.stop()


def _children(pid: int) -> list[int]:
    path = f"/proc/{pid}/task/{pid}/children"
    with open(path) as handle:
        return [int(p) for p in handle.read().split()]
