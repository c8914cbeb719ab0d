"""Hundreds of idle or half-sent connections from one client leave the server
serving others: a kiosk elsewhere still gets its ticket, and a request whose
head never completes is dropped after the header timeout."""

from __future__ import annotations

import http.client
import json
import os
import socket
import time

import pytest

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from tests.conftest import build_world
from tests.e2e.conftest import free_port, start_server

HALF = b"POST /api/v1/offices/demo/tickets HTTP/1.1\r\nHost: motcua\r\n"


@pytest.fixture
def server(db_url, tmp_path):
    database = Database(db_url)
    world = build_world(database, SystemClock(), "demo")
    database.dispose()
    env = {
        **os.environ,
        "MOTCUA_DATABASE_URL": db_url,
        "MOTCUA_INSTANCE_PATH": str(tmp_path / "instance"),
        "MOTCUA_RATELIMIT_ENABLED": "false",
        "MOTCUA_HEADER_TIMEOUT": "2",
    }
    live = start_server(env, free_port(), tmp_path / "server.log")
    yield live, world
    live.stop()


def _connect(port: int, source: str) -> socket.socket:
    conn = socket.create_connection(("127.0.0.1", port), 10, (source, 0))
    conn.settimeout(30)
    return conn


def _issue_from(port: int, source: str, token: str) -> int:
    conn = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0)
    )
    body = json.dumps({"service": "CT"})
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    conn.request("POST", "/api/v1/offices/demo/tickets", body, headers)
    status = conn.getresponse().status
    conn.close()
    return status


def test_a_kiosk_gets_its_ticket_beside_300_slow_connections(server):
    live, world = server
    attack = []
    for i in range(300):
        conn = _connect(live.port, "127.0.0.1")
        if i % 2:
            conn.sendall(HALF)
        attack.append(conn)
    started = time.monotonic()
    status = _issue_from(live.port, "127.0.0.2", world.kiosk_token)
    took = time.monotonic() - started
    print(f"kiosk ticket beside 300 slow connections: {took * 1000:.0f} ms")
    assert status == 201
    for conn in attack:
        conn.close()
    assert "Traceback" not in live.log.read_text()


def test_a_request_head_that_never_ends_is_dropped(server):
    live, _ = server
    conn = _connect(live.port, "127.0.0.3")
    conn.sendall(HALF)
    assert conn.recv(1024) == b""  # closed by the server, not after our 30 s
    conn.close()


def test_an_over_long_request_line_gets_the_api_error(server):
    live, _ = server
    conn = _connect(live.port, "127.0.0.4")
    conn.sendall(b"GET /" + b"x" * 20_000 + b" HTTP/1.1\r\nHost: motcua\r\n\r\n")
    answer = b""
    while chunk := conn.recv(65536):
        answer += chunk
    conn.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414")
    assert json.loads(body)["error"]["code"] == "uri_too_long"


UPGRADE = (
    "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
    "Host: motcua\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
).encode()


def _upgraded(conn: socket.socket) -> bool:
    """Whether the server took the websocket (101) rather than refusing it."""
    try:
        return conn.recv(1024).startswith(b"HTTP/1.1 101")
    except OSError:
        return False


def test_a_kiosk_gets_its_ticket_beside_200_bare_websockets(server):
    """Bare engine.io websockets that never join anything, from one address: the
    server keeps a bounded number and a kiosk elsewhere is served."""
    live, world = server
    attack = []
    for _ in range(200):
        try:
            conn = _connect(live.port, "127.0.0.5")
            conn.sendall(UPGRADE)
        except OSError:  # refused outright: the address holds its share
            continue
        attack.append(conn)
    held = sum(_upgraded(conn) for conn in attack)
    assert 0 < held <= 50  # MOTCUA_MAX_CONNECTIONS_PER_CLIENT's default
    assert _issue_from(live.port, "127.0.0.6", world.kiosk_token) == 201
    for conn in attack:
        conn.close()
