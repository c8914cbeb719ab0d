"""REST API v1: parse, call an operation, serialize."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask.typing import ResponseReturnValue

from motcua import commands
from motcua.api import answers, bodies
from motcua.api.contract import contract
from motcua.api.openapi import document
from motcua.core import address, auth, counters, tickets
from motcua.core.actors import require_device_or_role
from motcua.core.db import Session, Written
from motcua.core.lookup import office_by_slug, ticket_by_id
from motcua.core.views import services_view, snapshot, ticket_view
from motcua.i18n import ticket_status_text
from motcua.pages import public_base_of
from motcua.ratelimit import by_token, check_login, limited
from motcua.remembered import remembered
from motcua.web import (
    ApiError,
    bearer_token,
    clock,
    current_actor,
    forget_actors,
    lang,
    read,
    run,
)

api = Blueprint("api", __name__, url_prefix="/api/v1")
# The errors of a staff command on a ticket or a counter.
COMMAND_ERRORS = (400, 401, 403, 404, 409)
TICKET_OR_NOBODY = {200: answers.Ticket, 204: None}


def with_status_url(view: dict[str, Any] | None) -> dict[str, Any] | None:
    """A ticket's answer: its status page's address and what it says to the citizen,
    in the language asked for."""
    if view is not None:
        base = public_base_of(view["office"])
        view["status_url"] = address.ticket_link(base, view["id"])
        view["status_text"] = ticket_status_text(view, lang())
    return view


@api.get("/openapi.json")
@contract("This document", {200: answers.Anything}, auth=None)
def openapi() -> ResponseReturnValue:
    return jsonify(document(current_app))


@api.post("/auth/token")
@contract(
    "A staff bearer token",
    {200: answers.Token},
    errors=(400, 403, 429),
    body=bodies.Login,
    auth=None,
)
def token(body: bodies.Login) -> ResponseReturnValue:
    check_login(body.username[:80])
    # The slow password check reads only: it never holds the write lock.
    user_id = read(lambda s: auth.check_password(s, body.username, body.password).id)

    def op(session: Session) -> Written[str]:
        return auth.issue_staff_token(
            session, clock(), auth.active_user(session, user_id)
        ), []

    return jsonify({"token": run(op)})


@api.post("/auth/logout")
@contract(
    "Sign out: the staff token is revoked and its counters left",
    {204: None},
    errors=(400, 401),
    body=bodies.Empty,
)
def logout(body: bodies.Empty) -> ResponseReturnValue:
    actor = current_actor()
    token = bearer_token()
    assert token is not None

    def op(session: Session) -> Written[bool]:
        if not auth.revoke_staff_token(session, clock(), token):
            return False, []
        return True, counters.sign_out(session, actor, clock())

    if not run(op):
        raise ApiError(400, "not_a_staff_token")
    # Its sockets close; others reconnect. A staff token always has its user.
    forget_actors(users=[actor.id] if actor.id is not None else [])
    return "", 204


@api.get("/offices/<office>/services")
@contract(
    "Fields with people waiting and estimated waits",
    {200: answers.Services},
    errors=(401, 403, 404),
)
def services(office: str) -> ResponseReturnValue:
    actor = current_actor()

    def op(session: Session) -> list[dict[str, Any]]:
        found = office_by_slug(session, office)
        require_device_or_role(actor, found, ("kiosk", "display", "rating"))
        return services_view(session, found, clock(), lang())

    return jsonify({"services": read(op)})


@api.post("/offices/<office>/tickets")
@contract(
    "Take a number",
    {201: answers.Ticket},
    errors=(400, 401, 403, 404, 409, 429),
    body=bodies.NewTicket,
    idempotent=True,
)
@limited("issue", by_token)
def create_ticket(office: str, body: bodies.NewTicket) -> ResponseReturnValue:
    actor = current_actor()
    if body.person_id and body.consent is not True:
        raise ApiError(400, "invalid_field", field="consent", reason="required")
    req = tickets.IssueRequest(
        service=body.service,
        priority=body.priority,
        lang=body.lang or "vi",
        person_id=body.person_id,
        idempotency_key=idempotency_key(),
        channel="kiosk" if actor.kind == "device" else "staff",
    )

    def op(session: Session) -> Written[dict[str, Any] | None]:
        found = office_by_slug(session, office)
        outcome = tickets.issue_ticket(session, found, actor, clock(), req)
        return outcome.view(session, found), outcome.events

    return jsonify(with_status_url(run(op))), 201


@api.get("/tickets/<ticket_id>")
@contract(
    "A ticket, for anyone holding its id",
    {200: answers.Ticket},
    errors=(404,),
    auth=None,
)
def get_ticket(ticket_id: str) -> ResponseReturnValue:
    def op(session: Session) -> dict[str, Any]:
        found, ticket = ticket_by_id(session, ticket_id)
        return ticket_view(session, found, ticket, now=clock().now())

    return jsonify(with_status_url(read(op)))


@api.get("/offices/<office>/snapshot")
@contract(
    "Now serving per counter, recent calls, waiting per field",
    {200: answers.Snapshot},
    errors=(401, 403, 404),
)
def office_snapshot(office: str) -> ResponseReturnValue:
    actor = current_actor()

    def op(session: Session) -> dict[str, Any]:
        found = office_by_slug(session, office)
        require_device_or_role(actor, found, ("display", "kiosk", "rating"))
        return snapshot(session, found, clock())

    return jsonify(read(op))


def idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not 0 < len(key) <= 100:
        raise ApiError(400, "invalid_field", field="Idempotency-Key", reason="length")
    return key


def _ticket_or_204(view: dict[str, Any] | None) -> ResponseReturnValue:
    if view is None:
        return "", 204
    return jsonify(with_status_url(view))


def _command(work: Callable[[], dict[str, Any] | None]) -> ResponseReturnValue:
    """A staff command answering with a ticket. With an Idempotency-Key, a retry
    (the first answer lost on the way) gets the first answer, not a second effect."""
    key = idempotency_key()
    if key is None:
        return _ticket_or_204(work())

    def attempt() -> dict[str, Any]:
        try:
            return {"ok": True, "result": work()}
        except ApiError as err:
            error = {"code": err.code, "params": err.params}
            return {"ok": False, "status": err.status, "error": error}

    answer = remembered().once((bearer_token(), request.path, key), attempt)
    if not answer["ok"]:
        error = answer["error"]
        raise ApiError(answer["status"], error["code"], **error.get("params", {}))
    return _ticket_or_204(answer["result"])


@api.post("/offices/<office>/counters/<int:n>/call-next")
@contract(
    "Call the next citizen; 409 while the counter's citizen is still called or "
    "served, unless `current` names that ticket and its outcome",
    TICKET_OR_NOBODY,
    errors=COMMAND_ERRORS,
    body=bodies.CallNext,
    idempotent=True,
)
def call_next(office: str, n: int, body: bodies.CallNext) -> ResponseReturnValue:
    actor, current = current_actor(), body.closing()
    return _command(
        lambda: run(lambda s: commands.call_next(s, actor, clock(), office, n, current))
    )


@api.post("/offices/<office>/counters/<int:n>/call")
@contract(
    "Call a given ticket (logged with a reason)",
    TICKET_OR_NOBODY,
    errors=COMMAND_ERRORS,
    body=bodies.CallTicket,
    idempotent=True,
)
def call_ticket(office: str, n: int, body: bodies.CallTicket) -> ResponseReturnValue:
    actor, current = current_actor(), body.closing()
    return _command(
        lambda: run(
            lambda s: commands.call_ticket(
                s, actor, clock(), office, n, body.ticket, body.reason, current
            )
        )
    )


@api.post("/offices/<office>/counters/<int:n>/pause")
@contract(
    "Pause a counter, with a reason",
    {200: answers.Anything},
    errors=COMMAND_ERRORS,
    body=bodies.Pause,
)
def pause(office: str, n: int, body: bodies.Pause) -> ResponseReturnValue:
    return _counter_state(office, n, "paused", body.reason)


@api.post("/offices/<office>/counters/<int:n>/resume")
@contract(
    "Open a paused counter again",
    {200: answers.Anything},
    errors=COMMAND_ERRORS,
    body=bodies.Empty,
)
def resume(office: str, n: int, body: bodies.Empty) -> ResponseReturnValue:
    return _counter_state(office, n, "open", None)


def _counter_state(
    office: str, n: int, state: str, reason: str | None
) -> ResponseReturnValue:
    actor = current_actor()
    return jsonify(
        run(
            lambda s: commands.set_counter_state(
                s, actor, clock(), office, n, state, reason
            )
        )
    )


@api.post(
    "/tickets/<ticket_id>/"
    "<any(recall, start, finish, 'no-show', return, cancel):action>"
)
@contract(
    "A state change: recall, start, finish, no-show, return (a no-show back within "
    "the grace period) or cancel; 409 when the state machine forbids it",
    {200: answers.Ticket},
    errors=COMMAND_ERRORS,
    body=bodies.Empty,
    idempotent=True,
)
def ticket_action(
    ticket_id: str, action: str, body: bodies.Empty
) -> ResponseReturnValue:
    actor = current_actor()
    return _command(
        lambda: run(
            lambda s: commands.ticket_action(s, actor, clock(), action, ticket_id)
        )
    )


@api.post("/tickets/<ticket_id>/transfer")
@contract(
    "Transfer to another field or counter",
    {200: answers.Ticket},
    errors=COMMAND_ERRORS,
    body=bodies.Transfer,
    idempotent=True,
)
def transfer(ticket_id: str, body: bodies.Transfer) -> ResponseReturnValue:
    actor = current_actor()
    return _command(
        lambda: run(
            lambda s: commands.transfer(
                s, actor, clock(), ticket_id, body.service, body.counter, body.note
            )
        )
    )


@api.post("/tickets/<ticket_id>/priority")
@contract(
    "Give a waiting ticket a priority class, or take it away",
    {200: answers.Ticket},
    errors=COMMAND_ERRORS,
    body=bodies.Priority,
    idempotent=True,
)
def priority(ticket_id: str, body: bodies.Priority) -> ResponseReturnValue:
    actor = current_actor()
    return _command(
        lambda: run(
            lambda s: commands.mark_priority(
                s, actor, clock(), ticket_id, body.priority
            )
        )
    )
