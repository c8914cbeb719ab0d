"""The admin pages: the blueprint, sign-in and the front page of /admin."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from motcua.admin import auth
from motcua.admin.language import page_lang
from motcua.admin.messages import said
from motcua.core.actors import Actor
from motcua.core.auth import check_password
from motcua.core.errors import DomainError
from motcua.core.models import Office
from motcua.ratelimit import check_login
from motcua.web import ApiError, database

admin = Blueprint(
    "admin",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/admin",
)


@admin.record_once
def _setup(state: Any) -> None:
    app = state.app
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    app.jinja_env.globals["csrf_token"] = auth.csrf_token
    app.jinja_env.filters.update(
        localtime=_localtime,
        minutes=_minutes,
        percent=_percent,
        score=_score,
        vndate=_vndate,
    )
    from motcua.admin import scheduler

    app.jinja_env.filters["push_failure"] = scheduler.failure_text
    scheduler.start_if_configured(app)


def _localtime(at: datetime | None, office: Office) -> str:
    return (
        at.astimezone(ZoneInfo(office.timezone)).strftime("%d/%m/%Y %H:%M")
        if at
        else ""
    )


def _minutes(seconds: int | None) -> str:
    """Whole minutes; a time that rounds to none reads "under 1 minute", not "0"."""
    if seconds is None:
        return "—"
    whole = round(seconds / 60)
    return said("minutes", m=whole) if whole else said("under_minute")


def _decimal(value: float) -> str:
    """Vietnamese writes a decimal comma (66,7), English a point (66.7)."""
    written = f"{value:g}"
    return written.replace(".", ",") if page_lang() == "vi" else written


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{_decimal(round(share * 100, 1))}%"


def _score(average: float | None) -> str:
    return "—" if average is None else f"{_decimal(round(average, 1))}/5"


def _vndate(day: Any) -> str:
    """A date the Vietnamese way, dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y") if day else ""


@admin.context_processor
def _language() -> dict[str, str]:
    """Every admin template gets the page's language as `lang` (`<html lang>`)."""
    return {"lang": page_lang()}


@admin.before_request
def _csrf() -> None:
    if request.method == "POST":
        auth.check_csrf()


@admin.get("/admin")
@admin.get("/admin/")
def index() -> ResponseReturnValue:
    if not auth.any_users():
        return redirect(url_for("admin.setup"))
    return _home()


@auth.signed_in
def _home(actor: Actor) -> ResponseReturnValue:
    offices = auth.offices_of(actor)
    if len(offices) == 1 and not actor.is_city_admin:
        return redirect(url_for("admin.office_home", slug=offices[0].slug))
    return render_template("admin/home.html", offices=offices, actor=actor)


@admin.route("/admin/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    if not auth.any_users():
        return redirect(url_for("admin.setup"))
    error = None
    if request.method == "POST":
        username = request.form.get("username", "")[:80]
        password = request.form.get("password", "")[:200]
        try:
            check_login(username)
            with database().reading() as session:  # scrypt outside the write lock
                user = check_password(session, username, password)
            auth.sign_in(user)
            target = request.args.get("next", "")
            safe = target.startswith("/admin") and "//" not in target
            return redirect(target if safe else url_for("admin.index"))
        except DomainError as err:
            error = auth.flash_error(err)
        except ApiError as err:  # too many attempts
            page = render_template("admin/login.html", error=said("sign_in_limited"))
            return page, 429, {"Retry-After": str(err.params["retry_after"])}
    return render_template("admin/login.html", error=error), 401 if error else 200


@admin.post("/admin/logout")
def logout() -> ResponseReturnValue:
    auth.sign_out()
    return redirect(url_for("admin.login"))


# The areas register their routes on the blueprint.
from motcua.admin import (  # noqa: E402, F401
    address,
    backup,
    booking,
    devices,
    dossier_source,
    health,
    messages,
    pages,
    procedures,
    reports,
    settings,
    staff,
    voice,
    wizard,
    words_office,
    words_records,
)
