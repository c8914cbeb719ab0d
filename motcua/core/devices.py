"""An office's devices as the admin pages list them, and when each was last seen."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from motcua.core.models import Device, Office


def office_devices(session: Session, office: Office) -> list[Device]:
    """Every device of the office, revoked ones too, in the order they were added."""
    stmt = select(Device).where(Device.office_id == office.id).order_by(Device.id)
    return list(session.scalars(stmt))


def live_devices(session: Session, office: Office) -> list[Device]:
    """The office's devices that are not revoked, in the order they were added."""
    stmt = select(Device).where(
        Device.office_id == office.id, Device.revoked_at.is_(None)
    )
    return list(session.scalars(stmt.order_by(Device.id)))


def mark_seen(session: Session, device_id: int | None, at: datetime) -> None:
    """Note when a device was last seen (the admin health page shows it)."""
    session.execute(
        update(Device).where(Device.id == device_id).values(last_seen_at=at)
    )
