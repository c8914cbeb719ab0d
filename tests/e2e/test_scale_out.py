"""A city: two server processes on PostgreSQL with a Redis message queue."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
import requests

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from tests.conftest import _truncate, build_world
from tests.e2e.conftest import free_port, start_server
from tests.e2e.test_realtime import Listener

REDIS_URL = os.environ.get("MOTCUA_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def city(pg_url, tmp_path):
    """Two server processes on PostgreSQL sharing a Redis message queue."""
    redis.Redis.from_url(REDIS_URL).ping()
    _truncate(pg_url)
    database = Database(pg_url)
    world = build_world(database, SystemClock(), "demo")
    database.dispose()
    env = {
        **os.environ,
        "MOTCUA_DATABASE_URL": pg_url,
        "MOTCUA_REDIS_URL": REDIS_URL,
        "MOTCUA_INSTANCE_PATH": str(tmp_path / "instance"),
        "MOTCUA_RATELIMIT_ENABLED": "false",
    }
    one = start_server(env, free_port(), tmp_path / "one.log")
    two = start_server(env, free_port(), tmp_path / "two.log")
    try:
        yield one, two, world
    finally:
        one.stop()
        two.stop()


def test_call_through_one_process_reaches_a_display_on_the_other(city):
    one, two, world = city
    display = Listener(
        two, "/display", {"office": "demo", "token": world.display_token}
    )
    display.wait_for("snapshot")
    kiosk = {"Authorization": f"Bearer {world.kiosk_token}"}

    def take(i: int) -> str:
        server = one if i % 2 else two
        response = requests.post(
            server.url + "/api/v1/offices/demo/tickets",
            json={"service": "CT"},
            headers=kiosk,
            timeout=30,
        )
        assert response.status_code == 201
        return str(response.json()["number"])

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(take, range(60)))
    assert sorted(int(n) for n in numbers) == list(range(1001, 1061))
    token = requests.post(
        one.url + "/api/v1/auth/token",
        json={"username": "demo-staff", "password": "matkhau123"},
        timeout=10,
    ).json()["token"]
    called = requests.post(
        one.url + "/api/v1/offices/demo/counters/1/call-next",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    ).json()
    event = display.wait_for("ticket.called", timeout=15)
    display.close()
    assert event["data"]["ticket"]["id"] == called["id"]


def test_a_retried_command_on_another_process_has_one_effect(city):
    from tests.e2e.test_counter_socket import Console

    one, two, world = city
    kiosk = {"Authorization": f"Bearer {world.kiosk_token}"}
    for _ in range(2):
        requests.post(
            one.url + "/api/v1/offices/demo/tickets",
            json={"service": "CT"},
            headers=kiosk,
            timeout=30,
        )
    token = requests.post(
        one.url + "/api/v1/auth/token",
        json={"username": "demo-staff", "password": "matkhau123"},
        timeout=10,
    ).json()["token"]
    auth = {"office": "demo", "token": token, "counter": 1}
    first = Console(one, auth)
    answer = first.command("call-next", id="retry-1")
    first.close()  # the network drops; the console comes back through process two
    again = Console(two, auth)
    retried = again.command("call-next", id="retry-1")
    done = {"ticket": answer["result"]["id"], "outcome": "finished"}
    fresh = again.command("call-next", id="retry-2", current=done)
    again.close()
    assert answer["ok"] and retried == answer
    assert fresh["ok"] and fresh["result"]["number"] != answer["result"]["number"]
