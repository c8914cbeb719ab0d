"""The kiosk's REST routes: look-ups, the procedure guide, help, priority by PIN."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request
from flask.typing import ResponseReturnValue

from kiosk.blueprint import kiosk
from motcua import gateways
from motcua.api import answers, bodies
from motcua.api.contract import contract
from motcua.api.views import idempotency_key, with_status_url
from motcua.core import assistant, dossiers, procedures, tickets
from motcua.core import help as kiosk_help
from motcua.core.actors import require_device_or_role, require_role
from motcua.core.clock import service_day
from motcua.core.db import Session, Written
from motcua.core.errors import NotFound
from motcua.core.lookup import office_by_slug
from motcua.core.views import ticket_view
from motcua.web import ApiError, clock, current_actor, lang, read, run

API = "/api/v1/offices/<office>"
LOOKERS = ("kiosk", "display")


@kiosk.get(API + "/tickets/by-number/<int:number>")
@contract(
    "Today's ticket with this number", {200: answers.Ticket}, errors=(401, 403, 404)
)
def ticket_by_number(office: str, number: int) -> ResponseReturnValue:
    actor = current_actor()

    def op(session: Session) -> dict[str, Any]:
        found = office_by_slug(session, office)
        require_device_or_role(actor, found, LOOKERS)
        ticket = dossiers.ticket_by_number(session, found, clock(), number)
        return ticket_view(session, found, ticket, now=clock().now())

    return jsonify(with_status_url(read(op)))


@kiosk.get(API + "/dossiers/<code>")
@contract(
    "A dossier's status (built-in table or the office's HTTP source)",
    {200: answers.Dossier},
    errors=(400, 401, 403, 404, 503),
)
def dossier(office: str, code: str) -> ResponseReturnValue:
    actor = current_actor()

    def op(session: Session) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
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
            http = gateways.for_lookups(current_app.config, office)
            found = dossiers.fetch_http(config, checked, http)
        except dossiers.SourceDown as err:
            busy = str(err) == dossiers.BUSY
            raise ApiError(
                503, "dossier_source_busy" if busy else "dossier_source_down"
            ) from err
        except NotFound as err:
            raise ApiError(404, err.code, **err.params) from err
    return jsonify({"dossier": dossiers.dossier_view(found, lang())})


@kiosk.put(API + "/dossiers/<code>")
@contract(
    "Staff record a dossier's status",
    {200: answers.Dossier},
    errors=(400, 401, 403, 404),
    body=bodies.DossierStatus,
)
def save_dossier(
    office: str, code: str, body: bodies.DossierStatus
) -> ResponseReturnValue:
    actor = current_actor()

    def op(session: Session) -> Written[dict[str, Any]]:
        found = office_by_slug(session, office)
        changes = body.model_dump()
        row = dossiers.save_dossier(session, found, actor, clock(), code, changes)
        view = dossiers.find_in_table(session, found, row.code)
        return dossiers.dossier_view(view, lang()), []

    return jsonify({"dossier": run(op)})


@kiosk.post(API + "/dossiers/import")
@contract(
    "Import dossier statuses from CSV (code,status,procedure,note,due_date)",
    {200: answers.Imported},
    errors=(400, 401, 403, 404),
    raw_body="text/csv",
)
def import_dossiers(office: str) -> ResponseReturnValue:
    actor = current_actor()
    raw = request.get_data(cache=False)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ApiError(400, "bad_csv") from err

    def op(session: Session) -> Written[dict[str, Any]]:
        found = office_by_slug(session, office)
        require_role(actor, found)
        report = dossiers.import_csv(session, found, actor, clock(), text)
        return {"imported": report.imported, "errors": report.errors}, []

    return jsonify(run(op))


@kiosk.get(API + "/procedures")
@contract(
    "The procedure guide, searched without diacritics",
    {200: answers.Procedures},
    errors=(404,),
    query=bodies.Search,
    auth=None,
)
def guide(office: str, query: bodies.Search) -> ResponseReturnValue:
    words = query.q[:100]

    def op(session: Session) -> list[dict[str, Any]]:
        found = office_by_slug(session, office)
        return procedures.search(session, found, words, fields_only=True)

    return jsonify({"procedures": read(op)})


@kiosk.post(API + "/help")
@contract(
    "A citizen needs help: alerts staff (help.requested)",
    {201: answers.HelpRequest},
    errors=(400, 401, 403, 404),
    body=bodies.Help,
)
def need_help(office: str, body: bodies.Help) -> ResponseReturnValue:
    actor = current_actor()

    def op(session: Session) -> Written[dict[str, Any]]:
        found = office_by_slug(session, office)
        return kiosk_help.request_help(session, found, actor, clock(), body.note)

    return jsonify({"help": run(op)}), 201


def _priority_issue(body: bodies.PriorityRequest) -> tickets.IssueRequest:
    return tickets.IssueRequest(
        service=body.service,
        priority=body.priority,
        lang=body.lang or "vi",
        idempotency_key=idempotency_key(),
    )


@kiosk.post(API + "/priority-tickets")
@contract(
    "A priority number granted by a helper's PIN on the kiosk",
    {201: answers.Ticket},
    errors=(400, 401, 403, 404, 409),
    body=bodies.PriorityTicket,
    idempotent=True,
)
def priority_ticket(office: str, body: bodies.PriorityTicket) -> ResponseReturnValue:
    actor = current_actor()
    req = _priority_issue(body)

    def op(session: Session) -> Written[int | dict[str, Any]]:
        found = office_by_slug(session, office)
        answer = kiosk_help.issue_priority_with_pin(
            session, found, actor, clock(), req, body.pin
        )
        if answer.outcome is None:  # the wrong try is kept: commit, then refuse
            return answer.tries_left, []
        view: dict[str, Any] = ticket_view(session, found, answer.outcome.issued)
        return view, answer.outcome.events

    result = run(op)
    if isinstance(result, int):
        raise ApiError(403, "wrong_pin", left=result)
    return jsonify(with_status_url(result)), 201


@kiosk.post(API + "/priority-requests")
@contract(
    "A number now and a request that staff confirm its priority class "
    "(help.requested with the ticket)",
    {201: answers.PriorityAnswer},
    errors=(400, 401, 403, 404, 409),
    body=bodies.PriorityRequest,
    idempotent=True,
)
def priority_request(
    office: str, body: bodies.PriorityRequest
) -> ResponseReturnValue:
    """A number now; staff come to check and mark its priority class."""
    actor = current_actor()
    req = _priority_issue(body)

    def op(session: Session) -> Written[dict[str, Any]]:
        found = office_by_slug(session, office)
        outcome, help_view = kiosk_help.request_priority(
            session, found, actor, clock(), req
        )
        view = ticket_view(session, found, outcome.issued)
        return {**view, "help": help_view}, outcome.events

    return jsonify(with_status_url(run(op))), 201


@kiosk.get(API + "/assistant")
@contract(
    "The fields and procedures answering a citizen's question (offline matching), "
    "best first: {answers: [{service: {code, name}, procedure or null, score}]}",
    {200: answers.Answers},
    errors=(400, 401, 403, 404),
    query=bodies.Question,
)
def assistant_answers(office: str, query: bodies.Question) -> ResponseReturnValue:
    """The fields and procedures that answer a citizen's question, best first."""
    actor = current_actor()
    question = query.q
    if len(question) > 4 * assistant.QUESTION_MAX:  # not worth folding
        raise ApiError(400, "assistant_too_long", most=assistant.QUESTION_MAX)

    def op(session: Session) -> list[dict[str, Any]]:
        found = office_by_slug(session, office)
        require_device_or_role(actor, found, ("kiosk",))
        return assistant.answer(session, found, question, lang())

    return jsonify({"answers": read(op)})
