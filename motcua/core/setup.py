"""Creating offices, fields, counters, people and devices."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core import numbering
from motcua.core.actors import ROLE_RANK
from motcua.core.clock import Clock
from motcua.core.errors import Conflict, Invalid
from motcua.core.models import Counter, Device, Membership, Office, Service, User
from motcua.core.security import SLUG, hash_password, new_token, token_hash
from motcua.i18n import message

DEVICE_KINDS = ("kiosk", "display", "rating", "printer")


def create_office(
    session: Session, clock: Clock, slug: str, name: str, tz: str = "Asia/Ho_Chi_Minh"
) -> Office:
    """A new tenant with no fields or counters yet."""
    if not SLUG.match(slug):
        raise Invalid("bad_slug", slug=slug)
    if session.scalars(select(Office).where(Office.slug == slug)).first():
        raise Conflict("office_exists", office=slug)
    office = Office(
        slug=slug,
        name=name,
        timezone=tz,
        settings={},
        seq=0,
        secret=secrets.token_hex(32),
        created_at=clock.now(),
    )
    session.add(office)
    session.flush()
    return office


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    name_vi: str
    name_en: str
    # None for both: the office's next free block of numbers.
    range_start: int | None = None
    range_end: int | None = None
    daily_cap: int | None = None
    avg_service_s: float = 600.0


def service_range(
    session: Session, office: Office, spec: ServiceSpec, skip: int | None = None
) -> tuple[int, int]:
    """The field's range: as given if valid and free in the office, else refused;
    none given: the next free block (never one overlapping another field)."""
    if spec.range_start is None and spec.range_end is None:
        free = numbering.next_free_range(session, office, skip)
        if free is None:
            raise Conflict("no_free_range")
        return free
    wanted = (spec.range_start, spec.range_end)
    if wanted[0] is None or wanted[1] is None or not 0 <= wanted[0] <= wanted[1]:
        raise Invalid("bad_range")
    if wanted[1] > numbering.HIGHEST:
        raise Invalid("bad_range")
    numbering.check_range(session, office, (wanted[0], wanted[1]), skip)
    return wanted[0], wanted[1]


def add_service(session: Session, office: Office, spec: ServiceSpec) -> Service:
    """A field with its own number range, overlapping no other field's."""
    numbering.lock_ranges(session, office)
    start, end = service_range(session, office, spec)
    count = len(
        session.scalars(select(Service.id).where(Service.office_id == office.id)).all()
    )
    service = Service(
        office_id=office.id,
        code=spec.code,
        name_vi=spec.name_vi,
        name_en=spec.name_en,
        range_start=start,
        range_end=end,
        daily_cap=spec.daily_cap,
        is_open=True,
        sort=count,
        avg_service_s=spec.avg_service_s,
    )
    session.add(service)
    session.flush()
    return service


def add_counter(
    session: Session,
    office: Office,
    number: int,
    services: list[Service],
    name: str | None = None,
) -> Counter:
    """A counter that serves the given fields."""
    counter = Counter(
        office_id=office.id,
        number=number,
        name=name or message("office_default.counter_name", "vi", number=number),
        state="open",
        normal_streak=0,
    )
    counter.services = list(services)
    session.add(counter)
    session.flush()
    return counter


def add_user(
    session: Session,
    clock: Clock,
    username: str,
    password: str,
    *,
    office: Office | None = None,
    role: str = "staff",
    full_name: str = "",
    city_admin: bool = False,
    counters: list[int] | None = None,
) -> User:
    """A person who signs in, with a role in one office (or city-wide)."""
    if role not in ROLE_RANK:
        raise Invalid("bad_role", role=role)
    if len(password) < 8:
        raise Invalid("weak_password")
    if session.scalars(select(User).where(User.username == username)).first():
        raise Conflict("user_exists", username=username)
    user = User(
        username=username,
        full_name=full_name,
        password_hash=hash_password(password),
        is_city_admin=city_admin,
        active=True,
        created_at=clock.now(),
    )
    session.add(user)
    session.flush()
    if office is not None:
        session.add(
            Membership(
                user_id=user.id, office_id=office.id, role=role, counters=counters
            )
        )
    return user


def add_device(
    session: Session,
    clock: Clock,
    office: Office,
    kind: str,
    name: str,
    counter: Counter | None = None,
    settings: dict[str, Any] | None = None,
) -> tuple[Device, str]:
    """A device bound to the office; the token is returned once and stored hashed."""
    if kind not in DEVICE_KINDS:
        raise Invalid("bad_device_kind", kind=kind)
    if kind == "rating" and counter is None:  # it shows one counter's citizen
        raise Invalid("rating_needs_counter")
    token = new_token()
    device = Device(
        office_id=office.id,
        kind=kind,
        name=name,
        token_hash=token_hash(token),
        counter_id=counter.id if counter else None,
        settings=settings or {},
        created_at=clock.now(),
    )
    session.add(device)
    session.flush()
    return device, token
