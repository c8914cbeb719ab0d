"""The daily report is built at the office's time and pushed until the city accepts."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlalchemy import select

from motcua.admin.scheduler import Scheduler, backoff, failure_text, push_now
from motcua.core import daily, reports
from motcua.core.clock import FixedClock
from motcua.core.lookup import office_by_slug
from motcua.core.models import DailyReport
from motcua.services import app_services
from tests.admin.day import DAY, EXPECTED, at, build_day
from tests.helpers import act, call_next


@pytest.fixture(autouse=True)
def _city_on_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's city endpoint listens on 127.0.0.1: the operator allows it."""
    monkeypatch.setenv("MOTCUA_OUTBOUND_PRIVATE", "true")


class CityEndpoint:
    """A stand-in for the city's server: refuses the first N posts, then accepts
    those whose signature matches the office's key."""

    def __init__(self, failures: int) -> None:
        self.bodies: list[dict] = []
        self.key = ""
        self.forged = 0
        self.failures = failures
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers["Content-Length"])
                raw = self.rfile.read(length)
                mac = hmac.new(endpoint.key.encode(), raw, hashlib.sha256)
                expected = "sha256=" + mac.hexdigest()
                if self.headers["X-Motcua-Signature"] != expected:
                    endpoint.forged += 1
                    self.send_response(401)
                    self.end_headers()
                    return
                endpoint.bodies.append(json.loads(raw))
                accepted = len(endpoint.bodies) > endpoint.failures
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


def _tick(scheduler: Scheduler) -> None:
    """One tick, and the pushes it started."""
    scheduler.tick()
    scheduler.settle()


def _stored(db):
    with db.sessions() as session:
        return session.scalars(select(DailyReport)).all()


def test_backoff_doubles_up_to_an_hour():
    assert [backoff(n) for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff(20) == 3600


def _key(db):
    with db.transaction() as session:
        return daily.push_key(office_by_slug(session, "demo"))


def test_report_built_after_closing_and_pushed_until_accepted(db, world, clock, city):
    build_day(db, world, clock)
    # A report time before closing (17:00 on weekdays) waits for the closing.
    _set(db, report_time="15:30", report_push_url=city.url)
    city.key = _key(db)
    scheduler = Scheduler(db, clock)
    at(clock, 16, 59)
    _tick(scheduler)
    assert _stored(db) == []  # the counters still work
    at(clock, 17, 0)
    _tick(scheduler)
    [stored] = _stored(db)
    assert stored.day == date.fromisoformat(DAY)
    assert {k: stored.data[k] for k in EXPECTED} == EXPECTED
    assert len(city.bodies) == 1 and city.forged == 0  # signed, but refused
    assert stored.pushed_at is None and stored.push_attempts == 1
    said = failure_text(stored.push_error)  # no page: Vietnamese
    assert said.startswith("Máy chủ thành phố trả lời mã 503")
    assert "tự gửi lại" in said
    _tick(scheduler)
    assert len(city.bodies) == 1  # waits for the backoff
    clock.advance(31)
    _tick(scheduler)
    [stored] = _stored(db)
    assert len(city.bodies) == 2 and stored.pushed_at == clock.now()
    assert city.bodies[1] == stored.data and city.bodies[1]["served"] == 3
    clock.advance(3600)
    _tick(scheduler)
    assert len(city.bodies) == 2 and len(_stored(db)) == 1  # once a day, once sent


def test_late_ticket_rebuilds_and_resends(db, world, clock, city):
    t = build_day(db, world, clock)
    city.failures = 0
    _set(db, report_push_url=city.url)
    city.key = _key(db)
    scheduler = Scheduler(db, clock)
    at(clock, 17, 5)
    _tick(scheduler)
    assert [b["served"] for b in city.bodies] == [3]
    _tick(scheduler)
    assert len(city.bodies) == 1
    at(clock, 17, 20)  # the last citizen, served after the report
    assert call_next(db, "demo", world.staff, clock, 1).id == t["t6"]
    act(db, "demo", world.staff, clock, "finish", t["t6"])
    _tick(scheduler)
    [stored] = _stored(db)
    assert stored.data["served"] == 4 and stored.pushed_at == clock.now()
    assert [b["served"] for b in city.bodies] == [3, 4]
    _tick(scheduler)
    assert len(city.bodies) == 2  # nothing changed since: not sent again


def test_send_again_sends_fresh_figures_signed_with_a_new_key(db, world, clock, city):
    t = build_day(db, world, clock)
    city.failures = 0
    _set(db, report_push_url=city.url)
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        stored = reports.store_daily_report(session, office, clock, date(2026, 11, 23))
        report_id = stored.id
        city.key = daily.rotate_push_key(office)
    assert call_next(db, "demo", world.staff, clock, 1).id == t["t6"]
    act(db, "demo", world.staff, clock, "finish", t["t6"])
    assert push_now(db, clock, report_id)
    assert city.bodies[-1]["served"] == 4 and city.forged == 0
    city.key = "khoa-cu"
    assert not push_now(db, clock, report_id)
    assert city.forged == 1
    assert "không nhận chữ ký" in failure_text(_stored(db)[0].push_error)


def test_no_push_without_an_endpoint(db, world, clock):
    calls = []
    scheduler = Scheduler(db, clock, poster=lambda url, body, key: calls.append(url))
    at(clock, 17, 0)
    _tick(scheduler)
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
    database = app_services(app).db
    with database.transaction() as session:
        from motcua.core.setup import create_office

        create_office(session, clock, "demo", "Phường Demo")
    scheduler = app_services(app).report_scheduler
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
    assert app_services(app).report_scheduler is None


def reports_time():
    from tests.conftest import MORNING

    return MORNING + timedelta(hours=8)  # 17:00 in Hanoi, at closing
