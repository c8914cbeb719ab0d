"""Turning credentials into actors: passwords, staff tokens and device tokens."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from motcua.core.actors import Actor
from motcua.core.clock import Clock, service_day
from motcua.core.errors import Forbidden
from motcua.core.models import ApiToken, Device, Membership, Office, Ticket, User
from motcua.core.security import hash_password, new_token, token_hash, verify_password

STAFF_TOKEN_LIFETIME = timedelta(hours=16)


def user_actor(session: Session, user: User) -> Actor:
    memberships = session.scalars(
        select(Membership).where(Membership.user_id == user.id)
    )
    roles = {m.office_id: (m.role, m.counters) for m in memberships}
    return Actor(
        kind="user",
        id=user.id,
        name=user.full_name or user.username,
        roles=roles,
        is_city_admin=user.is_city_admin,
    )


def device_actor(device: Device) -> Actor:
    return Actor(
        kind="device",
        id=device.id,
        name=device.name,
        office_id=device.office_id,
        device_kind=device.kind,
        counter_id=device.counter_id,
    )


def check_password(session: Session, username: str, password: str) -> User:
    """The active user with these credentials, or Forbidden. An unknown name
    costs the same scrypt as a known one, so timing tells no names."""
    user = session.scalars(select(User).where(User.username == username)).first()
    stored = user.password_hash if user is not None else _dummy_hash()
    matches = verify_password(password, stored)
    if user is None or not user.active or not matches:
        raise Forbidden("bad_credentials")
    return user


@cache
def _dummy_hash() -> str:
    return hash_password(new_token())


def active_user(session: Session, user_id: int) -> User:
    """The user again, in a new transaction: Forbidden if gone or deactivated."""
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise Forbidden("bad_credentials")
    return user


def issue_staff_token(session: Session, clock: Clock, user: User) -> str:
    """A bearer token for a signed-in staff member, valid for a working day."""
    token = new_token()
    now = clock.now()
    session.add(
        ApiToken(
            user_id=user.id,
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + STAFF_TOKEN_LIFETIME,
        )
    )
    return token


def revoke_staff_token(session: Session, clock: Clock, token: str) -> bool:
    """Sign out: the staff token stops working; False when it was not one."""
    api = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == token_hash(token))
    ).first()
    if api is None:
        return False
    api.revoked_at = api.revoked_at or clock.now()
    return True


def actor_for_token(session: Session, clock: Clock, token: str) -> Actor | None:
    """A device or a staff member for a bearer token; None when it is not valid."""
    return token_holder(session, clock, token)[0]


def token_holder(
    session: Session, clock: Clock, token: str
) -> tuple[Actor | None, datetime | None]:
    """The token's device or staff member (None when it is not valid), and when a
    staff token runs out (a device token lasts until it is revoked: None)."""
    digest = token_hash(token)
    device = session.scalars(select(Device).where(Device.token_hash == digest)).first()
    if device is not None:
        return (None if device.revoked_at else device_actor(device)), None
    api = session.scalars(select(ApiToken).where(ApiToken.token_hash == digest)).first()
    if api is None or api.revoked_at or api.expires_at <= clock.now():
        return None, None
    user = session.get(User, api.user_id)
    if user is None or not user.active:
        return None, None
    return user_actor(session, user), api.expires_at


def status_link_open(office: Office, ticket: Ticket, clock: Clock) -> bool:
    """A ticket's status link (the QR on paper) works on the ticket's day only."""
    return ticket.day >= service_day(clock.now(), office.timezone)


def end_sessions(session: Session, clock: Clock, user: User) -> None:
    """Every admin session and staff token of the user stops working."""
    user.session_version = (user.session_version or 0) + 1
    session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )


def any_users(session: Session) -> bool:
    """Someone has an account (the first-run wizard is over)."""
    return session.scalars(select(User.id).limit(1)).first() is not None


def user_by_id(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def end_admin_session(session: Session, user_id: int) -> None:
    """The user's admin session cookies stop working (staff tokens are kept)."""
    user = session.get(User, user_id)
    if user is not None:
        user.session_version = (user.session_version or 0) + 1
