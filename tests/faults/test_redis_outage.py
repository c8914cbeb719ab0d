"""Redis goes away and comes back: calls go on, then reach the other process again."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from tests.conftest import _truncate, build_world
from tests.e2e.conftest import free_port, start_server
from tests.e2e.test_realtime import Listener
from tests.faults.tools import RedisServer

API = "/api/v1"


def _calls_seen(display: Listener) -> list[str]:
    with display.seen:
        return [
            d["data"]["ticket"]["id"] for n, d in display.events if n == "ticket.called"
        ]


def test_calls_survive_a_redis_outage_and_cross_processes_after(pg_url, tmp_path):
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
        staff = {
            "Authorization": "Bearer "
            + requests.post(
                one.url + API + "/auth/token",
                json={"username": "demo-staff", "password": "matkhau123"},
                timeout=10,
            ).json()["token"]
        }

        def take_and_call(_: int) -> tuple[int, int, float]:
            started = time.monotonic()
            issued = requests.post(
                one.url + API + "/offices/demo/tickets",
                json={"service": "CT"},
                headers=kiosk,
                timeout=20,
            )
            called = requests.post(
                one.url + API + "/offices/demo/counters/1/call-next",
                headers=staff,
                timeout=20,
            )
            return issued.status_code, called.status_code, time.monotonic() - started

        # Before: a call through one reaches the display on two.
        assert take_and_call(0)[:2] == (201, 200)
        display.wait_for("ticket.called", timeout=15)

        redis.stop()
        with ThreadPoolExecutor(max_workers=4) as pool:
            during = list(pool.map(take_and_call, range(8)))
        # Callers are answered at once: success, or a clear 503; never a 500 or a hang.
        for issued, called, took in during:
            assert issued in (201, 503) and called in (200, 503), during
            assert took < 10, during
        assert sum(1 for i, c, _ in during if (i, c) == (201, 200)) == len(during)

        redis.start()  # the same port: both processes find it again by themselves
        deadline = time.monotonic() + 40
        reached = False
        while time.monotonic() < deadline and not reached:
            seen = len(_calls_seen(display))
            response = requests.post(
                one.url + API + "/offices/demo/tickets",
                json={"service": "CT"},
                headers=kiosk,
                timeout=10,
            )
            assert response.status_code == 201
            called = requests.post(
                one.url + API + "/offices/demo/counters/1/call-next",
                headers=staff,
                timeout=10,
            )
            assert called.status_code == 200
            time.sleep(1)
            reached = called.json()["id"] in _calls_seen(display)[seen:]
        display.close()
        assert reached, "calls never reached the other process after Redis came back"
    finally:
        one.stop()
        two.stop()
        redis.stop()
