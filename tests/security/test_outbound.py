"""The city push and the dossier source reach the outside only: the server's own
ports (Redis) and the cloud metadata address are refused unless the operator
allows private addresses."""

from __future__ import annotations

import socket

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
