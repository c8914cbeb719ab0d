"""Admin pages: an office's front page, its audit log, dossier statuses, city view."""

from __future__ import annotations

from typing import Any

from flask import jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from motcua.admin import auth
from motcua.admin.forms import FormError, attempt, in_office, text
from motcua.admin.language import page_lang
from motcua.admin.messages import said
from motcua.admin.views import admin
from motcua.core import dossiers, history, office_admin, reports
from motcua.core.actors import Actor
from motcua.core.db import Session
from motcua.core.lookup import all_offices, office_by_slug
from motcua.core.models import Dossier, Office
from motcua.core.setup import add_user, create_office
from motcua.core.views import snapshot
from motcua.i18n import message
from motcua.web import clock, read


@admin.get("/admin/o/<slug>")
@auth.office_page("manager")
def office_home(actor: Actor, office: Office) -> ResponseReturnValue:
    def op(session: Session) -> tuple[dict[str, Any], dict[str, Any]]:
        found = office_by_slug(session, office.slug)
        day = reports.today(found, clock())
        return reports.daily_report(session, found, day), snapshot(
            session, found, clock()
        )

    today, live = read(op)
    return render_template(
        "admin/office.html", office=office, today=today, live=live, role=auth_role()
    )


def auth_role() -> str:
    from flask import g

    return str(g.get("role", ""))


@admin.get("/admin/o/<slug>/audit")
@auth.office_page("admin")
def audit_page(actor: Actor, office: Office) -> ResponseReturnValue:
    """The log of changes and queue actions, searched by day, person, ticket."""
    raw_day, error, day = request.args.get("day", "").strip()[:20], None, None
    if raw_day:
        try:
            day = dossiers.parse_date(raw_day)
        except ValueError:
            error = said("day_form")
    query = history.Query(
        day=day,
        person=request.args.get("person", "")[:80],
        ticket=request.args.get("ticket", "")[:64],
    )
    entries = read(
        lambda s: history.search(s, office_by_slug(s, office.slug), query, page_lang())
    )
    return render_template(
        "admin/audit.html",
        office=office,
        entries=entries,
        query=query,
        raw_day=raw_day,
        error=error,
    )


@admin.get("/admin/o/<slug>/tickets/<ticket_id>")
@auth.office_page("manager")
def ticket_page(actor: Actor, office: Office, ticket_id: str) -> ResponseReturnValue:
    """One ticket's story: issued, calls, recalls, transfers, outcome, rating."""
    story = read(
        lambda s: history.ticket_story(
            s, office_by_slug(s, office.slug), ticket_id[:64], page_lang()
        )
    )
    return render_template("admin/ticket.html", office=office, **story)


def _dossier_rows(office: Office) -> list[Dossier]:
    return read(lambda s: dossiers.recent_dossiers(s, office, 50))


@admin.route("/admin/o/<slug>/dossiers", methods=["GET", "POST"])
@auth.office_page("admin")
def dossiers_page(actor: Actor, office: Office) -> ResponseReturnValue:
    error = done = None
    if request.method == "POST":
        upload = request.files.get("file")

        def op(session: Session, found: Office) -> str:
            if upload is not None and upload.filename:
                raw = upload.read(dossiers.CSV_MAX_BYTES).decode(
                    "utf-8", errors="replace"
                )
                result = dossiers.import_csv(session, found, actor, clock(), raw)
                office_admin.audit(
                    session,
                    found,
                    actor,
                    clock(),
                    "dossiers.imported",
                    "",
                    imported=result.imported,
                    errors=len(result.errors),
                )
                lines = ", ".join(str(e["line"]) for e in result.errors[:20])
                done = said("dossiers_imported", count=result.imported)
                return done + (" " + said("bad_lines", lines=lines) if lines else "")
            values = {k: text(k, 300) or None for k in ("status", "procedure", "note")}
            values["due_date"] = text("due_date", 10) or None
            code = text("code", 40, True)
            dossiers.save_dossier(session, found, actor, clock(), code, values)
            office_admin.audit(
                session,
                found,
                actor,
                clock(),
                "dossier.saved",
                code,
                status=values["status"],
            )
            return said("dossier_saved", code=code)

        done, error = attempt(in_office(office, op))
    return render_template(
        "admin/dossiers.html", **dossier_page_context(office), error=error, done=done
    )


def dossier_page_context(office: Office) -> dict[str, Any]:
    """What the dossiers page shows besides a message."""
    return {
        "office": office,
        "rows": _dossier_rows(office),
        "statuses": list(dossiers.STATUSES),
        "label": dossiers.status_label,
        "source": dossiers.source_config(office),
    }


def _city() -> list[dict[str, Any]]:
    def op(session: Session) -> list[dict[str, Any]]:
        rows = []
        for office in all_offices(session):
            live = snapshot(session, office, clock())
            day = reports.today(office, clock())
            figures = reports.daily_report(session, office, day)
            rows.append(
                {
                    "slug": office.slug,
                    "name": office.name,
                    "waiting": sum(s["waiting"] for s in live["services"]),
                    "open": sum(1 for c in live["counters"] if c["state"] == "open"),
                    "counters": len(live["counters"]),
                    "serving": [
                        {"counter": c["number"], "ticket": c["ticket"]["number"]}
                        for c in live["counters"]
                        if c["ticket"]
                    ],
                    **{
                        k: figures[k]
                        for k in ("issued", "served", "no_show", "cancelled")
                    },
                    "wait_s": figures["wait_s"],
                    "ratings": figures["ratings"],
                }
            )
        return rows

    return read(op)


@admin.route("/admin/city", methods=["GET", "POST"])
@auth.signed_in
def city_page(actor: Actor) -> ResponseReturnValue:
    """Every office side by side; the city admin adds a ward's office here."""
    if not actor.is_city_admin:
        return auth.forbidden()
    error = None
    if request.method == "POST":
        slug, error = attempt(lambda session: (_new_office(session, actor), []))
        if slug is not None:
            return redirect(url_for("admin.setup_fields", slug=slug))
    return render_template(
        "admin/city.html", offices=_city(), error=error, form=request.form
    )


def _new_office(session: Session, actor: Actor) -> str:
    """A ward's office and its first admin account; the wizard takes it from there."""
    if request.form.get("password") != request.form.get("password2"):
        raise FormError(message("password_mismatch", page_lang()))
    office = create_office(
        session, clock(), text("slug", 40, True).lower(), text("office_name", 200, True)
    )
    username = text("username", 80, True)
    add_user(
        session,
        clock(),
        username,
        request.form.get("password", "")[:200],
        office=office,
        role="admin",
        full_name=text("full_name", 200),
    )
    office_admin.audit(
        session, office, actor, clock(), "office.created", office.slug, admin=username
    )
    return office.slug


@admin.get("/admin/city.json")
@auth.signed_in
def city_json(actor: Actor) -> ResponseReturnValue:
    if not actor.is_city_admin:
        return auth.forbidden()
    return jsonify({"offices": _city()})
