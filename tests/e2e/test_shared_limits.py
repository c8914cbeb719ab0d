"""A city's server processes share their rate limits through Redis."""

from __future__ import annotations

import os
import uuid

import redis
import requests

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from tests.conftest import _truncate, build_world
from tests.e2e.conftest import free_port, start_server
from tests.e2e.test_scale_out import REDIS_URL


def test_wrong_passwords_count_across_processes(pg_url, tmp_path):
    redis.Redis.from_url(REDIS_URL).ping()
    _truncate(pg_url)
    database = Database(pg_url)
    build_world(database, SystemClock(), "demo")
    database.dispose()
    env = {
        **os.environ,
        "MOTCUA_DATABASE_URL": pg_url,
        "MOTCUA_REDIS_URL": REDIS_URL,
        "MOTCUA_INSTANCE_PATH": str(tmp_path / "instance"),
        "MOTCUA_RATELIMIT_ENABLED": "true",
    }
    one = start_server(env, free_port(), tmp_path / "one.log")
    two = start_server(env, free_port(), tmp_path / "two.log")
    try:
        # A name no earlier run used: the shared counts start from nothing.
        body = {"username": f"khach-{uuid.uuid4().hex}", "password": "sai-mat-khau"}
        statuses = [
            requests.post(
                (one if i % 2 else two).url + "/api/v1/auth/token",
                json=body,
                timeout=10,
            ).status_code
            for i in range(12)
        ]
    finally:
        one.stop()
        two.stop()
    assert statuses == [403] * 10 + [429] * 2
