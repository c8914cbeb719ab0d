"""Pages outside the faces: the front page, a ticket's status page, health."""

from __future__ import annotations

import io
import json
import time

import qrcode
from flask import (
    Blueprint,
    Response,
    current_app,
    has_request_context,
    jsonify,
    render_template,
    request,
    send_from_directory,
)
from flask.typing import ResponseReturnValue
from qrcode.image.svg import SvgPathImage

from motcua.core import address
from motcua.core.auth import status_link_open
from motcua.core.errors import NotFound
from motcua.core.lookup import find_office, ticket_by_id
from motcua.core.models import Office
from motcua.core.views import ticket_view
from motcua.i18n import START_KINDS, page_words, ticket_status_text, words
from motcua.web import ApiError, clock, database

pages = Blueprint("pages", __name__)


@pages.get("/")
def index() -> ResponseReturnValue:
    return render_template("index.html")


@pages.get("/favicon.ico")
def favicon() -> ResponseReturnValue:
    """Every browser asks for it: one door on the office blue, kept for a day."""
    folder = current_app.static_folder
    assert folder is not None
    return send_from_directory(
        folder, "favicon.ico", mimetype="image/vnd.microsoft.icon", max_age=86400
    )


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
        if not status_link_open(office, ticket, clock()):
            lang = _lang(ticket.lang)
            return render_template("ticket_missing.html", lang=lang), 410
        view = ticket_view(session, office, ticket, now=clock().now())
        office_name, lang = office.name, _lang(ticket.lang)
        view["status_text"] = ticket_status_text(view, lang)
    return render_template(
        "status.html",
        ticket=view,
        office_name=office_name,
        lang=lang,
        t=words("status_page", lang),
    )


def public_base(office: Office | None) -> str:
    """The base of every link people open: MOTCUA_PUBLIC_URL, else the office's
    chosen address, else the address this request came by."""
    seen = request.host_url if has_request_context() else None
    return address.public_base(office, current_app.config.get("PUBLIC_URL"), seen)


# slug -> (read at, the office's chosen address): ticket answers are the hot path.
_CHOSEN: dict[str, tuple[float, str | None]] = {}
CHOSEN_TTL_S = 10.0


def public_base_of(slug: str) -> str:
    """public_base for an office known by its slug, its choice cached a few s."""
    now = time.monotonic()
    cached = _CHOSEN.get(slug)
    if cached is None or now - cached[0] > CHOSEN_TTL_S:
        with database().sessions() as session:
            office = find_office(session, slug)
            cached = (now, address.chosen(office) if office else None)
        _CHOSEN[slug] = cached
    seen = request.host_url if has_request_context() else None
    return address.pick(current_app.config.get("PUBLIC_URL"), cached[1], seen)


def status_link(office: Office | None, ticket_id: str) -> str:
    """The address a ticket's QR code points to."""
    return address.ticket_link(public_base(office), ticket_id)


@pages.get("/t/<ticket_id>/qr.svg")
def status_qr(ticket_id: str) -> ResponseReturnValue:
    """The QR code of a ticket's status page, drawn on the server as SVG."""
    with database().sessions() as session:
        try:
            office, _ = ticket_by_id(session, ticket_id[:64])
        except NotFound:
            return Response("", status=404)
    image = qrcode.make(
        status_link(office, ticket_id),
        image_factory=SvgPathImage,
        box_size=10,
        border=2,
    )
    out = io.BytesIO()
    image.save(out)
    response = Response(out.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


@pages.get("/o/<office>/start/<kind>.html")
def start_page(office: str, kind: str) -> ResponseReturnValue:
    """A small page a kiosk or TV keeps as its browser's start page: it shows
    "Đang kết nối lại…" until the server answers, then opens the real page. On a
    plain-http LAN browsers keep no copy of a page (no service worker), so a device
    switched on while the server is down would otherwise stay on an error page."""
    with database().sessions() as session:
        found = find_office(session, office)
    if found is None or kind not in START_KINDS:
        raise ApiError(404, "not_found")
    base = request.host_url.rstrip("/")  # the address this device reaches us by
    html = render_template(
        "start.html",
        kind=kind,
        title=words("device_kind", "vi")[kind],
        base=base,
        page=f"{base}/o/{found.slug}/start/{kind}",
        health=f"{base}/healthz",
    )
    name = f"motcua-{found.slug}-{kind}.html"
    return Response(
        html,
        mimetype="text/html",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@pages.get("/o/<office>/start/<kind>")
def start_hop(office: str, kind: str) -> ResponseReturnValue:
    """Where the start page leads: on to the device's page from this site, so the
    browser sends the device's cookie (SameSite=Strict: it stays home when the
    navigation comes from a page of another site, as a file on the device is)."""
    if kind not in START_KINDS or len(office) > 64:
        raise ApiError(404, "not_found")
    return render_template("start_hop.html", page=f"/o/{office}/{kind}")


@pages.get("/healthz")
def health() -> ResponseReturnValue:
    database().ping()
    response = jsonify({"ok": True, "service": "motcua"})
    # The admin's browser checks a candidate public address by fetching this from
    # the admin page's origin.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@pages.get("/sw-words.js")
def service_worker_words() -> ResponseReturnValue:
    """The service worker's words (its page for when nothing is kept), from the
    catalogue: the worker imports them once and keeps them with itself."""
    words_js = f"self.motcuaWords = {json.dumps(page_words(('page',), 'vi'))};\n"
    response = Response(words_js, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response


@pages.get("/sw.js")
def service_worker() -> ResponseReturnValue:
    """The live pages' service worker, from the root so it covers /o/... and /t/...."""
    response = current_app.send_static_file("sw.js")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response
