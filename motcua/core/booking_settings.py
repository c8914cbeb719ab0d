"""Bookings from home and messages to citizens: checked, then saved and audited.

Errors name the setting by its path ("capacity.CT", "sms.templates.near"); the admin
page puts it in words people read.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Collection
from datetime import time
from string import Formatter
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core.actors import Actor, require_role
from motcua.core.booking_slots import BOOKING
from motcua.core.clock import Clock
from motcua.core.errors import Invalid
from motcua.core.models import Office, Service
from motcua.core.notify import NOTIFY, TEXTS
from motcua.core.office_admin import audit
from motcua.core.targets import TargetPolicy, url_refused

IDENTITIES = ("phone", "id_card", "either")
DAYS = ("mon_fri", "sat", "sun")
CHANNELS = ("sms", "zalo")
# Whole numbers and the range each may take.
NUMBERS: dict[str, tuple[int, int]] = {
    "days_ahead": (0, 90),
    "slot_minutes": (5, 240),
    "per_person_daily": (1, 20),
    "active_per_person": (1, 10),
    "grace_before_min": (0, 240),
    "grace_after_min": (0, 240),
    "otp_ttl_s": (60, 3600),
    "otp_attempts": (1, 10),
    "otp_resend_s": (10, 3600),
    "otp_max_sends": (1, 10),
    "codes_per_hour": (1, 20),
    "near_ahead": (0, 50),
    "max_attempts": (1, 20),
    "timeout_s": (1, 30),
}
CAPACITY = (0, 1000)
DAILY_CAP = (0, 9999)
# What each message may hold: the parameters the sender fills in for its kind.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "otp": ("office", "code", "minutes"),
    "booked": ("office", "service", "slot", "code", "link"),
    "issued": ("office", "service", "number", "code", "link"),
    "near": ("office", "number", "ahead"),
    "called": ("office", "number", "counter"),
    "no_show": ("office", "number", "counter"),
    "missed": ("office", "slot"),
}
TEMPLATE_MAX = 480
ZALO_TEMPLATE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
PERIOD = re.compile(r"^(\d\d):(\d\d)-(\d\d):(\d\d)$")
SECRET = "***"  # what the audit log shows of a gateway token


def _bad(name: str, code: str = "booking_setting_bad", **params: Any) -> Invalid:
    return Invalid(code, name=name, label=name, **params)


def check_number(name: str, value: Any, low: int, high: int) -> int:
    """A whole number within its range (a form's text is not one)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(name, "booking_setting_number", low=low, high=high)
    if not low <= value <= high:
        raise _bad(name, "booking_setting_number", low=low, high=high)
    return value


def _clock(hh: str, mm: str, end: bool) -> time | None:
    hour, minute = int(hh), int(mm)
    if end and (hour, minute) == (24, 0):
        return time.max
    return time(hour, minute) if hour < 24 and minute < 60 else None


def check_hours(name: str, value: Any, required: bool = False) -> str:
    """ "07:30-11:30,13:30-17:00": real times, each period after the one before."""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _bad(name, "booking_setting_hours")
    text = value.replace(" ", "")
    last = time.min
    for part in filter(None, text.split(",")):
        found = PERIOD.match(part)
        if found is None:
            raise _bad(name, "booking_setting_hours")
        hh, mm, eh, em = found.groups()
        start, end = _clock(hh, mm, False), _clock(eh, em, True)
        if start is None or end is None or not last <= start < end:
            raise _bad(name, "booking_setting_hours")
        last = end
    return text


def check_url(name: str, value: Any) -> str:
    """An http(s) address of a gateway."""
    url = value.strip() if isinstance(value, str) else ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        raise _bad(name, "booking_setting_url")
    if len(url) > 500:
        raise _bad(name, "booking_setting_url")
    return url


def check_template(name: str, kind: str, value: Any) -> str:
    """An SMS text using only the placeholders the sender fills in for its kind."""
    if not isinstance(value, str) or len(value) > TEMPLATE_MAX:
        raise _bad(name, "booking_setting_length", high=TEMPLATE_MAX)
    allowed = PLACEHOLDERS[kind]
    shown = ", ".join("{" + p + "}" for p in allowed)
    try:
        fields = list(Formatter().parse(value))
    except ValueError:
        raise _bad(name, "booking_setting_braces", allowed=shown) from None
    for _, field, spec, conversion in fields:
        if field is None:
            continue
        if field not in allowed or spec or conversion:
            raise _bad(
                name, "booking_setting_placeholder", field="{" + field + "}",
                allowed=shown,
            )  # fmt: skip
    return value.strip()


def _check_table(
    name: str, value: Any, codes: Collection[str], limits: tuple[int, int]
) -> dict[str, int]:
    if not isinstance(value, dict):
        raise _bad(name)
    table = {}
    for code, number in value.items():
        if code not in codes:
            raise _bad(f"{name}.{code}")
        table[code] = check_number(f"{name}.{code}", number, *limits)
    return table


def _check_slot_hours(value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= set(DAYS):
        raise _bad("hours")
    return {day: check_hours(f"hours.{day}", value.get(day, "")) for day in DAYS}


def _check_booking_value(name: str, value: Any, codes: Collection[str]) -> Any:
    if name in NUMBERS:
        return check_number(name, value, *NUMBERS[name])
    if name == "enabled" and isinstance(value, bool):
        return value
    if name == "identity" and value in IDENTITIES:
        return value
    if name == "open":
        return check_hours(name, value, required=True)
    if name == "hours":
        return _check_slot_hours(value)
    if name == "capacity":
        table = _check_table(name, value, {"*", *codes}, CAPACITY)
        if "*" not in table:
            raise _bad("capacity.*", "booking_setting_number", low=0, high=1000)
        return table
    if name == "daily_cap":
        return _check_table(name, value, codes, DAILY_CAP)
    raise _bad(name)


def check_booking(values: dict[str, Any], codes: Collection[str]) -> dict[str, Any]:
    """Booking settings (keys of BOOKING) for an office with these field codes."""
    checked = {}
    for name, value in values.items():
        if name not in BOOKING:
            raise _bad(name)
        checked[name] = _check_booking_value(name, value, codes)
    return checked


def _check_token(name: str, value: Any) -> str | None:
    token = value.strip() if isinstance(value, str) else value
    if token is None or token == "":
        return None
    if not isinstance(token, str) or len(token) > 500 or re.search(r"\s", token):
        raise _bad(name)
    return token


def _check_templates(channel: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _bad(f"{channel}.templates")
    templates = {}
    for kind, text in value.items():
        name = f"{channel}.templates.{kind}"
        if kind not in PLACEHOLDERS:
            raise _bad(name)
        if text is None or not str(text).strip():
            continue  # the default text
        if channel == "zalo":
            if not ZALO_TEMPLATE.match(str(text).strip()):
                raise _bad(name, "booking_setting_zalo")
            templates[kind] = str(text).strip()
        elif (checked := check_template(name, kind, text)) != TEXTS[kind]:
            templates[kind] = checked
    return templates


def _check_channel(
    channel: str, value: Any, kept: Any, policy: TargetPolicy | None
) -> dict[str, Any] | None:
    """A gateway, or None when the channel is off; a token not given is kept. With
    the operator's policy, a gateway on the server's own networks is refused."""
    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= {"url", "token", "templates"}:
        raise _bad(channel)
    result: dict[str, Any] = {"url": check_url(f"{channel}.url", value.get("url"))}
    if policy is not None and url_refused(result["url"], policy):
        raise _bad(f"{channel}.url", "booking_setting_url_private")
    old_token = kept.get("token") if isinstance(kept, dict) else None
    token = _check_token(f"{channel}.token", value.get("token", old_token))
    if token:
        result["token"] = token
    templates = _check_templates(channel, value.get("templates") or {})
    if templates:
        result["templates"] = templates
    return result


def check_notify(
    values: dict[str, Any],
    stored: dict[str, Any],
    policy: TargetPolicy | None = None,
) -> dict[str, Any]:
    """Message settings (keys of NOTIFY); `stored` gives the tokens to keep."""
    checked: dict[str, Any] = {}
    for name, value in values.items():
        if name in CHANNELS:
            checked[name] = _check_channel(name, value, stored.get(name), policy)
        elif name in NUMBERS and name in NOTIFY:
            checked[name] = check_number(name, value, *NUMBERS[name])
        else:
            raise _bad(name)
    return checked


def _changes(
    current: dict[str, Any], defaults: dict[str, Any], new: dict[str, Any]
) -> dict[str, Any]:
    return {k: v for k, v in new.items() if current.get(k, defaults[k]) != v}


def _redacted(notify: dict[str, Any]) -> dict[str, Any]:
    shown = copy.deepcopy(notify)
    for channel in CHANNELS:
        if isinstance(shown.get(channel), dict) and "token" in shown[channel]:
            shown[channel]["token"] = SECRET
    return shown


def field_codes(session: Session, office: Office) -> list[str]:
    """The codes of the office's fields, in their order."""
    stmt = (
        select(Service.code)
        .where(Service.office_id == office.id)
        .order_by(Service.sort)
    )
    return list(session.scalars(stmt))


def save(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    booking: dict[str, Any],
    notify: dict[str, Any],
    policy: TargetPolicy | None = None,
) -> dict[str, Any]:
    """Check and store booking and message settings; returns what changed. With
    the operator's policy, gateways it does not allow are refused."""
    require_role(actor, office, "admin")
    settings = copy.deepcopy(dict(office.settings or {}))
    stored_booking = dict(settings.get("booking") or {})
    stored_notify = dict(settings.get("notify") or {})
    new_booking = check_booking(booking, field_codes(session, office))
    new_notify = check_notify(notify, stored_notify, policy)
    changed = {
        "booking": _changes(stored_booking, BOOKING, new_booking),
        "notify": _changes(stored_notify, NOTIFY, new_notify),
    }
    settings["booking"] = {**stored_booking, **new_booking}
    settings["notify"] = {**stored_notify, **new_notify}
    office.settings = settings
    changed = {k: v for k, v in changed.items() if v}
    if changed:
        shown = {**changed}
        if "notify" in shown:
            shown["notify"] = _redacted(shown["notify"])
        audit(session, office, actor, clock, "settings.changed", office.slug, **shown)
    return changed
