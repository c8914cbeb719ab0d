"""Pages outside the faces: the front page, a ticket's status page, health."""

from __future__ import annotations

import io

import qrcode
from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from qrcode.image.svg import SvgPathImage
from sqlalchemy import text

from motcua.core.errors import NotFound
from motcua.core.lookup import ticket_by_id
from motcua.core.views import ticket_view
from motcua.i18n import ticket_status_text
from motcua.web import clock, database

pages = Blueprint("pages", __name__)
# The status page's words; its script fills in the live parts.
TEXTS = {
    "vi": {
        "number": "Số thứ tự",
        "service": "Lĩnh vực",
        "live_note": "Trang này tự cập nhật. Xin giữ phiếu cho đến khi được gọi.",
        "switch": "English",
    },
    "en": {
        "number": "Number",
        "service": "Service",
        "live_note": "This page updates by itself. Keep your ticket until called.",
        "switch": "Tiếng Việt",
    },
}


@pages.get("/")
def index() -> ResponseReturnValue:
    return render_template("index.html")


def _lang(default: str) -> str:
    chosen = request.args.get("lang") or default
    return "en" if chosen == "en" else "vi"


@pages.get("/t/<ticket_id>")
def status(ticket_id: str) -> ResponseReturnValue:
    with database().transaction() as session:
        try:
            office, ticket = ticket_by_id(session, ticket_id[:64])
        except NotFound:
            lang = _lang("vi")
            return render_template("ticket_missing.html", lang=lang), 404
        view = ticket_view(session, office, ticket, now=clock().now())
        office_name, lang = office.name, _lang(ticket.lang)
        view["status_text"] = ticket_status_text(view, lang)
    return render_template(
        "status.html", ticket=view, office_name=office_name, lang=lang, t=TEXTS[lang]
    )


def status_link(ticket_id: str) -> str:
    """The address a ticket's QR code points to."""
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return base.rstrip("/") + url_for("pages.status", ticket_id=ticket_id)
    return url_for("pages.status", ticket_id=ticket_id, _external=True)


@pages.get("/t/<ticket_id>/qr.svg")
def status_qr(ticket_id: str) -> ResponseReturnValue:
    """The QR code of a ticket's status page, drawn on the server as SVG."""
    with database().sessions() as session:
        try:
            ticket_by_id(session, ticket_id[:64])
        except NotFound:
            return Response("", status=404)
    image = qrcode.make(
        status_link(ticket_id), image_factory=SvgPathImage, box_size=10, border=2
    )
    out = io.BytesIO()
    image.save(out)
    response = Response(out.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


@pages.get("/healthz")
def health() -> ResponseReturnValue:
    with database().sessions() as session:
        session.execute(text("SELECT 1"))
    return jsonify({"ok": True})


@pages.get("/sw.js")
def service_worker() -> ResponseReturnValue:
    """The live pages' service worker, from the root so it covers /o/... and /t/...."""
    response = current_app.send_static_file("sw.js")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response
