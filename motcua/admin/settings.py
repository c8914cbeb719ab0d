"""Admin pages: office settings, fields, counters, staff and roles."""

from __future__ import annotations

import base64
from typing import Any

from flask import current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from motcua.admin import auth
from motcua.admin.forms import FormError, attempt, checked, in_office, number, text
from motcua.admin.language import page_lang
from motcua.admin.messages import said
from motcua.admin.views import admin
from motcua.config import target_policy
from motcua.core import help as help_pin
from motcua.core import numbering, office_admin, retention, staff
from motcua.core.actors import Actor
from motcua.core.db import Session, Written
from motcua.core.lookup import office_by_slug
from motcua.core.models import Counter, Office, Service, User
from motcua.core.settings import (
    DEFAULTS,
    PRIORITY_NAMES,
    TOP_RANK,
    known_priority_classes,
    office_setting,
)
from motcua.core.setup import ServiceSpec
from motcua.core.targets import url_refused
from motcua.web import clock, forget_actors, read

SETTING_NAMES = office_admin.EDITABLE


def settings_view(office: Office) -> dict[str, Any]:
    return {name: office_setting(office, name) for name in SETTING_NAMES}


def priority_rows(office: Office) -> list[dict[str, Any]]:
    """Each priority class with its name and rank; rank 0 means it is not granted."""
    ranks = office_setting(office, "priority_classes")
    return [
        {
            "code": code,
            "name": PRIORITY_NAMES.get(code, (code, code))[page_lang() == "en"],
            "rank": int(ranks.get(code, 0)),
        }
        for code in known_priority_classes(office)
    ]


def _ranks_form(office: Office) -> dict[str, int]:
    """Ranks from the form; a class set to 0 is left out, so it is not granted."""
    ranks = office_setting(office, "priority_classes")
    chosen = {
        code: number(f"rank_{code}", int(ranks.get(code, 0)), 0, 99)
        for code in known_priority_classes(office)
    }
    return {code: rank for code, rank in chosen.items() if rank}


def _whole(office: Office, name: str, unit: int = 1, field: str = "") -> Any:
    """A number of the form within the setting's range; empty keeps the value."""
    low, high = office_admin.RANGES[name]
    current = office_setting(office, name)
    kept = None if current is None else current // unit
    value = number(field or name, kept, low // unit, high // unit)
    return None if value is None else value * unit


def _logo_form(office: Office) -> str | None:
    """A PNG chosen for the ticket, removed, or kept."""
    if checked("ticket_logo_remove"):
        return None
    upload = request.files.get("ticket_logo")
    if upload is None or not upload.filename:
        return office_setting(office, "ticket_logo")  # type: ignore[no-any-return]
    raw = upload.read(office_admin.LOGO_MAX + 1)
    if len(raw) > office_admin.LOGO_MAX or not raw.startswith(office_admin.PNG_MAGIC):
        raise FormError(said("logo_form", kb=office_admin.LOGO_MAX // 1000))
    return base64.b64encode(raw).decode("ascii")


def _settings_form(office: Office) -> dict[str, Any]:
    return {
        "priority_policy": text("priority_policy", 10),
        "priority_ratio": _whole(office, "priority_ratio"),
        "booked_every": _whole(office, "booked_every"),
        "priority_classes": _ranks_form(office),
        "kiosk_self_priority": checked("kiosk_self_priority"),
        "per_person_daily_cap": _capped(office),
        "no_show_grace_s": _whole(office, "no_show_grace_s", 60, "no_show_grace_min"),
        "counter_idle_s": _whole(office, "counter_idle_s", 60, "counter_idle_min"),
        "kiosk_idle_s": _whole(office, "kiosk_idle_s"),
        "kiosk_read_idle_s": _whole(office, "kiosk_read_idle_s"),
        "kiosk_warn_s": _whole(office, "kiosk_warn_s"),
        "kiosk_cccd": checked("kiosk_cccd"),
        "ticket_footer": text("ticket_footer", 2000),
        "ticket_logo": _logo_form(office),
        "announcement_template": text("announcement_template", 300, True),
        "number_reading": text("number_reading", 10),
        "hours": {k: text(f"hours_{k}", 100) for k in ("mon_fri", "sat", "sun")},
        "issue_only_in_hours": checked("issue_only_in_hours"),
        "report_time": text("report_time", 5),
        "language": text("language", 2) or "vi",
        "report_push_url": text("report_push_url", 500) or None,
        "personal_data_days": _whole(office, "personal_data_days"),
        # Read longer than allowed so that the check refuses, rather than cuts.
        "display_ticker": text("display_ticker", 2000),
        "kiosk_texts": {k: text(f"kiosk_{k}", 2000) for k in ("welcome", "notice")},
    }


def _capped(office: Office) -> int | None:
    """The daily cap per person; an empty box means no cap."""
    low, high = office_admin.RANGES["per_person_daily_cap"]
    return number("per_person_daily_cap", None, low, high)


def _pin_change(session: Session, office: Office, actor: Actor) -> list[str]:
    """A new helper's PIN, or none; an empty box keeps the PIN."""
    pin = text("kiosk_priority_pin", 40)
    if checked("kiosk_priority_pin_off"):
        if not help_pin.pin_enabled(office):
            return []
        help_pin.clear_priority_pin(session, office, actor)
    elif pin:
        help_pin.set_priority_pin(session, office, actor, pin)
    else:
        return []
    state = "set" if pin and not checked("kiosk_priority_pin_off") else None
    office_admin.audit(
        session, office, actor, clock(), "settings.changed", office.slug,
        kiosk_priority_pin=state,
    )  # fmt: skip
    return ["kiosk_priority_pin"]


@admin.route("/admin/o/<slug>/settings", methods=["GET", "POST"])
@auth.office_page("admin")
def settings_page(actor: Actor, office: Office) -> ResponseReturnValue:
    error = saved = None
    if request.method == "POST":

        def op(session: Session) -> Written[dict[str, Any]]:
            found = office_by_slug(session, office.slug)
            name = text("name", 200, True)
            renamed = office_admin.rename_office(session, found, actor, clock(), name)
            changed = office_admin.update_settings(
                session, found, actor, clock(), _settings_form(found)
            )
            pin = _pin_change(session, found, actor)
            names = [*changed, *pin, *(["name"] if renamed else [])]
            return changed, office_admin.changed_event(session, found, clock(), names)

        # The city's address is looked up before the write, which holds the lock.
        push_url = text("report_push_url", 500)
        if push_url and url_refused(push_url, target_policy(current_app.config)):
            error = said("push_private")
        else:
            saved, error = attempt(op)
        office = auth.load_office(office.slug)
    page = render_template(
        "admin/settings.html",
        office=office,
        values=settings_view(office),
        priority_rows=priority_rows(office),
        pin_set=help_pin.pin_enabled(office),
        ranges=office_admin.RANGES,
        top_rank=TOP_RANK,
        defaults=DEFAULTS,
        error=error,
        saved=saved is not None and not error,
    )
    return page, 400 if error else 200


@admin.post("/admin/o/<slug>/retention/purge")
@auth.office_page("admin")
def purge(actor: Actor, office: Office) -> ResponseReturnValue:
    def op(session: Session, found: Office) -> int:
        count = retention.purge_personal_data(session, found, clock())
        office_admin.audit(
            session, found, actor, clock(), "personal_data.purged", "", tickets=count
        )
        return count

    count, error = attempt(in_office(office, op))
    return render_template(
        "admin/message.html",
        office=office,
        title=said("purge_title"),
        text=error or said("purged", count=count),
    )


def services_of(office: Office) -> list[Service]:
    return read(lambda s: office_admin.office_services(s, office))


def counters_of(office: Office) -> list[Counter]:
    return read(lambda s: office_admin.office_counters(s, office))


def service_spec(prefix: str = "") -> ServiceSpec:
    """A field from the form; prefix picks one row of a table of fields. A range
    left empty is the office's next free block."""
    start = number(prefix + "range_start", None, 0, 9999)
    end = number(prefix + "range_end", None, 0, 9999)
    if (start is None) != (end is None):
        raise FormError(said("range_both"))
    return ServiceSpec(
        code=text(prefix + "code", 16, True).upper(),
        name_vi=text(prefix + "name_vi", 200, True),
        name_en=text(prefix + "name_en", 200) or text(prefix + "name_vi", 200),
        range_start=start,
        range_end=end,
        daily_cap=number(prefix + "daily_cap", None, 1, 9999),
    )


def free_range(office: Office) -> tuple[int, int] | None:
    """The block a field added now would get."""
    return read(lambda s: numbering.next_free_range(s, office_by_slug(s, office.slug)))


@admin.route("/admin/o/<slug>/fields", methods=["GET", "POST"])
@auth.office_page("admin")
def fields_page(actor: Actor, office: Office) -> ResponseReturnValue:
    error = None
    if request.method == "POST":
        code = request.form.get("existing")

        def op(session: Session, found: Office) -> Service | None:
            spec = service_spec()
            if code:
                office_admin.update_service(
                    session, found, actor, clock(), code, spec, checked("is_open")
                )
                return None
            return office_admin.create_service(session, found, actor, clock(), spec)

        _, error = attempt(in_office(office, op, "services"))
        if not error:
            return redirect(url_for("admin.fields_page", slug=office.slug))
    return render_template(
        "admin/fields.html",
        office=office,
        services=services_of(office),
        free=free_range(office),
        error=error,
    )


def counter_form() -> tuple[int, str, list[str]]:
    return (
        number("number", 1, 1, 999),
        text("name", 100),
        request.form.getlist("services"),
    )


@admin.route("/admin/o/<slug>/counters", methods=["GET", "POST"])
@auth.office_page("admin")
def counters_page(actor: Actor, office: Office) -> ResponseReturnValue:
    error = None
    if request.method == "POST":

        def op(session: Session, found: Office) -> Counter:
            n, name, codes = counter_form()
            return office_admin.save_counter(
                session, found, actor, clock(), n, name, codes
            )

        saved, error = attempt(in_office(office, op, "counters"))
        if saved is not None and not error:
            return redirect(
                url_for("admin.counters_page", slug=office.slug, saved=saved.number)
            )
    return render_template(
        "admin/counters.html",
        office=office,
        services=services_of(office),
        counters=counters_of(office),
        error=error,
        saved=request.args.get("saved", type=int),
    )


def counters_field(raw: str) -> list[int] | None:
    """ "1, 3" -> [1, 3]; empty means any counter."""
    try:
        numbers = [int(x) for x in raw.replace(" ", "").split(",") if x]
    except ValueError:
        raise FormError(said("counter_list_form")) from None
    return numbers or None


@admin.route("/admin/o/<slug>/staff", methods=["GET", "POST"])
@auth.office_page("admin")
def staff_page(actor: Actor, office: Office) -> ResponseReturnValue:
    error = None
    if request.method == "POST":
        user_id = number("user_id", None, 1, 2**31)

        def op(session: Session, found: Office) -> User | None:
            allowed = counters_field(text("counters", 200))
            if user_id is not None and request.form.get("remove"):
                return staff.remove_staff(session, found, actor, clock(), user_id)
            if user_id is None:
                return office_admin.add_staff(
                    session,
                    found,
                    actor,
                    clock(),
                    text("username", 80, True),
                    request.form.get("password", "")[:200],
                    text("role", 10),
                    text("full_name", 200),
                    allowed,
                )
            changes = {
                "role": text("role", 10),
                "counters": allowed,
                "active": checked("active"),
            }
            if request.form.get("password"):
                changes["password"] = request.form["password"][:200]
            office_admin.update_staff(session, found, actor, clock(), user_id, changes)
            return None

        _, error = attempt(in_office(office, op, "staff"))
        # A deactivated account or a new password: tokens and sockets stop now.
        forget_actors(users=[user_id] if user_id and not error else [])
        if not error:
            return redirect(url_for("admin.staff_page", slug=office.slug))
    people = read(lambda s: office_admin.members(s, office))
    return render_template(
        "admin/staff.html", office=office, people=people, error=error
    )
