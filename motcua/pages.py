"""Pages outside the faces: the front page, a ticket's status page, health."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from motcua.core.errors import NotFound
from motcua.core.lookup import ticket_by_id
from motcua.core.views import ticket_view
from motcua.web import database

pages = Blueprint("pages", __name__)


@pages.get("/")
def index() -> ResponseReturnValue:
    return render_template("index.html")


@pages.get("/t/<ticket_id>")
def status(ticket_id: str) -> ResponseReturnValue:
    with database().transaction() as session:
        try:
            office, ticket = ticket_by_id(session, ticket_id[:64])
        except NotFound:
            return render_template("ticket_missing.html"), 404
        view = ticket_view(session, office, ticket)
        office_name = office.name
    return render_template("status.html", ticket=view, office_name=office_name)


@pages.get("/healthz")
def health() -> ResponseReturnValue:
    with database().sessions() as session:
        session.execute(text("SELECT 1"))
    return jsonify({"ok": True})
