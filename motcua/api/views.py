"""REST API v1: parse, call an operation, serialize."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from motcua import commands
from motcua.api.openapi import document
from motcua.api.validate import Field, validated
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

NAME = Field(str, max_len=100)
# What became of the counter's current citizen; checked in motcua.commands.
CURRENT = Field(dict)
TICKET_BODY = {
    "service": Field(str, required=True, max_len=16),
    "priority": Field(str, max_len=32),
    "lang": Field(str, choices=("vi", "en")),
    "person_id": Field(str, max_len=40),
    "consent": Field(bool),
}


def with_status_url(view: dict[str, Any] | None) -> dict[str, Any] | None:
    """A ticket's answer: its status page's address and what it says to the citizen,
    in the language asked for."""
    if view is not None:
        base = public_base_of(view["office"])
        view["status_url"] = address.ticket_link(base, view["id"])
        view["status_text"] = ticket_status_text(view, lang())
    return view


@api.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(document())


@api.post("/auth/token")
def token() -> ResponseReturnValue:
    body = validated(
        {"username": Field(str, required=True), "password": Field(str, required=True)}
    )
    check_login(body["username"][:80])
    # The slow password check reads only: it never holds the write lock.
    user_id = read(
        lambda s: auth.check_password(s, body["username"], body["password"]).id
    )

    def op(session: Session) -> Written[str]:
        return auth.issue_staff_token(
            session, clock(), auth.active_user(session, user_id)
        ), []

    return jsonify({"token": run(op)})


@api.post("/auth/logout")
def logout() -> ResponseReturnValue:
    actor = current_actor()
    validated({})
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
def services(office: str) -> ResponseReturnValue:
    actor = current_actor()

    def op(session: Session) -> list[dict[str, Any]]:
        found = office_by_slug(session, office)
        require_device_or_role(actor, found, ("kiosk", "display", "rating"))
        return services_view(session, found, clock(), lang())

    return jsonify({"services": read(op)})


@api.post("/offices/<office>/tickets")
@limited("issue", by_token)
def create_ticket(office: str) -> ResponseReturnValue:
    actor = current_actor()
    body = validated(TICKET_BODY)
    if body["person_id"] and body["consent"] is not True:
        raise ApiError(400, "invalid_field", field="consent", reason="required")
    key = idempotency_key()
    req = tickets.IssueRequest(
        service=body["service"],
        priority=body["priority"],
        lang=body["lang"] or "vi",
        person_id=body["person_id"],
        idempotency_key=key,
        channel="kiosk" if actor.kind == "device" else "staff",
    )

    def op(session: Session) -> Written[dict[str, Any] | None]:
        found = office_by_slug(session, office)
        outcome = tickets.issue_ticket(session, found, actor, clock(), req)
        return outcome.view(session, found), outcome.events

    return jsonify(with_status_url(run(op))), 201


@api.get("/tickets/<ticket_id>")
def get_ticket(ticket_id: str) -> ResponseReturnValue:
    def op(session: Session) -> dict[str, Any]:
        found, ticket = ticket_by_id(session, ticket_id)
        return ticket_view(session, found, ticket, now=clock().now())

    return jsonify(with_status_url(read(op)))


@api.get("/offices/<office>/snapshot")
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
def call_next(office: str, n: int) -> ResponseReturnValue:
    actor = current_actor()
    body = validated({"current": CURRENT})
    return _command(
        lambda: run(
            lambda s: commands.call_next(s, actor, clock(), office, n, body["current"])
        )
    )


@api.post("/offices/<office>/counters/<int:n>/call")
def call_ticket(office: str, n: int) -> ResponseReturnValue:
    actor = current_actor()
    body = validated(
        {
            "ticket": Field(str, required=True, max_len=64),
            "reason": NAME,
            "current": CURRENT,
        }
    )
    return _command(
        lambda: run(
            lambda s: commands.call_ticket(
                s,
                actor,
                clock(),
                office,
                n,
                body["ticket"],
                body["reason"],
                body["current"],
            )
        )
    )


@api.post("/offices/<office>/counters/<int:n>/pause")
def pause(office: str, n: int) -> ResponseReturnValue:
    actor = current_actor()
    body = validated({"reason": Field(str, required=True)})
    return jsonify(
        run(
            lambda s: commands.set_counter_state(
                s, actor, clock(), office, n, "paused", body["reason"]
            )
        )
    )


@api.post("/offices/<office>/counters/<int:n>/resume")
def resume(office: str, n: int) -> ResponseReturnValue:
    actor = current_actor()
    validated({})
    return jsonify(
        run(
            lambda s: commands.set_counter_state(
                s, actor, clock(), office, n, "open", None
            )
        )
    )


@api.post(
    "/tickets/<ticket_id>/"
    "<any(recall, start, finish, 'no-show', return, cancel):action>"
)
def ticket_action(ticket_id: str, action: str) -> ResponseReturnValue:
    actor = current_actor()
    validated({})
    return _command(
        lambda: run(
            lambda s: commands.ticket_action(s, actor, clock(), action, ticket_id)
        )
    )


@api.post("/tickets/<ticket_id>/transfer")
def transfer(ticket_id: str) -> ResponseReturnValue:
    actor = current_actor()
    body = validated(
        {
            "service": Field(str, max_len=16),
            "counter": Field(int, minimum=0, maximum=9999),
            "note": Field(str, max_len=500),
        }
    )
    return _command(
        lambda: run(
            lambda s: commands.transfer(
                s,
                actor,
                clock(),
                ticket_id,
                body["service"],
                body["counter"],
                body["note"],
            )
        )
    )


@api.post("/tickets/<ticket_id>/priority")
def priority(ticket_id: str) -> ResponseReturnValue:
    actor = current_actor()
    body = validated({"priority": Field(str, max_len=32)})
    return _command(
        lambda: run(
            lambda s: commands.mark_priority(
                s, actor, clock(), ticket_id, body["priority"]
            )
        )
    )
