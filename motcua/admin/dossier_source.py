"""Where dossier statuses come from: the built-in table, or the office's dossier
system over HTTP, with a button that tries a code now."""

from __future__ import annotations

from typing import Any

from flask import current_app, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from motcua import gateways
from motcua.admin import auth
from motcua.admin.forms import FormError, attempt, in_office, number, text
from motcua.admin.messages import said
from motcua.admin.pages import dossier_page_context
from motcua.admin.views import admin
from motcua.config import target_policy
from motcua.core import dossiers, office_admin
from motcua.core.actors import Actor
from motcua.core.db import Session
from motcua.core.errors import DomainError
from motcua.core.models import Office
from motcua.core.targets import url_refused
from motcua.web import clock


def _source_form() -> dict[str, Any]:
    if text("kind", 10) != "http":
        return {"kind": "table"}
    url = text("url", 500)
    if not url.startswith(("http://", "https://")) or "{code}" not in url:
        raise FormError(said("source_url_form"))
    if url_refused(url, target_policy(current_app.config)):
        raise FormError(said("source_private"))
    config: dict[str, Any] = {"kind": "http", "url": url}
    config["timeout_s"] = number("timeout_s", 3, 1, 30)
    if text("token", 500):
        config["token"] = text("token", 500)
    return config


@admin.post("/admin/o/<slug>/dossiers/source")
@auth.office_page("admin")
def dossier_source(actor: Actor, office: Office) -> ResponseReturnValue:
    def op(session: Session, found: Office) -> dict[str, Any]:
        return office_admin.update_settings(session, found, actor, clock(), values)

    try:
        # Read (and its address looked up) before the write, which holds the lock.
        values = {"dossier_source": _source_form()}
    except FormError as err:
        error: str | None = str(err)
    else:
        _, error = attempt(in_office(office, op))
    if error:
        return render_template(
            "admin/dossiers.html", **dossier_page_context(office), error=error
        )
    return redirect(url_for("admin.dossiers_page", slug=office.slug))


def try_source(config: dict[str, Any], code: str, office: str) -> str:
    """What the office's dossier system answers for a code, in plain words."""
    try:
        http = gateways.for_lookups(current_app.config, office)
        found = dossiers.fetch_http(config, code, http)
    except dossiers.SourceDown as err:
        if str(err) == dossiers.BUSY:
            return said("source_busy")
        if str(err) == dossiers.NOT_ALLOWED:
            return said("source_private")
        return said("source_down", why=err)
    except DomainError:
        return said("source_no_dossier", code=code)
    status = dossiers.status_label(found["status"])
    return said("source_found", code=code, status=status)


@admin.post("/admin/o/<slug>/dossiers/source/test")
@auth.office_page("admin")
def dossier_source_test(actor: Actor, office: Office) -> ResponseReturnValue:
    code = text("code", 60).upper() or "000.00.01.H29-250101-0001"
    config = dossiers.source_config(office)
    if config.get("kind") != "http":
        result = said("source_table")
    else:
        result = try_source(config, code, office.slug)
    return render_template(
        "admin/dossiers.html", **dossier_page_context(office), tried=result
    )
