"""A token's lookup is kept a while, never past the token's own end; a revocation
forgets it at once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua import web
from motcua.core.auth import STAFF_TOKEN_LIFETIME
from motcua.core.models import Device
from tests.conftest import bearer, staff_token
from tests.helpers import Ticking


@pytest.fixture
def ticking(monkeypatch: pytest.MonkeyPatch) -> Ticking:
    clock = Ticking()
    monkeypatch.setattr(web.time, "monotonic", clock)
    return clock


def _me(client, token: str) -> int:  # type: ignore[no-untyped-def]
    url = "/api/v1/offices/demo/counters/1/console"
    return client.get(url, headers=bearer(token)).status_code  # type: ignore[no-any-return]


def test_a_staff_token_s_lookup_lives_no_longer_than_the_token(  # type: ignore[no-untyped-def]
    client, api_world, clock, ticking
):
    token = staff_token(client)
    # Five seconds before the token runs out, it is looked up (and kept).
    clock.advance((STAFF_TOKEN_LIFETIME - timedelta(seconds=5)).total_seconds())
    assert _me(client, token) == 200
    ticking.now += 4
    assert _me(client, token) == 200
    clock.advance(6)
    ticking.now += 2  # six seconds on: the kept lookup ended with the token
    assert _me(client, token) == 401


def test_a_device_lookup_is_kept_a_minute_unless_forgotten(  # type: ignore[no-untyped-def]
    app, client, api_world, clock, ticking
):
    headers = bearer(api_world.kiosk_token)
    url = "/api/v1/offices/demo/services"
    assert client.get(url, headers=headers).status_code == 200
    with web.app_services(app).db.transaction() as session:  # behind the app's back
        session.get(Device, api_world.kiosk.id).revoked_at = clock.now()
    ticking.now += web.ACTOR_TTL_S - 1
    assert client.get(url, headers=headers).status_code == 200  # still kept
    ticking.now += 2
    assert client.get(url, headers=headers).status_code == 401
    # The admin's way: the lookup is forgotten at once.
    other = bearer(api_world.display_token)
    assert client.get(url, headers=other).status_code == 200
    with web.app_services(app).db.transaction() as session:
        session.get(Device, api_world.display.id).revoked_at = clock.now()
    with app.test_request_context():
        web.forget_actors(devices=[api_world.display.id])
    assert client.get(url, headers=other).status_code == 401
