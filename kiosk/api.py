"""The kiosk's REST routes: look-ups, the procedure guide, help, priority by PIN."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from kiosk.blueprint import kiosk
from motcua.api.validate import Field, validated
from motcua.api.views import with_status_url
from motcua.core import dossiers, procedures, tickets
from motcua.core import help as kiosk_help
from motcua.core.actors import require_device_or_role, require_role
from motcua.core.clock import service_day
from motcua.core.errors import NotFound
from motcua.core.lookup import office_by_slug
from motcua.core.views import ticket_view
from motcua.web import ApiError, clock, current_actor, lang, read, run

API = "/api/v1/offices/<office>"
LOOKERS = ("kiosk", "display")


@kiosk.get(API + "/tickets/by-number/<int:number>")
def ticket_by_number(office: str, number: int) -> ResponseReturnValue:
    actor = current_actor()

    def op(session):  # type: ignore[no-untyped-def]
        found = office_by_slug(session, office)
        require_device_or_role(actor, found, LOOKERS)
        ticket = dossiers.ticket_by_number(session, found, clock(), number)
        return ticket_view(session, found, ticket, now=clock().now())

    return jsonify(with_status_url(read(op)))


@kiosk.get(API + "/dossiers/<code>")
def dossier(office: str, code: str) -> ResponseReturnValue:
    actor = current_actor()

    def op(session):  # type: ignore[no-untyped-def]
        found = office_by_slug(session, office)
        require_device_or_role(actor, found, LOOKERS)
        checked = dossiers.parse_code(code, service_day(clock().now(), found.timezone))
        config = dossiers.source_config(found)
        if config.get("kind") == "http":
            return checked, config, None
        return checked, config, dossiers.find_in_table(session, found, checked)

    checked, config, found = read(op)
    if found is None:  # asked outside any transaction: it may take seconds
        try:
            found = dossiers.fetch_http(config, checked)
        except dossiers.SourceDown as err:
            raise ApiError(503, "dossier_source_down") from err
        except NotFound as err:
            raise ApiError(404, err.code, **err.params) from err
    return jsonify({"dossier": dossiers.dossier_view(found, lang())})


DOSSIER_BODY = {
    "status": Field(str, required=True, max_len=40),
    "procedure": Field(str, max_len=300),
    "note": Field(str, max_len=1000),
    "due_date": Field(str, max_len=10),
}


@kiosk.put(API + "/dossiers/<code>")
def save_dossier(office: str, code: str) -> ResponseReturnValue:
    actor = current_actor()
    body = validated(DOSSIER_BODY)

    def op(session):  # type: ignore[no-untyped-def]
        found = office_by_slug(session, office)
        row = dossiers.save_dossier(session, found, actor, clock(), code, body)
        view = dossiers.find_in_table(session, found, row.code)
        return dossiers.dossier_view(view, lang()), []

    return jsonify({"dossier": run(op)})


@kiosk.post(API + "/dossiers/import")
def import_dossiers(office: str) -> ResponseReturnValue:
    actor = current_actor()
    raw = request.get_data(cache=False)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ApiError(400, "bad_csv") from err

    def op(session):  # type: ignore[no-untyped-def]
        found = office_by_slug(session, office)
        require_role(actor, found)
        report = dossiers.import_csv(session, found, actor, clock(), text)
        return {"imported": report.imported, "errors": report.errors}, []

    return jsonify(run(op))


@kiosk.get(API + "/procedures")
def guide(office: str) -> ResponseReturnValue:
    query = request.args.get("q", "")[:100]

    def op(session):  # type: ignore[no-untyped-def]
        return procedures.search(session, office_by_slug(session, office), query)

    return jsonify({"procedures": read(op)})


@kiosk.post(API + "/help")
def need_help(office: str) -> ResponseReturnValue:
    actor = current_actor()
    body = validated({"note": Field(str, max_len=200)})

    def op(session):  # type: ignore[no-untyped-def]
        found = office_by_slug(session, office)
        return kiosk_help.request_help(session, found, actor, clock(), body["note"])

    return jsonify({"help": run(op)}), 201


PRIORITY_BODY = {
    "service": Field(str, required=True, max_len=16),
    "priority": Field(str, required=True, max_len=32),
    "pin": Field(str, required=True, max_len=20),
    "lang": Field(str, choices=("vi", "en")),
}


@kiosk.post(API + "/priority-tickets")
def priority_ticket(office: str) -> ResponseReturnValue:
    actor = current_actor()
    body = validated(PRIORITY_BODY)
    key = request.headers.get("Idempotency-Key")
    if key is not None and not 0 < len(key) <= 100:
        raise ApiError(400, "invalid_field", field="Idempotency-Key", reason="length")
    req = tickets.IssueRequest(
        service=body["service"],
        priority=body["priority"],
        lang=body["lang"] or "vi",
        idempotency_key=key,
    )

    def op(session):  # type: ignore[no-untyped-def]
        found = office_by_slug(session, office)
        outcome = kiosk_help.issue_priority_with_pin(
            session, found, actor, clock(), req, body["pin"]
        )
        view: dict[str, Any] = ticket_view(session, found, outcome.ticket)
        return view, outcome.events

    return jsonify(with_status_url(run(op))), 201
