"""Admin page: bookings from home and messages to citizens."""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template, request
from flask.typing import ResponseReturnValue

from motcua.admin import auth
from motcua.admin.forms import attempt, checked, in_office, text
from motcua.admin.messages import said_in
from motcua.admin.settings import services_of
from motcua.admin.views import admin
from motcua.config import target_policy
from motcua.core import booking_settings, notify
from motcua.core.actors import Actor
from motcua.core.booking_slots import conf
from motcua.core.db import Session
from motcua.core.errors import DomainError
from motcua.core.models import Office
from motcua.web import clock


def _b(key: str, **params: Any) -> str:
    return said_in("booking_page", key, **params)


# The keys of the page's words (the group "booking_page"), said in the page's language.
KINDS = ("otp", "booked", "issued", "near", "called", "no_show", "missed")
CHANNEL_NAMES = ("sms", "zalo")
DAY_NAMES = ("mon_fri", "sat", "sun")
LABELS = (
    "enabled", "identity", "open", "hours", "days_ahead", "slot_minutes",
    "capacity", "daily_cap", "per_person_daily", "active_per_person",
    "grace_before_min", "grace_after_min", "otp_ttl_s", "otp_attempts",
    "otp_resend_s", "otp_max_sends", "codes_per_hour", "near_ahead",
    "max_attempts", "timeout_s", "url", "token",
)  # fmt: skip
NUMBERS = (
    "days_ahead", "slot_minutes", "per_person_daily", "active_per_person",
    "grace_before_min", "grace_after_min", "otp_ttl_s", "otp_attempts",
    "otp_resend_s", "otp_max_sends", "codes_per_hour",
)  # fmt: skip
NOTIFY_NUMBERS = ("near_ahead", "max_attempts", "timeout_s")


def _named(prefix: str, key: str, known: tuple[str, ...]) -> str:
    return _b(f"{prefix}_{key}") if key in known else key


def label(name: str) -> str:
    """The words for a setting's path: "capacity.CT" -> "Số chỗ ... – CT"."""
    head, _, rest = name.partition(".")
    if head in CHANNEL_NAMES:
        channel = _b(f"channel_{head}")
        if rest.startswith("templates."):
            kind = rest.split(".", 1)[1]
            return f"{channel} – {_named('kind', kind, KINDS)}"
        return f"{channel} – {_named('label', rest, LABELS)}"
    if head == "hours" and rest:
        return f"{_b('label_hours')} – {_named('day', rest, DAY_NAMES)}"
    words = _named("label", head, LABELS)
    if rest == "*":
        return _b("label_other_fields", label=words)
    return f"{words} – {rest}" if rest else words


def whole(name: str) -> Any:
    """A number from the form; text that is not one goes on to be refused."""
    raw = (request.form.get(name) or "").strip()[:20]
    try:
        return int(raw)
    except ValueError:
        return raw


def _table(prefix: str, codes: list[str]) -> dict[str, Any]:
    """Rows of the fields' table; an empty cell means the default (no entry)."""
    cells = {code: whole(f"{prefix}_{code}") for code in codes}
    return {code: value for code, value in cells.items() if value != ""}


def booking_form(codes: list[str]) -> dict[str, Any]:
    """The booking settings as the form gives them."""
    values: dict[str, Any] = {name: whole(name) for name in NUMBERS}
    values.update(
        enabled=checked("enabled"),
        identity=text("identity", 10),
        open=text("open", 100),
        hours=None
        if checked("same_hours")
        else {day: text(f"hours_{day}", 100) for day in DAY_NAMES},
        capacity={"*": whole("capacity_default"), **_table("capacity", codes)},
        daily_cap=_table("daily_cap", codes),
    )
    return values


def _channel_form(channel: str) -> dict[str, Any] | None:
    if not checked(f"{channel}_enabled"):
        return None
    values: dict[str, Any] = {
        "url": text(f"{channel}_url", 500),
        "templates": {k: text(f"{channel}_tpl_{k}", 600) for k in KINDS},
    }
    token = (request.form.get(f"{channel}_token") or "").strip()[:600]
    if checked(f"{channel}_token_clear"):
        values["token"] = None
    elif token:
        values["token"] = token
    return values  # no token given: the one set before stays


def notify_form() -> dict[str, Any]:
    """The message settings as the form gives them."""
    values: dict[str, Any] = {c: _channel_form(c) for c in CHANNEL_NAMES}
    values.update({name: whole(name) for name in NOTIFY_NUMBERS})
    return values


def page_values(office: Office) -> dict[str, Any]:
    """What the form shows: today's settings, gateway tokens only as "set"."""
    channels = {}
    settings = notify.conf(office)
    for channel in CHANNEL_NAMES:
        found = settings.get(channel) or {}
        channels[channel] = {
            "enabled": bool(found),
            "url": found.get("url", ""),
            "token_set": bool(found.get("token")),
            "templates": found.get("templates") or {},
        }
    return {"booking": conf(office), "notify": settings, "channels": channels}


@admin.route("/admin/o/<slug>/booking", methods=["GET", "POST"])
@auth.office_page("admin")
def booking_settings_page(actor: Actor, office: Office) -> ResponseReturnValue:
    error = saved = None
    if request.method == "POST":
        policy = target_policy(current_app.config)

        def op(session: Session, found: Office) -> dict[str, Any]:
            codes = booking_settings.field_codes(session, found)
            form, messages = booking_form(codes), notify_form()
            try:
                return booking_settings.save(
                    session, found, actor, clock(), form, messages, policy
                )
            except DomainError as err:
                if "name" in err.params:
                    err.params["label"] = label(err.params["name"])
                raise

        saved, error = attempt(in_office(office, op, "booking"))
        office = auth.load_office(office.slug)
    return render_template(
        "admin/booking_settings.html",
        office=office,
        values=page_values(office),
        services=services_of(office),
        kinds=KINDS,
        channel_names=CHANNEL_NAMES,
        day_names=DAY_NAMES,
        placeholders=booking_settings.PLACEHOLDERS,
        default_texts=notify.TEXTS,
        error=error,
        saved=saved is not None and not error,
    )
