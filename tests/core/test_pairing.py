"""Pairing a screen by a short code: codes, expiry, admin only, a token given once."""

from __future__ import annotations

import pytest

from motcua.core import pairing
from motcua.core.auth import actor_for_token, user_actor
from motcua.core.clock import FixedClock
from motcua.core.db import Database
from motcua.core.errors import Forbidden, Invalid, NotFound
from motcua.core.models import AuditLog, Device, PairingRequest
from motcua.core.setup import add_user
from tests.conftest import World


def _start(db: Database, clock: FixedClock) -> tuple[str, str]:
    with db.transaction() as session:
        request, secret = pairing.start_pairing(session, clock)
        return request.code, secret


def _admin(db: Database, clock: FixedClock, world: World):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        office = session.merge(world.office)
        user = add_user(
            session, clock, "quantri", "matkhau123", office=office, role="admin"
        )
        return user_actor(session, user)


def _pair(db, clock, actor, code, kind="display", **kw):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        office = db_office(session)
        device, events = pairing.pair_device(
            session, office, actor, clock, code, kind, "TV sảnh", **kw
        )
        return device.id, device.settings, events


def db_office(session):  # type: ignore[no-untyped-def]
    from motcua.core.lookup import office_by_slug

    return office_by_slug(session, "demo")


def _claim(db: Database, clock: FixedClock, secret: str) -> pairing.Claim:
    with db.transaction() as session:
        return pairing.claim(session, clock, secret)


def test_codes_are_six_digits_and_distinct(db, clock, world):
    codes = [_start(db, clock)[0] for _ in range(30)]
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    assert len(set(codes)) == 30
    with db.sessions() as session:
        stored = session.query(PairingRequest).all()
    # Only a hash of the secret is kept.
    assert all(len(r.secret_hash) == 64 for r in stored)


def test_admin_pairs_and_the_screen_gets_a_working_token_once(db, clock, world):
    code, secret = _start(db, clock)
    assert _claim(db, clock, secret).status == "waiting"
    admin = _admin(db, clock, world)
    device_id, settings, events = _pair(db, clock, admin, code, zone=[3, 1, 3])
    assert events == [] and settings == {"counters": [1, 3]}
    claim = _claim(db, clock, secret)
    assert (claim.status, claim.office, claim.kind) == ("paired", "demo", "display")
    with db.sessions() as session:
        actor = actor_for_token(session, clock, claim.token)
        audit = session.query(AuditLog).filter_by(action="device.paired").one()
    assert actor is not None and actor.id == device_id
    assert actor.device_kind == "display" and audit.user_id == admin.id
    # The token is handed out once: a second poll learns nothing.
    assert _claim(db, clock, secret) == pairing.Claim("expired")
    # The code is used up.
    with pytest.raises(NotFound):
        _pair(db, clock, admin, code)


def test_device_token_does_not_expire(db, clock, world):
    code, secret = _start(db, clock)
    _pair(db, clock, _admin(db, clock, world), code)
    token = _claim(db, clock, secret).token
    clock.advance(3 * 365 * 24 * 3600)
    with db.sessions() as session:
        assert actor_for_token(session, clock, token) is not None


def test_expired_code_cannot_be_paired(db, clock, world):
    code, secret = _start(db, clock)
    admin = _admin(db, clock, world)
    clock.advance(pairing.LIFETIME.total_seconds() + 1)
    with pytest.raises(NotFound) as err:
        _pair(db, clock, admin, code)
    assert err.value.code == "pairing_code_unknown"
    assert _claim(db, clock, secret).status == "expired"


def test_only_an_admin_of_the_office_pairs(db, clock, world):
    code, secret = _start(db, clock)
    with pytest.raises(Forbidden):
        _pair(db, clock, world.staff, code)
    with pytest.raises(Forbidden):
        _pair(db, clock, world.display, code)
    assert _claim(db, clock, secret).status == "waiting"


def test_bad_codes_and_zones(db, clock, world):
    code, _ = _start(db, clock)
    admin = _admin(db, clock, world)
    with pytest.raises(Invalid):
        _pair(db, clock, admin, "12")
    with pytest.raises(NotFound):
        _pair(db, clock, admin, code, zone=[1, 99])
    # Spaces and dashes people type are fine.
    device_id, _, _ = _pair(db, clock, admin, f"{code[:3]} - {code[3:]}")
    assert device_id


def test_revoked_before_claim_gives_nothing(db, clock, world):
    code, secret = _start(db, clock)
    device_id, _, _ = _pair(db, clock, _admin(db, clock, world), code)
    with db.transaction() as session:
        session.get(Device, device_id).revoked_at = clock.now()
    assert _claim(db, clock, secret) == pairing.Claim("expired")


def test_unknown_secret_and_old_requests_go(db, clock, world):
    assert _claim(db, clock, "nope").status == "expired"
    assert _claim(db, clock, None).status == "expired"
    _start(db, clock)
    clock.advance(2 * 24 * 3600)
    _start(db, clock)
    with db.sessions() as session:
        assert session.query(PairingRequest).count() == 1
