"""The booking face: the phone page, the booking's page, check-in, staff's list."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import qrcode
from flask import (
    Blueprint,
    Response,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from qrcode.image.svg import SvgPathImage

from booking import messages  # noqa: F401 - registers the face's words
from booking.sender import NotifySender
from motcua.api import answers, bodies
from motcua.api.contract import contract
from motcua.api.views import with_status_url
from motcua.core import booking as core
from motcua.core import booking_checkin, booking_slots, booking_views, notify
from motcua.core.actors import require_device_or_role, require_role
from motcua.core.clock import service_day
from motcua.core.db import Session, Written
from motcua.core.lookup import office_by_slug, service_by_code
from motcua.core.views import service_name
from motcua.i18n import message
from motcua.ratelimit import LIMITS, limited
from motcua.services import app_services
from motcua.web import ApiError, clock, current_actor, read, run, staff_lang

bp = Blueprint(
    "booking",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/booking",
)
API = "/api/v1/offices/<office>/bookings"
# Bookings and codes per address: a script cannot send codes to many phones.
LIMITS.setdefault("booking", (30, 600))
# An error on a booking's page: its code and the words' parameters, told in the
# page's language.
Problem = tuple[str, dict[str, Any]]


def by_address() -> str:
    return f"ip:{request.remote_addr}"


@bp.record_once
def _start(state: Any) -> None:
    held = app_services(state.app)
    realtime = held.realtime
    sender = held.notify = NotifySender(state.app, realtime.socketio)
    realtime.decorators.append(sender.on_event)
    sender.start_if_pending()


def sender() -> NotifySender:
    found = app_services().notify
    if found is None:
        raise RuntimeError("the booking blueprint starts the notify sender")
    return found


def _lang(default: str = "vi") -> str:
    """The page's language: the `lang` parameter if given, else the page's own."""
    chosen = request.args.get("lang") or default
    return "en" if chosen == "en" else "vi"


def _kept() -> dict[str, Any]:
    """What the page's links and forms carry to the next step: the chosen language."""
    chosen = request.args.get("lang")
    return {"lang": chosen} if chosen in ("vi", "en") else {}


def _form_state(slug: str, code: str | None, lang: str) -> dict[str, Any]:
    def op(session: Session) -> dict[str, Any]:
        office = office_by_slug(session, slug)
        services = booking_views.open_services(session, office)
        chosen = service_by_code(session, office, code) if code else None
        slots = (
            booking_slots.open_slots(session, office, clock(), chosen) if chosen else []
        )
        settings, channels = booking_slots.conf(office), notify.conf(office)
        return {
            "office": office,
            "services": [(s.code, service_name(s, lang)) for s in services],
            "chosen": (chosen.code, service_name(chosen, lang)) if chosen else None,
            "slots": slots,
            "identity": settings["identity"],
            "channels": [
                c for c in ("sms", "zalo") if (channels.get(c) or {}).get("url")
            ],
        }

    return read(op)


def _book_form(slug: str, code: str | None, error: str | None, form: Any) -> str:
    """The booking form (or the list of fields), in the chosen language."""
    lang = _lang()
    return render_template(
        "booking/book.html",
        slug=slug,
        s=_form_state(slug, code, lang),
        error=error,
        form=form,
        lang=lang,
        keep=_kept(),
    )


@bp.get("/o/<office>/book")
def book_page(office: str) -> ResponseReturnValue:
    return _book_form(office, request.args.get("service"), None, {})


def _request_from_form() -> core.BookingRequest:
    form = request.form
    when = form.get("when", "")[:40]
    slot_at = None
    if when != "today":
        try:
            slot_at = datetime.fromisoformat(when)
        except ValueError as err:
            raise ApiError(400, "bad_slot") from err
    notify_channel = form.get("channel") if form.get("notify") else None
    return core.BookingRequest(
        service=form.get("service", "")[:16],
        kind="today" if when == "today" else "slot",
        consent=form.get("consent") == "yes",
        slot_at=slot_at,
        phone=(form.get("phone") or "")[:20] or None,
        id_number=(form.get("id_number") or "")[:20] or None,
        name=(form.get("name") or "")[:120] or None,
        notify=notify_channel or None,
        lang=_lang(),
    )


@bp.post("/o/<office>/book")
@limited("booking", by_address)
def book(office: str) -> ResponseReturnValue:
    try:
        req = _request_from_form()

        def op(session: Session) -> Written[str]:
            found = office_by_slug(session, office)
            started = core.start_booking(session, found, clock(), req)
            return started.booking.id, started.events

        booking_id = run(op)
    except ApiError as err:
        words = message(err.code, _lang(), **err.params)
        service = request.form.get("service") or None
        return _book_form(office, service, words, request.form), err.status
    sender().wake(request.host_url)
    page = url_for("booking.booking_page", office=office, bid=booking_id, **_kept())
    return redirect(page)


def _view(slug: str, bid: str) -> dict[str, Any]:
    def op(session: Session) -> dict[str, Any]:
        office = office_by_slug(session, slug)
        found = core.booking_in_office(session, office, bid)
        return {
            "office_name": office.name,
            "outbox": notify.gateway(office, found.notify_channel) is None,
            "lang": found.lang,
            **booking_views.booking_view(session, office, found),
        }

    return read(op)


@bp.get("/o/<office>/b/<bid>")
def booking_page(office: str, bid: str) -> ResponseReturnValue:
    return _page(office, bid, None, 200)


def _page(
    slug: str, bid: str, problem: Problem | None, status: int
) -> ResponseReturnValue:
    """A booking's page, in its language unless the citizen chose another."""
    try:
        view = _view(slug, bid)
    except ApiError as err:
        lang = _lang()
        words = message(err.code, lang)
        html = render_template(
            "booking/missing.html",
            slug=slug,
            bid=bid,
            error=words,
            lang=lang,
            keep=_kept(),
        )
        return html, 404
    lang = _lang(view["lang"])
    error = message(problem[0], lang, **problem[1]) if problem else None
    html = render_template(
        "booking/booking.html", slug=slug, b=view, error=error, lang=lang, keep=_kept()
    )
    return html, status


def _act(office: str, bid: str, action: Any) -> ResponseReturnValue:
    """Run an action on a booking, then show its page (with the error, if any)."""
    try:
        problem = run(action)
    except ApiError as err:
        return _page(office, bid, (err.code, err.params), err.status)
    if problem is not None:
        return _page(office, bid, problem, 400)
    sender().wake(request.host_url)
    page = url_for("booking.booking_page", office=office, bid=bid, **_kept())
    return redirect(page)


@bp.post("/o/<office>/b/<bid>/code")
@limited("booking", by_address)
def confirm(office: str, bid: str) -> ResponseReturnValue:
    code = (request.form.get("code") or "")[:12]

    def op(session: Session) -> Written[Problem | None]:
        found = office_by_slug(session, office)
        item = core.booking_in_office(session, found, bid)
        done = core.confirm_code(session, found, clock(), item, code)
        if done.ok:
            return None, done.events
        return ("otp_wrong" if done.left else "otp_locked", {"left": done.left}), []

    return _act(office, bid, op)


@bp.post("/o/<office>/b/<bid>/resend")
@limited("booking", by_address)
def resend(office: str, bid: str) -> ResponseReturnValue:
    def op(session: Session) -> Written[None]:
        found = office_by_slug(session, office)
        item = core.booking_in_office(session, found, bid)
        core.send_code(session, found, clock(), item, first=False)
        return None, []

    return _act(office, bid, op)


@bp.post("/o/<office>/b/<bid>/cancel")
def cancel(office: str, bid: str) -> ResponseReturnValue:
    def op(session: Session) -> Written[None]:
        found = office_by_slug(session, office)
        item = core.booking_in_office(session, found, bid)
        return None, core.cancel_booking(session, found, clock(), item)

    return _act(office, bid, op)


@bp.get("/o/<office>/b/<bid>/qr.svg")
def booking_qr(office: str, bid: str) -> ResponseReturnValue:
    """The booking's QR: its code, which the kiosk's scanner types."""
    view = _view(office, bid)
    image = qrcode.make(view["code"], image_factory=SvgPathImage, box_size=10, border=2)
    out = io.BytesIO()
    image.save(out)
    return Response(out.getvalue(), mimetype="image/svg+xml")


@bp.get(API + "/slots")
@contract(
    "Open booking slots of a field",
    {200: answers.Slots},
    errors=(400, 404),
    query=bodies.Slots,
    auth=None,
)
def slots(office: str, query: bodies.Slots) -> ResponseReturnValue:
    code = query.service[:16]

    def op(session: Session) -> list[dict[str, Any]]:
        found = office_by_slug(session, office)
        service = service_by_code(session, found, code)
        return booking_slots.open_slots(session, found, clock(), service)

    found = read(op)
    return jsonify({"slots": [{**s, "day": s["day"].isoformat()} for s in found]})


@bp.post(API + "/check-in")
@contract(
    "A booked citizen checks in at the kiosk: a ticket",
    {201: answers.Ticket},
    errors=(400, 401, 403, 404, 409),
    body=bodies.CheckIn,
)
def check_in(office: str, body: bodies.CheckIn) -> ResponseReturnValue:
    actor = current_actor()

    def op(session: Session) -> Written[dict[str, Any] | None]:
        found = office_by_slug(session, office)
        require_device_or_role(actor, found, ("kiosk",))
        outcome = booking_checkin.check_in(session, found, actor, clock(), body.code)
        return outcome.view(session, found), outcome.events

    return jsonify(with_status_url(run(op))), 201


@bp.get(API)
@contract(
    "A day's bookings, figures and messages sent (staff)",
    {200: answers.BookingDay},
    errors=(400, 401, 403, 404),
    query=bodies.BookingDay,
)
def day_list(office: str, query: bodies.BookingDay) -> ResponseReturnValue:
    actor = current_actor()
    asked = query.day

    def op(session: Session) -> dict[str, Any]:
        found = office_by_slug(session, office)
        require_role(actor, found)
        day = service_day(clock().now(), found.timezone)
        if asked:
            try:
                day = date.fromisoformat(asked[:10])
            except ValueError as err:
                raise ApiError(400, "bad_request") from err
        start = datetime.combine(day, time(), ZoneInfo(found.timezone))
        return {
            "day": day.isoformat(),
            "bookings": booking_views.day_bookings(session, found, day),
            "figures": booking_views.figures(session, found, day),
            "outbox": notify.outbox(session, found, start),
        }

    return jsonify(read(op))


@bp.get("/o/<office>/bookings")
def staff_page(office: str) -> ResponseReturnValue:
    return render_template("booking/staff.html", slug=office, lang=staff_lang(office))


__all__ = ["bp"]
