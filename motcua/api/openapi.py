"""The OpenAPI 3.1 description of REST API v1, served at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

ERROR = {"$ref": "#/components/schemas/Error"}
TICKET = {"$ref": "#/components/schemas/Ticket"}
NULLABLE_STR = {"type": ["string", "null"]}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    return {str(c): {"description": "error", **_json(ERROR)} for c in codes}


def _path_param(name: str, kind: str = "string") -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": kind}}


def _body(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    schema = {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    return {"required": bool(required), **_json(schema)}


def _ticket_op(summary: str, extra_params: list[Any] | None = None) -> dict[str, Any]:
    return {
        "summary": summary,
        "security": [{"bearer": []}],
        "parameters": [_path_param("ticket_id"), *(extra_params or [])],
        "responses": {
            "200": {"description": "the ticket", **_json(TICKET)},
            **_errors(400, 401, 403, 404, 409),
        },
    }


def _counter_op(summary: str, body: dict[str, Any] | None) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "security": [{"bearer": []}],
        "parameters": [_path_param("office"), _path_param("n", "integer")],
        "responses": {
            "200": {"description": "the called ticket", **_json(TICKET)},
            "204": {"description": "nobody waits"},
            **_errors(400, 401, 403, 404, 409),
        },
    }
    if body is not None:
        op["requestBody"] = body
    return op


SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                },
            }
        },
    },
    "Counter": {
        "type": ["object", "null"],
        "properties": {"number": {"type": "integer"}, "name": {"type": "string"}},
    },
    "Ticket": {
        "type": "object",
        "required": ["id", "number", "office", "service", "status", "issued_at"],
        "properties": {
            "id": {"type": "string"},
            "number": {"type": "string"},
            "office": {"type": "string"},
            "service": {"type": "object"},
            "priority": NULLABLE_STR,
            "status": {
                "enum": [
                    "waiting",
                    "called",
                    "serving",
                    "done",
                    "no_show",
                    "cancelled",
                    "transferred",
                ]
            },
            "ahead": {"type": "integer"},
            "estimated_wait_s": {"type": ["integer", "null"]},
            "counter": {"$ref": "#/components/schemas/Counter"},
            "issued_at": {"type": "string", "format": "date-time"},
            "called_at": NULLABLE_STR,
            "status_url": {"type": "string"},
        },
    },
}


def _paths() -> dict[str, Any]:
    office = _path_param("office")
    ticket_actions = {
        f"/tickets/{{ticket_id}}/{name}": {"post": _ticket_op(summary)}
        for name, summary in [
            ("recall", "Announce a called ticket again"),
            ("start", "Begin serving a called ticket"),
            ("finish", "Finish serving"),
            ("no-show", "The called citizen did not come"),
            ("return", "A no-show returns to the queue within the grace period"),
            ("cancel", "Withdraw a ticket"),
        ]
    }
    return {
        "/auth/token": {
            "post": {
                "summary": "A staff bearer token",
                "requestBody": _body(
                    {"username": {"type": "string"}, "password": {"type": "string"}},
                    ["username", "password"],
                ),
                "responses": {
                    "200": {"description": "token", **_json({"type": "object"})},
                    **_errors(400, 403),
                },
            }
        },
        "/offices/{office}/services": {
            "get": {
                "summary": "Fields with people waiting and estimated waits",
                "security": [{"bearer": []}],
                "parameters": [office],
                "responses": {
                    "200": {"description": "services", **_json({"type": "object"})},
                    **_errors(401, 403, 404),
                },
            }
        },
        "/offices/{office}/tickets": {
            "post": {
                "summary": "Take a number",
                "security": [{"bearer": []}],
                "parameters": [
                    office,
                    {
                        "name": "Idempotency-Key",
                        "in": "header",
                        "schema": {"type": "string", "maxLength": 100},
                    },
                ],
                "requestBody": _body(
                    {
                        "service": {"type": "string", "maxLength": 16},
                        "priority": {"type": ["string", "null"], "maxLength": 32},
                        "lang": {"enum": ["vi", "en", None]},
                        "person_id": {"type": ["string", "null"], "maxLength": 40},
                        "consent": {"type": ["boolean", "null"]},
                    },
                    ["service"],
                ),
                "responses": {
                    "201": {"description": "the ticket", **_json(TICKET)},
                    **_errors(400, 401, 403, 404, 409),
                },
            }
        },
        "/tickets/{ticket_id}": {
            "get": {
                "summary": "A ticket, for anyone holding its id",
                "parameters": [_path_param("ticket_id")],
                "responses": {
                    "200": {"description": "the ticket", **_json(TICKET)},
                    **_errors(404),
                },
            }
        },
        "/offices/{office}/snapshot": {
            "get": {
                "summary": "Now serving per counter, recent calls, waiting per field",
                "security": [{"bearer": []}],
                "parameters": [office],
                "responses": {
                    "200": {"description": "snapshot", **_json({"type": "object"})},
                    **_errors(401, 403, 404),
                },
            }
        },
        "/offices/{office}/counters/{n}/call-next": {
            "post": _counter_op("Call the next citizen", None)
        },
        "/offices/{office}/counters/{n}/call": {
            "post": _counter_op(
                "Call a given ticket (logged with a reason)",
                _body(
                    {
                        "ticket": {"type": "string"},
                        "reason": {"type": ["string", "null"]},
                    },
                    ["ticket"],
                ),
            )
        },
        **ticket_actions,
        "/tickets/{ticket_id}/transfer": {
            "post": {
                **_ticket_op("Transfer to another field or counter"),
                "requestBody": _body(
                    {
                        "service": {"type": ["string", "null"]},
                        "counter": {"type": ["integer", "null"]},
                        "note": {"type": ["string", "null"]},
                    },
                    [],
                ),
            }
        },
    }


def document() -> dict[str, Any]:
    """The whole OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "motcua API", "version": "1.0.0"},
        "servers": [{"url": "/api/v1"}],
        "paths": _paths(),
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
