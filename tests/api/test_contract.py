"""One contract: every /api/v1 route is in the OpenAPI document, and the models
behind it check requests with the API's errors, in Vietnamese and English."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from motcua.api.contract import contract
from motcua.services import app_services
from tests.conftest import bearer, staff_token

PREFIX = "/api/v1"
ARGUMENT = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")


def documented_paths(rule: str) -> list[str]:
    """A werkzeug rule as the OpenAPI paths that describe it, read independently
    of the generator: `<int:n>` is `{n}`, `<any(a, b):x>` is one path per choice."""
    match = next((m for m in ARGUMENT.finditer(rule) if m[1] == "any"), None)
    if match is not None:
        choices = [c.strip(" '\"") for c in match[2].split(",")]
        return [p for c in choices for p in documented_paths(rule.replace(match[0], c))]
    return [ARGUMENT.sub(r"{\3}", rule)[len(PREFIX) :]]


def undocumented(app: Flask) -> list[str]:
    """Every route and method of /api/v1 the served document leaves out."""
    document = app.test_client().get(PREFIX + "/openapi.json").get_json()
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIX + "/"):
            continue
        for path in documented_paths(rule.rule):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                if method.lower() not in document["paths"].get(path, {}):
                    missing.append(f"{method} {path}")
    return missing


def test_every_api_route_and_method_is_in_the_document(app):
    assert undocumented(app) == []
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith(PREFIX + "/")]
    assert len(rules) > 30  # the faces' routes are in the map, not only the api's


def test_a_route_without_a_contract_is_found(app):
    app.add_url_rule(PREFIX + "/planted/<int:n>", "planted", lambda n: "")
    app.add_url_rule(PREFIX + "/half", "half", lambda: "", methods=["GET", "DELETE"])
    documented = contract("Documented", {200: None}, auth=None)(lambda: "")
    app.add_url_rule(PREFIX + "/documented", "documented", documented)
    assert sorted(undocumented(app)) == [
        "DELETE /half",
        "GET /half",
        "GET /planted/{n}",
    ]


def test_the_document_describes_the_checks(client):
    document = client.get(PREFIX + "/openapi.json").get_json()
    ticket = document["paths"]["/offices/{office}/tickets"]["post"]
    schema = document["components"]["schemas"]["NewTicket"]
    assert ticket["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/NewTicket"
    }
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["service"]
    assert schema["properties"]["service"]["maxLength"] == 16
    pause = document["paths"]["/offices/{office}/counters/{n}/pause"]["post"]
    assert pause["security"] == [{"bearer": []}]
    assert {"no-show", "return", "cancel"} <= {
        p.rsplit("/", 1)[1] for p in document["paths"] if p.startswith("/tickets/")
    }


BAD_TICKETS: list[tuple[dict[str, Any], str, dict[str, str]]] = [
    ({}, "invalid_field", {"field": "service", "reason": "required"}),
    ({"service": None}, "invalid_field", {"field": "service", "reason": "required"}),
    ({"service": 5}, "invalid_field", {"field": "service", "reason": "wrong type"}),
    ({"service": True}, "invalid_field", {"field": "service", "reason": "wrong type"}),
    ({"service": ""}, "invalid_field", {"field": "service", "reason": "length"}),
    ({"service": "C" * 17}, "invalid_field", {"field": "service", "reason": "length"}),
    (
        {"service": "C\x00"},
        "invalid_field",
        {"field": "service", "reason": "characters"},
    ),
    (
        {"service": "CT", "lang": "fr"},
        "invalid_field",
        {"field": "lang", "reason": "not allowed"},
    ),
    ({"service": "CT", "colour": "red"}, "unknown_field", {"field": "colour"}),
]


@pytest.mark.parametrize(("body", "code", "params"), BAD_TICKETS)
def test_bad_bodies_get_the_api_error_in_both_languages(
    client, api_world, body, code, params
):
    path = PREFIX + "/offices/demo/tickets"
    headers = bearer(api_world.kiosk_token)
    vi = client.post(path, json=body, headers=headers)
    en = client.post(path, json=body, headers={**headers, "Accept-Language": "en"})
    assert vi.status_code == en.status_code == 400
    assert vi.get_json()["error"]["code"] == en.get_json()["error"]["code"] == code
    field = params["field"]
    if code == "unknown_field":
        assert vi.get_json()["error"]["message"] == f"Không nhận trường '{field}'."
        assert en.get_json()["error"]["message"] == f"Unknown field '{field}'."
    else:
        reason = params["reason"]
        assert vi.get_json()["error"]["message"] == (
            f"Trường '{field}' không hợp lệ: {reason}."
        )
        assert en.get_json()["error"]["message"] == (
            f"Field '{field}' is not valid: {reason}."
        )
    waiting = client.get(PREFIX + "/offices/demo/services", headers=headers)
    assert all(s["waiting"] == 0 for s in waiting.get_json()["services"])


def test_the_caller_is_checked_before_the_body(client, api_world):
    path = PREFIX + "/offices/demo/counters/1/pause"
    anonymous = client.post(path, json={"reason": 5})
    assert anonymous.status_code == 401
    staff = bearer(staff_token(client))
    wrong = client.post(path, json={"reason": 5}, headers=staff)
    assert wrong.get_json()["error"] == {
        "code": "invalid_field",
        "message": "Trường 'reason' không hợp lệ: wrong type.",
    }


def test_a_nested_field_is_named_by_its_path(client, api_world):
    path = PREFIX + "/offices/demo/counters/1/call-next"
    staff = bearer(staff_token(client))
    body = {"current": {"ticket": "x", "outcome": "served"}}
    answer = client.post(path, json=body, headers=staff).get_json()
    assert answer["error"]["code"] == "invalid_field"
    assert "'current.outcome'" in answer["error"]["message"]


def _console(app, client):  # type: ignore[no-untyped-def]
    socketio = app_services(app).realtime.socketio
    auth = {"office": "demo", "token": staff_token(client), "counter": 1}
    console = socketio.test_client(app, namespace="/counter", auth=auth)
    assert console.is_connected("/counter")
    return console


@pytest.mark.parametrize(
    ("args", "rest_path", "rest_body"),
    [
        ({"reason": 5}, "/offices/demo/counters/1/pause", {"reason": 5}),
        ({"reason": "x", "colour": 1}, "/offices/demo/counters/1/pause", None),
        ({"reason": "a\x00b"}, "/offices/demo/counters/1/pause", None),
    ],
)
def test_console_commands_are_read_through_the_same_models(
    app, client, api_world, args, rest_path, rest_body
):
    console = _console(app, client)
    command = {"id": "c-1", "action": "pause", **args}
    socket = console.emit("command", command, namespace="/counter", callback=True)
    rest = client.post(
        PREFIX + rest_path,
        json=args if rest_body is None else rest_body,
        headers=bearer(staff_token(client)),
    )
    assert socket["ok"] is False
    assert socket["error"] == rest.get_json()["error"]
    state = console.emit(
        "command", {"action": "state"}, namespace="/counter", callback=True
    )
    assert state["result"]["counter"]["state"] != "paused"  # nothing changed
