"""The city push and the dossier source reach the outside only: the server's own
ports (Redis) and the cloud metadata address are refused unless the operator
allows private addresses."""

from __future__ import annotations

import socket
import threading

import pytest

from motcua.admin.scheduler import PushFailed, post_json
from motcua.config import env_policy
from motcua.core import dossiers
from motcua.core.targets import TargetPolicy
from motcua.gateways import Outbound

CODE = "38.98.H29-210519-0013"


@pytest.fixture
def listener():
    """A local port that notes whether anybody connected."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)
    yield server
    server.close()


def _contacted(server: socket.socket) -> bool:
    try:
        server.accept()[0].close()
    except TimeoutError:
        return False
    return True


@pytest.mark.parametrize("host", ["127.0.0.1", "169.254.169.254", "10.0.0.5"])
def test_city_push_refuses_the_servers_own_network(host, monkeypatch):
    monkeypatch.delenv("MOTCUA_OUTBOUND_PRIVATE", raising=False)
    with pytest.raises(PushFailed, match="mạng nội bộ"):
        post_json(f"http://{host}:6379/bao-cao", {"x": 1}, "khoa", timeout=1)


def test_city_push_reaches_no_local_port(listener, monkeypatch):
    monkeypatch.delenv("MOTCUA_OUTBOUND_PRIVATE", raising=False)
    port = listener.getsockname()[1]
    with pytest.raises(PushFailed):
        post_json(f"http://127.0.0.1:{port}/", {}, "khoa", timeout=1)
    assert not _contacted(listener)
    monkeypatch.setenv("MOTCUA_OUTBOUND_PRIVATE", "true")
    assert env_policy().outbound_private


def test_dossier_source_reaches_no_local_port(listener):
    port = listener.getsockname()[1]
    config = {"kind": "http", "url": f"http://127.0.0.1:{port}/{{code}}"}
    with pytest.raises(dossiers.SourceDown, match="not allowed"):
        dossiers.fetch_http(config, CODE, Outbound(TargetPolicy()))
    assert not _contacted(listener)


def test_a_redirect_does_not_carry_a_request_past_the_check(listener):
    """An allowed source that answers "go to 127.0.0.1:<port>" is not followed: the
    next address would not have been checked."""
    port = listener.getsockname()[1]
    server = socket.create_server(("127.0.0.1", 0))

    def redirect() -> None:
        conn, _ = server.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(
                b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\n"
                + f"Location: http://127.0.0.1:{port}/hoso\r\n\r\n".encode()
            )

    threading.Thread(target=redirect, daemon=True).start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/{{code}}"
    allowed = Outbound(TargetPolicy(outbound_private=True))  # the source is local
    with pytest.raises(dossiers.SourceDown, match="answer 302"):
        dossiers.fetch_http({"kind": "http", "url": url}, CODE, allowed)
    assert not _contacted(listener)
    server.close()
