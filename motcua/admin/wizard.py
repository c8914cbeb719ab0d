"""First run: from an empty install to a working office, step by step."""

from __future__ import annotations

import dataclasses

from flask import current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from motcua.admin import auth
from motcua.admin.backup import read_backup
from motcua.admin.forms import FormError, attempt, checked, in_office, text
from motcua.admin.language import page_lang
from motcua.admin.messages import said
from motcua.admin.settings import counters_field, counters_of, service_spec, services_of
from motcua.admin.views import admin
from motcua.config import target_policy
from motcua.core import backup, numbering, office_admin
from motcua.core.actors import Actor
from motcua.core.db import Session, Written
from motcua.core.errors import Conflict
from motcua.core.models import Membership, Office, User
from motcua.core.security import SLUG
from motcua.core.setup import add_user, create_office
from motcua.core.slugs import slug_from_name
from motcua.demo import WARD_SERVICES
from motcua.i18n import message
from motcua.web import clock

TYPICAL_SERVICE_S = {spec.code: spec.avg_service_s for spec in WARD_SERVICES}

#: The first run's steps; base.html names each in the page's language.
STEPS = ("account", "fields", "counters", "staff", "address", "devices")
COUNTER_ROWS = 6
STAFF_ROWS = 4


def _first_run(session: Session) -> Written[tuple[User, str]]:
    """Office and first admin together; only while there are no accounts."""
    if auth.any_users():
        raise Conflict("setup_done")
    if request.form.get("password") != request.form.get("password2"):
        raise FormError(message("password_mismatch", page_lang()))
    name = text("office_name", 200, True)
    office = create_office(session, clock(), _slug(name), name)
    hours = {k: text(f"hours_{k}", 100) for k in ("mon_fri", "sat", "sun")}
    user = add_user(
        session,
        clock(),
        text("username", 80, True),
        request.form.get("password", "")[:200],
        office=office,
        role="admin",
        full_name=text("full_name", 200),
    )
    office_admin.first_settings(session, office, user, clock(), hours)
    return (user, office.slug), []


def _slug(name: str) -> str:
    """The code typed, or one made from the name; a bad one is refused with a
    suggestion."""
    typed = text("slug", 60).lower()
    if not typed:
        return slug_from_name(name)
    if not SLUG.match(typed):
        raise FormError(said("slug_form", example=slug_from_name(typed)))
    return typed


@admin.route("/admin/setup", methods=["GET", "POST"])
def setup() -> ResponseReturnValue:
    if auth.any_users() and request.method == "GET":
        return redirect(url_for("admin.login"))
    error = None
    if request.method == "POST":
        result, error = attempt(_first_run)
        if result is not None:
            user, slug = result
            auth.sign_in(user)
            return redirect(url_for("admin.setup_fields", slug=slug))
    return render_template(
        "admin/setup_account.html",
        steps=STEPS,
        step="account",
        error=error,
        form=request.form,
    )


@admin.post("/admin/setup/restore")
def setup_restore() -> ResponseReturnValue:
    """A fresh install brought back from a backup instead of set up from scratch."""
    if auth.any_users():
        return redirect(url_for("admin.login"))
    upload = request.files.get("file")
    # An empty install has nothing another office could reach, so a backup signed
    # by the old server is taken on its content: one office's rows, checked.
    policy = target_policy(current_app.config)

    def op(session: Session) -> Written[str]:
        document = read_backup(upload)
        return backup.restore_office(session, document, policy).slug, []

    restored, error = attempt(op)
    if restored:
        return render_template("admin/login.html", error=None, restored=True)
    return render_template(
        "admin/setup_account.html", steps=STEPS, step="account", error=error, form={}
    )


@admin.route("/admin/o/<slug>/setup/fields", methods=["GET", "POST"])
@auth.office_page("admin")
def setup_fields(actor: Actor, office: Office) -> ResponseReturnValue:
    error = None
    existing = {s.code for s in services_of(office)}
    if request.method == "POST":

        def op(session: Session, found: Office) -> None:
            for i in range(len(WARD_SERVICES) + 2):
                if checked(f"use_{i}") and text(f"{i}_code").upper() not in existing:
                    spec = service_spec(f"{i}_")
                    # A ward field starts from its typical service time (DOMAIN.md),
                    # so the first waits quoted are already close.
                    typical = TYPICAL_SERVICE_S.get(spec.code, spec.avg_service_s)
                    spec = dataclasses.replace(spec, avg_service_s=typical)
                    office_admin.create_service(session, found, actor, clock(), spec)

        _, error = attempt(in_office(office, op, "services"))
        if not error:
            return redirect(url_for("admin.setup_counters", slug=office.slug))
    return render_template(
        "admin/setup_fields.html",
        steps=STEPS,
        step="fields",
        office=office,
        ward=WARD_SERVICES,
        ranges=_offered_ranges(office),
        existing=existing,
        error=error,
    )


def _offered_ranges(office: Office) -> list[tuple[int, int] | None]:
    """Each ward field's usual range, or a free block where the office's own fields
    already use it: the rows never offer two fields the same numbers."""
    services = services_of(office)
    taken = [(s.range_start, s.range_end) for s in services]
    codes = {s.code for s in services}
    wanted = [
        (spec.range_start or 0, spec.range_end or 0)
        for spec in WARD_SERVICES
        if spec.code not in codes
    ]
    offered = iter(numbering.suggest_ranges(taken, wanted))
    return [None if spec.code in codes else next(offered) for spec in WARD_SERVICES]


@admin.route("/admin/o/<slug>/setup/counters", methods=["GET", "POST"])
@auth.office_page("admin")
def setup_counters(actor: Actor, office: Office) -> ResponseReturnValue:
    error = None
    if request.method == "POST":

        def op(session: Session, found: Office) -> None:
            for n in range(1, COUNTER_ROWS + 1):
                if checked(f"use_{n}"):
                    codes = request.form.getlist(f"services_{n}")
                    name = text(f"name_{n}", 100)
                    office_admin.save_counter(
                        session, found, actor, clock(), n, name, codes
                    )

        _, error = attempt(in_office(office, op, "counters"))
        if not error:
            return redirect(url_for("admin.setup_staff", slug=office.slug))
    return render_template(
        "admin/setup_counters.html",
        steps=STEPS,
        step="counters",
        office=office,
        services=services_of(office),
        counters={c.number: c for c in counters_of(office)},
        rows=COUNTER_ROWS,
        error=error,
    )


@admin.route("/admin/o/<slug>/setup/staff", methods=["GET", "POST"])
@auth.office_page("admin")
def setup_staff(actor: Actor, office: Office) -> ResponseReturnValue:
    errors: dict[int, str] = {}
    if request.method == "POST":
        errors = _add_staff_rows(actor, office)
        if not errors:
            return redirect(url_for("admin.address_page", slug=office.slug, wizard="1"))
    people = [u.username for u, _ in _members(office)]
    return render_template(
        "admin/setup_staff.html",
        steps=STEPS,
        step="staff",
        office=office,
        rows=STAFF_ROWS,
        people=people,
        errors=errors,
        form=request.form if errors else {},
        error=said("rows_not_saved") if errors else None,
    )


def _add_staff_rows(actor: Actor, office: Office) -> dict[int, str]:
    """Each row on its own: good rows are saved, a bad one keeps what was typed."""
    errors = {}
    for i in range(STAFF_ROWS):
        username = text(f"username_{i}", 80)
        if not username:
            continue

        def op(
            session: Session, found: Office, i: int = i, username: str = username
        ) -> None:
            office_admin.add_staff(
                session,
                found,
                actor,
                clock(),
                username,
                request.form.get(f"password_{i}", "")[:200],
                text(f"role_{i}", 10) or "staff",
                text(f"full_name_{i}", 200),
                counters_field(text(f"counters_{i}", 100)),
            )

        _, error = attempt(in_office(office, op, "staff"))
        if error:
            errors[i] = error
    return errors


def _members(office: Office) -> list[tuple[User, Membership]]:
    from motcua.web import read

    return read(lambda s: office_admin.members(s, office))
