"""Admin pages: devices (one-time link, pairing by code, revoke) and their tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

from flask import current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from motcua.admin import auth
from motcua.admin.forms import FormError, attempt, in_office, number, text
from motcua.admin.language import page_lang
from motcua.admin.messages import said_in
from motcua.admin.settings import counters_of, services_of
from motcua.admin.views import admin
from motcua.config import target_policy
from motcua.core import calling, devices, office_admin, pairing, printing, tickets
from motcua.core.actors import Actor
from motcua.core.db import Session, Written
from motcua.core.errors import Conflict
from motcua.core.lookup import counter_by_number, office_by_slug, ticket_in_office
from motcua.core.models import Device, Office, PrintJob
from motcua.core.reports import TEST_CHANNEL
from motcua.core.setup import DEVICE_KINDS, add_device
from motcua.core.targets import LOCAL_KINDS, network_words, ports_words
from motcua.devices import KIND_NAMES
from motcua.i18n import message
from motcua.pages import public_base
from motcua.services import app_services
from motcua.web import ApiError, clock, forget_actors, read, run
from printer.views import forget_printers, print_test_page


def _d(key: str, **params: Any) -> str:
    return said_in("devices_page", key, **params)


def device_link(office: Office, device: Device, token: str, counter: int | None) -> str:
    """The address a device opens once; its token then lives in a cookie."""
    base = public_base(office)
    if device.kind == "rating":
        return f"{base}/o/{office.slug}/rating/{counter or 1}?device_token={token}"
    if device.kind == "printer":
        return token
    return f"{base}/o/{office.slug}/{device.kind}?device_token={token}"


def _page(office: Office, **extra: Any) -> ResponseReturnValue:
    def op(session: Session) -> tuple[list[Device], list[PrintJob]]:
        return devices.office_devices(session, office), printing.recent_jobs(
            session, office, 5
        )

    listed, jobs = read(op)
    context = {
        "office": office,
        "devices": listed,
        "jobs": jobs,
        "kinds": _kind_names(),
        "printer_kinds": _offered_kinds(listed),
        "counters": counters_of(office),
        "services": [s for s in services_of(office) if s.is_open],
        "wizard": request.values.get("wizard") == "1",
        "created": None,
        "error": None,
        "test": None,
        **extra,
    }
    return render_template("admin/devices.html", **context)


@admin.get("/admin/o/<slug>/devices")
@auth.office_page("admin")
def devices_page(actor: Actor, office: Office) -> ResponseReturnValue:
    return _page(office)


def _counter_number() -> int | None:
    return number("counter", None, 1, 999)


@admin.post("/admin/o/<slug>/devices")
@auth.office_page("admin")
def device_create(actor: Actor, office: Office) -> ResponseReturnValue:
    kind = text("kind", 16)
    counter = _counter_number() if kind == "rating" else None

    def op(session: Session, found: Office) -> tuple[str, str]:
        if kind not in DEVICE_KINDS:
            raise FormError(_d("choose_kind"))
        name = text("name", 100) or f"{_kind_names()[kind]} {counter or ''}".strip()
        bound = counter_by_number(session, found, counter) if counter else None
        device, token = add_device(session, clock(), found, kind, name, bound)
        office_admin.audit(
            session, found, actor, clock(), "device.added", name, kind=kind
        )
        return device_link(found, device, token, counter), name

    result, error = attempt(in_office(office, op))
    return _page(office, created=result, error=error)


@admin.post("/admin/o/<slug>/devices/pair")
@auth.office_page("admin")
def device_pair(actor: Actor, office: Office) -> ResponseReturnValue:
    kind = text("kind", 16)

    def op(session: Session) -> Written[str]:
        found = office_by_slug(session, office.slug)
        name = text("name", 100) or _kind_names().get(kind, kind)
        device, events = pairing.pair_device(
            session,
            found,
            actor,
            clock(),
            text("code", 20, True),
            kind,
            name,
            counter=_counter_number() if kind == "rating" else None,
        )
        return device.name, events

    name, error = attempt(op)
    done = _d("paired", name=name) if name else None
    return _page(office, error=error, test=done)


@admin.post("/admin/o/<slug>/devices/<int:device_id>/revoke")
@auth.office_page("admin")
def device_revoke(actor: Actor, office: Office, device_id: int) -> ResponseReturnValue:
    _, error = attempt(
        in_office(
            office,
            lambda s, f: office_admin.revoke_device(s, f, actor, clock(), device_id),
        )
    )
    if error:
        return _page(office, error=error)
    forget_actors(devices=[device_id])  # token and open sockets stop now
    return redirect(url_for("admin.devices_page", slug=office.slug))


@admin.post("/admin/o/<slug>/devices/test/<any(ticket, call, finish, print):step>")
@auth.office_page("admin")
def device_test(actor: Actor, office: Office, step: str) -> ResponseReturnValue:
    """Test ticket, test call (the board announces it), test print."""
    ticket_id = text("ticket", 64)

    def op(session: Session) -> Written[dict[str, Any]]:
        found = office_by_slug(session, office.slug)
        return TESTS[step](session, found, actor, ticket_id)

    result, error = attempt(op)
    page = _page(office, error=error, test=result)
    if step == "print" and result and result.get("wake"):
        _wake()  # after the page is read: it shows the jobs as queued
    return page


def _wake() -> None:
    """The print sender looks for due jobs now."""
    sender = app_services().printing
    if sender is not None:
        sender.wake(request.host_url)


def _test_ticket(
    session: Session, office: Office, actor: Actor, _: str
) -> Written[dict[str, Any]]:
    code = text("service", 16, True)
    req = tickets.IssueRequest(code, channel=TEST_CHANNEL)
    outcome = tickets.issue_ticket(session, office, actor, clock(), req)
    number_ = outcome.issued.number
    text_ = _d("test_issued", number=number_)
    return {"text": text_, "ticket": outcome.issued.id}, outcome.events


def _test_call(
    session: Session, office: Office, actor: Actor, ticket_id: str
) -> Written[dict[str, Any]]:
    ticket = ticket_in_office(session, office, ticket_id)
    counter = number("counter", 1, 1, 999)
    outcome = calling.call_ticket(
        session, office, actor, clock(), counter, ticket, "test"
    )
    text_ = _d("test_called", number=ticket.number, counter=counter)
    return {"text": text_, "ticket": ticket.id, "called": True}, outcome.events


def _test_finish(
    session: Session, office: Office, actor: Actor, ticket_id: str
) -> Written[dict[str, Any]]:
    ticket = ticket_in_office(session, office, ticket_id)
    action = (
        tickets.finish if ticket.status in ("called", "serving") else tickets.cancel
    )
    outcome = action(session, office, actor, clock(), ticket)
    return {"text": _d("test_finished", number=ticket.number)}, outcome.events


def _test_print(
    session: Session, office: Office, actor: Actor, ticket_id: str
) -> Written[dict[str, Any]]:
    printers = printing.printing_devices(session, office)
    if not printers:
        raise FormError(_d("no_printers"))
    events: list[Any] = []
    if not ticket_id:  # a sample ticket, as citizens will get it (not counted)
        ticket_id, events = _sample_ticket(session, office, actor)
    for device in printers:
        printing.queue_job(session, office, clock(), device, ticket_id, "ticket")
    text_ = _d("test_print_sent")
    wake = any(d.kind == "printer" or printing.printer_config(d) for d in printers)
    return {"text": text_, "ticket": ticket_id, "wake": wake}, events


def _sample_ticket(session: Session, office: Office, actor: Actor) -> Written[str]:
    service = next((s for s in services_of(office) if s.is_open), None)
    if service is None:
        raise FormError(_d("no_open_field"))
    req = tickets.IssueRequest(service.code, channel=TEST_CHANNEL)
    outcome = tickets.issue_ticket(session, office, actor, clock(), req)
    return outcome.issued.id, outcome.events


# A test step: (session, office, actor, ticket id) -> what the page shows, events.
Test: TypeAlias = Callable[[Session, Office, Actor, str], Written[dict[str, Any]]]
TESTS: dict[str, Test] = {
    "ticket": _test_ticket,
    "call": _test_call,
    "finish": _test_finish,
    "print": _test_print,
}


PRINTER_KINDS = ("", "network", "usb", "serial", "cups", "file", "agent")
#: The printer settings the page names (devices_page.field_<setting>).
PRINTER_FIELDS = (
    "kind", "host", "port", "width", "vendor_id", "product_id", "device", "printer",
    "path",
)  # fmt: skip


def _printer_kind(kind: str) -> str:
    """What a printer kind is called on the page."""
    return _d(f"printer_{kind or 'none'}")


def _field_name(key: str) -> str:
    """What a printer setting is called on the page, for error messages."""
    return _d(f"field_{key}")


def _kind_names() -> dict[str, str]:
    """The kinds of device, in the page's language."""
    return {kind: message(f"device_kind.{kind}", page_lang()) for kind in KIND_NAMES}


_TEXT_FIELDS = {
    "network": ("host",),
    "usb": ("vendor_id", "product_id"),
    "serial": ("device",),
    "cups": ("printer",),
    "file": ("path",),
}


def _printer_form() -> dict[str, Any] | None:
    """The printer config of the kiosk's form, or None for no printer."""
    kind = text("printer_kind", 16)
    if not kind:
        return None
    if kind not in PRINTER_KINDS:
        raise FormError(_d("choose_printer"))
    config: dict[str, Any] = {"kind": kind}
    for name in _TEXT_FIELDS.get(kind, ()):
        value = text(f"printer_{name}", 200)
        if not value:
            raise FormError(_d("fill", field=_field_name(name)))
        config[name] = value
    if kind == "network":
        config["port"] = _form_int("printer_port", 9100, 1, 65535, "port")
    if kind == "agent" and text("printer_device", 16):
        config["device"] = _form_int("printer_device", None, 1, 10**9, "device")
    width = _form_int("printer_width", None, 1, 10**4, "width")
    if width is not None:
        config["width"] = width
    return config


def _form_int(
    name: str, default: int | None, low: int, high: int, key: str
) -> int | None:
    try:
        return number(name, default, low, high)
    except FormError:
        raise FormError(_d("need_number", field=_field_name(key))) from None


def _offered_kinds(listed: list[Device]) -> dict[str, str]:
    """Printer kinds an admin may choose: not a local file, COM port or CUPS queue
    unless the operator allows it (or a kiosk already prints that way)."""
    allowed = target_policy(current_app.config).local_kinds
    in_use = {(printing.printer_config(d) or {}).get("kind") for d in listed}
    return {
        kind: _printer_kind(kind)
        for kind in PRINTER_KINDS
        if kind not in LOCAL_KINDS or kind in allowed or kind in in_use
    }


def _refused(reason: str) -> str:
    """Why the operator's bounds refuse this printer, and what they allow."""
    policy = target_policy(current_app.config)
    if reason == "port":
        return _d(
            "printer_port_refused",
            port=text("printer_port", 16) or "9100",
            ports=ports_words(policy.ports),
        )
    if reason == "host":
        networks = ", ".join(network_words(n) for n in policy.networks)
        return _d(
            "printer_host_refused", host=text("printer_host", 200), networks=networks
        )
    kind = text("printer_kind", 16)
    named = _printer_kind(kind) if kind in PRINTER_KINDS else _field_name("kind")
    return _d("printer_kind_refused", kind=named)


def _printer_error(err: ApiError) -> str:
    """A printer config error in plain words, naming the field on the page."""
    reason = str(err.params.get("reason"))
    if err.code == "printer_not_allowed":
        return _refused(reason)
    if err.code == "bad_printer_config":
        if reason == "width":
            return _d("bad_width")
        known = reason in PRINTER_FIELDS
        return _d("bad_config", field=_field_name(reason if known else "config"))
    return message(err.code, page_lang(), **err.params)


@admin.post("/admin/o/<slug>/devices/<int:device_id>/printer")
@auth.office_page("admin")
def device_printer(actor: Actor, office: Office, device_id: int) -> ResponseReturnValue:
    """Set (or remove) the printer of a kiosk."""
    policy = target_policy(current_app.config)

    def op(session: Session, found: Office) -> str:
        config = _printer_form()
        device = printing.set_printer_config(
            session, found, actor, device_id, config, clock=clock(), policy=policy
        )
        return device.name

    try:
        name = run(in_office(office, op))
        forget_printers()
    except FormError as err:
        return _page(office, error=str(err))
    except ApiError as err:
        return _page(office, error=_printer_error(err))
    return _page(office, test=_d("printer_saved", name=name))


@admin.post("/admin/o/<slug>/devices/<int:device_id>/printer/test")
@auth.office_page("admin")
def device_printer_test(
    actor: Actor, office: Office, device_id: int
) -> ResponseReturnValue:
    """Print the test page, as POST .../devices/<id>/printer/test does."""

    def op(session: Session) -> Written[tuple[int, dict[str, Any]] | None]:
        found = office_by_slug(session, office.slug)
        device = printing.device_in_office(session, found, device_id)
        target = device if device.kind == "printer" else None
        target = target or printing.printing_device(session, found, device)
        if target is None:
            raise Conflict("no_printer")
        if target.kind == "printer":
            printing.queue_job(session, found, clock(), target, None, "test")
            return None, []
        config = printing.printer_config(target)
        if config is None:  # printing_device gives only devices with a printer
            raise Conflict("no_printer")
        return (target.id, config), []

    try:
        planned = run(op)
    except ApiError as err:
        return _page(office, error=_printer_error(err))
    if planned is None:
        page = _page(office, test=_d("test_page_sent"))
        _wake()
        return page
    result = print_test_page(office.slug, *planned)
    if result["ok"]:
        return _page(office, test=_d("test_page_printed"))
    return _page(office, error=_d("test_page_failed", error=result["message"]))
