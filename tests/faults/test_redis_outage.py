"""Redis goes away, or hangs, and comes back: calls go on, then reach the other
process again."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import requests

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from tests.conftest import _truncate, build_world
from tests.e2e.conftest import free_port, start_server
from tests.e2e.test_realtime import Listener
from tests.faults.tools import RedisServer

API = "/api/v1"


@dataclass
class Pair:
    """Two server processes sharing a Redis of the test's own; a board on the second."""

    redis: RedisServer
    display: Listener
    take_and_call: Callable[[int], tuple[int, int, float]]
    issue: Callable[[], requests.Response]
    call: Callable[[], requests.Response]


def _calls_seen(display: Listener) -> list[str]:
    with display.seen:
        return [
            d["data"]["ticket"]["id"] for n, d in display.events if n == "ticket.called"
        ]


@contextmanager
def _two_servers(pg_url, tmp_path) -> Iterator[Pair]:  # type: ignore[no-untyped-def]
    _truncate(pg_url)
    database = Database(pg_url)
    world = build_world(database, SystemClock(), "demo")
    database.dispose()
    redis = RedisServer(free_port(), tmp_path / "redis.log")
    redis.start()
    env = {
        **os.environ,
        "MOTCUA_DATABASE_URL": pg_url,
        "MOTCUA_REDIS_URL": redis.url,
        "MOTCUA_INSTANCE_PATH": str(tmp_path / "instance"),
        "MOTCUA_RATELIMIT_ENABLED": "false",
    }
    one = start_server(env, free_port(), tmp_path / "one.log")
    two = start_server(env, free_port(), tmp_path / "two.log")
    kiosk = {"Authorization": f"Bearer {world.kiosk_token}"}
    try:
        display = Listener(
            two, "/display", {"office": "demo", "token": world.display_token}
        )
        display.wait_for("snapshot")
        token = requests.post(
            one.url + API + "/auth/token",
            json={"username": "demo-staff", "password": "matkhau123"},
            timeout=10,
        ).json()["token"]
        staff = {"Authorization": f"Bearer {token}"}

        def issue() -> requests.Response:
            return requests.post(
                one.url + API + "/offices/demo/tickets",
                json={"service": "CT"},
                headers=kiosk,
                timeout=20,
            )

        def call() -> requests.Response:
            """Xong, gọi tiếp at counter 1, naming its current citizen; a press that
            lost the race to another is refused (409) and pressed again."""
            base = one.url + API + "/offices/demo/counters/1"
            for _ in range(20):
                state = requests.get(base + "/console", headers=staff, timeout=20)
                current = state.json()["current"]
                done = current and {"ticket": current["id"], "outcome": "finished"}
                response = requests.post(
                    base + "/call-next",
                    json={"current": done} if done else {},
                    headers=staff,
                    timeout=20,
                )
                if response.status_code != 409:
                    return response
            return response

        def take_and_call(_: int) -> tuple[int, int, float]:
            started = time.monotonic()
            issued, called = issue(), call()
            return issued.status_code, called.status_code, time.monotonic() - started

        # Before: a call through one reaches the display on two.
        assert take_and_call(0)[:2] == (201, 200)
        display.wait_for("ticket.called", timeout=15)
        yield Pair(redis, display, take_and_call, issue, call)
        display.close()
    finally:
        one.stop()
        two.stop()
        redis.stop()


def _calls_reach_the_board_again(pair: Pair) -> bool:
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        seen = len(_calls_seen(pair.display))
        assert pair.issue().status_code == 201
        called = pair.call()
        assert called.status_code == 200
        time.sleep(1)
        if called.json()["id"] in _calls_seen(pair.display)[seen:]:
            return True
    return False


def test_calls_survive_a_redis_outage_and_cross_processes_after(pg_url, tmp_path):
    with _two_servers(pg_url, tmp_path) as pair:
        pair.redis.stop()
        with ThreadPoolExecutor(max_workers=4) as pool:
            during = list(pool.map(pair.take_and_call, range(8)))
        # Callers are answered at once, and successfully: the queue is in the database.
        assert all(issued == 201 and called == 200 for issued, called, _ in during)
        assert all(took < 10 for _, _, took in during), during

        pair.redis.start()  # the same port: both processes find it again by themselves
        assert _calls_reach_the_board_again(pair)


def test_a_hanging_redis_does_not_hold_up_calls(pg_url, tmp_path):
    with _two_servers(pg_url, tmp_path) as pair:
        pair.redis.freeze()
        try:
            with ThreadPoolExecutor(max_workers=4) as pool:
                during = list(pool.map(pair.take_and_call, range(8)))
        finally:
            pair.redis.thaw()
        assert all(issued == 201 and called == 200 for issued, called, _ in during)
        # A publish waits one second for Redis, then publishing pauses: an issue and
        # a call together take a few seconds at worst, not the 20 s of the client's
        # timeout.
        assert max(took for _, _, took in during) < 6, during
        assert _calls_reach_the_board_again(pair)
