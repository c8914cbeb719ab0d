"""Pairing a screen by a short code: the screen's page and the admin's API call."""

from __future__ import annotations

from typing import Any

from flask import jsonify, make_response, render_template, request
from flask.typing import ResponseReturnValue

from display import messages  # noqa: F401  (registers the face's words)
from display.blueprint import display
from motcua.api import answers, bodies
from motcua.api.contract import contract
from motcua.core import pairing
from motcua.core.db import Session
from motcua.core.lookup import office_by_slug
from motcua.devices import TEN_YEARS
from motcua.ratelimit import by_address, limited
from motcua.web import DEVICE_COOKIE, ApiError, clock, current_actor, run

PAIRING_COOKIE = "motcua_pairing"
POLL_MS = 2000
FACES = {"display": "/o/{office}/display", "kiosk": "/o/{office}/kiosk"}


def face_url(result: pairing.Claim) -> str:
    """Where a freshly paired screen goes."""
    if result.kind == "rating" and result.counter:
        return f"/o/{result.office}/rating/{result.counter}"
    return FACES.get(str(result.kind), "/").format(office=result.office)


@display.get("/pair")
@limited("pair", by_address)
def pair_page() -> ResponseReturnValue:
    secret = request.cookies.get(PAIRING_COOKIE)

    def op(session: Session) -> tuple[tuple[str, str, int], list[Any]]:
        found = pairing.request_for_secret(session, secret)
        if found is not None and pairing.is_open(found, clock()):
            new_secret = secret
        else:
            found, new_secret = pairing.start_pairing(session, clock())
        left = int((found.expires_at - clock().now()).total_seconds())
        return (found.code, str(new_secret), left), []

    code, new_secret, left = run(op)
    response = make_response(
        render_template("display/pair.html", code=code, left=left, poll_ms=POLL_MS)
    )
    response.cache_control.no_store = True
    response.set_cookie(
        PAIRING_COOKIE, new_secret, max_age=left, httponly=True, samesite="Strict"
    )
    return response


@display.post("/pair/start")
def pair_start() -> ResponseReturnValue:
    """A program with no screen (the print agent) asks for a code to print."""
    found, secret = run(lambda s: (pairing.start_pairing(s, clock()), []))
    left = int((found.expires_at - clock().now()).total_seconds())
    return jsonify({"code": found.code, "secret": secret, "left_s": left}), 201


@display.post("/pair/claim")
def pair_claim() -> ResponseReturnValue:
    body = request.get_json(silent=True) if request.is_json else None
    held = body.get("secret") if isinstance(body, dict) else None
    secret = held if isinstance(held, str) else request.cookies.get(PAIRING_COOKIE)
    result = run(lambda s: (pairing.claim(s, clock(), secret), []))
    if result.status != "paired":
        return jsonify({"status": result.status})
    if held:  # a program: the token in the answer, no cookie
        return jsonify({"status": "paired", "token": result.token})
    response = jsonify({"status": "paired", "url": face_url(result)})
    response.set_cookie(
        DEVICE_COOKIE,
        str(result.token),
        max_age=TEN_YEARS,
        httponly=True,
        samesite="Strict",
    )
    response.delete_cookie(PAIRING_COOKIE)
    return response


@display.post("/api/v1/offices/<office>/devices/pair")
@contract(
    "Bind the screen showing a pairing code (admin)",
    {201: answers.Device},
    errors=(400, 401, 403, 404),
    body=bodies.PairDevice,
)
def pair_device(office: str, body: bodies.PairDevice) -> ResponseReturnValue:
    actor = current_actor()
    zone = body.counters
    if zone is not None and (
        len(zone) > 100 or not all(type(n) is int and 0 < n < 10000 for n in zone)
    ):
        raise ApiError(400, "bad_zone")

    def op(session: Session) -> tuple[dict[str, Any], list[Any]]:
        found = office_by_slug(session, office)
        device, events = pairing.pair_device(
            session,
            found,
            actor,
            clock(),
            body.code,
            body.kind,
            body.name,
            counter=body.counter,
            zone=zone,
        )
        view = {"id": device.id, "kind": device.kind, "name": device.name}
        return {"device": {**view, "settings": device.settings}}, events

    return jsonify(run(op)), 201
