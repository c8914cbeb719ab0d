"""The database locked or unreachable: a clear 503, nothing half done, then recovery."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import requests
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.models import DayNumber, Ticket, TicketEvent
from tests.conftest import World, _truncate, build_world
from tests.e2e.conftest import LiveServer, free_port, start_server
from tests.faults.tools import TcpPath

API = "/api/v1"


def _serve(
    url: str, server_url: str, tmp_path: Path, **extra: str
) -> tuple[LiveServer, World]:
    database = Database(url)
    world = build_world(database, SystemClock(), "demo")
    database.dispose()
    env = {
        **os.environ,
        "MOTCUA_DATABASE_URL": server_url,
        "MOTCUA_INSTANCE_PATH": str(tmp_path / "instance"),
        "MOTCUA_RATELIMIT_ENABLED": "false",
        **extra,
    }
    return start_server(env, free_port(), tmp_path / "server.log"), world


def _issue(server: LiveServer, world: World, lang: str = "vi") -> requests.Response:
    return requests.post(
        server.url + API + "/offices/demo/tickets",
        json={"service": "CT"},
        headers={
            "Authorization": f"Bearer {world.kiosk_token}",
            "Accept-Language": lang,
        },
        timeout=20,
    )


def _assert_unavailable(response: requests.Response, lang: str = "vi") -> None:
    assert response.status_code == 503, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == "unavailable"
    words = "Cơ sở dữ liệu" if lang == "vi" else "The database"
    assert error["message"].startswith(words), error


def _assert_whole(url: str, confirmed: list[int]) -> None:
    """Every ticket confirmed, no other, each with its event; the counter agrees."""
    engine = create_engine(url)
    with engine.connect() as conn:
        numbers = sorted(conn.execute(select(Ticket.number)).scalars())
        events = conn.execute(
            select(func.count()).where(TicketEvent.kind == "issued")
        ).scalar_one()
        last = conn.execute(select(func.max(DayNumber.last))).scalar_one()
    engine.dispose()
    assert numbers == sorted(confirmed) == list(range(1001, 1001 + len(confirmed)))
    assert events == len(numbers) and last == numbers[-1]


def test_sqlite_locked_by_another_process_answers_503_then_recovers(
    sqlite_template, tmp_path
):
    path = tmp_path / "motcua.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    server, world = _serve(url, url, tmp_path, MOTCUA_DB_BUSY_TIMEOUT_MS="300")
    try:
        first = _issue(server, world)
        assert first.status_code == 201
        confirmed = [int(first.json()["number"])]
        holder = sqlite3.connect(path, isolation_level=None, timeout=5)
        holder.execute("BEGIN IMMEDIATE")  # e.g. a backup or a maintenance script
        try:
            _assert_unavailable(_issue(server, world))
            _assert_unavailable(_issue(server, world, "en"), "en")
            # Readers are not held up by the writer (WAL).
            ticket = requests.get(
                server.url + API + "/tickets/" + first.json()["id"], timeout=10
            )
            assert ticket.status_code == 200
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        for _ in range(3):
            response = _issue(server, world)
            assert response.status_code == 201, response.text
            confirmed.append(int(response.json()["number"]))
        _assert_whole(url, confirmed)
    finally:
        server.stop()


def test_postgresql_unreachable_answers_503_then_recovers(pg_url, tmp_path):
    _truncate(pg_url)
    real = make_url(pg_url)
    path = TcpPath((real.host or "127.0.0.1", real.port or 5432))
    through = real.set(host="127.0.0.1", port=path.port)
    server, world = _serve(
        pg_url, through.render_as_string(hide_password=False), tmp_path
    )
    try:
        first = _issue(server, world)
        assert first.status_code == 201
        confirmed = [int(first.json()["number"])]
        path.cut()
        _assert_unavailable(_issue(server, world))
        _assert_unavailable(_issue(server, world, "en"), "en")
        # A token never seen before is looked up in the database too.
        fresh = requests.post(
            server.url + API + "/auth/token",
            json={"username": "demo-staff", "password": "matkhau123"},
            timeout=20,
        )
        _assert_unavailable(fresh)
        health = requests.get(server.url + "/healthz", timeout=20)
        assert health.status_code == 503
        path.mend()
        for _ in range(3):
            response = _issue(server, world)
            assert response.status_code == 201, response.text
            confirmed.append(int(response.json()["number"]))
        assert requests.get(server.url + "/healthz", timeout=20).status_code == 200
        _assert_whole(pg_url, confirmed)
    finally:
        server.stop()
        path.cut()


def test_postgresql_connections_terminated_are_replaced(pg_url, tmp_path):
    _truncate(pg_url)
    server, world = _serve(pg_url, pg_url, tmp_path)
    try:
        confirmed = []
        for _ in range(3):
            confirmed.append(int(_issue(server, world).json()["number"]))
        engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            killed = conn.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
        engine.dispose()
        assert killed >= 1
        for _ in range(3):
            response = _issue(server, world)
            assert response.status_code == 201, response.text
            confirmed.append(int(response.json()["number"]))
        _assert_whole(pg_url, confirmed)
    finally:
        server.stop()
