"""An office's staff accounts: the rule that an office never loses its last admin,
and removing someone from an office."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core.actors import Actor, require_role
from motcua.core.clock import Clock
from motcua.core.errors import Conflict, NotFound
from motcua.core.models import Membership, Office, User


def active_admins(session: Session, office: Office) -> set[int]:
    """The ids of the office's admins whose accounts work."""
    stmt = (
        select(User.id)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.office_id == office.id,
            Membership.role == "admin",
            User.active.is_(True),
        )
    )
    return set(session.scalars(stmt))


def keep_an_admin(
    session: Session, office: Office, user_id: int, changes: dict[str, Any]
) -> None:
    """Refuse a change that would leave the office with no working admin: nobody
    could then add staff, pair devices or fix a setting."""
    demoted = "role" in changes and changes["role"] != "admin"
    stopped = "active" in changes and not changes["active"]
    removed = changes.get("removed", False)
    if not (demoted or stopped or removed):
        return
    if active_admins(session, office) == {user_id}:
        raise Conflict("last_admin")


def retire_if_orphaned(session: Session, user_id: int | None) -> bool:
    """After a restore, an account in no office any more (the setup wizard's
    temporary admin) stops working. True when it did."""
    user = session.get(User, user_id) if user_id else None
    if user is None or user.is_city_admin:
        return False
    held = select(Membership.id).where(Membership.user_id == user.id)
    if session.scalars(held).first() is not None:
        return False
    user.active = False
    return True


def remove_staff(
    session: Session, office: Office, actor: Actor, clock: Clock, user_id: int
) -> User:
    """Take someone out of the office; an account left in no office stops working
    (it stays, so the history of who served whom keeps its names)."""
    from motcua.core.office_admin import audit

    require_role(actor, office, "admin")
    membership = session.scalars(
        select(Membership).where(
            Membership.office_id == office.id, Membership.user_id == user_id
        )
    ).first()
    user = session.get(User, user_id)
    if membership is None or user is None:
        raise NotFound("unknown_user")
    keep_an_admin(session, office, user_id, {"removed": True})
    session.delete(membership)
    session.flush()
    others = session.scalars(
        select(Membership.id).where(Membership.user_id == user_id)
    ).first()
    if others is None and not user.is_city_admin:
        user.active = False
    audit(session, office, actor, clock, "staff.removed", user.username)
    return user
