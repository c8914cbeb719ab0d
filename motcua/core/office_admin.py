"""Changes an office admin makes; every one is written to the audit log."""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from motcua.core import address, journal, numbering, staff
from motcua.core.actors import Actor, require_role
from motcua.core.auth import end_sessions, user_actor
from motcua.core.clock import Clock, service_day
from motcua.core.errors import Conflict, Invalid, NotFound
from motcua.core.events import DomainEvent
from motcua.core.models import (
    AuditLog,
    Counter,
    Device,
    Membership,
    Office,
    Service,
    User,
)
from motcua.core.security import hash_password
from motcua.core.settings import DEFAULTS, TOP_RANK
from motcua.core.setup import (
    ServiceSpec,
    add_counter,
    add_service,
    add_user,
    service_range,
)
from motcua.i18n import message

HOURS = re.compile(r"^(\d\d:\d\d-\d\d:\d\d)(,\d\d:\d\d-\d\d:\d\d)*$")
CLOCK_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
CODE = re.compile(r"^[A-Za-z0-9]{1,16}$")
PRIORITY_CODE = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
TICKER_MAX = 300
FOOTER_MAX = 120
LOGO_MAX = 200_000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
KIOSK_TEXT_MAX = 500


def audit(
    session: Session,
    office: Office | None,
    actor: Actor,
    clock: Clock,
    action: str,
    target: str = "",
    **data: Any,
) -> None:
    """Who changed what, and when."""
    session.add(
        AuditLog(
            office_id=office.id if office else None,
            user_id=actor.user_id,
            at=clock.now(),
            action=action,
            target=target[:200],
            data=data,
        )
    )


def _whole(value: Any, low: int, high: int | None = None) -> bool:
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    return low <= value and (high is None or value <= high)


def _hours(value: Any) -> bool:
    return isinstance(value, dict) and all(
        not part or (isinstance(part, str) and HOURS.match(part))
        for part in value.values()
    )


def _ranks(value: Any) -> bool:
    """Class -> rank 1..TOP_RANK; a class that is off is left out, not ranked 0."""
    return isinstance(value, dict) and all(
        isinstance(code, str)
        and PRIORITY_CODE.match(code) is not None
        and _whole(rank, 1, TOP_RANK)
        for code, rank in value.items()
    )


def _line(value: Any, max_len: int) -> bool:
    """One line of text people read: no line breaks or control characters."""
    return (
        isinstance(value, str)
        and len(value) <= max_len
        and not any(unicodedata.category(ch) == "Cc" for ch in value)
    )


def _kiosk_texts(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == set(DEFAULTS["kiosk_texts"])
        and all(_line(text, KIOSK_TEXT_MAX) for text in value.values())
    )


def _url(value: Any) -> bool:
    return not value or (
        isinstance(value, str) and re.match(r"^https?://", value) is not None
    )


def _dossier_source(value: Any) -> bool:
    """{"kind": "table"}, or {"kind": "http", "url": "...{code}...", "token",
    "timeout_s"}."""
    if not isinstance(value, dict) or value.get("kind") not in ("table", "http"):
        return False
    if value["kind"] == "table":
        return set(value) == {"kind"}
    url, token = value.get("url"), value.get("token") or ""
    return (
        set(value) <= {"kind", "url", "token", "timeout_s"}
        and _url(url)
        and bool(url)
        and "{code}" in str(url)
        and isinstance(token, str)
        and len(token) <= 500
        and _whole(value.get("timeout_s", 3), 1, 30)
    )


def _png(value: Any) -> bool:
    """None, or a base64 PNG of at most LOGO_MAX bytes (the ticket's logo)."""
    if value is None:
        return True
    if not isinstance(value, str) or len(value) > LOGO_MAX * 4 // 3 + 4:
        return False
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return raw.startswith(PNG_MAGIC) and len(raw) <= LOGO_MAX


# The ranges of the numbers below: what the settings page offers and the core keeps.
RANGES: dict[str, tuple[int, int]] = {
    "priority_ratio": (1, 50),
    "booked_every": (1, 20),
    "per_person_daily_cap": (1, 100),
    "no_show_grace_s": (60, 4 * 3600),
    "counter_idle_s": (300, 8 * 3600),
    "kiosk_idle_s": (10, 120),
    "kiosk_read_idle_s": (30, 600),
    "kiosk_warn_s": (5, 60),
    "personal_data_days": (1, 3650),
}


def _in_range(name: str) -> Callable[[Any], bool]:
    low, high = RANGES[name]
    return lambda v: _whole(v, low, high)


# Settings an admin may change from the pages, with a check for each value.
CHECKS: dict[str, Callable[[Any], bool]] = {
    "priority_policy": lambda v: v in ("strict", "ratio"),
    "priority_ratio": _in_range("priority_ratio"),
    "booked_every": _in_range("booked_every"),
    "priority_classes": _ranks,
    "kiosk_self_priority": lambda v: isinstance(v, bool),
    "per_person_daily_cap": lambda v: v is None or _in_range("per_person_daily_cap")(v),
    "no_show_grace_s": _in_range("no_show_grace_s"),
    "counter_idle_s": _in_range("counter_idle_s"),
    "kiosk_idle_s": _in_range("kiosk_idle_s"),
    "kiosk_read_idle_s": _in_range("kiosk_read_idle_s"),
    "kiosk_warn_s": _in_range("kiosk_warn_s"),
    "kiosk_cccd": lambda v: isinstance(v, bool),
    "announcement_template": lambda v: isinstance(v, str),
    "number_reading": lambda v: v in ("north", "south"),
    "hours": _hours,
    "issue_only_in_hours": lambda v: isinstance(v, bool),
    "report_time": lambda v: CLOCK_TIME.match(str(v)) is not None,
    "language": lambda v: v in ("vi", "en"),
    "public_url": lambda v: v is None or address.valid(v),
    "dossier_source": lambda v: _dossier_source(v),
    "report_push_url": _url,
    "personal_data_days": _in_range("personal_data_days"),
    "display_ticker": lambda v: _line(v, TICKER_MAX),
    "kiosk_texts": _kiosk_texts,
    "ticket_footer": lambda v: _line(v, FOOTER_MAX),
    "ticket_logo": _png,
}
EDITABLE = tuple(CHECKS)


def _check_setting(name: str, value: Any) -> Any:
    if name not in CHECKS or not CHECKS[name](value):
        raise Invalid("bad_setting", name=name)
    return value


def update_settings(
    session: Session, office: Office, actor: Actor, clock: Clock, values: dict[str, Any]
) -> dict[str, Any]:
    """Change some of the office's settings; returns what changed."""
    require_role(actor, office, "admin")
    current = dict(office.settings or {})
    changed = {}
    for name, value in values.items():
        value = _check_setting(name, value)
        if current.get(name, DEFAULTS[name]) != value:
            changed[name] = value
        current[name] = value  # kept even when equal to today's default
    _check_together(current)
    office.settings = current
    if changed:
        logged = {k: _logged(k, v) for k, v in changed.items()}
        audit(session, office, actor, clock, "settings.changed", office.slug, **logged)
    return changed


def _check_together(settings: dict[str, Any]) -> None:
    """The kiosk's question "Bạn cần thêm thời gian?" comes within its reading time."""
    read = settings.get("kiosk_read_idle_s", DEFAULTS["kiosk_read_idle_s"])
    warn = settings.get("kiosk_warn_s", DEFAULTS["kiosk_warn_s"])
    if warn >= read:
        raise Invalid("kiosk_warn_too_long", warn=warn, read=read)


def _logged(name: str, value: Any) -> Any:
    """What the audit log keeps of a new value: not a whole picture."""
    if name == "ticket_logo":
        return "set" if value else None
    return value


def rename_office(
    session: Session, office: Office, actor: Actor, clock: Clock, name: str
) -> bool:
    """A new display name for the office; False when it is the same."""
    require_role(actor, office, "admin")
    if not 0 < len(name.strip()) <= 200:
        raise Invalid("bad_name")
    if name.strip() == office.name:
        return False
    audit(session, office, actor, clock, "office.renamed", name, old=office.name)
    office.name = name.strip()
    return True


def changed_event(
    session: Session, office: Office, clock: Clock, names: list[str]
) -> list[DomainEvent]:
    """Tell the office's boards and kiosks what the admin changed (names only):
    they fetch it again, so a new ticker or welcome shows at once."""
    if not names:
        return []
    data = {"changed": sorted(names)}
    return [journal.event(session, office, clock, "office.changed", data)]


def check_spec(spec: ServiceSpec) -> ServiceSpec:
    """A field's code, names and range look right."""
    if not CODE.match(spec.code) or not spec.name_vi.strip():
        raise Invalid("bad_service", code=spec.code)
    if spec.daily_cap is not None and spec.daily_cap < 1:
        raise Invalid("bad_service", code=spec.code)
    return spec


def create_service(
    session: Session, office: Office, actor: Actor, clock: Clock, spec: ServiceSpec
) -> Service:
    """A new field of the office."""
    require_role(actor, office, "admin")
    exists = select(Service).where(
        Service.office_id == office.id, Service.code == spec.code
    )
    if session.scalars(exists).first():
        raise Conflict("service_exists", code=spec.code)
    service = add_service(session, office, check_spec(spec))
    audit(session, office, actor, clock, "service.added", spec.code)
    return service


def update_service(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    code: str,
    spec: ServiceSpec,
    is_open: bool,
) -> None:
    """Names, number range, daily cap, open or closed."""
    require_role(actor, office, "admin")
    check_spec(spec)
    service = _service(session, office, code)
    numbering.lock_ranges(session, office)
    start, end = service_range(session, office, spec, skip=service.id)
    today = service_day(clock.now(), office.timezone)
    numbering.check_given_today(session, office, service, (start, end), today)
    service.name_vi, service.name_en = spec.name_vi.strip(), spec.name_en.strip()
    service.range_start, service.range_end = start, end
    service.daily_cap, service.is_open = spec.daily_cap, is_open
    audit(
        session,
        office,
        actor,
        clock,
        "service.changed",
        code,
        name_vi=service.name_vi,
        range=[start, end],
        daily_cap=spec.daily_cap,
        open=is_open,
    )


def _service(session: Session, office: Office, code: str) -> Service:
    stmt = select(Service).where(Service.office_id == office.id, Service.code == code)
    service = session.scalars(stmt).first()
    if service is None:
        raise NotFound("unknown_service", service=code)
    return service


def _counter(session: Session, office: Office, number: int) -> Counter | None:
    stmt = select(Counter).where(
        Counter.office_id == office.id, Counter.number == number
    )
    return session.scalars(stmt).first()


def save_counter(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    number: int,
    name: str,
    codes: list[str],
) -> Counter:
    """Create or change a counter and the fields it serves."""
    require_role(actor, office, "admin")
    if not 1 <= number <= 999:
        raise Invalid("bad_counter_number")
    services = [_service(session, office, code) for code in codes]
    counter = _counter(session, office, number)
    if counter is None:
        counter = add_counter(session, office, number, services, name or None)
    else:
        default = message("office_default.counter_name", "vi", number=number)
        counter.name, counter.services = name or default, services
    audit(session, office, actor, clock, "counter.saved", str(number), services=codes)
    return counter


def next_counter_number(session: Session, office: Office) -> int:
    stmt = select(func.max(Counter.number)).where(Counter.office_id == office.id)
    return int(session.execute(stmt).scalar_one() or 0) + 1


def add_staff(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    username: str,
    password: str,
    role: str,
    full_name: str = "",
    counters: list[int] | None = None,
) -> User:
    """A staff account with a role in this office."""
    require_role(actor, office, "admin")
    if not re.match(r"^[A-Za-z0-9_.-]{2,80}$", username):
        raise Invalid("bad_username")
    user = add_user(
        session,
        clock,
        username,
        password,
        office=office,
        role=role,
        full_name=full_name,
        counters=counters or None,
    )
    audit(session, office, actor, clock, "staff.added", username, role=role)
    return user


def members(session: Session, office: Office) -> list[tuple[User, Membership]]:
    stmt = (
        select(User, Membership)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.office_id == office.id)
        .order_by(User.username)
    )
    return [(u, m) for u, m in session.execute(stmt)]


def update_staff(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    user_id: int,
    changes: dict[str, Any],
) -> None:
    """Role, allowed counters, active flag or a new password of a member."""
    require_role(actor, office, "admin")
    found = {u.id: (u, m) for u, m in members(session, office)}
    if user_id not in found:
        raise NotFound("unknown_user")
    user, membership = found[user_id]
    staff.keep_an_admin(session, office, user_id, changes)
    if "role" in changes:
        if changes["role"] not in ("staff", "manager", "admin"):
            raise Invalid("bad_role", role=changes["role"])
        membership.role = changes["role"]
    if "counters" in changes:
        membership.counters = changes["counters"] or None
    if "active" in changes:
        user.active = bool(changes["active"])
        if not user.active:
            end_sessions(session, clock, user)
    if changes.get("password"):
        if len(changes["password"]) < 8:
            raise Invalid("weak_password")
        user.password_hash = hash_password(changes["password"])
        end_sessions(session, clock, user)
    shown = {k: v for k, v in changes.items() if k != "password"}
    audit(session, office, actor, clock, "staff.changed", user.username, **shown)


def revoke_device(
    session: Session, office: Office, actor: Actor, clock: Clock, device_id: int
) -> Device:
    """The device's token stops working at once."""
    require_role(actor, office, "admin")
    device = session.get(Device, device_id)
    if device is None or device.office_id != office.id:
        raise NotFound("unknown_device")
    if device.revoked_at is None:
        device.revoked_at = clock.now()
        audit(session, office, actor, clock, "device.revoked", device.name)
    return device


def office_services(session: Session, office: Office) -> list[Service]:
    """The office's fields, in their order on the kiosk."""
    stmt = select(Service).where(Service.office_id == office.id)
    return list(session.scalars(stmt.order_by(Service.sort)))


def office_counters(session: Session, office: Office) -> list[Counter]:
    """The office's counters, by number."""
    stmt = select(Counter).where(Counter.office_id == office.id)
    return list(session.scalars(stmt.order_by(Counter.number)))


def first_settings(
    session: Session,
    office: Office,
    user: User,
    clock: Clock,
    hours: dict[str, str],
) -> None:
    """A new office's first admin sets its hours: the setup wizard has begun."""
    session.flush()
    actor = user_actor(session, user)
    update_settings(session, office, actor, clock, {"hours": hours})
    audit(session, office, actor, clock, "setup.started", office.slug)
