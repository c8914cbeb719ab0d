"""One office's slow dossier source holds a few of the server's workers, never all:
past MOTCUA_LOOKUPS_PER_OFFICE look-ups in flight, the office's kiosks hear "busy"
at once, and the other offices look up and issue as before."""

from __future__ import annotations

import threading

import pytest
import requests

from motcua.core.db import Database
from motcua.core.lookup import office_by_slug
from tests.security.slow_http import SlowDrip

CODE = "38.98.H29-210519-0013"


@pytest.fixture
def lanes(monkeypatch, request):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MOTCUA_LOOKUPS_PER_OFFICE", "1")
    return request.getfixturevalue("live")


@pytest.fixture
def slow():  # type: ignore[no-untyped-def]
    server = SlowDrip(drips=30)
    yield server
    server.close()


def _source(db_url: str, slug: str, url: str) -> None:
    database = Database(db_url)
    with database.transaction() as session:
        office = office_by_slug(session, slug)
        source = {"kind": "http", "url": url + "{code}", "timeout_s": 30}
        office.settings = {**office.settings, "dossier_source": source}
    database.dispose()


def _look_up(url: str, slug: str, token: str) -> requests.Response:
    return requests.get(
        f"{url}/api/v1/offices/{slug}/dossiers/{CODE}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )


def test_a_slow_source_fills_only_its_office_lane(lanes, slow, db_url):
    server, ours, theirs = lanes
    _source(db_url, "demo", slow.url)
    first: list[requests.Response] = []
    held = threading.Thread(
        target=lambda: first.append(_look_up(server.url, "demo", ours.kiosk_token))
    )
    held.start()
    assert slow.opened.wait(30)  # the first look-up waits on the slow source

    busy = _look_up(server.url, "demo", ours.kiosk_token)
    assert busy.status_code == 503
    error = busy.json()["error"]
    assert error["code"] == "dossier_source_busy"
    assert "Hệ thống tra cứu đang bận, vui lòng thử lại" in error["message"]

    # Another office's look-up and a ticket are answered while demo's lane is full.
    elsewhere = _look_up(server.url, "khac", theirs.kiosk_token)
    assert elsewhere.status_code == 404
    assert elsewhere.json()["error"]["code"] == "unknown_dossier"
    issued = requests.post(
        f"{server.url}/api/v1/offices/khac/tickets",
        json={"service": "CT"},
        headers={"Authorization": f"Bearer {theirs.kiosk_token}"},
        timeout=30,
    )
    assert issued.status_code == 201

    slow.close()  # the source gives up: the held look-up ends, its place is free
    held.join(60)
    assert first[0].status_code == 503
    assert first[0].json()["error"]["code"] == "dossier_source_down"
    again = _look_up(server.url, "demo", ours.kiosk_token)
    assert again.json()["error"]["code"] == "dossier_source_down"  # not busy
