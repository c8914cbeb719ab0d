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


# A retried request with the same key gets the first answer instead of a second effect.
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "schema": {"type": "string", "minLength": 1, "maxLength": 100},
}


def _ticket_op(summary: str, idempotent: bool = True) -> dict[str, Any]:
    return {
        "summary": summary,
        "security": [{"bearer": []}],
        "parameters": [_path_param("ticket_id"), *([IDEMPOTENCY_KEY] * idempotent)],
        "responses": {
            "200": {"description": "the ticket", **_json(TICKET)},
            **_errors(400, 401, 403, 404, 409),
        },
    }


# What became of the citizen still at the counter: the ticket and its outcome.
CURRENT = {
    "type": ["object", "null"],
    "properties": {
        "ticket": {"type": "string", "maxLength": 64},
        "outcome": {"enum": ["finished", "no_show"]},
    },
    "required": ["ticket", "outcome"],
    "additionalProperties": False,
}


def _counter_op(summary: str, body: dict[str, Any] | None) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "security": [{"bearer": []}],
        "parameters": [
            _path_param("office"),
            _path_param("n", "integer"),
            IDEMPOTENCY_KEY,
        ],
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
                ]
            },
            "ahead": {"type": "integer"},
            "estimated_wait_s": {
                "type": ["integer", "null"],
                "description": "null: no staffed counter serves the field",
            },
            "staffed": {"type": "boolean"},
            "called_before": {"type": "boolean"},
            "counter": {"$ref": "#/components/schemas/Counter"},
            "issued_at": {"type": "string", "format": "date-time"},
            "called_at": NULLABLE_STR,
            "status_url": {"type": "string"},
            "status_text": {
                "type": "string",
                "description": "what the citizen reads, in the Accept-Language",
            },
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
                "parameters": [office, IDEMPOTENCY_KEY],
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
            "post": _counter_op(
                "Call the next citizen; 409 while the counter's citizen is still "
                "called or served, unless `current` names that ticket and its "
                "outcome",
                _body({"current": CURRENT}, []),
            )
        },
        "/offices/{office}/counters/{n}/call": {
            "post": _counter_op(
                "Call a given ticket (logged with a reason)",
                _body(
                    {
                        "ticket": {"type": "string"},
                        "reason": {"type": ["string", "null"]},
                        "current": CURRENT,
                    },
                    ["ticket"],
                ),
            )
        },
        "/offices/{office}/devices/pair": {
            "post": {
                "summary": "Bind the screen showing a pairing code (admin)",
                "security": [{"bearer": []}],
                "parameters": [office],
                "requestBody": _body(
                    {
                        "code": {"type": "string", "maxLength": 20},
                        "kind": {"enum": ["kiosk", "display", "rating", "printer"]},
                        "name": {"type": "string", "maxLength": 100},
                        "counter": {"type": ["integer", "null"]},
                        "counters": {"type": ["array", "null"], "maxItems": 100},
                    },
                    ["code", "kind", "name"],
                ),
                "responses": {
                    "201": {"description": "the device", **_json({"type": "object"})},
                    **_errors(400, 401, 403, 404),
                },
            }
        },
        **ticket_actions,
        **_printer_paths(office),
        "/offices/{office}/reports/daily": {
            "get": {
                "summary": "The day's figures (API.md); format=csv or xlsx for a file",
                "security": [{"bearer": []}],
                "parameters": [
                    office,
                    {
                        "name": "date",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "format": "date"},
                    },
                    {
                        "name": "format",
                        "in": "query",
                        "schema": {"enum": ["json", "csv", "xlsx"]},
                    },
                ],
                "responses": {
                    "200": {"description": "the report", **_json({"type": "object"})},
                    **_errors(400, 401, 403, 404),
                },
            }
        },
        "/tickets/{ticket_id}/priority": {
            "post": {
                **_ticket_op("Give a waiting ticket a priority class, or take it away"),
                "requestBody": _body(
                    {"priority": {"type": ["string", "null"], "maxLength": 32}}, []
                ),
            }
        },
        "/tickets/{ticket_id}/transfer": {
            "post": {
                **_ticket_op("Transfer to another field or counter"),
                "requestBody": _body(
                    {
                        "service": {"type": ["string", "null"]},
                        "counter": {"type": ["integer", "null"]},
                        "note": {"type": ["string", "null"], "maxLength": 500},
                    },
                    [],
                ),
            }
        },
    }


def _get(summary: str, params: list[Any], codes: tuple[int, ...]) -> dict[str, Any]:
    return {
        "summary": summary,
        "parameters": params,
        "responses": {
            "200": {"description": "ok", **_json({"type": "object"})},
            **_errors(*codes),
        },
    }


def _kiosk_paths() -> dict[str, Any]:
    """The kiosk face's routes: look-ups, the procedure guide, help, priority."""
    office, code = _path_param("office"), _path_param("code")
    query = {"name": "q", "in": "query", "schema": {"type": "string"}}
    secured = {"security": [{"bearer": []}]}
    dossier_body = _body(
        {
            "status": {
                "enum": [
                    "received",
                    "processing",
                    "supplement",
                    "ready",
                    "returned",
                    "rejected",
                    "overdue",
                ]
            },
            "procedure": NULLABLE_STR,
            "note": NULLABLE_STR,
            "due_date": {"type": ["string", "null"], "format": "date"},
        },
        ["status"],
    )
    return {
        "/offices/{office}/tickets/by-number/{number}": {
            "get": {
                **_get(
                    "Today's ticket with this number",
                    [office, _path_param("number", "integer")],
                    (401, 403, 404),
                ),
                **secured,
            }
        },
        "/offices/{office}/dossiers/{code}": {
            "get": {
                **_get(
                    "A dossier's status (built-in table or the office's HTTP source)",
                    [office, code],
                    (400, 401, 403, 404, 503),
                ),
                **secured,
            },
            "put": {
                **_get(
                    "Staff record a dossier's status", [office, code], (400, 401, 403)
                ),
                **secured,
                "requestBody": dossier_body,
            },
        },
        "/offices/{office}/dossiers/import": {
            "post": {
                **_get(
                    "Import dossier statuses from CSV (code,status,procedure,"
                    "note,due_date)",
                    [office],
                    (400, 401, 403),
                ),
                **secured,
                "requestBody": {
                    "content": {"text/csv": {"schema": {"type": "string"}}}
                },
            }
        },
        "/offices/{office}/procedures": {
            "get": _get(
                "The procedure guide, searched without diacritics",
                [office, query],
                (404,),
            )
        },
        "/offices/{office}/help": {
            "post": {
                **_get(
                    "A citizen needs help: alerts staff (help.requested)",
                    [office],
                    (400, 401, 403, 404),
                ),
                **secured,
                "requestBody": _body({"note": NULLABLE_STR}, []),
            }
        },
        "/offices/{office}/assistant": {
            "get": {
                **_get(
                    "The fields and procedures answering a citizen's question "
                    "(offline matching), best first: {answers: [{service: {code, "
                    "name}, procedure or null, score}]}",
                    [
                        office,
                        {
                            "name": "q",
                            "in": "query",
                            "required": True,
                            "schema": {
                                "type": "string",
                                "minLength": 1,
                                "maxLength": 300,
                            },
                        },
                    ],
                    (400, 401, 403, 404),
                ),
                **secured,
            }
        },
        "/offices/{office}/priority-requests": {
            "post": {
                "summary": "A number now and a request that staff confirm its "
                "priority class (help.requested with the ticket)",
                **secured,
                "parameters": [office, IDEMPOTENCY_KEY],
                "requestBody": _body(
                    {
                        "service": {"type": "string"},
                        "priority": {"type": "string"},
                        "lang": {"enum": ["vi", "en", None]},
                    },
                    ["service", "priority"],
                ),
                "responses": {
                    "201": {
                        "description": "the ticket and the request",
                        **_json(TICKET),
                    },
                    **_errors(400, 401, 403, 404, 409),
                },
            }
        },
        "/offices/{office}/priority-tickets": {
            "post": {
                "summary": "A priority number granted by a helper's PIN on the kiosk",
                **secured,
                "parameters": [office],
                "requestBody": _body(
                    {
                        "service": {"type": "string"},
                        "priority": {"type": "string"},
                        "pin": {"type": "string"},
                        "lang": {"enum": ["vi", "en", None]},
                    },
                    ["service", "priority", "pin"],
                ),
                "responses": {
                    "201": {"description": "the ticket", **_json(TICKET)},
                    **_errors(400, 401, 403, 404, 409),
                },
            }
        },
    }


def _counter_paths() -> dict[str, Any]:
    """The counter face's routes: console state, dossier codes, ratings."""
    office, n = _path_param("office"), _path_param("n", "integer")
    secured = {"security": [{"bearer": []}]}
    return {
        "/offices/{office}/counters/mine": {
            "get": {
                **_get("Counters the staff member may work at", [office], (401, 403)),
                **secured,
            }
        },
        "/offices/{office}/counters/{n}/console": {
            "get": {
                **_get(
                    "A console's state: current ticket, queue, counts, history",
                    [office, n],
                    (401, 403, 404),
                ),
                **secured,
            }
        },
        "/tickets/{ticket_id}/dossier-code": {
            "post": {
                **_ticket_op("Enter the dossier code of the citizen served", False),
                "requestBody": _body({"code": {"type": "string"}}, ["code"]),
            }
        },
        "/tickets/{ticket_id}/rating": {
            "post": {
                "summary": "The citizen's rating, from the counter's rating device",
                **secured,
                "parameters": [_path_param("ticket_id")],
                "requestBody": _body(
                    {
                        "score": {"type": "integer", "minimum": 1, "maximum": 5},
                        "reasons": {"type": ["array", "null"]},
                    },
                    ["score"],
                ),
                "responses": {
                    "201": {"description": "the rating", **_json({"type": "object"})},
                    **_errors(400, 401, 403, 404, 409),
                },
            }
        },
    }


def _printer_paths(office: dict[str, Any]) -> dict[str, Any]:
    """Print jobs (printer/views.py): reprint, the job list, printer settings."""
    device = [office, _path_param("device_id", "integer")]
    obj = _json({"type": "object"})

    def op(summary: str, params: list[Any], ok: str, body: Any = None) -> Any:
        spec = {"summary": summary, "security": [{"bearer": []}], "parameters": params}
        spec["responses"] = {ok: {"description": summary, **obj}}
        spec["responses"] |= _errors(400, 401, 403, 404, 409)
        return spec | ({"requestBody": body} if body else {})

    printer = {"printer": {"type": ["object", "null"]}}
    return {
        "/tickets/{ticket_id}/reprint": {
            "post": op("Print a ticket again", [_path_param("ticket_id")], "202")
        },
        "/offices/{office}/print-jobs": {
            "get": op("Latest print jobs and printer status (staff)", [office], "200")
        },
        "/offices/{office}/devices/{device_id}/printer": {
            "post": op(
                "Set a kiosk's printer (admin)", device, "200", _body(printer, [])
            )
        },
        "/offices/{office}/devices/{device_id}/printer/test": {
            "post": op("Print the test page (admin)", device, "200")
        },
    }


def document() -> dict[str, Any]:
    """The whole OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "motcua API", "version": "1.0.0"},
        "servers": [{"url": "/api/v1"}],
        "paths": {**_paths(), **_kiosk_paths(), **_counter_paths()},
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
