"""The daily report is built at the office's time and pushed until the city accepts."""

from __future__ import annotations

import json
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlalchemy import select

from motcua.admin.scheduler import Scheduler, backoff
from motcua.core.clock import FixedClock
from motcua.core.lookup import office_by_slug
from motcua.core.models import DailyReport
from tests.admin.day import DAY, EXPECTED, at, build_day


@pytest.fixture(autouse=True)
def _city_on_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's city endpoint listens on 127.0.0.1: the operator allows it."""
    monkeypatch.setenv("MOTCUA_OUTBOUND_PRIVATE", "true")


class CityEndpoint:
    """A stand-in for the city's server: refuses the first N posts, then accepts."""

    def __init__(self, failures: int) -> None:
        self.bodies: list[dict] = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers["Content-Length"])
                endpoint.bodies.append(json.loads(self.rfile.read(length)))
                accepted = len(endpoint.bodies) > failures
                self.send_response(200 if accepted else 503)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/bao-cao"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def city():
    endpoint = CityEndpoint(failures=1)
    yield endpoint
    endpoint.close()


def _set(db, **settings):
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        office.settings = {**office.settings, **settings}


def _stored(db):
    with db.sessions() as session:
        return session.scalars(select(DailyReport)).all()


def test_backoff_doubles_up_to_an_hour():
    assert [backoff(n) for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff(20) == 3600


def test_report_built_at_office_time_and_pushed_until_accepted(db, world, clock, city):
    build_day(db, world, clock)
    _set(db, report_time="16:30", report_push_url=city.url)
    scheduler = Scheduler(db, clock)
    at(clock, 16, 29)
    scheduler.tick()
    assert _stored(db) == []  # not yet the office's time
    at(clock, 16, 30)
    scheduler.tick()
    [stored] = _stored(db)
    assert stored.day == date.fromisoformat(DAY)
    assert {k: stored.data[k] for k in EXPECTED} == EXPECTED
    assert len(city.bodies) == 1  # refused
    assert stored.pushed_at is None and stored.push_attempts == 1
    assert stored.push_error == "HTTP 503"
    scheduler.tick()
    assert len(city.bodies) == 1  # waits for the backoff
    clock.advance(31)
    scheduler.tick()
    [stored] = _stored(db)
    assert len(city.bodies) == 2 and stored.pushed_at == clock.now()
    assert city.bodies[1] == stored.data and city.bodies[1]["served"] == 3
    clock.advance(3600)
    scheduler.tick()
    assert len(city.bodies) == 2 and len(_stored(db)) == 1  # once a day, once sent


def test_no_push_without_an_endpoint(db, world, clock):
    calls = []
    scheduler = Scheduler(db, clock, poster=lambda url, body: calls.append(url))
    at(clock, 15, 30)
    scheduler.tick()
    assert len(_stored(db)) == 1 and calls == []


def test_background_task_runs_in_a_configured_server(db_url, tmp_path):
    from motcua import create_app

    clock = FixedClock(reports_time())
    app = create_app(
        {
            "DATABASE_URL": db_url,
            "INSTANCE_PATH": str(tmp_path / "i"),
            "CLOCK": clock,
            "REPORT_SCHEDULER": True,
            "REPORT_SCHEDULER_EVERY_S": 0.05,
        }
    )
    database = app.extensions["motcua.db"]
    with database.transaction() as session:
        from motcua.core.setup import create_office

        create_office(session, clock, "demo", "Phường Demo")
    scheduler = app.extensions["motcua.report_scheduler"]
    try:
        deadline = time.monotonic() + 10
        while not _stored(database) and time.monotonic() < deadline:
            time.sleep(0.05)
        [stored] = _stored(database)
        assert stored.data["office"] == "demo" and stored.data["issued"] == 0
    finally:
        scheduler.stopped = True
        time.sleep(0.2)
        database.dispose()


def test_tests_do_not_start_the_task(app):
    assert "motcua.report_scheduler" not in app.extensions


def reports_time():
    from tests.conftest import MORNING

    return MORNING + timedelta(hours=7)  # 16:00 in Hanoi, after 15:30
