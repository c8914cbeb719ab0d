"""Fixtures: every database test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from motcua import migrate
from motcua.core.actors import Actor
from motcua.core.auth import user_actor
from motcua.core.clock import FixedClock
from motcua.core.db import Database
from motcua.core.models import Base, Counter, Office, Service
from motcua.core.setup import (
    ServiceSpec,
    add_counter,
    add_device,
    add_service,
    add_user,
    create_office,
)
from motcua.i18n import STRICT_ENV
from motcua.services import app_services

# A word asked for by a code the table lacks fails the test, here and in every
# server a test starts.
os.environ[STRICT_ENV] = "1"

PG_URL = os.environ.get(
    "MOTCUA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# One run found its database gone under it: a name no other run can share.
PG_DB = f"motcua_test_{os.getpid()}_{secrets.token_hex(4)}"
# 09:00 in Hanoi on a Monday.
MORNING = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)


# Tests that drive a real browser or several server processes: the only ones the
# run may retry, once, and every retry is listed at the end (`-rR`).
LIVE_FOLDERS = ("e2e", "faults")
LIVE_FIXTURES = {"live", "browser", "page", "server", "servers"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        folder = Path(str(item.fspath)).parent.name
        fixtures = set(getattr(item, "fixturenames", ()))
        if folder in LIVE_FOLDERS or fixtures & LIVE_FIXTURES:
            item.add_marker(pytest.mark.live)
            item.add_marker(pytest.mark.flaky(reruns=1, reruns_delay=2))


def _require_pg() -> None:
    """PostgreSQL is part of the test bed: a run without it fails, never skips."""
    with create_engine(PG_URL).connect() as conn:
        conn.execute(text("SELECT 1"))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "motcua.db"
    database = Database(f"sqlite:///{path}")
    migrate.upgrade(database.engine)
    database.dispose()
    return path


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    _require_pg()
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{PG_DB}"'))
        conn.execute(text(f'CREATE DATABASE "{PG_DB}"'))
    url = PG_URL.rsplit("/", 1)[0] + "/" + PG_DB
    database = Database(url)
    migrate.upgrade(database.engine)
    database.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)'))
    admin.dispose()


def _truncate(url: str) -> None:
    engine = create_engine(url)
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "motcua.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("pg_url")
    _truncate(url)
    return url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MORNING)


@dataclass
class World:
    """An office with two fields, three counters, a staff member and devices."""

    office: Office
    services: dict[str, Service]
    counters: dict[int, Counter]
    staff: Actor
    kiosk: Actor
    display: Actor
    kiosk_token: str
    display_token: str


def build_world(db: Database, clock: FixedClock, slug: str = "demo") -> World:
    with db.transaction() as session:
        office = create_office(session, clock, slug, f"Phường {slug}")
        ct = add_service(
            session,
            office,
            ServiceSpec("CT", "Chứng thực", "Certification", 1001, 1999),
        )
        ht = add_service(
            session, office, ServiceSpec("HT", "Hộ tịch", "Civil status", 2001, 2999)
        )
        counters = {
            1: add_counter(session, office, 1, [ct]),
            2: add_counter(session, office, 2, [ht]),
            3: add_counter(session, office, 3, [ct, ht]),
        }
        user = add_user(session, clock, f"{slug}-staff", "matkhau123", office=office)
        staff = user_actor(session, user)
        for counter in counters.values():  # a clerk signed in at each counter
            counter.staff_id, counter.active_at = user.id, clock.now()
        kiosk_device, kiosk_token = add_device(session, clock, office, "kiosk", "k1")
        display_device, display_token = add_device(
            session, clock, office, "display", "d1"
        )
        from motcua.core.auth import device_actor

        return World(
            office=office,
            services={"CT": ct, "HT": ht},
            counters=counters,
            staff=staff,
            kiosk=device_actor(kiosk_device),
            display=device_actor(display_device),
            kiosk_token=kiosk_token,
            display_token=display_token,
        )


@pytest.fixture
def world(db: Database, clock: FixedClock) -> World:
    return build_world(db, clock)


@pytest.fixture
def app(db_url: str, clock: FixedClock, tmp_path: Path):  # type: ignore[no-untyped-def]
    from motcua import create_app

    application = create_app(
        {
            "DATABASE_URL": db_url,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "CLOCK": clock,
        }
    )
    yield application
    sender = app_services(application).printing
    if sender is not None:
        sender.stop()  # no thread of this app keeps polling the shared database
    app_services(application).db.dispose()


@pytest.fixture
def api_world(app, clock: FixedClock) -> World:  # type: ignore[no-untyped-def]
    return build_world(app_services(app).db, clock)


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


def staff_token(
    client, username: str = "demo-staff", password: str = "matkhau123"
) -> str:  # type: ignore[no-untyped-def]
    response = client.post(
        "/api/v1/auth/token", json={"username": username, "password": password}
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()["token"]  # type: ignore[no-any-return]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
