"""Pairing a TV or kiosk by a short code on its screen instead of a typed token.

The screen asks for a request and shows its code; the secret behind it stays in the
screen's cookie. An admin types the code and names the device; the screen's next
poll takes the device token, which exists only in that answer.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from motcua.core.actors import Actor, require_role
from motcua.core.clock import Clock
from motcua.core.errors import Conflict, Invalid, NotFound
from motcua.core.events import DomainEvent
from motcua.core.lookup import counter_by_number
from motcua.core.models import AuditLog, Counter, Device, Office, PairingRequest
from motcua.core.security import new_token, token_hash
from motcua.core.setup import add_device

CODE_DIGITS = 6
LIFETIME = timedelta(minutes=15)
# A screen may poll a little after the admin paired it at the last minute.
CLAIM_GRACE = timedelta(hours=1)
# Old requests go; many open ones at once smell of a script, not of TVs.
KEEP = timedelta(days=1)
MAX_OPEN = 1000


@dataclass(frozen=True)
class Claim:
    """What a screen learns when it polls with its secret."""

    status: str  # "waiting", "paired" or "expired"
    token: str | None = None
    office: str | None = None
    kind: str | None = None
    counter: int | None = None


def start_pairing(session: Session, clock: Clock) -> tuple[PairingRequest, str]:
    """A new request with a free code; the secret is returned once, stored hashed."""
    now = clock.now()
    session.execute(
        delete(PairingRequest).where(PairingRequest.created_at < now - KEEP)
    )
    code, secret = _free_code(session, clock), new_token()
    request = PairingRequest(
        code=code,
        secret_hash=token_hash(secret),
        created_at=now,
        expires_at=now + LIFETIME,
    )
    session.add(request)
    session.flush()
    return request, secret


def request_for_secret(session: Session, secret: str | None) -> PairingRequest | None:
    """The request behind a screen's secret, if any."""
    if not secret or len(secret) > 200:
        return None
    stmt = select(PairingRequest).where(
        PairingRequest.secret_hash == token_hash(secret)
    )
    return session.scalars(stmt).first()


def is_open(request: PairingRequest, clock: Clock) -> bool:
    """Still showing its code: not yet paired and not expired."""
    return request.device_id is None and request.expires_at > clock.now()


def _open_requests(clock: Clock) -> Select[PairingRequest]:
    return select(PairingRequest).where(
        PairingRequest.device_id.is_(None), PairingRequest.expires_at > clock.now()
    )


def _free_code(session: Session, clock: Clock) -> str:
    count = select(func.count()).select_from(_open_requests(clock).subquery())
    if session.execute(count).scalar_one() >= MAX_OPEN:
        raise Conflict("pairing_busy")
    for _ in range(20):
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        taken = _open_requests(clock).where(PairingRequest.code == code)
        if session.scalars(taken).first() is None:
            return code
    raise Conflict("pairing_busy")


def pair_device(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    code: str,
    kind: str,
    name: str,
    *,
    counter: int | None = None,
    zone: list[int] | None = None,
) -> tuple[Device, list[DomainEvent]]:
    """An admin binds the screen showing `code` to a new device of the office."""
    require_role(actor, office, "admin")
    request = _request_by_code(session, clock, code)
    bound = counter_by_number(session, office, counter) if counter else None
    settings = {"counters": _zone(session, office, zone)} if zone else {}
    device, _ = add_device(session, clock, office, kind, name, bound, settings)
    request.device_id = device.id
    session.add(
        AuditLog(
            office_id=office.id,
            user_id=actor.user_id,
            at=clock.now(),
            action="device.paired",
            target=name,
            data={"device": device.id, "kind": kind, "code": code},
        )
    )
    return device, []


def _request_by_code(session: Session, clock: Clock, code: str) -> PairingRequest:
    code = "".join(ch for ch in code if ch in "0123456789")
    if len(code) != CODE_DIGITS:
        raise Invalid("pairing_code_format", digits=CODE_DIGITS)
    stmt = _open_requests(clock).where(PairingRequest.code == code)
    request = session.scalars(stmt.order_by(PairingRequest.id.desc())).first()
    if request is None:
        raise NotFound("pairing_code_unknown", pairing_code=code)
    return request


def _zone(session: Session, office: Office, numbers: list[int]) -> list[int]:
    for number in numbers:
        counter_by_number(session, office, number)
    return sorted(set(numbers))


def claim(session: Session, clock: Clock, secret: str | None) -> Claim:
    """Waiting, expired, or paired: then a fresh device token, given only once."""
    request = request_for_secret(session, secret)
    now = clock.now()
    if request is None or request.claimed_at is not None:
        return Claim("expired")
    if request.device_id is None:
        return Claim("waiting" if request.expires_at > now else "expired")
    device = session.get(Device, request.device_id)
    if device is None or device.revoked_at or now > request.expires_at + CLAIM_GRACE:
        return Claim("expired")
    token = new_token()
    device.token_hash, request.claimed_at = token_hash(token), now
    office = session.get(Office, device.office_id)
    assert office is not None
    counter = session.get(Counter, device.counter_id) if device.counter_id else None
    number = counter.number if counter else None
    return Claim("paired", token, office.slug, device.kind, number)
